import { describe, expect, it } from 'vitest';
import { consentBody, consentLaw, needsConsent, today } from '../src/lib/consent';
import { translate } from '../src/i18n';
import { LANGS } from '../src/lib/lang';

describe('cross-border consent', () => {
  it('names the law by where the data goes', () => {
    expect(consentLaw('VN', 'CN')).toBe('pipl_and_decree_13_2023');
    expect(consentLaw('CN', 'VN')).toBe('pipl_and_decree_13_2023');
    expect(consentLaw('LA', 'CN')).toBe('pipl');
    expect(consentLaw('LA', 'VN')).toBe('decree_13_2023');
    expect(consentLaw(undefined, 'cn')).toBe('pipl');
  });

  it('builds the consent record the API expects', () => {
    expect(consentBody(42, 'VN', 'CN', 'vi', 'Tôi đồng ý…', '2026-11-25')).toEqual({
      person: 42, purpose: 'cross_border_transfer', law: 'pipl_and_decree_13_2023', destination_country: 'CN',
      granted_at: '2026-11-25', text_version: '2026-11', text: { lang: 'vi', text: 'Tôi đồng ý…' },
    });
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('tells a refusal for want of consent from other errors', () => {
    expect(needsConsent({ status: 400, errors: [{ field: 'person', code: 'consent_required' }] })).toBe(true);
    expect(needsConsent({ status: 400, errors: [{ field: 'session', code: 'required' }] })).toBe(false);
    expect(needsConsent(null)).toBe(false);
  });

  it('words the consent in every language, naming the country and the law', () => {
    for (const lang of LANGS) {
      const text = translate(lang, 'consent.text', { country: 'XCOUNTRYX', law: translate(lang, 'law.pipl_and_decree_13_2023') });
      expect(text, lang).toContain('XCOUNTRYX');
      expect(text, lang).toMatch(/13\/2023/);
      expect(text, lang).toMatch(/PIPL|个人信息保护法/);
    }
  });
});
