import { describe, expect, it } from 'vitest';
import { csvToJsonl, CsvError, parseCsv } from '../src/lib/csv';

describe('CSV parsing', () => {
  it('reads quoted cells, doubled quotes, CRLF and a BOM', () => {
    const { rows, lines } = parseCsv('\ufeffa,b\r\n"x, y","he said ""hi"""\r\n\r\nlast,\n');
    expect(rows).toEqual([['a', 'b'], ['x, y', 'he said "hi"'], ['last', '']]);
    expect(lines).toEqual([1, 2, 4]);
  });

  it('keeps newlines inside quotes and counts lines', () => {
    const { rows, lines } = parseCsv('name,summary\nA,"line one\nline two"\nB,x');
    expect(rows).toEqual([['name', 'summary'], ['A', 'line one\nline two'], ['B', 'x']]);
    expect(lines).toEqual([1, 2, 4]);
  });

  it('reads a file without a final newline', () => {
    expect(parseCsv('a\nb').rows).toEqual([['a'], ['b']]);
    expect(parseCsv('').rows).toEqual([]);
  });
});

describe('CSV to JSON Lines', () => {
  it('converts rows to records of the chosen type, with lists, numbers and references', () => {
    const csv = [
      'ref,org,kind,title,target_countries,deadline',
      'p-1,org-1,request,Dự báo sâu bệnh lúa,VN;CN,2026-10-31',
      'p-2,12,offer,"水稻, 病虫害",,',
    ].join('\n');
    const out = csvToJsonl(csv, 'profile');
    expect(out.records).toBe(2);
    expect(out.jsonl.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { type: 'profile', ref: 'p-1', org: 'org-1', kind: 'request', title: 'Dự báo sâu bệnh lúa', target_countries: ['VN', 'CN'], deadline: '2026-10-31' },
      { type: 'profile', ref: 'p-2', org: 12, kind: 'offer', title: '水稻, 病虫害' },
    ]);
    expect(out.sourceLine).toEqual([0, 2, 3]);
  });

  it('uses a type column when there is one, and converts ints and booleans', () => {
    const csv = 'type,programme,start_date,end_date,online,capacity,parties\nsession,prog-1,2025-06-09,2025-06-20,oui,45,\nagreement,,,,,,org-1|7';
    const recs = csvToJsonl(csv, '').jsonl.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs[0]).toEqual({ type: 'session', programme: 'prog-1', start_date: '2025-06-09', end_date: '2025-06-20', online: true, capacity: 45 });
    expect(recs[1]).toEqual({ type: 'agreement', parties: ['org-1', 7] });
  });

  it('leaves a bad number as text, for the server to report', () => {
    const rec = JSON.parse(csvToJsonl('year\nabout 2024', 'case').jsonl);
    expect(rec).toEqual({ type: 'case', year: 'about 2024' });
  });

  it('reports a file it cannot convert', () => {
    expect(() => csvToJsonl('', 'organisation')).toThrow(CsvError);
    expect(() => csvToJsonl('name,country\nA,VN', '')).toThrow(/csv.no_type/);
    try {
      csvToJsonl('name,country\nA,VN\nB,VN,extra', 'organisation');
      expect.fail('no error');
    } catch (e) {
      expect((e as CsvError).key).toBe('csv.too_many_cells');
      expect((e as CsvError).line).toBe(3);
    }
  });
});
