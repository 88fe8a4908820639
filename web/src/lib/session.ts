// Who is signed in: the account, its organisations and the CSRF token, as one small store that
// the header, the menus and every page read (useSession in components/auth.ts). Start-up asks
// GET /api/v1/me when this browser has signed in before (a flag in localStorage: the cookie itself
// is HttpOnly, and asking on every visit would cost the public a request and a 401); sign-in,
// invitations and sign-out change it; a 401 on a call that needed the session (it expired, or was
// ended from another device) marks it ended so the page can say so.
import { api, ApiError, type MLText } from './api';
import { setCsrf, setSessionEndedHandler } from './csrf';

export type Role = 'admin' | 'staff' | 'editor' | 'trainee';
export const ROLES: readonly Role[] = ['admin', 'staff', 'editor', 'trainee'];

export interface User {
  id: number;
  email: string;
  display_name: string;
  lang: string;
  role: Role;
  organisations: number[];
  person_id: number | null;
  status: 'active' | 'disabled' | string;
  created_at: string;
  updated_at: string;
}

export interface OrgRef {
  id: number;
  name: MLText;
}

export interface SessionState {
  /** 'unknown' until GET /me has answered. */
  status: 'unknown' | 'anonymous' | 'signed-in';
  user: User | null;
  organisations: OrgRef[];
  /** Set when a session the page believed open was found ended. */
  ended: boolean;
}

/** Set while this browser holds a session cookie, as far as the portal knows. */
export const SESSION_HINT_KEY = 'hoptac.signed_in';
let hintInMemory = false;

function setHint(on: boolean): void {
  hintInMemory = on;
  try {
    if (on) globalThis.localStorage?.setItem(SESSION_HINT_KEY, '1');
    else globalThis.localStorage?.removeItem(SESSION_HINT_KEY);
  } catch {
    // storage blocked: the flag lives for this page only
  }
}

function hasHint(): boolean {
  try {
    const v = globalThis.localStorage?.getItem(SESSION_HINT_KEY);
    if (v !== undefined && v !== null) return v === '1';
  } catch {
    // storage blocked
  }
  return hintInMemory;
}

const ANONYMOUS: SessionState = { status: 'anonymous', user: null, organisations: [], ended: false };

let state: SessionState = { status: 'unknown', user: null, organisations: [], ended: false };
const listeners = new Set<() => void>();

export function getSession(): SessionState {
  return state;
}

export function onSessionChange(l: () => void): () => void {
  listeners.add(l);
  return () => { listeners.delete(l); };
}

function set(next: SessionState): void {
  state = next;
  listeners.forEach((l) => l());
}

/** A user object from the server, with the fields the portal relies on always present. */
export function normaliseUser(u: Partial<User> & { id: number }): User {
  return {
    id: u.id,
    email: u.email ?? '',
    display_name: u.display_name ?? u.email ?? '',
    lang: u.lang ?? 'en',
    role: (u.role ?? 'trainee') as Role,
    organisations: Array.isArray(u.organisations) ? u.organisations : [],
    person_id: typeof u.person_id === 'number' ? u.person_id : null,
    status: u.status ?? 'active',
    created_at: u.created_at ?? '',
    updated_at: u.updated_at ?? '',
  };
}

/** Records a session that has just started (sign-in, accepted invitation) or been confirmed (GET /me). */
export function setSignedIn(user: User, csrf: string, organisations?: OrgRef[]): void {
  setCsrf(csrf);
  setHint(true);
  const user2 = normaliseUser(user);
  set({
    status: 'signed-in',
    user: user2,
    organisations: organisations ?? state.organisations.filter((o) => user2.organisations.includes(o.id)),
    ended: false,
  });
}

export function setSignedOut(ended = false): void {
  setCsrf('');
  setHint(false);
  set({ ...ANONYMOUS, ended });
}

/** Changes the account in the store (after PATCH /me), keeping the session. */
export function updateUser(user: User): void {
  if (state.status !== 'signed-in') return;
  set({ ...state, user: normaliseUser(user) });
}

interface MeResponse {
  user: User;
  csrf_token: string;
  organisations?: OrgRef[];
}

/**
 * Asks the server who is signed in (start-up, after a reload); anonymous on 401. Without `force`,
 * only when this browser has signed in before.
 */
export async function loadMe(force = false): Promise<SessionState> {
  if (!force && !hasHint()) {
    if (state.status === 'unknown') set({ ...ANONYMOUS });
    return state;
  }
  try {
    const me = await api<MeResponse>('me');
    setSignedIn(me.user, me.csrf_token, me.organisations ?? []);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) setSignedOut(false);
    else if (state.status === 'unknown') set({ ...ANONYMOUS });
  }
  return state;
}

/** POST /session; the organisations come from GET /me right after. Throws the server's ApiError. */
export async function signIn(email: string, password: string): Promise<User> {
  const r = await api<{ user: User; csrf_token: string }>('session', { method: 'POST', body: { email, password } });
  setSignedIn(r.user, r.csrf_token, []);
  await loadMe(true);
  return state.user ?? normaliseUser(r.user);
}

export async function signOut(): Promise<void> {
  try {
    await api('session', { method: 'DELETE' });
  } finally {
    setSignedOut(false);
  }
}

export async function signOutEverywhere(): Promise<void> {
  try {
    await api('me/sessions', { method: 'DELETE' });
  } finally {
    setSignedOut(false);
  }
}

/** Wires the API client's 401 report to this store: a session believed open has ended. */
export function watchSessionEnd(): void {
  setSessionEndedHandler(() => {
    if (state.status === 'signed-in') setSignedOut(true);
  });
}
