import { describe, expect, it } from 'vitest';
import { countryName, formatDate, formatDateRange, formatMoney, formatNumber, formatPercent, languageName, parseIsoDate } from '../src/lib/format';

const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('dates', () => {
  it('reads ISO dates at UTC midnight, whatever the time zone', () => {
    expect(parseIsoDate('2026-03-10')?.toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(parseIsoDate('2026-11-24T22:20:14.788Z')?.toISOString()).toBe('2026-11-24T22:20:14.788Z');
    expect(parseIsoDate('10/03/2026')).toBeNull();
    expect(parseIsoDate('')).toBeNull();
  });

  it('formats a date for each language', () => {
    expect(formatDate('2026-03-10', 'en', 'long')).toBe('March 10, 2026');
    expect(formatDate('2026-03-10', 'fr', 'long')).toBe('10 mars 2026');
    expect(formatDate('2026-03-10', 'zh-Hans', 'long')).toBe('2026年3月10日');
    expect(formatDate('2026-03-10', 'vi', 'long')).toMatch(/10 tháng 3,? 2026/);
  });

  it('keeps an unreadable date as it is', () => {
    expect(formatDate('soon', 'en')).toBe('soon');
    expect(formatDate(undefined, 'en')).toBe('');
  });

  it('formats a range of days', () => {
    expect(norm(formatDateRange('2025-06-09', '2025-06-20', 'en'))).toMatch(/Jun 9\s*–\s*20, 2025/);
    expect(norm(formatDateRange('2025-06-09', '2025-06-20', 'fr'))).toMatch(/9\s*–\s*20 juin 2025/);
    expect(formatDateRange('2025-06-09', undefined, 'en')).toBe(formatDate('2025-06-09', 'en'));
  });
});

describe('numbers', () => {
  it('groups digits the local way', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(norm(formatNumber(1234567, 'fr'))).toBe('1 234 567');
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
    expect(formatNumber(1234567, 'zh-Hans')).toBe('1,234,567');
    expect(formatNumber(null, 'en')).toBe('');
  });

  it('formats percentages and money', () => {
    expect(formatPercent(0.586, 'en')).toBe('59%');
    expect(norm(formatPercent(0.586, 'fr'))).toBe('59 %');
    expect(formatMoney(860000, 'USD', 'en')).toBe('$860,000');
    expect(norm(formatMoney(1200000, 'CNY', 'fr'))).toBe('1 200 000 CNY');
    expect(formatMoney(5, 'bad', 'en')).toBe('5');
  });
});

describe('names', () => {
  it('names countries and languages in the reader\'s language', () => {
    expect(countryName('CN', 'vi')).toBe('Trung Quốc');
    expect(countryName('VN', 'zh-Hans')).toBe('越南');
    expect(countryName('vn', 'fr')).toMatch(/Vi[eê]t Nam/);
    expect(countryName('', 'fr')).toBe('');
    expect(countryName('Guangxi', 'fr')).toBe('Guangxi');
    expect(languageName('zh-Hans', 'en')).toBe('Simplified Chinese');
    expect(languageName('vi', 'fr')).toBe('vietnamien');
  });
});
