// CSV to JSON Lines, in the browser, so a spreadsheet export can go through POST /api/v1/import.
// The first row names the fields (the JSONL field names of docs/records.md); a `type` column, or
// the type chosen on the page, names each row's record type. Empty cells are left out. Lists
// (target_countries, parties, languages) are separated by ";" or "|" in a cell.

/** RFC 4180 parsing: quoted cells, "" inside quotes, CRLF or LF, a leading BOM. Returns rows of cells and each row's first physical line. */
export function parseCsv(input: string): { rows: string[][]; lines: number[] } {
  const s = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let sawAny = false;
  const endRow = () => {
    row.push(cell);
    cell = '';
    if (!(row.length === 1 && row[0] === '' )) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
  };
  while (i < s.length) {
    const c = s[i];
    sawAny = true;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') { cell += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (c === '\n') line++;
      cell += c; i++; continue;
    }
    if (c === '"' && cell === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(cell); cell = ''; i++; continue; }
    if (c === '\r' && s[i + 1] === '\n') { i++; continue; }
    if (c === '\n' || c === '\r') {
      endRow();
      line++;
      rowLine = line;
      i++;
      continue;
    }
    cell += c; i++;
  }
  if (sawAny && (cell !== '' || row.length > 0)) endRow();
  return { rows, lines };
}

const LIST_FIELDS = new Set(['target_countries', 'parties', 'languages']);
const INT_FIELDS = new Set(['year', 'capacity']);
const NUMBER_FIELDS = new Set(['value']);
const BOOL_FIELDS = new Set(['online']);
const REF_FIELDS = new Set(['organisation', 'org', 'supplier', 'adopter', 'agreement', 'case', 'programme', 'provider', 'person', 'session']);
const REF_LIST_FIELDS = new Set(['parties']);

function refValue(v: string): number | string {
  return /^[1-9][0-9]{0,15}$/.test(v) ? Number(v) : v;
}

function convert(field: string, raw: string): unknown {
  const v = raw.trim();
  if (LIST_FIELDS.has(field)) {
    const items = v.split(/[;|]/).map((x) => x.trim()).filter(Boolean);
    return REF_LIST_FIELDS.has(field) ? items.map(refValue) : items;
  }
  if (REF_FIELDS.has(field)) return refValue(v);
  if (INT_FIELDS.has(field) && /^-?\d+$/.test(v)) return Number(v);
  if (NUMBER_FIELDS.has(field) && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (BOOL_FIELDS.has(field)) {
    const l = v.toLowerCase();
    if (['true', '1', 'yes', 'oui', 'có', '是'].includes(l)) return true;
    if (['false', '0', 'no', 'non', 'không', '否'].includes(l)) return false;
  }
  return v;
}

export interface CsvConversion {
  jsonl: string;
  /** jsonlLine (1-based) -> the CSV line where that record starts, to report errors against the file the reader chose. */
  sourceLine: number[];
  records: number;
}

export class CsvError extends Error {
  constructor(public readonly key: 'csv.no_header' | 'csv.no_type' | 'csv.too_many_cells', public readonly line: number) {
    super(key);
  }
}

export function csvToJsonl(input: string, defaultType: string): CsvConversion {
  const { rows, lines } = parseCsv(input);
  if (rows.length === 0) throw new CsvError('csv.no_header', 1);
  const header = rows[0].map((h) => h.trim());
  if (header.every((h) => h === '')) throw new CsvError('csv.no_header', 1);
  const hasType = header.includes('type');
  if (!hasType && !defaultType) throw new CsvError('csv.no_type', 1);
  const out: string[] = [];
  const sourceLine: number[] = [0];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      throw new CsvError('csv.too_many_cells', lines[r]);
    }
    const rec: Record<string, unknown> = {};
    if (!hasType) rec.type = defaultType;
    header.forEach((h, i) => {
      if (!h) return;
      const cell = cells[i] ?? '';
      if (cell.trim() === '') return;
      rec[h] = h === 'type' ? cell.trim() : convert(h, cell);
    });
    if (!rec.type) rec.type = defaultType;
    out.push(JSON.stringify(rec));
    sourceLine.push(lines[r]);
  }
  return { jsonl: out.length ? out.join('\n') + '\n' : '', sourceLine, records: out.length };
}
