import { describe, expect, it } from 'vitest';
import { baseField, mapFieldErrors, parseLineErrors } from '../src/lib/fielderrors';
import { ApiError, problemFromBody } from '../src/lib/api';

describe('field errors', () => {
  it('finds the form field an error names', () => {
    expect(baseField('country')).toBe('country');
    expect(baseField('target_countries[1]')).toBe('target_countries');
    expect(baseField('title.lang')).toBe('title');
    expect(baseField('line 3: country')).toBe('country');
    expect(baseField('line 4')).toBe('');
  });

  it('maps errors to inputs, joins several for one field, keeps the rest for the summary', () => {
    const { byField, other } = mapFieldErrors([
      { field: 'country', code: 'invalid_country', message: 'Không phải mã quốc gia ISO 3166-1 hợp lệ' },
      { field: 'target_countries[0]', code: 'invalid_country', message: 'A' },
      { field: 'target_countries[2]', code: 'invalid_country', message: 'B' },
      { field: 'region', code: 'too_long', message: 'long' },
      { field: 'extra', code: 'unknown_field', message: 'is not a field' },
    ], ['country', 'target_countries', 'locality']);
    expect(byField).toEqual({ country: 'Không phải mã quốc gia ISO 3166-1 hợp lệ', target_countries: 'A B', locality: 'long' });
    expect(other).toEqual([{ field: 'extra', code: 'unknown_field', message: 'is not a field' }]);
  });

  it('reads the line of each rejected import line, in line order', () => {
    expect(parseLineErrors([
      { field: 'line 12: kind', code: 'invalid_enum', message: 'x' },
      { field: 'line 2: country', code: 'invalid_country', message: 'y' },
      { field: 'line 4', code: 'malformed_json', message: 'z' },
      { field: 'body', code: 'empty', message: 'w' },
    ])).toEqual([
      { line: 2, field: 'country', code: 'invalid_country', message: 'y' },
      { line: 4, field: '', code: 'malformed_json', message: 'z' },
      { line: 12, field: 'kind', code: 'invalid_enum', message: 'x' },
      { line: null, field: 'body', code: 'empty', message: 'w' },
    ]);
  });
});

describe('problem responses', () => {
  it('reads RFC 9457 problems with per-field errors', () => {
    const p = problemFromBody(400, 'Bad Request', JSON.stringify({
      type: 'about:blank', title: 'Requête invalide', status: 400, detail: 'La requête comporte 1 erreur(s).', code: 'invalid_argument',
      errors: [{ code: 'invalid_country', field: 'country', message: "Ce n'est pas un code pays ISO 3166-1 valide" }],
    }));
    expect(p).toBeInstanceOf(ApiError);
    expect([p.status, p.title, p.code, p.errors.length, p.errors[0].field]).toEqual([400, 'Requête invalide', 'invalid_argument', 1, 'country']);
  });

  it('copes with a body that is not a problem', () => {
    const p = problemFromBody(502, 'Bad Gateway', '<html>oops</html>');
    expect([p.status, p.title, p.errors]).toEqual([502, 'Bad Gateway', []]);
  });
});
