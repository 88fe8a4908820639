// A tiny History-API router: routes are patterns over the path; links are plain <a href> that the
// app intercepts (so they still work with a middle click or "open in new tab").
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  name: RouteName;
  params: Record<string, string>;
}

export type RouteName =
  | 'home' | 'directory' | 'organisation' | 'organisation-new' | 'organisation-edit'
  | 'marketplace' | 'profile' | 'profile-new' | 'profile-edit'
  | 'cases' | 'agreements' | 'projects' | 'training' | 'documents' | 'document' | 'people' | 'import'
  | 'record' | 'record-new' | 'record-edit'
  | 'sign-in' | 'forgot-password' | 'reset-password' | 'accept-invitation'
  | 'account' | 'my-organisation' | 'my-applications' | 'admin-users' | 'admin-audit'
  | 'not-found';

/** Collections whose records have the generic page and form (`/cases/12`, `/cases/new`, `/cases/12/edit`). */
export const GENERIC_COLLECTIONS = ['cases', 'agreements', 'projects', 'programmes', 'sessions', 'people', 'enrolments'] as const;

const PATTERNS: [RouteName, string, Record<string, string>?][] = [
  ['home', '/'],
  ['directory', '/directory'],
  ['organisation-new', '/organisations/new'],
  ['organisation-edit', '/organisations/:id/edit'],
  ['organisation', '/organisations/:id'],
  ['marketplace', '/marketplace'],
  ['profile-new', '/profiles/new'],
  ['profile-edit', '/profiles/:id/edit'],
  ['profile', '/profiles/:id'],
  ['cases', '/cases'],
  ['agreements', '/agreements'],
  ['projects', '/projects'],
  ['training', '/training'],
  ['documents', '/documents'],
  ['record-new', '/documents/new', { collection: 'documents' }],
  ['record-edit', '/documents/:id/edit', { collection: 'documents' }],
  ['document', '/documents/:id'],
  ['people', '/people'],
  ['import', '/import'],
  ['sign-in', '/sign-in'],
  ['forgot-password', '/forgot-password'],
  ['reset-password', '/reset-password'],
  ['accept-invitation', '/accept-invitation'],
  ['account', '/account'],
  ['my-organisation', '/my/organisation'],
  ['my-applications', '/my/applications'],
  ['admin-users', '/admin/users'],
  ['admin-audit', '/admin/audit'],
  ...GENERIC_COLLECTIONS.flatMap((c): [RouteName, string, Record<string, string>][] => [
    ['record-new', `/${c}/new`, { collection: c }],
    ['record-edit', `/${c}/:id/edit`, { collection: c }],
    ['record', `/${c}/:id`, { collection: c }],
  ]),
];

const COMPILED = PATTERNS.map(([name, pattern, fixed]) => {
  const keys: string[] = [];
  const re = new RegExp(
    '^' + pattern.replace(/:(\w+)/g, (_, k: string) => { keys.push(k); return '(\\d+)'; }) + '/?$',
  );
  return { name, re, keys, fixed: fixed ?? {} };
});

export function matchRoute(path: string): Route {
  for (const { name, re, keys, fixed } of COMPILED) {
    const m = re.exec(path === '' ? '/' : path);
    if (m) return { name, params: { ...fixed, ...Object.fromEntries(keys.map((k, i) => [k, m[i + 1]])) } };
  }
  return { name: 'not-found', params: {} };
}

export interface Loc {
  path: string;
  query: URLSearchParams;
  href: string;
}

function readLocation(): Loc {
  return { path: location.pathname, query: new URLSearchParams(location.search), href: location.pathname + location.search };
}

const listeners = new Set<() => void>();

export function navigate(to: string, opts: { replace?: boolean; keepScroll?: boolean } = {}): void {
  const before = location.pathname;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  if (!opts.keepScroll && location.pathname !== before) window.scrollTo(0, 0);
  listeners.forEach((l) => l());
}

export function startRouter(): void {
  window.addEventListener('popstate', () => listeners.forEach((l) => l()));
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download') || a.getAttribute('rel') === 'external') return;
    const href = a.getAttribute('href');
    if (!href || href.startsWith('#') || href.startsWith('mailto:')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
}

export function useLocation(): Loc {
  const [loc, setLoc] = useState(readLocation);
  useEffect(() => {
    const l = () => setLoc(readLocation());
    listeners.add(l);
    return () => { listeners.delete(l); };
  }, []);
  return loc;
}

/** A path with query parameters, leaving out the empty ones. */
export function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}
