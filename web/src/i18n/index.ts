// Interface strings: one catalogue per language (messages/<lang>.json, same keys in all four,
// checked by test/i18n.test.ts). `t(key, params)` fills {name} placeholders.
import en from './messages/en.json';
import vi from './messages/vi.json';
import fr from './messages/fr.json';
import zhHans from './messages/zh-Hans.json';
import type { Lang } from '../lib/lang';

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

export const CATALOGUES: Record<Lang, Catalogue> = {
  en,
  vi: vi as Catalogue,
  fr: fr as Catalogue,
  'zh-Hans': zhHans as Catalogue,
};

let current: Lang = 'en';

export function setLang(lang: Lang): void {
  current = lang;
}

export function getLang(): Lang {
  return current;
}

export function interpolate(message: string, params?: Record<string, string | number>): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const msg = CATALOGUES[lang][key] ?? CATALOGUES.en[key] ?? key;
  return interpolate(msg, params);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(current, key, params);
}

/** For keys built from data (enum values): falls back to the raw value when the catalogue has no entry. */
export function tEnum(prefix: string, value: string | null | undefined): string {
  if (!value) return '';
  const key = `${prefix}.${value}` as MessageKey;
  return key in CATALOGUES[current] ? t(key) : value.replace(/_/g, ' ');
}
