// Expressions of interest in a profile, kept by the server (/api/v1/interests, token holders
// only): who is interested, how to reach them, their message; the profile's owner accepts or
// declines them.
import { api, listAll, type MLText, type RecordBase } from './api';

export interface Interest extends RecordBase {
  profile: number;
  organisation?: number;
  name: string;
  email: string;
  message: MLText;
  status: 'new' | 'accepted' | 'declined' | 'withdrawn' | string;
}

/** The interests received by a profile, newest first. */
export async function interestsFor(profile: number, signal?: AbortSignal): Promise<Interest[]> {
  const items = await listAll<Interest>('interests', { profile }, signal);
  return items.sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
}

/** Accept, decline (or reopen) an interest; If-Match guards against a change made meanwhile. */
export function setInterestStatus(i: Pick<Interest, 'id' | 'version'>, status: Interest['status']): Promise<Interest> {
  return api<Interest>(`interests/${i.id}`, { method: 'PATCH', body: { status }, ifMatch: i.version });
}

/** The actions offered on an interest in a given status. */
export function interestActions(status: string): ('accepted' | 'declined' | 'new')[] {
  switch (status) {
    case 'new': return ['accepted', 'declined'];
    case 'accepted': return ['declined'];
    case 'declined': return ['accepted'];
    default: return [];
  }
}
