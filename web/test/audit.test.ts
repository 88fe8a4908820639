import { describe, expect, it } from 'vitest';
import { diffRecords, entryDiff, flatten, parseDetail, showValue } from '../src/lib/audit';

describe('audit differences', () => {
  const before = { id: 3, version: 1, updated_at: 'a', name: { lang: 'vi', text: 'HTX Tôm' }, country: 'VN', website: 'https://a.vn', kinds: ['x'] };
  const after = { id: 3, version: 2, updated_at: 'b', name: { lang: 'vi', text: 'HTX Tôm Cà Mau' }, country: 'VN', locality: 'Cà Mau', kinds: ['x', 'y'] };

  it('flattens nested texts to dotted paths and leaves out bookkeeping', () => {
    expect(flatten(before)).toEqual({ id: 3, 'name.lang': 'vi', 'name.text': 'HTX Tôm', country: 'VN', website: 'https://a.vn', kinds: ['x'] });
  });

  it('lists changed, added and removed fields, not the unchanged ones', () => {
    expect(diffRecords(before, after)).toEqual([
      { path: 'name.text', kind: 'changed', before: 'HTX Tôm', after: 'HTX Tôm Cà Mau' },
      { path: 'locality', kind: 'added', after: 'Cà Mau' },
      { path: 'kinds', kind: 'changed', before: ['x'], after: ['x', 'y'] },
      { path: 'website', kind: 'removed', before: 'https://a.vn' },
    ]);
  });

  it('a creation is all added, a deletion all removed', () => {
    expect(diffRecords(null, { id: 1, title: 'x' }).map((r) => r.kind)).toEqual(['added', 'added']);
    expect(diffRecords({ id: 1, title: 'x' }, null).map((r) => r.kind)).toEqual(['removed', 'removed']);
    expect(diffRecords(null, null)).toEqual([]);
  });

  it('reads an account change from its detail string', () => {
    expect(parseDetail('{"before":{"role":"editor"},"after":{"role":"staff"}}')).toEqual({ before: { role: 'editor' }, after: { role: 'staff' } });
    expect(parseDetail('{"name":"monthly report","scopes":"read"}')).toEqual({ before: null, after: { name: 'monthly report', scopes: 'read' } });
    expect(parseDetail('not json')).toEqual({ before: null, after: { detail: 'not json' } });
    expect(parseDetail(null)).toBeNull();
    // the server sends it as JSON already
    expect(parseDetail({ before: null, after: { name: 'dev', scopes: 'read,write' } })).toEqual({ before: null, after: { name: 'dev', scopes: 'read,write' } });
    expect(entryDiff({ before: null, after: null, detail: '{"before":{"status":"active"},"after":{"status":"disabled"}}' }))
      .toEqual([{ path: 'status', kind: 'changed', before: 'active', after: 'disabled' }]);
  });

  it('shows values briefly', () => {
    expect(showValue(['CN', 'VN'])).toBe('CN, VN');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue('x'.repeat(300), 10)).toBe('xxxxxxxxx…');
    expect(showValue(null)).toBe('');
  });
});
