import { describe, expect, it } from 'vitest';
import {
  emptyValues, fieldErrorsFor, firstErrorField, formatNumberInput, parseLocaleNumber, presetFromQuery, textPayload,
  toPayload, valuesFromRecord, type FormValues,
} from '../src/lib/formdata';
import { isVersionConflict, refusalMessages } from '../src/lib/fielderrors';
import { TYPES, recordPath, typeByPlural } from '../src/lib/schema';
import { COUNTRY_CODES, countryGroups, currencyOptions, languageOptions } from '../src/lib/codes';
import { matchRoute } from '../src/lib/router';

describe('field descriptors', () => {
  it('describe every record type of docs/records.md, with the server\'s field names', () => {
    expect(Object.keys(TYPES).sort()).toEqual(['agreement', 'case', 'document', 'enrolment', 'interest', 'organisation', 'person', 'profile', 'programme', 'project', 'session']);
    expect(TYPES.agreement.fields.map((f) => f.name)).toEqual(['title', 'parties', 'agreement_type', 'status', 'signed_date', 'signed_place']);
    expect(TYPES.session.fields.filter((f) => f.required).map((f) => f.name)).toEqual(['programme', 'start_date', 'end_date']);
    expect(TYPES.interest.fields.filter((f) => f.required).map((f) => f.name)).toEqual(['profile', 'name', 'email', 'message']);
    for (const t of Object.values(TYPES)) {
      const names = t.fields.map((f) => f.name);
      expect(new Set(names).size, t.type).toBe(names.length);
      if (t.titleField) expect(names, t.type).toContain(t.titleField);
    }
  });

  it('know where each record lives', () => {
    expect(recordPath('case', 4)).toBe('/cases/4');
    expect(recordPath('person', 9)).toBe('/people/9');
    expect(recordPath('interest', 1)).toBeNull();
    expect(typeByPlural('enrolments')?.type).toBe('enrolment');
  });
});

describe('form values', () => {
  it('start from the defaults of the type and the page\'s presets', () => {
    const v = emptyValues('agreement');
    expect(v).toEqual({ title: { text: '', lang: '' }, parties: [], agreement_type: '', status: 'signed', signed_date: '', signed_place: '' });
    expect(emptyValues('session', { programme: 3 })).toMatchObject({ programme: 3, online: false, capacity: '' });
    expect(presetFromQuery('session', new URLSearchParams('programme=3&venue=x'))).toEqual({ programme: 3 });
    expect(presetFromQuery('agreement', new URLSearchParams('parties=4,9,x'))).toEqual({ parties: [4, 9] });
    expect(presetFromQuery('enrolment', new URLSearchParams('session=abc'))).toEqual({});
  });

  it('read a record and write it back unchanged (PUT keeps translations)', () => {
    const rec = {
      id: 1, version: 3, ref: 'prj-1',
      title: { lang: 'vi', text: 'Hệ thống đặt lịch xe tải', translations: { en: 'Truck booking' } },
      parties: [12, 28], stage: 'completed', value: 860000.5, currency: 'USD', agreement: 3, country: 'VN', start_date: '2023-10-02',
    };
    const v = valuesFromRecord('project', rec, 'vi');
    expect(v.value).toBe('860000,5');
    expect(v.parties).toEqual([12, 28]);
    expect(v.case).toBeNull();
    expect(toPayload('project', v, 'vi', rec)).toEqual({
      title: { lang: 'vi', text: 'Hệ thống đặt lịch xe tải', translations: { en: 'Truck booking' } },
      parties: [12, 28], stage: 'completed', value: 860000.5, currency: 'USD', agreement: 3, country: 'VN', start_date: '2023-10-02',
    });
  });

  it('drop a translation when its text changes, and let the server detect an unmarked language', () => {
    const original = { lang: 'vi', text: 'Cũ', translations: { en: 'Old' } };
    expect(textPayload({ text: 'Mới', lang: 'vi' }, original)).toEqual({ lang: 'vi', text: 'Mới' });
    expect(textPayload({ text: ' 新的 ', lang: '' })).toBe('新的');
    expect(textPayload({ text: 'Nouveau', lang: '' }, original)).toEqual({ lang: 'vi', text: 'Nouveau' });
    expect(textPayload({ text: '   ', lang: 'fr' })).toBeNull();
  });

  it('leave out empty fields, upper-case codes, and send unreadable numbers as typed for the server to explain', () => {
    const v: FormValues = {
      ...emptyValues('case'),
      title: { text: 'Camera AI', lang: '' }, supplier: 5, adopter: null, country: 'vn', year: '20x5', domain: 'agriculture', locality: '  ',
    };
    expect(toPayload('case', v, 'en')).toEqual({ title: 'Camera AI', supplier: 5, country: 'VN', domain: 'agriculture', year: '20x5' });
    expect(toPayload('case', { ...v, year: ' 2025 ' }, 'en').year).toBe(2025);
    const p = toPayload('programme', { ...emptyValues('programme'), title: { text: 'x', lang: 'en' }, target_countries: ['vn', 'la'], language: 'vi' }, 'en');
    expect(p).toEqual({ title: { text: 'x', lang: 'en' }, target_countries: ['VN', 'LA'], language: 'vi' });
    expect(toPayload('session', emptyValues('session', { programme: 2 }), 'en')).toEqual({ programme: 2, online: false });
    expect(toPayload('project', { ...emptyValues('project'), value: 'beaucoup' }, 'fr').value).toBe('beaucoup');
  });
});

describe('numbers as the reader writes them', () => {
  it('reads the decimal and grouping conventions of each language', () => {
    expect(parseLocaleNumber('1234.5', 'en')).toBe(1234.5);
    expect(parseLocaleNumber('1,234,567.5', 'en')).toBe(1234567.5);
    expect(parseLocaleNumber('1 234,5', 'fr')).toBe(1234.5);
    expect(parseLocaleNumber('1\u202f234\u202f567', 'fr')).toBe(1234567);
    expect(parseLocaleNumber('1.234.567,25', 'vi')).toBe(1234567.25);
    expect(parseLocaleNumber('860000', 'vi')).toBe(860000);
    expect(parseLocaleNumber('12,5', 'vi')).toBe(12.5);
    expect(parseLocaleNumber('1,5', 'en')).toBeNull();
    expect(parseLocaleNumber('abc', 'zh-Hans')).toBeNull();
    expect(parseLocaleNumber('', 'en')).toBeNull();
    expect(parseLocaleNumber('-3', 'en')).toBe(-3);
  });

  it('writes a number back without grouping, in the reader\'s decimal', () => {
    expect(formatNumberInput(1234.5, 'fr')).toBe('1234,5');
    expect(formatNumberInput(1234.5, 'zh-Hans')).toBe('1234.5');
    for (const lang of ['en', 'fr', 'vi', 'zh-Hans'] as const) expect(parseLocaleNumber(formatNumberInput(98765.43, lang), lang)).toBe(98765.43);
  });
});

describe('server errors on a form', () => {
  it('map to the fields of the type, aliases and sub-fields included', () => {
    const { byField, other } = fieldErrorsFor('agreement', [
      { field: 'parties[1]', code: 'dangling_ref', message: 'Bản ghi được tham chiếu không tồn tại' },
      { field: 'title.lang', code: 'invalid_language', message: 'Không phải mã ngôn ngữ' },
      { field: 'country', code: 'unknown_field', message: 'Trường không xác định' },
    ]);
    expect(byField).toEqual({ parties: 'Bản ghi được tham chiếu không tồn tại', title: 'Không phải mã ngôn ngữ' });
    expect(other.map((e) => e.field)).toEqual(['country']);
    expect(fieldErrorsFor('person', [{ field: 'org', code: 'dangling_ref', message: 'x' }]).byField).toEqual({ organisation: 'x' });
  });

  it('focus goes to the first field in error, in the order of the form', () => {
    expect(firstErrorField('case', { year: 'a', title: 'b' })).toBe('title');
    expect(firstErrorField('case', { outcome: 'a', supplier: 'b' })).toBe('supplier');
    expect(firstErrorField('interest', { profile: 'a', email: 'b' }, ['name', 'email', 'message'])).toBe('email');
    expect(firstErrorField('case', {})).toBeNull();
  });

  it('tell a version conflict from other refusals', () => {
    const stale = { status: 409, errors: [{ field: 'version', code: 'stale_version', message: 'changed' }] };
    expect(isVersionConflict(stale)).toBe(true);
    expect(isVersionConflict({ status: 412, errors: [] })).toBe(true);
    expect(isVersionConflict({ status: 409, errors: [{ field: 'ref', code: 'duplicate', message: 'taken' }] })).toBe(false);
    expect(isVersionConflict({ status: 400, errors: [] })).toBe(false);
    const refused = { title: '冲突', detail: '请求中有 1 处错误', errors: [{ field: 'id', code: 'still_referenced', message: '仍有其他记录引用此记录，无法删除' }] };
    expect(refusalMessages(refused)).toEqual(['仍有其他记录引用此记录，无法删除']);
    expect(refusalMessages({ title: 'Conflit', detail: '', errors: [] })).toEqual(['Conflit']);
  });
});

describe('code lists', () => {
  it('name countries in the reader\'s language, the region first, and keep an unknown current code', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    const { near, all } = countryGroups('vi', ['XK']);
    expect(near.map((o) => o.value)).toContain('VN');
    expect(near.find((o) => o.value === 'VN')?.label).toBe('Việt Nam');
    expect(near[0].label.localeCompare(near[1].label, 'vi')).toBeLessThan(0);
    expect(all.map((o) => o.value)).toContain('XK');
    expect(all.map((o) => o.value)).not.toContain('VN');
    expect(countryGroups('zh-Hans').near.find((o) => o.value === 'LA')?.label).toBe('老挝');
  });

  it('name currencies and languages', () => {
    expect(currencyOptions('fr').find((o) => o.value === 'VND')?.label).toMatch(/d[oô]ng.*\(VND\)/i);
    expect(currencyOptions('en', 'CHF').map((o) => o.value)).toContain('CHF');
    expect(languageOptions('vi').find((o) => o.value === 'zh-Hans')?.label).toMatch(/Trung/);
  });
});

describe('routes of the record pages and forms', () => {
  it('match every collection', () => {
    expect(matchRoute('/cases/12')).toEqual({ name: 'record', params: { collection: 'cases', id: '12' } });
    expect(matchRoute('/sessions/new')).toEqual({ name: 'record-new', params: { collection: 'sessions' } });
    expect(matchRoute('/people/3/edit')).toEqual({ name: 'record-edit', params: { collection: 'people', id: '3' } });
    expect(matchRoute('/documents/3/edit')).toEqual({ name: 'record-edit', params: { collection: 'documents', id: '3' } });
    expect(matchRoute('/documents/3')).toEqual({ name: 'document', params: { id: '3' } });
    expect(matchRoute('/documents/new').name).toBe('record-new');
    expect(matchRoute('/people').name).toBe('people');
    expect(matchRoute('/cases').name).toBe('cases');
    expect(matchRoute('/interests/1').name).toBe('not-found');
  });
});
