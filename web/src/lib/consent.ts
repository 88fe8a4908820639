// Consent to a transfer of personal data across a border (China's PIPL, Viet Nam's Decree
// 13/2023 on personal data protection), asked when a trainee applies for a session held in
// another country than theirs, and recorded as a consent record (POST /api/v1/consents).
import type { Lang } from './lang';

export type ConsentLaw = 'pipl' | 'decree_13_2023' | 'pipl_and_decree_13_2023';

/** The version of the consent wording: a change of wording is a new version. */
export const CONSENT_TEXT_VERSION = '2026-11';

/**
 * The law(s) that govern a transfer from `from` to `to`: both when the data goes between China
 * and Viet Nam, PIPL when China is one end, Decree 13/2023 when Viet Nam is; PIPL otherwise, as
 * the centre that processes the data is in China.
 */
export function consentLaw(from: string | null | undefined, to: string): ConsentLaw {
  const ends = [String(from ?? '').toUpperCase(), to.toUpperCase()];
  const cn = ends.includes('CN');
  const vn = ends.includes('VN');
  if (cn && vn) return 'pipl_and_decree_13_2023';
  if (vn) return 'decree_13_2023';
  return 'pipl';
}

/** Today in the reader's calendar, as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export interface ConsentBody {
  person: number;
  purpose: 'cross_border_transfer';
  law: ConsentLaw;
  destination_country: string;
  granted_at: string;
  text_version: string;
  text: { lang: Lang; text: string };
}

/** The consent record for `person` agreeing, in `lang`, to the wording `text` shown to them. */
export function consentBody(person: number, from: string | null | undefined, to: string, lang: Lang, text: string, date = today()): ConsentBody {
  return {
    person,
    purpose: 'cross_border_transfer',
    law: consentLaw(from, to),
    destination_country: to.toUpperCase(),
    granted_at: date,
    text_version: CONSENT_TEXT_VERSION,
    text: { lang, text },
  };
}

/** Did an application fail only for want of consent? */
export function needsConsent(e: unknown): boolean {
  const x = e as { status?: number; errors?: { field: string; code: string }[] } | null;
  return Boolean(x && x.status === 400 && x.errors?.some((f) => f.code === 'consent_required'));
}
