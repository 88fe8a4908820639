// Downloads of what the API returns (an export of personal data, the audit trail) as a file:
// fetched with the session or token like any call, then saved through a blob: URL, which the
// Content-Security-Policy allows (no inline script, no new window).
import { apiResponse, type Query } from './api';

export async function downloadFile(path: string, filename: string, query?: Query): Promise<void> {
  const res = await apiResponse(path, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.rel = 'noopener';
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}

/** "hoptac-my-data-2026-11-25.json" */
export function datedName(stem: string, ext: string, now = new Date()): string {
  return `hoptac-${stem}-${now.toISOString().slice(0, 10)}.${ext}`;
}
