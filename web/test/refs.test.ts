import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearRecordCaches, filterRecords, fold, matchScore, recordName, searchRefs, type AnyRecord } from '../src/lib/records';
import { comboKey, COMBO_CLOSED } from '../src/lib/combobox';
import { hitOrganisation, type SearchItem } from '../src/lib/api';
import { interestActions, interestsFor, setInterestStatus } from '../src/lib/interests';
import { setToken } from '../src/lib/token';

const org = (id: number, name: string, lang: string, translations?: Record<string, string>, extra: Record<string, unknown> = {}): AnyRecord =>
  ({ id, version: 1, ref: `org-${id}`, name: { lang, text: name, translations }, kind: 'university', country: 'CN', ...extra });

const ORGS = [
  org(1, '广西大学', 'zh-Hans', { en: 'Guangxi University', vi: 'Đại học Quảng Tây' }),
  org(2, 'Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn', 'vi', { en: 'Department of Agriculture of Lạng Sơn' }),
  org(3, 'Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn', 'vi'),
  org(4, 'Guilin University of Electronic Technology', 'en', { 'zh-Hans': '桂林电子科技大学' }),
  org(5, '广西医科大学', 'zh-Hans', { en: 'Guangxi Medical University' }),
];

function page<T>(items: T[], next: string | null = null) {
  return new Response(JSON.stringify({ items, next_cursor: next }), { status: 200 });
}

afterEach(() => {
  vi.unstubAllGlobals();
  clearRecordCaches();
  setToken('');
});

describe('matching typed text against names', () => {
  it('folds case and diacritics, đ included', () => {
    expect(fold('Quảng Tây')).toBe('quang tay');
    expect(fold('ĐỒNG ĐĂNG')).toBe('dong dang');
    expect(fold('Viêt Nam')).toBe('viet nam');
    expect(fold('广西')).toBe('广西');
  });

  it('ranks the start of a name over the start of a word over any part of it', () => {
    expect(matchScore(['Lạng Sơn'], 'lang')).toBe(3);
    expect(matchScore(['Sở Nông nghiệp tỉnh Lạng Sơn'], 'lang son')).toBe(2);
    expect(matchScore(['广西医科大学'], '医科')).toBe(1);
    expect(matchScore(['Guangxi University'], 'guangxi uni')).toBe(3);
    expect(matchScore(['Guangxi University'], 'university guangxi')).toBe(2);
    expect(matchScore(['Guangxi University'], 'hanoi')).toBe(0);
    expect(matchScore(['anything'], '  ')).toBe(0);
  });

  it('finds records by any of their translations, best first', () => {
    expect(filterRecords('organisation', ORGS, 'quang tay', 'vi').map((o) => o.id)).toEqual([1]);
    expect(filterRecords('organisation', ORGS, 'lạng sơn', 'vi').map((o) => o.id).sort()).toEqual([2, 3]);
    expect(filterRecords('organisation', ORGS, 'guangxi', 'en').map((o) => o.id).sort()).toEqual([1, 5]);
    expect(filterRecords('organisation', ORGS, 'guangxi medical', 'en').map((o) => o.id)).toEqual([5]);
    // a name that starts with the text comes before one where a later word does
    const two = [org(10, 'Ban quản lý dự án Lạng Sơn', 'vi'), org(11, 'Lạng Sơn Province', 'en')];
    expect(filterRecords('organisation', two, 'lạng', 'vi').map((o) => o.id)).toEqual([11, 10]);
    expect(filterRecords('organisation', two, '', 'vi').map((o) => o.id)).toEqual([10, 11]);
    expect(filterRecords('organisation', ORGS, '桂林', 'zh-Hans').map((o) => o.id)).toEqual([4]);
    expect(filterRecords('organisation', ORGS, 'org-3', 'en').map((o) => o.id)).toEqual([3]);
    expect(filterRecords('organisation', ORGS, '', 'en', 2)).toHaveLength(2);
  });

  it('names an untitled session by its dates', () => {
    expect(recordName('session', { id: 1, start_date: '2025-06-09', end_date: '2025-06-20' }, 'en')?.text).toMatch(/Jun.*9.*20.*2025/);
    expect(recordName('person', { id: 1, name: 'Nguyễn Văn An' }, 'en')).toEqual({ text: 'Nguyễn Văn An' });
    expect(recordName('enrolment', { id: 1, person: 2 }, 'en')).toBeNull();
  });
});

describe('the search behind a ref picker', () => {
  it('loads the list once, matches on the device, and merges the server\'s cross-language search', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      if (url.startsWith('/api/v1/organisations')) return page(ORGS);
      if (url.startsWith('/api/v1/search')) {
        return new Response(JSON.stringify({ items: [
          { type: 'organisation', id: 5, record: ORGS[4] },
          { type: 'organisation', id: 6, record: org(6, '广西壮族自治区人民政府', 'zh-Hans') },
          { type: 'organisation', id: 1, record: ORGS[0] },
        ], total: 3, facets: {}, next_cursor: null }), { status: 200 });
      }
      return new Response('{}', { status: 404 });
    });
    vi.stubGlobal('fetch', fetchMock);
    const found = await searchRefs('organisation', 'Quảng Tây', 'vi', { exclude: [1] });
    // the device finds nothing new (1 is already chosen); the server finds 广西 for Quảng Tây
    expect(found.map((o) => o.id)).toEqual([5, 6]);
    const urls = fetchMock.mock.calls.map((c) => String(c[0]));
    expect(urls[0]).toBe('/api/v1/organisations?limit=500');
    expect(urls[1]).toMatch(/^\/api\/v1\/search\?type=organisation&q=Qu%E1%BA%A3ng\+T%C3%A2y&lang=vi&limit=10$/);
    await searchRefs('organisation', 'guilin', 'en');
    expect(fetchMock.mock.calls.filter((c) => String(c[0]).startsWith('/api/v1/organisations'))).toHaveLength(1);
  });

  it('does not ask the full-text search about types it does not index', async () => {
    const sessions = [
      { id: 1, version: 1, programme: 2, title: { lang: 'zh-Hans', text: '2025年第二期：面向越南的人工智能应用能力建设研修班' }, start_date: '2025-06-09', end_date: '2025-06-20' },
      { id: 2, version: 1, programme: 2, start_date: '2025-11-17', end_date: '2025-11-28' },
    ];
    const fetchMock = vi.fn(async () => page(sessions));
    vi.stubGlobal('fetch', fetchMock);
    expect((await searchRefs('session', '越南', 'vi')).map((o) => o.id)).toEqual([1]);
    expect((await searchRefs('session', '', 'vi')).map((o) => o.id)).toHaveLength(2);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('keeps the device\'s matches when the search fails, and reports a list it cannot read', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => (url.startsWith('/api/v1/search')
      ? new Response('{"title":"Service Unavailable"}', { status: 503 }) : page(ORGS))));
    expect((await searchRefs('organisation', 'guangxi', 'en')).map((o) => o.id).sort()).toEqual([1, 5]);
    clearRecordCaches();
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"title":"Unauthorized","status":401}', { status: 401 })));
    await expect(searchRefs('person', 'an', 'vi')).rejects.toMatchObject({ status: 401 });
  });
});

describe('the combobox keys', () => {
  it('opens on ArrowDown, moves and wraps, chooses with Enter', () => {
    let r = comboKey(COMBO_CLOSED, 'ArrowDown', 3);
    expect(r).toEqual({ state: { open: true, active: 0 }, handled: true });
    r = comboKey(r.state, 'ArrowDown', 3);
    r = comboKey(r.state, 'ArrowDown', 3);
    expect(r.state.active).toBe(2);
    r = comboKey(r.state, 'ArrowDown', 3);
    expect(r.state.active).toBe(0);
    r = comboKey(r.state, 'ArrowUp', 3);
    expect(r.state.active).toBe(2);
    expect(comboKey(r.state, 'Home', 3).state.active).toBe(0);
    expect(comboKey(r.state, 'End', 3).state.active).toBe(2);
    r = comboKey(r.state, 'Enter', 3);
    expect(r).toEqual({ state: COMBO_CLOSED, choose: 2, handled: true });
  });

  it('keeps Enter from submitting the form while the list is open, and chooses a single match', () => {
    expect(comboKey({ open: true, active: -1 }, 'Enter', 4)).toEqual({ state: { open: true, active: -1 }, handled: true });
    expect(comboKey({ open: true, active: -1 }, 'Enter', 1)).toEqual({ state: COMBO_CLOSED, choose: 0, handled: true });
    expect(comboKey(COMBO_CLOSED, 'Enter', 4).handled).toBe(false);
  });

  it('closes on Escape and Tab; leaves Home and other keys to the input when closed', () => {
    expect(comboKey({ open: true, active: 1 }, 'Escape', 3)).toEqual({ state: COMBO_CLOSED, handled: true });
    expect(comboKey(COMBO_CLOSED, 'Escape', 3).handled).toBe(false);
    expect(comboKey({ open: true, active: 1 }, 'Tab', 3)).toEqual({ state: COMBO_CLOSED, handled: false });
    expect(comboKey(COMBO_CLOSED, 'Home', 3).handled).toBe(false);
    expect(comboKey(COMBO_CLOSED, 'a', 3)).toEqual({ state: COMBO_CLOSED, handled: false });
    expect(comboKey(COMBO_CLOSED, 'ArrowDown', 0)).toEqual({ state: { open: true, active: -1 }, handled: true });
  });
});

describe('search hits of profiles', () => {
  const hit = (extra: Partial<SearchItem<Record<string, unknown>>>, record: Record<string, unknown> = { id: 3, organisation: 7 }): SearchItem<unknown> =>
    ({ type: 'profile', id: 3, ref: null, score: 1, snippet: '', snippet_lang: 'vi', concepts: [], record, ...extra });

  it('use the organisation the server names in the hit, else none', () => {
    expect(hitOrganisation(hit({ organisation: { id: 7, name: { lang: 'zh-Hans', text: '广西大学' } } })))
      .toEqual({ id: 7, name: { lang: 'zh-Hans', text: '广西大学' }, country: undefined });
    expect(hitOrganisation(hit({}, { id: 3, organisation: { id: 8, name: { text: 'VietSense' }, country: 'VN' } })))
      .toEqual({ id: 8, name: { text: 'VietSense' }, country: 'VN' });
    expect(hitOrganisation(hit({}))).toBeNull();
    expect(hitOrganisation(hit({ organisation: { id: 7 } as never }))).toBeNull();
  });
});

describe('expressions of interest', () => {
  it('list a profile\'s interests newest first, and answer one with If-Match', async () => {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'PATCH') return new Response('{"id":2,"version":3,"status":"accepted"}', { status: 200 });
      expect(url).toBe('/api/v1/interests?profile=4&limit=500');
      return page([
        { id: 1, version: 1, profile: 4, name: 'A', email: 'a@x.vn', message: { text: 'x' }, status: 'new', created_at: '2026-01-02T00:00:00Z' },
        { id: 2, version: 2, profile: 4, name: 'B', email: 'b@x.vn', message: { text: 'y' }, status: 'new', created_at: '2026-03-01T00:00:00Z' },
      ]);
    });
    vi.stubGlobal('fetch', fetchMock);
    setToken('hpt_x');
    expect((await interestsFor(4)).map((i) => i.id)).toEqual([2, 1]);
    await setInterestStatus({ id: 2, version: 2 }, 'accepted');
    const [url, init] = fetchMock.mock.calls[1] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/interests/2');
    expect(init.body).toBe('{"status":"accepted"}');
    expect((init.headers as Record<string, string>)['If-Match']).toBe('"2"');
  });

  it('offer the answers that make sense for each status', () => {
    expect(interestActions('new')).toEqual(['accepted', 'declined']);
    expect(interestActions('accepted')).toEqual(['declined']);
    expect(interestActions('declined')).toEqual(['accepted']);
    expect(interestActions('withdrawn')).toEqual([]);
  });
});
