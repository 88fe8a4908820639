// Organisation names are needed on almost every page (parties, suppliers, adopters): one request
// per organisation, cached for the page's life and shared between components asking at once.
import { api, type Organisation } from './api';

const cache = new Map<number, Promise<Organisation>>();

export function getOrganisation(id: number): Promise<Organisation> {
  let p = cache.get(id);
  if (!p) {
    p = api<Organisation>(`organisations/${id}`);
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}

export function rememberOrganisation(org: Organisation): void {
  cache.set(org.id, Promise.resolve(org));
}

export function forgetOrganisation(id: number): void {
  cache.delete(id);
}
