import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, buildUrl } from '../src/lib/api';
import { setLang } from '../src/i18n';
import { setToken } from '../src/lib/token';
import { initialLang, pickLang, toLang, LANG_STORAGE_KEY } from '../src/lib/lang';
import { matchRoute, withQuery } from '../src/lib/router';

afterEach(() => {
  vi.unstubAllGlobals();
  setToken('');
  setLang('en');
});

describe('API client', () => {
  it('builds URLs without empty parameters', () => {
    expect(buildUrl('search', { type: 'profile', q: 'nông nghiệp', kind: '', cursor: null, limit: 20 }))
      .toBe('/api/v1/search?type=profile&q=n%C3%B4ng+nghi%E1%BB%87p&limit=20');
  });

  it('sends the interface language and the token', async () => {
    const fetchMock = vi.fn(async () => new Response('{"items":[],"next_cursor":null}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    setLang('vi');
    setToken('hpt_secret');
    await api('organisations', { query: { limit: 1 } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/organisations?limit=1');
    expect((init.headers as Record<string, string>)['Accept-Language']).toBe('vi');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer hpt_secret');
  });

  it('sends JSON with If-Match when changing a record', async () => {
    const fetchMock = vi.fn(async () => new Response('{"id":3,"version":2}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await api('profiles/3', { method: 'PATCH', body: { deadline: '2027-01-01' }, ifMatch: 1 });
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.method).toBe('PATCH');
    expect(init.body).toBe('{"deadline":"2027-01-01"}');
    expect((init.headers as Record<string, string>)['If-Match']).toBe('"1"');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('turns a problem into an ApiError, and a network failure into status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"title":"请求无效","status":400,"errors":[{"field":"country","code":"invalid_country","message":"不是有效的国家代码"}]}', { status: 400 })));
    await expect(api('organisations', { method: 'POST', body: {} })).rejects.toMatchObject({ status: 400, title: '请求无效', errors: [{ field: 'country' }] });
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const e = (await api("figures").catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(0);
  });
});

describe('languages', () => {
  it('maps browser languages to interface languages', () => {
    expect(toLang('zh-CN')).toBe('zh-Hans');
    expect(toLang('zh-TW')).toBe('zh-Hans');
    expect(toLang('vi-VN')).toBe('vi');
    expect(toLang('fr_CA')).toBe('fr');
    expect(toLang('th')).toBeNull();
    expect(pickLang(['th-TH', 'fr-FR', 'en'])).toBe('fr');
    expect(pickLang(['km'])).toBe('en');
    expect(pickLang(undefined)).toBe('en');
  });

  it('prefers the remembered choice over the browser', () => {
    const store = (v: string | null) => ({ getItem: (k: string) => (k === LANG_STORAGE_KEY ? v : null) });
    expect(initialLang(store('vi'), ['fr-FR'])).toBe('vi');
    expect(initialLang(store('xx'), ['fr-FR'])).toBe('fr');
    expect(initialLang(null, ['zh-CN'])).toBe('zh-Hans');
    expect(initialLang({ getItem: () => { throw new Error('blocked'); } }, ['vi'])).toBe('vi');
  });
});

describe('routes', () => {
  it('matches the client-side routes', () => {
    expect(matchRoute('/')).toEqual({ name: 'home', params: {} });
    expect(matchRoute('/organisations/12')).toEqual({ name: 'organisation', params: { id: '12' } });
    expect(matchRoute('/organisations/new')).toEqual({ name: 'organisation-new', params: {} });
    expect(matchRoute('/profiles/7/edit')).toEqual({ name: 'profile-edit', params: { id: '7' } });
    expect(matchRoute('/documents/1/')).toEqual({ name: 'document', params: { id: '1' } });
    expect(matchRoute('/profiles/abc').name).toBe('not-found');
    expect(withQuery('/marketplace', { q: 'tôm', kind: '', country: 'VN' })).toBe('/marketplace?q=t%C3%B4m&country=VN');
  });
});
