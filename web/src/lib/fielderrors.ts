// Maps the server's per-field validation errors (problem+json `errors[]`) to form inputs.

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** "target_countries[1]" -> "target_countries"; "title.lang" -> "title"; "line 3: country" -> "country". */
export function baseField(field: string): string {
  let f = field.trim();
  const line = /^line\s+\d+\s*(?::\s*(.*))?$/i.exec(f);
  if (line) f = line[1] ?? '';
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(f);
  return m ? m[0] : '';
}

/** Aliases the server accepts on input, to the field our forms use. */
const ALIASES: Record<string, string> = { region: 'locality', org: 'organisation' };

/**
 * Splits errors into those that belong to one of `known` fields (by field name, several
 * messages joined) and the rest, which the form shows in its summary.
 */
export function mapFieldErrors(errors: readonly FieldError[] | undefined, known: readonly string[]): {
  byField: Record<string, string>;
  other: FieldError[];
} {
  const byField: Record<string, string> = {};
  const other: FieldError[] = [];
  for (const e of errors ?? []) {
    let f = baseField(e.field);
    f = ALIASES[f] ?? f;
    if (f && known.includes(f)) {
      const msg = e.message || e.code;
      byField[f] = byField[f] ? `${byField[f]} ${msg}` : msg;
    } else {
      other.push(e);
    }
  }
  return { byField, other };
}

export interface LineError {
  line: number | null;  // 1-based line of the uploaded file, null when the error names none
  field: string;        // '' when the whole line is bad
  code: string;
  message: string;
}

/** Import problems name their line: "line 3: country", "line 4". */
export function parseLineErrors(errors: readonly FieldError[] | undefined): LineError[] {
  const out: LineError[] = [];
  for (const e of errors ?? []) {
    const m = /^line\s+(\d+)\s*(?::\s*(.*))?$/i.exec(e.field.trim());
    if (m) out.push({ line: Number(m[1]), field: (m[2] ?? '').trim(), code: e.code, message: e.message });
    else out.push({ line: null, field: e.field, code: e.code, message: e.message });
  }
  out.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  return out;
}

/**
 * Did a write fail because the record changed since it was read (If-Match with an old version)?
 * The server answers 409 with a `stale_version` error on `version`; 412 is the HTTP way of saying it.
 */
export function isVersionConflict(e: { status: number; errors: readonly FieldError[] }): boolean {
  if (e.status === 412) return true;
  return e.status === 409 && (e.errors.length === 0 || e.errors.some((x) => x.code === 'stale_version' || x.field === 'version'));
}

/** The reasons a server refused a delete ("still referenced"), as sentences to show. */
export function refusalMessages(e: { title: string; detail: string; errors: readonly FieldError[] }): string[] {
  const msgs = e.errors.map((x) => x.message).filter(Boolean);
  return msgs.length ? msgs : [e.detail || e.title].filter(Boolean);
}
