// Dates, numbers, countries and languages, formatted with Intl for the interface language.
import type { Lang } from './lang';

const cache = new Map<string, unknown>();
function memo<T>(key: string, make: () => T): T {
  let v = cache.get(key) as T | undefined;
  if (v === undefined) {
    v = make();
    cache.set(key, v);
  }
  return v;
}

/** The Intl locale for an interface language. */
export function intlLocale(lang: Lang): string {
  return lang === 'zh-Hans' ? 'zh-Hans-CN' : lang;
}

/** 'YYYY-MM-DD' (or a full ISO timestamp) to a Date at UTC midnight; null when unreadable. */
export function parseIsoDate(s: string | null | undefined): Date | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(s);
  if (!m) return null;
  if (s.length > 10) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(s: string | null | undefined, lang: Lang, style: 'long' | 'medium' = 'medium'): string {
  const d = parseIsoDate(s);
  if (!d) return s ?? '';
  const f = memo(`date:${lang}:${style}`, () => new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: style, timeZone: 'UTC' }));
  return f.format(d);
}

export function formatDateRange(from: string | null | undefined, to: string | null | undefined, lang: Lang): string {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a) return formatDate(to, lang);
  if (!b) return formatDate(from, lang);
  const f = memo(`range:${lang}`, () => new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeZone: 'UTC' }));
  return f.formatRange(a, b);
}

export function formatNumber(n: number | null | undefined, lang: Lang, maxFractionDigits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  const f = memo(`num:${lang}:${maxFractionDigits}`, () => new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: maxFractionDigits }));
  return f.format(n);
}

export function formatPercent(ratio: number, lang: Lang): string {
  const f = memo(`pct:${lang}`, () => new Intl.NumberFormat(intlLocale(lang), { style: 'percent', maximumFractionDigits: 0 }));
  return f.format(ratio);
}

export function formatMoney(value: number | null | undefined, currency: string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (!currency || !/^[A-Z]{3}$/.test(currency)) return formatNumber(value, lang);
  const f = memo(`money:${lang}:${currency}`, () =>
    new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency, maximumFractionDigits: 0, notation: 'standard' }));
  return f.format(value);
}

/** Country name from an ISO 3166-1 alpha-2 code, in the interface language. */
export function countryName(code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const up = code.toUpperCase();
  if (!/^[A-Z]{2}$/.test(up)) return code;
  try {
    const dn = memo(`region:${lang}`, () => new Intl.DisplayNames([intlLocale(lang)], { type: 'region' }));
    return dn.of(up) ?? up;
  } catch {
    return up;
  }
}

/** Language name from a BCP-47 tag, in the interface language. */
export function languageName(tag: string | null | undefined, lang: Lang): string {
  if (!tag) return '';
  try {
    const dn = memo(`language:${lang}`, () => new Intl.DisplayNames([intlLocale(lang)], { type: 'language' }));
    return dn.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Sorts strings the way a reader of the language expects. */
export function compareText(lang: Lang): (a: string, b: string) => number {
  const c = memo(`collator:${lang}`, () => new Intl.Collator(intlLocale(lang)));
  return (a, b) => c.compare(a, b);
}

/** An ISO timestamp as date and time in the reader's conventions (their own time zone). */
export function formatDateTime(s: string | null | undefined, lang: Lang): string {
  if (!s) return '';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const f = memo(`datetime:${lang}`, () => new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short' }));
  return f.format(d);
}
