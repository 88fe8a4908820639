// The interface languages, how the reader's language is chosen and remembered.
export const LANGS = ['zh-Hans', 'vi', 'en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language named in itself, for the switcher. */
export const LANG_NATIVE_NAMES: Record<Lang, string> = {
  'zh-Hans': '中文（简体）',
  vi: 'Tiếng Việt',
  en: 'English',
  fr: 'Français',
};

/** Short badges for content languages. */
export function langBadge(tag: string | undefined): string {
  if (!tag) return '?';
  const t = tag.toLowerCase();
  if (t.startsWith('zh')) return t.includes('hant') || t.endsWith('-tw') || t.endsWith('-hk') ? '繁' : '中';
  return t.split('-')[0].toUpperCase();
}

/** Maps any BCP-47 tag to an interface language, or null when none fits. */
export function toLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (t.startsWith('zh')) return 'zh-Hans';
  const primary = t.split(/[-_]/)[0];
  if (primary === 'vi' || primary === 'en' || primary === 'fr') return primary;
  return null;
}

/** The first of the browser's languages that the interface speaks; English otherwise. */
export function pickLang(candidates: readonly string[] | undefined): Lang {
  for (const c of candidates ?? []) {
    const l = toLang(c);
    if (l) return l;
  }
  return 'en';
}

export const LANG_STORAGE_KEY = 'hoptac.lang';

/** The saved choice if any, else the browser's languages. */
export function initialLang(storage: Pick<Storage, 'getItem'> | null, navigatorLanguages: readonly string[] | undefined): Lang {
  let saved: string | null = null;
  try {
    saved = storage?.getItem(LANG_STORAGE_KEY) ?? null;
  } catch {
    saved = null;  // storage may be blocked
  }
  return (saved && (LANGS as readonly string[]).includes(saved) ? (saved as Lang) : null) ?? pickLang(navigatorLanguages);
}
