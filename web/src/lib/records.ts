// Records by id (cached for the page's life, shared between components asking at once), their
// display names, and the search behind the ref pickers: "find the organisation / programme /
// person I mean by typing part of its name, in any language".
import { api, listAll, type MLText, type SearchPage } from './api';
import type { Lang } from './lang';
import { formatDateRange } from './format';
import { TYPES, type RecordType } from './schema';

export type AnyRecord = Record<string, unknown> & { id: number; version: number; ref?: string | null };

const cache = new Map<string, Promise<AnyRecord>>();

export function getRecord<T = AnyRecord>(type: RecordType, id: number): Promise<T> {
  const key = `${type}:${id}`;
  let p = cache.get(key);
  if (!p) {
    p = api<AnyRecord>(`${TYPES[type].plural}/${id}`);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p as Promise<T>;
}

export function rememberRecord(type: RecordType, rec: AnyRecord): void {
  cache.set(`${type}:${rec.id}`, Promise.resolve(rec));
}

/** After a change or a delete: the record, and the lists the pickers search, are read again. */
export function forgetRecord(type: RecordType, id?: number): void {
  if (id !== undefined) cache.delete(`${type}:${id}`);
  choices.delete(type);
}

/** The text that names a record: its title field, or for an untitled session its dates. */
export function recordName(type: RecordType, rec: Record<string, unknown>, lang: Lang): MLText | null {
  const field = TYPES[type].titleField;
  const v = field ? rec[field] : undefined;
  if (v && typeof v === 'object' && typeof (v as MLText).text === 'string' && (v as MLText).text) return v as MLText;
  if (typeof v === 'string' && v) return { text: v };
  if (type === 'session' && typeof rec.start_date === 'string') {
    return { text: formatDateRange(rec.start_date, rec.end_date as string | undefined, lang), lang };
  }
  return null;
}

// ---- matching typed text against names -----------------------------------------------------

/** Lower case, no diacritics (đ -> d), NFC-safe: "Quảng Tây" and "quang tay" fold alike. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase().normalize('NFC').trim();
}

/** Every name of a record a reader might type: its text, its translations, its ref. */
export function namesOf(type: RecordType, rec: Record<string, unknown>, lang: Lang): string[] {
  const name = recordName(type, rec, lang);
  const out: string[] = [];
  if (name) {
    out.push(name.text);
    for (const tr of Object.values(name.translations ?? {})) out.push(tr);
  }
  if (typeof rec.ref === 'string' && rec.ref) out.push(rec.ref);
  return out;
}

/**
 * How well `query` names a record: 3 the whole name starts with it, 2 a word of the name starts
 * with it, 1 the name contains it (Chinese has no spaces), 0 no match. Every word of the query
 * must be found.
 */
export function matchScore(names: readonly string[], query: string): number {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return 0;
  const whole = words.join(' ');
  let best = 0;
  for (const raw of names) {
    const name = fold(raw);
    if (name.startsWith(whole)) return 3;
    const tokens = name.split(/[\s,.;:()\-–—/'"«»“”]+/).filter(Boolean);
    let score = 2;
    for (const w of words) {
      score = Math.min(score, tokens.some((t) => t.startsWith(w)) ? 2 : name.includes(w) ? 1 : 0);
      if (!score) break;
    }
    best = Math.max(best, score);
  }
  return best;
}

export interface RefOption {
  id: number;
  name: MLText;
  record: AnyRecord;
}

/** The records of `type` that `query` names, best first, then in name order. */
export function filterRecords(type: RecordType, records: readonly AnyRecord[], query: string, lang: Lang, limit = 10): RefOption[] {
  const scored: { rec: AnyRecord; score: number; name: MLText }[] = [];
  for (const rec of records) {
    const name = recordName(type, rec, lang) ?? { text: `#${rec.id}` };
    const score = query.trim() ? matchScore(namesOf(type, rec, lang), query) : 1;
    if (score > 0) scored.push({ rec, score, name });
  }
  const collator = new Intl.Collator(lang === 'zh-Hans' ? 'zh-Hans-CN' : lang);
  scored.sort((a, b) => b.score - a.score || collator.compare(a.name.text, b.name.text));
  return scored.slice(0, limit).map((s) => ({ id: s.rec.id, name: s.name, record: s.rec }));
}

// ---- the search behind a picker ------------------------------------------------------------

/** Types the full-text search covers: it also matches across scripts (广西 / Guangxi / Quảng Tây). */
export const SEARCHABLE: readonly RecordType[] = ['organisation', 'profile', 'case', 'document'];

const choices = new Map<RecordType, Promise<AnyRecord[]>>();

/** Up to a thousand records of a type, loaded once per page life for the pickers. */
function loadChoices(type: RecordType): Promise<AnyRecord[]> {
  let p = choices.get(type);
  if (!p) {
    p = listAll<AnyRecord>(TYPES[type].plural, {}, undefined, 2);
    p.catch(() => choices.delete(type));
    choices.set(type, p);
  }
  return p;
}

/**
 * The records a picker offers for what the reader typed: names matched on the device (folded, any
 * of the record's translations), and for searchable types the server's cross-language search
 * merged in after them. `exclude`: ids already chosen.
 */
export async function searchRefs(type: RecordType, query: string, lang: Lang, opts: { signal?: AbortSignal; exclude?: readonly number[]; limit?: number } = {}): Promise<RefOption[]> {
  const limit = opts.limit ?? 10;
  const exclude = new Set(opts.exclude ?? []);
  const q = query.trim();
  const local = filterRecords(type, await loadChoices(type), q, lang, limit + exclude.size).filter((o) => !exclude.has(o.id));
  if (!q || !SEARCHABLE.includes(type) || local.length >= limit) return local.slice(0, limit);
  let remote: RefOption[] = [];
  try {
    const page = await api<SearchPage<AnyRecord>>('search', { query: { type, q, lang, limit }, signal: opts.signal });
    remote = page.items
      .filter((i) => i.type === type && !exclude.has(i.id))
      .map((i) => ({ id: i.id, name: recordName(type, i.record, lang) ?? { text: `#${i.id}` }, record: i.record }));
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    // the local matches are still useful
  }
  const seen = new Set(local.map((o) => o.id));
  return [...local, ...remote.filter((o) => !seen.has(o.id))].slice(0, limit);
}

/** For tests: forget every cached record and list. */
export function clearRecordCaches(): void {
  cache.clear();
  choices.clear();
}
