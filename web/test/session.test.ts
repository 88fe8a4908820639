import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from '../src/lib/api';
import { getCsrf, setCsrf } from '../src/lib/csrf';
import { setToken } from '../src/lib/token';
import { setLang } from '../src/i18n';
import { getSession, loadMe, setSignedIn, setSignedOut, signIn, signOut, watchSessionEnd, type User } from '../src/lib/session';

type Call = [string, RequestInit];

const USER: User = {
  id: 7, email: 'lan@example.vn', display_name: 'Nguyễn Thị Lan', lang: 'vi', role: 'editor', organisations: [12],
  person_id: null, status: 'active', created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-01T00:00:00Z',
};

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function headersOf(call: Call): Record<string, string> {
  return call[1].headers as Record<string, string>;
}

beforeEach(() => {
  watchSessionEnd();
});

afterEach(() => {
  vi.unstubAllGlobals();
  setToken('');
  setSignedOut(false);
  setLang('en');
});

describe('CSRF and credentials', () => {
  it('sends the CSRF token on every change, never on reads, and always same-origin credentials', async () => {
    const fetchMock = vi.fn(async () => json({ id: 1, version: 2 }));
    vi.stubGlobal('fetch', fetchMock);
    setSignedIn(USER, 'csrf-abc');
    await api('organisations/1');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) await api('organisations/1', { method, body: method === 'DELETE' ? undefined : {} });
    const calls = fetchMock.mock.calls as unknown as Call[];
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined();
    for (const c of calls.slice(1)) expect(headersOf(c)['X-CSRF-Token']).toBe('csrf-abc');
    for (const c of calls) expect(c[1].credentials).toBe('same-origin');
  });

  it('sends the bearer token without a session, and only the session (with CSRF) once signed in', async () => {
    const fetchMock = vi.fn(async () => json({}));
    vi.stubGlobal('fetch', fetchMock);
    setToken('hpt_x');
    await api('documents', { method: 'POST', body: {} });
    await api('me');  // about the browser session: never the token
    setSignedIn(USER, 'csrf-2');
    await api('documents', { method: 'POST', body: {} });
    const calls = fetchMock.mock.calls as unknown as Call[];
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined();
    expect(headersOf(calls[0]).Authorization).toBe('Bearer hpt_x');
    expect(headersOf(calls[1]).Authorization).toBeUndefined();
    expect(headersOf(calls[2])['X-CSRF-Token']).toBe('csrf-2');
    expect(headersOf(calls[2]).Authorization).toBeUndefined();
  });

  it('renews a refused CSRF token from /me and tries the change once more', async () => {
    setSignedIn(USER, 'old');
    const fetchMock = vi.fn()
      .mockResolvedValueOnce(json({ title: 'Forbidden', status: 403, errors: [{ field: 'X-CSRF-Token', code: 'csrf', message: 'missing' }] }, 403))
      .mockResolvedValueOnce(json({ user: USER, csrf_token: 'new' }))
      .mockResolvedValueOnce(json({ id: 3, version: 1 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(api('profiles', { method: 'POST', body: { title: 'x' } })).resolves.toEqual({ id: 3, version: 1 });
    const calls = fetchMock.mock.calls as unknown as Call[];
    expect(calls[1][0]).toBe('/api/v1/me');
    expect(headersOf(calls[2])['X-CSRF-Token']).toBe('new');
    expect(getCsrf()).toBe('new');
  });

  it('does not retry forever when the token stays refused', async () => {
    setSignedIn(USER, 'old');
    const refused = () => json({ title: 'Forbidden', code: 'csrf' }, 403);
    const fetchMock = vi.fn()
      .mockResolvedValueOnce(refused())
      .mockResolvedValueOnce(json({ user: USER, csrf_token: 'new' }))
      .mockResolvedValueOnce(refused());
    vi.stubGlobal('fetch', fetchMock);
    const e = (await api('profiles', { method: 'POST', body: {} }).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(403);
    expect(e.hasCode('csrf')).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('reads Retry-After on 429', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ title: 'Too many requests', status: 429 }, 429, { 'Retry-After': '8' })));
    const e = (await api('session', { method: 'POST', body: {} }).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(429);
    expect(e.retryAfter).toBe(8);
  });
});

describe('session state', () => {
  it('starts anonymous when /me says 401', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ title: 'Unauthorized', status: 401 }, 401)));
    const s = await loadMe(true);
    expect(s.status).toBe('anonymous');
    expect(s.ended).toBe(false);
    expect(getCsrf()).toBe('');
  });

  it('asks /me at start-up only when this browser has signed in before', async () => {
    const fetchMock = vi.fn(async () => json({ user: USER, csrf_token: 'c0', organisations: [] }));
    vi.stubGlobal('fetch', fetchMock);
    setSignedOut(false);
    expect((await loadMe()).status).toBe('anonymous');
    expect(fetchMock).not.toHaveBeenCalled();
    setSignedIn(USER, 'c0');  // as after a sign-in in an earlier visit
    expect((await loadMe()).status).toBe('signed-in');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('signs in: the user, the CSRF token, then the organisations from /me', async () => {
    const fetchMock = vi.fn()
      .mockResolvedValueOnce(json({ user: USER, csrf_token: 'c1' }))
      .mockResolvedValueOnce(json({ user: USER, csrf_token: 'c1', organisations: [{ id: 12, name: { lang: 'vi', text: 'HTX Tôm Cà Mau' } }] }));
    vi.stubGlobal('fetch', fetchMock);
    const u = await signIn('lan@example.vn', 'correct horse battery');
    expect(u.role).toBe('editor');
    const calls = fetchMock.mock.calls as unknown as Call[];
    expect(calls[0][0]).toBe('/api/v1/session');
    expect(JSON.parse(String(calls[0][1].body))).toEqual({ email: 'lan@example.vn', password: 'correct horse battery' });
    const s = getSession();
    expect(s.status).toBe('signed-in');
    expect(s.organisations.map((o) => o.id)).toEqual([12]);
    expect(getCsrf()).toBe('c1');
  });

  it('a wrong password leaves the reader anonymous, with the field error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ title: 'Unauthorized', status: 401, errors: [{ field: 'password', code: 'wrong_credentials', message: 'Địa chỉ email hoặc mật khẩu không đúng' }] }, 401)));
    setSignedOut(false);
    const e = (await signIn('lan@example.vn', 'nope').catch((x: unknown) => x)) as ApiError;
    expect(e.errors[0]).toMatchObject({ field: 'password', code: 'wrong_credentials' });
    expect(getSession().status).toBe('anonymous');
    expect(getSession().ended).toBe(false);
  });

  it('signs out: DELETE /session with the CSRF token, then anonymous', async () => {
    setSignedIn(USER, 'c9');
    const fetchMock = vi.fn(async () => json(null, 204));
    vi.stubGlobal('fetch', fetchMock);
    await signOut();
    const calls = fetchMock.mock.calls as unknown as Call[];
    expect(calls[0][0]).toBe('/api/v1/session');
    expect(calls[0][1].method).toBe('DELETE');
    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('c9');
    expect(getSession().status).toBe('anonymous');
    expect(getCsrf()).toBe('');
  });

  it('marks the session ended when a call that needed it gets 401', async () => {
    setSignedIn(USER, 'c');
    vi.stubGlobal('fetch', vi.fn(async () => json({ title: 'Unauthorized', status: 401 }, 401)));
    await expect(api('profiles', { method: 'POST', body: {} })).rejects.toBeInstanceOf(ApiError);
    expect(getSession().status).toBe('anonymous');
    expect(getSession().ended).toBe(true);
  });

  it('keeps only the organisations the account still has', () => {
    setSignedIn(USER, 'c', [{ id: 12, name: { text: 'A' } }, { id: 13, name: { text: 'B' } }]);
    setSignedIn({ ...USER, organisations: [13] }, 'c');
    expect(getSession().organisations.map((o) => o.id)).toEqual([13]);
  });
});

it('leaves the CSRF token out of storage', () => {
  setCsrf('secret');
  expect(JSON.stringify(globalThis.localStorage ?? {})).not.toContain('secret');
});
