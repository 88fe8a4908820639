// Search snippets come HTML-escaped from the server with <mark>…</mark> around the matched words.
// We never hand them to innerHTML: a snippet is checked to contain no markup but balanced, bare
// <mark> tags and known character references, then split into parts that the page renders as text
// nodes, with a <mark> element around the highlighted parts. Anything else is shown as plain text.

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…' };

/** Decodes the character references an HTML escaper produces; null when one is unknown or bad. */
export function decodeEntities(s: string): string | null {
  let bad = false;
  const out = s.replace(/&([^;&\s]{0,12});?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) {
      bad = true;
      return whole;
    }
    if (body.startsWith('#x') || body.startsWith('#X')) {
      const cp = Number.parseInt(body.slice(2), 16);
      if (!/^[0-9a-fA-F]{1,6}$/.test(body.slice(2)) || cp > 0x10ffff) { bad = true; return whole; }
      return String.fromCodePoint(cp);
    }
    if (body.startsWith('#')) {
      const cp = Number.parseInt(body.slice(1), 10);
      if (!/^[0-9]{1,7}$/.test(body.slice(1)) || cp > 0x10ffff) { bad = true; return whole; }
      return String.fromCodePoint(cp);
    }
    const named = NAMED[body];
    if (named === undefined) { bad = true; return whole; }
    return named;
  });
  return bad ? null : out;
}

/** True when the snippet holds only text, character references and balanced, unnested <mark> tags. */
export function isSafeSnippet(s: string): boolean {
  return parseMarked(s) !== null;
}

function parseMarked(s: string): SnippetPart[] | null {
  const parts: SnippetPart[] = [];
  const re = /<(\/?)mark>/g;
  let last = 0;
  let open = false;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const closing = m[1] === '/';
    if (closing !== open) return null;  // </mark> without <mark>, or <mark> inside <mark>
    const chunk = s.slice(last, m.index);
    if (chunk.includes('<') || chunk.includes('>')) return null;
    const text = decodeEntities(chunk);
    if (text === null) return null;
    if (text) parts.push({ text, mark: open });
    open = !closing;
    last = m.index + m[0].length;
  }
  if (open) return null;
  const tail = s.slice(last);
  if (tail.includes('<') || tail.includes('>')) return null;
  const text = decodeEntities(tail);
  if (text === null) return null;
  if (text) parts.push({ text, mark: false });
  return parts;
}

/** The parts to render; a snippet that fails the check comes back whole as one plain-text part. */
export function snippetParts(s: string | null | undefined): SnippetPart[] {
  if (!s) return [];
  return parseMarked(s) ?? [{ text: s, mark: false }];
}
