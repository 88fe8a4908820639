// Code lists for the pickers (countries, currencies, content languages), named in the interface
// language with Intl.DisplayNames and sorted the way its readers expect.
import type { Lang } from './lang';
import { compareText, countryName, intlLocale, languageName } from './format';

/** ISO 3166-1 alpha-2, every officially assigned code. */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** China and the ASEAN members (and Timor-Leste), listed first: most partners are there. */
export const NEAR_COUNTRIES = ['CN', 'VN', 'LA', 'KH', 'TH', 'MM', 'MY', 'SG', 'ID', 'PH', 'BN', 'TL'];

export interface Option {
  value: string;
  label: string;
}

/** Countries in two groups, the region's first, each sorted by its name in `lang`; keeps an unknown current value. */
export function countryGroups(lang: Lang, current: readonly string[] = []): { near: Option[]; all: Option[] } {
  const cmp = compareText(lang);
  const byName = (a: Option, b: Option) => cmp(a.label, b.label);
  const near = NEAR_COUNTRIES.map((c) => ({ value: c, label: countryName(c, lang) })).sort(byName);
  const extra = current.filter((c) => c && !COUNTRY_CODES.includes(c));
  const all = [...COUNTRY_CODES.filter((c) => !NEAR_COUNTRIES.includes(c)), ...extra]
    .map((c) => ({ value: c, label: countryName(c, lang) })).sort(byName);
  return { near, all };
}

/** The currencies of the region and the usual trading ones. */
export const CURRENCIES = ['CNY', 'VND', 'USD', 'EUR', 'LAK', 'KHR', 'THB', 'MMK', 'MYR', 'SGD', 'IDR', 'PHP', 'BND', 'HKD', 'JPY', 'KRW', 'GBP', 'AUD'];

export function currencyName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([intlLocale(lang)], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function currencyOptions(lang: Lang, current = ''): Option[] {
  const codes = current && !CURRENCIES.includes(current) ? [...CURRENCIES, current] : CURRENCIES;
  return codes.map((c) => ({ value: c, label: `${currencyName(c, lang)} (${c})` }));
}

/** Content languages: the four of the interface, then the region's. */
export const CONTENT_LANGS = ['zh-Hans', 'vi', 'en', 'fr', 'zh-Hant', 'th', 'lo', 'km', 'my', 'id', 'ms', 'fil', 'ja', 'ko'];

export function languageOptions(lang: Lang, current: readonly string[] = []): Option[] {
  const extra = current.filter((c) => c && !CONTENT_LANGS.includes(c));
  return [...CONTENT_LANGS, ...extra].map((c) => ({ value: c, label: languageName(c, lang) }));
}
