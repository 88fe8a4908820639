// From a record to form values and back to an API payload, driven by the field descriptors of
// lib/schema.ts. Pure functions (no DOM, no fetch), so Vitest covers every kind of field.
import type { MLText } from './api';
import type { Lang } from './lang';
import { intlLocale } from './format';
import { TYPES, type FieldDesc, type RecordType } from './schema';
import { mapFieldErrors, type FieldError } from './fielderrors';

/** A multilingual text being edited: its text and its language ('' = let the server detect it). */
export interface TextValue {
  text: string;
  lang: string;
}

/**
 * What a control holds: text fields a TextValue; strings, enums, dates, numbers (as typed) a
 * string; lists of codes string[]; a ref its id or null; refs their ids; a bool a boolean.
 */
export type FieldValue = string | boolean | string[] | number[] | number | null | TextValue;
export type FormValues = Record<string, FieldValue>;

/** The id of a field's main control, the one focus moves to when the field is in error. */
export function controlId(name: string): string {
  return `f-${name}`;
}

/** The decimal separator of a language ("," in vi and fr). */
export function decimalSeparator(lang: Lang): string {
  return new Intl.NumberFormat(intlLocale(lang)).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/** A number as the reader writes it, without grouping: 1234.5 -> "1234,5" in French. */
export function formatNumberInput(n: number, lang: Lang): string {
  return new Intl.NumberFormat(intlLocale(lang), { useGrouping: false, maximumFractionDigits: 20 }).format(n);
}

/**
 * Reads a number typed in the reader's conventions ("1 234,5" in fr, "1.234,5" in vi,
 * "1,234.5" in en); null when it is not one.
 */
export function parseLocaleNumber(input: string, lang: Lang): number | null {
  const dec = decimalSeparator(lang);
  let s = input.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!s) return null;
  const group = dec === ',' ? '.' : ',';
  // grouping separators only between groups of three digits
  const groupRe = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${dec}\\d+)?$`);
  if (groupRe.test(s)) s = s.split(group).join('');
  if (dec === ',') s = s.replace(',', '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function emptyValue(f: FieldDesc): FieldValue {
  switch (f.kind) {
    case 'text': return { text: '', lang: '' };
    case 'countries': case 'languages': return [];
    case 'refs': return [];
    case 'ref': return null;
    case 'bool': return f.default ?? false;
    case 'enum': return f.default ?? '';
    default: return '';
  }
}

/** Values of a new record: defaults, then what the page was asked to preset (e.g. ?programme=3). */
export function emptyValues(type: RecordType, preset: FormValues = {}): FormValues {
  const out: FormValues = {};
  for (const f of TYPES[type].fields) out[f.name] = f.name in preset ? preset[f.name] : emptyValue(f);
  return out;
}

/** Values of an existing record, for its edit form. */
export function valuesFromRecord(type: RecordType, rec: Record<string, unknown>, lang: Lang): FormValues {
  const out: FormValues = {};
  for (const f of TYPES[type].fields) {
    const v = rec[f.name];
    if (v === undefined || v === null) { out[f.name] = emptyValue(f); continue; }
    switch (f.kind) {
      case 'text': {
        const t = v as MLText;
        out[f.name] = { text: t.text ?? '', lang: t.lang ?? '' };
        break;
      }
      case 'countries': case 'languages': out[f.name] = (v as string[]).map(String); break;
      case 'refs': out[f.name] = (v as number[]).map(Number); break;
      case 'ref': out[f.name] = Number(v); break;
      case 'bool': out[f.name] = Boolean(v); break;
      case 'int': out[f.name] = String(v); break;
      case 'number': out[f.name] = typeof v === 'number' ? formatNumberInput(v, lang) : String(v); break;
      default: out[f.name] = String(v);
    }
  }
  return out;
}

/**
 * Multilingual text for the API: a plain string lets the server detect the language; an edit
 * keeps the original's translations as long as the text itself is unchanged.
 */
export function textPayload(v: TextValue, original?: MLText | null): string | MLText | null {
  const text = v.text.trim();
  if (!text) return null;
  if (!v.lang && !original?.translations) return text;
  const out: MLText = { text };
  if (v.lang) out.lang = v.lang;
  else if (original?.lang) out.lang = original.lang;
  if (original?.translations && original.text === text) out.translations = original.translations;
  return out;
}

/**
 * The JSON body for POST or PUT. Empty fields are left out (PUT replaces the record, so a field
 * left out is removed). Numbers that do not read as numbers are sent as typed, so that the
 * server's own message, in the reader's language, says what is wrong.
 */
export function toPayload(type: RecordType, values: FormValues, lang: Lang, original?: Record<string, unknown> | null): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of TYPES[type].fields) {
    const v = values[f.name];
    let out: unknown = null;
    switch (f.kind) {
      case 'text':
        out = v && typeof v === 'object' && !Array.isArray(v) ? textPayload(v as TextValue, original?.[f.name] as MLText | undefined) : null;
        break;
      case 'countries': case 'languages': {
        const list = Array.isArray(v) ? (v as string[]).map((x) => x.trim()).filter(Boolean) : [];
        out = list.length ? (f.kind === 'countries' ? list.map((x) => x.toUpperCase()) : list) : null;
        break;
      }
      case 'refs': {
        const list = Array.isArray(v) ? (v as number[]).filter((x) => Number.isInteger(x) && x > 0) : [];
        out = list.length ? list : null;
        break;
      }
      case 'ref': out = typeof v === 'number' && v > 0 ? v : null; break;
      case 'bool': out = Boolean(v); break;
      case 'int': {
        const s = String(v ?? '').trim();
        out = !s ? null : /^-?\d+$/.test(s) ? Number(s) : s;
        break;
      }
      case 'number': {
        const s = String(v ?? '').trim();
        const n = s ? parseLocaleNumber(s, lang) : null;
        out = !s ? null : n ?? s;
        break;
      }
      case 'country': case 'currency': {
        const s = String(v ?? '').trim().toUpperCase();
        out = s || null;
        break;
      }
      default: {
        const s = String(v ?? '').trim();
        out = s || null;
      }
    }
    if (out !== null) body[f.name] = out;
  }
  return body;
}

/** The server's field errors for this type's fields, and the rest (for the summary). */
export function fieldErrorsFor(type: RecordType, errors: readonly FieldError[]) {
  return mapFieldErrors(errors, TYPES[type].fields.map((f) => f.name));
}

/** The first field in error, in the order the form shows them. */
export function firstErrorField(type: RecordType, byField: Record<string, string>, shown?: readonly string[]): string | null {
  for (const f of TYPES[type].fields) {
    if (shown && !shown.includes(f.name)) continue;
    if (byField[f.name]) return f.name;
  }
  return null;
}

/** Has the reader changed anything? (Used to warn before a reload throws their changes away.) */
export function sameValues(a: FormValues, b: FormValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A new record's values from the page address: `/sessions/new?programme=3` starts with that programme. */
export function presetFromQuery(type: RecordType, query: URLSearchParams): FormValues {
  const out: FormValues = {};
  for (const f of TYPES[type].fields) {
    const v = query.get(f.name);
    if (!v) continue;
    if (f.kind === 'ref' && /^\d+$/.test(v)) out[f.name] = Number(v);
    else if (f.kind === 'refs') {
      const ids = v.split(',').filter((x) => /^\d+$/.test(x)).map(Number);
      if (ids.length) out[f.name] = ids;
    }
  }
  return out;
}
