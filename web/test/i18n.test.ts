import { describe, expect, it } from 'vitest';
import { CATALOGUES, interpolate, translate, setLang, tEnum } from '../src/i18n';
import { LANGS } from '../src/lib/lang';
import { ORG_KINDS } from '../src/pages/Directory';
import { SUBJECTS } from '../src/pages/Marketplace';
import { STAGES } from '../src/pages/Home';
import { AGREEMENT_TYPES } from '../src/pages/Agreements';
import { TYPES } from '../src/lib/schema';
import en from '../src/i18n/messages/en.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const enKeys = Object.keys(en).sort();

  it('has one catalogue per interface language', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LANGS].sort());
  });

  for (const lang of LANGS) {
    it(`${lang}: the same keys as every other language`, () => {
      expect(Object.keys(CATALOGUES[lang]).sort()).toEqual(enKeys);
    });

    it(`${lang}: no empty or untrimmed values`, () => {
      for (const [key, value] of Object.entries(CATALOGUES[lang])) {
        expect(typeof value, key).toBe('string');
        expect(value.trim().length, `${lang} ${key} is empty`).toBeGreaterThan(0);
        if (key !== 'common.colon') expect(value, `${lang} ${key} has stray spaces`).toBe(value.trim());
      }
    });

    it(`${lang}: the same {placeholders} as English`, () => {
      for (const key of enKeys) {
        expect(placeholders(CATALOGUES[lang][key as keyof typeof en]), `${lang} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
      }
    });
  }

  it('translates the interface, not just copies English', () => {
    for (const lang of ['zh-Hans', 'vi', 'fr'] as const) {
      const same = enKeys.filter((k) => CATALOGUES[lang][k as keyof typeof en] === en[k as keyof typeof en]);
      // a few words are the same in French and English (Documents, Description, Date, Source, Type…)
      expect(same.length, `${lang}: ${same.join(', ')}`).toBeLessThan(enKeys.length * 0.1);
    }
  });

  it('has a label for every enum value the pages show', () => {
    const enums: [string, readonly string[]][] = [
      ['orgkind', ORG_KINDS], ['subject', SUBJECTS], ['stage', STAGES], ['agrtype', AGREEMENT_TYPES],
      ['status', ['draft', 'published', 'closed']], ['agrstatus', ['draft', 'signed', 'in_force', 'completed', 'terminated']],
      ['relation', ['same', 'narrower', 'broader']], ['profilekind', ['offer', 'request']],
      ['type', ['organisation', 'person', 'profile', 'case', 'agreement', 'project', 'programme', 'session', 'enrolment', 'document']],
      ['role', ['admin', 'staff', 'editor', 'trainee', 'admin_help', 'staff_help', 'editor_help', 'trainee_help']],
      ['ustatus', ['active', 'disabled']], ['scope', ['read', 'read,write']], ['uilang', ['zh-Hans', 'vi', 'en', 'fr']],
      ['law', ['pipl', 'decree_13_2023', 'pipl_and_decree_13_2023']], ['tokens', ['active', 'revoked', 'expired']],
      ['auditop', ['create', 'update', 'delete']], ['audittype', ['user', 'token', 'consent']],
    ];
    for (const [prefix, values] of enums) for (const v of values) expect(enKeys, `${prefix}.${v}`).toContain(`${prefix}.${v}`);
  });

  it('has a label for every field, enum value and record type of the forms', () => {
    for (const type of Object.values(TYPES)) {
      expect(enKeys).toContain(`one.${type.type}`);
      expect(enKeys).toContain(type.newTitle);
      expect(enKeys).toContain(type.editTitle);
      for (const f of type.fields) {
        expect(enKeys, `${type.type}.${f.name}`).toContain(f.label);
        if (f.help) expect(enKeys).toContain(f.help);
        if (f.kind === 'enum' || f.kind === 'choice') for (const v of f.values) expect(enKeys, `${f.labels}.${v}`).toContain(`${f.labels}.${v}`);
      }
    }
  });

  it('keeps Vietnamese diacritics and Chinese characters in the new form strings', () => {
    // a catalogue that lost its diacritics (or fell back to English) would read "Them du an"
    expect(CATALOGUES.vi['form.project_new']).toBe('Thêm dự án');
    expect(CATALOGUES.vi['delete.refused_help']).toMatch(/[ạảãàáâậầấẩẫăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]/);
    for (const key of ['form.case_new', 'form.signed_place', 'delete.title', 'interest.received', 'enrstatus.waitlisted'] as const) {
      expect(CATALOGUES['zh-Hans'][key], key).toMatch(/\p{Script=Han}/u);
      expect(CATALOGUES.fr[key], key).not.toBe(CATALOGUES.en[key]);
    }
  });
});

describe('t()', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(interpolate('Results: {count}', { count: 3 })).toBe('Results: 3');
    expect(interpolate('{a} {b}', { a: 'x' })).toBe('x {b}');
  });

  it('translates by language', () => {
    expect(translate('vi', 'nav.home')).toBe('Trang chủ');
    expect(translate('zh-Hans', 'common.results', { count: '12' })).toBe('结果：12 条');
    expect(translate('fr', 'import.rejected', { count: 1 })).toBe('Lignes rejetées : 1');
  });

  it('labels enum values, falling back to the value itself', () => {
    setLang('fr');
    expect(tEnum('stage', 'in_progress')).toBe('En cours');
    expect(tEnum('domain', 'space_mining')).toBe('space mining');
    expect(tEnum('domain', '')).toBe('');
    setLang('en');
  });
});
