// The API token lives in sessionStorage: it is gone when the tab closes.
const KEY = 'hoptac.token';
let memory: string | null = null;
const listeners = new Set<() => void>();

export function getToken(): string {
  try {
    return sessionStorage.getItem(KEY) ?? memory ?? '';
  } catch {
    return memory ?? '';
  }
}

export function setToken(token: string): void {
  const v = token.trim();
  memory = v || null;
  try {
    if (v) sessionStorage.setItem(KEY, v);
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage blocked: keep it in memory for this page
  }
  listeners.forEach((l) => l());
}

export function onTokenChange(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
