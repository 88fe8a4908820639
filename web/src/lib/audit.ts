// The audit trail (GET /api/v1/audit): who changed what, when, and the difference between the
// record before and after. Pure functions, covered by Vitest.

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  type: string;
  id: number;
  op: string;
  version: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** For account changes (users, tokens): their before/after, as JSON or as a JSON string. */
  detail: string | Record<string, unknown> | null;
}

export interface AuditPage {
  items: AuditEntry[];
  next_cursor: string | null;
}

export interface DiffRow {
  /** "title.text", "parties", "name" */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** Bookkeeping fields that change on every write and say nothing about the change. */
const IGNORED = new Set(['version', 'updated_at', 'created_at']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Flattens nested objects to dotted paths; arrays and scalars are leaves. */
export function flatten(value: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(value)) {
    if (!prefix && IGNORED.has(k)) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v) && Object.keys(v).length > 0) flatten(v, path, out);
    else out[path] = v;
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields that differ between two versions of a record, in the order they appear (after's
 * order, then fields only before had). A creation lists every field as added, a deletion as removed.
 */
export function diffRecords(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): DiffRow[] {
  const b = before ? flatten(before) : {};
  const a = after ? flatten(after) : {};
  const rows: DiffRow[] = [];
  const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
  for (const k of keys) {
    const inB = k in b && b[k] !== null && b[k] !== undefined;
    const inA = k in a && a[k] !== null && a[k] !== undefined;
    if (inA && !inB) rows.push({ path: k, kind: 'added', after: a[k] });
    else if (inB && !inA) rows.push({ path: k, kind: 'removed', before: b[k] });
    else if (inA && inB && !same(a[k], b[k])) rows.push({ path: k, kind: 'changed', before: b[k], after: a[k] });
  }
  return rows;
}

/**
 * An account change's detail (JSON, or JSON in a string) as before/after objects to compare:
 * `{before, after}` when it has them, else the detail itself as what was set.
 */
export function parseDetail(detail: string | Record<string, unknown> | null | undefined): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } | null {
  if (!detail) return null;
  let v: unknown = detail;
  if (typeof detail === 'string') {
    try {
      v = JSON.parse(detail);
    } catch {
      return { before: null, after: { detail } };
    }
  }
  if (!isPlainObject(v)) return { before: null, after: { detail: v } };
  if ('before' in v || 'after' in v) {
    return { before: isPlainObject(v.before) ? v.before : null, after: isPlainObject(v.after) ? v.after : null };
  }
  return { before: null, after: v };
}

/** The differences of one audit entry: its records', or its detail's. */
export function entryDiff(e: Pick<AuditEntry, 'before' | 'after' | 'detail'>): DiffRow[] {
  if (e.before || e.after) return diffRecords(e.before, e.after);
  const d = parseDetail(e.detail);
  return d ? diffRecords(d.before, d.after) : [];
}

/** A value of a diff, short and readable: texts as they are, lists joined, objects as JSON. */
export function showValue(v: unknown, max = 160): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'string') s = v;
  else if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) s = v.join(', ');
  else s = JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
