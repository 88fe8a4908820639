// The public API client: JSON in and out, the interface language in Accept-Language (so problem
// messages come back translated). Two ways to be someone: the browser session (an HttpOnly
// cookie the browser sends by itself, plus the CSRF token in X-CSRF-Token on every change), or
// an API token from the settings dialog as a bearer token (scripts, and people without an account).
import type { FieldError } from './fielderrors';
import { getLang } from '../i18n';
import { getToken } from './token';
import { getCsrf, reportSessionEnded, setCsrf } from './csrf';

export interface MLText {
  lang?: string;
  text: string;
  translations?: Record<string, string>;
}

export interface RecordBase {
  id: number;
  ref?: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface Organisation extends RecordBase {
  name: MLText;
  kind: string;
  country: string;
  locality?: string;
  locality_code?: string;
  description?: MLText;
  website?: string;
}

export interface Profile extends RecordBase {
  organisation: number;
  kind: 'offer' | 'request';
  subject: string;
  title: MLText;
  summary?: MLText;
  target_countries?: string[];
  deadline?: string;
  status: string;
}

export interface Case extends RecordBase {
  title: MLText;
  summary?: MLText;
  supplier?: number;
  adopter?: number;
  country?: string;
  locality?: string;
  domain?: string;
  year?: number;
  outcome?: MLText;
}

export interface Agreement extends RecordBase {
  title: MLText;
  parties: number[];
  agreement_type: string;
  signed_date?: string;
  signed_place?: string;
  status: string;
}

export interface Project extends RecordBase {
  title: MLText;
  summary?: MLText;
  parties: number[];
  stage: string;
  value?: number;
  currency?: string;
  agreement?: number;
  case?: number;
  country?: string;
  start_date?: string;
}

export interface Programme extends RecordBase {
  title: MLText;
  description?: MLText;
  provider?: number;
  target_countries?: string[];
  language?: string;
}

export interface Session extends RecordBase {
  programme: number;
  title?: MLText;
  start_date: string;
  end_date: string;
  venue?: string;
  online: boolean;
  language?: string;
  capacity?: number;
  country?: string;
  locality?: string;
}

export interface DocumentRec extends RecordBase {
  title: MLText;
  body: MLText;
  date?: string;
  source?: string;
  url?: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** The organisation of a profile hit, when the server names it in the hit. */
export interface HitOrg {
  id: number;
  name: MLText;
  country?: string;
}

export interface SearchItem<T = unknown> {
  type: string;
  id: number;
  ref: string | null;
  score: number;
  snippet: string;
  snippet_lang: string;
  concepts: { id: string; label: string }[];
  record: T;
  organisation?: HitOrg;
}

/** The hit's organisation as `{id, name}` when the hit (or its record) carries one; null otherwise. */
export function hitOrganisation(item: SearchItem<unknown>): HitOrg | null {
  const candidates = [item.organisation, (item.record as { organisation?: unknown } | null)?.organisation];
  for (const c of candidates) {
    if (c && typeof c === 'object') {
      const o = c as Partial<HitOrg>;
      if (typeof o.id === 'number' && o.name && typeof o.name === 'object' && typeof o.name.text === 'string') {
        return { id: o.id, name: o.name, country: typeof o.country === 'string' ? o.country : undefined };
      }
    }
  }
  return null;
}

export interface SearchPage<T = unknown> {
  items: SearchItem<T>[];
  total: number;
  facets: Record<string, Record<string, number>>;
  next_cursor: string | null;
}

export interface MatchReason {
  kind: 'concept' | 'term' | 'country' | string;
  label: string;
  relation?: 'same' | 'narrower' | 'broader' | string;
  concept?: string;
  weight: number;
}

export interface MatchItem {
  profile: Profile;
  score: number;
  reasons: MatchReason[];
}

export interface Figures {
  totals: Record<string, number>;
  published_profiles: Record<string, number>;
  agreements_per_year: { year: string; count: number }[];
  sessions_per_year: { year: string; count: number }[];
  participants_per_year: { year: string; count: number }[];
  participants_per_country: { country: string; count: number }[];
  participants_per_locality: { locality: string; count: number }[];
  cases_per_domain: { domain: string; count: number }[];
  projects_per_stage: { stage: string; count: number }[];
}

export interface ImportReport {
  created: number;
  per_type: Record<string, number>;
}

/** An RFC 9457 problem, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    public readonly detail: string,
    public readonly code: string,
    public readonly errors: FieldError[] = [],
    /** Seconds to wait before trying again (429 with Retry-After), else null. */
    public readonly retryAfter: number | null = null,
  ) {
    super(detail || title);
  }

  /** Has this error `code`, at the top of the problem or on one of its fields? */
  hasCode(code: string): boolean {
    return this.code === code || this.errors.some((e) => e.code === code);
  }
}

/** Reads a problem+json body (or any error body) into an ApiError. */
export function problemFromBody(status: number, statusText: string, body: string, retryAfter: string | null = null): ApiError {
  const wait = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : null;
  try {
    const p = JSON.parse(body) as Partial<{ title: string; detail: string; code: string; errors: FieldError[] }>;
    const errors = Array.isArray(p.errors)
      ? p.errors.filter((e) => e && typeof e.field === 'string').map((e) => ({ field: e.field, code: String(e.code ?? ''), message: String(e.message ?? '') }))
      : [];
    return new ApiError(status, String(p.title ?? statusText), String(p.detail ?? ''), String(p.code ?? ''), errors, wait);
  } catch {
    return new ApiError(status, statusText || `HTTP ${status}`, '', '', [], wait);
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === null || v === undefined || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1/${path.replace(/^\//, '')}${qs ? `?${qs}` : ''}`;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Calls about the browser session itself, which a bearer token would hide from the server. */
const SESSION_PATHS = /^\/?(me|session)(\/|$|\?)/;

/**
 * The headers of an API call: language; while a session is open, on a change (POST, PUT, PATCH,
 * DELETE) its CSRF token; otherwise the bearer token when one is set (the server would take a
 * bearer token over the session cookie, so the two are never sent together).
 */
export function apiHeaders(extra?: Record<string, string>, method = 'GET', path = ''): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLang(), ...extra };
  const csrf = getCsrf();
  if (csrf) {
    if (WRITES.has(method.toUpperCase())) h['X-CSRF-Token'] = csrf;
  } else {
    const token = getToken();
    if (token && !SESSION_PATHS.test(path)) h.Authorization = `Bearer ${token}`;
  }
  return h;
}

/** A refused CSRF token (the session was renewed in another tab): fetch the current one. */
async function renewCsrf(): Promise<boolean> {
  try {
    const res = await fetch(buildUrl('me'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return false;
    const me = (await res.json()) as { csrf_token?: string };
    if (!me.csrf_token) return false;
    setCsrf(me.csrf_token);
    return true;
  } catch {
    return false;
  }
}

/** Paths whose 401 says nothing about the session (signing in, links from e-mails). */
const NO_SESSION_NEEDED = /^\/?(session|password-resets|invitations\/accept)(\/|$|\?)/;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  ifMatch?: number;
}

/** The raw response of an API call (for downloads); throws an ApiError when it is not 2xx. */
export async function apiResponse(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? 'GET';
  const send = async (): Promise<Response> => {
    const headers = apiHeaders(opts.body !== undefined ? { 'Content-Type': 'application/json' } : undefined, method, path);
    if (opts.ifMatch !== undefined) headers['If-Match'] = `"${opts.ifMatch}"`;
    try {
      return await fetch(buildUrl(path, opts.query), {
        method,
        headers,
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal: opts.signal,
        credentials: 'same-origin',
      });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, '', '', 'network', []);
    }
  };
  let res = await send();
  if (res.ok) return res;
  let problem = problemFromBody(res.status, res.statusText, await res.text(), res.headers.get('Retry-After'));
  // The CSRF token may have been renewed meanwhile (a sign-in in another tab): renew, try once more.
  if (res.status === 403 && problem.hasCode('csrf') && WRITES.has(method) && getCsrf() && await renewCsrf()) {
    res = await send();
    if (res.ok) return res;
    problem = problemFromBody(res.status, res.statusText, await res.text(), res.headers.get('Retry-After'));
  }
  if (res.status === 401 && !NO_SESSION_NEEDED.test(path)) reportSessionEnded();
  throw problem;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiResponse(path, opts);
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** Every page of a list, for small collections (project pipeline, sessions). */
export async function listAll<T>(collection: string, query: Query = {}, signal?: AbortSignal, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await api<Page<T>>(collection, { query: { ...query, limit: 500, cursor }, signal });
    out.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return out;
}

/**
 * POST /api/v1/import with XMLHttpRequest, to report upload progress (fetch cannot).
 * onProgress gets (loaded, total) in bytes.
 */
export function uploadImport(body: Blob | string, onProgress: (loaded: number, total: number) => void, onUploaded?: () => void): {
  promise: Promise<ImportReport>;
  abort: () => void;
} {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<ImportReport>((resolve, reject) => {
    xhr.open('POST', buildUrl('import'));
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(apiHeaders({ 'Content-Type': 'application/x-ndjson' }, 'POST', 'import'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.upload.onload = () => onUploaded?.();
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportReport);
        } catch {
          reject(new ApiError(xhr.status, xhr.statusText, '', 'bad_response'));
        }
      } else {
        reject(problemFromBody(xhr.status, xhr.statusText, xhr.responseText, xhr.getResponseHeader('Retry-After')));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, '', '', 'network'));
    xhr.onabort = () => reject(new ApiError(0, '', '', 'aborted'));
    xhr.send(body);
  });
  return { promise, abort: () => xhr.abort() };
}
