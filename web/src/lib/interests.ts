// Expressions of interest, kept on this device until the API has an endpoint for them.
export interface Interest {
  profile: number;
  title: string;
  name: string;
  email: string;
  organisation: string;
  message: string;
  at: string;
}

const KEY = 'hoptac.interests';

export function loadInterests(): Interest[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export function saveInterest(i: Interest): void {
  const all = loadInterests().filter((x) => !(x.profile === i.profile && x.email === i.email));
  all.push(i);
  try {
    localStorage.setItem(KEY, JSON.stringify(all.slice(-50)));
  } catch {
    // storage full or blocked: the mailto link still works
  }
}

export function mailtoFor(i: Interest, subject: string, profileUrl: string): string {
  const body = `${i.message}\n\n${i.name}${i.organisation ? `, ${i.organisation}` : ''}\n${i.email}\n\n${profileUrl}`;
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
