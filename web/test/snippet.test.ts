import { describe, expect, it } from 'vitest';
import { decodeEntities, isSafeSnippet, snippetParts } from '../src/lib/snippet';

describe('search snippets', () => {
  it('splits a server snippet into text and marked parts', () => {
    expect(snippetParts('…đào tạo <mark>nông</mark> <mark>nghiệp</mark> chính xác…')).toEqual([
      { text: '…đào tạo ', mark: false },
      { text: 'nông', mark: true },
      { text: ' ', mark: false },
      { text: 'nghiệp', mark: true },
      { text: ' chính xác…', mark: false },
    ]);
  });

  it('decodes the escapes the server writes, to text (never markup)', () => {
    expect(snippetParts('R&amp;D &lt;b&gt;x&lt;/b&gt; &quot;q&quot; &#39;a&#39; &#x4E2D;')).toEqual([
      { text: 'R&D <b>x</b> "q" \'a\' 中', mark: false },
    ]);
  });

  it('accepts only bare, balanced, unnested <mark> tags', () => {
    expect(isSafeSnippet('a <mark>b</mark> c')).toBe(true);
    expect(isSafeSnippet('plain text')).toBe(true);
    expect(isSafeSnippet('<script>alert(1)</script>')).toBe(false);
    expect(isSafeSnippet('<img src=x onerror=alert(1)>')).toBe(false);
    expect(isSafeSnippet('<mark onclick="x">b</mark>')).toBe(false);
    expect(isSafeSnippet('<MARK>b</MARK>')).toBe(false);
    expect(isSafeSnippet('<mark>b')).toBe(false);
    expect(isSafeSnippet('b</mark>')).toBe(false);
    expect(isSafeSnippet('<mark><mark>b</mark></mark>')).toBe(false);
    expect(isSafeSnippet('a > b')).toBe(false);
    expect(isSafeSnippet('AT&T')).toBe(false);
    expect(isSafeSnippet('&bogus;')).toBe(false);
  });

  it('shows an unsafe snippet whole, as plain text', () => {
    const evil = '<mark>ok</mark><img src=x onerror=alert(1)>';
    expect(snippetParts(evil)).toEqual([{ text: evil, mark: false }]);
    expect(snippetParts('')).toEqual([]);
    expect(snippetParts(undefined)).toEqual([]);
  });

  it('decodes character references strictly', () => {
    expect(decodeEntities('&lt;&gt;&amp;')).toBe('<>&');
    expect(decodeEntities('&#128512;')).toBe('😀');
    expect(decodeEntities('&#x110000;')).toBeNull();
    expect(decodeEntities('&amp')).toBeNull();
  });
});
