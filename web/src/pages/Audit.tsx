// The audit trail, for administrators: every change (records and accounts) with who, when, and
// the difference between before and after; filters by type and record; a download of the whole
// trail as JSON Lines.
import { useEffect, useState } from 'preact/hooks';
import { t, tEnum, getLang, type MessageKey } from '../i18n';
import { api } from '../lib/api';
import { entryDiff, parseDetail, showValue, type AuditEntry, type AuditPage as Page } from '../lib/audit';
import { recordName } from '../lib/records';
import { datedName, downloadFile } from '../lib/download';
import { formatDateTime, formatNumber } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { navigate, withQuery } from '../lib/router';
import { recordPath, TYPES, type RecordType } from '../lib/schema';
import { Empty, ErrorBox, Loading, MoreButton, PageHeader, Tag } from '../components/common';
import { RequireRole } from '../components/auth';

const ACCOUNT_TYPES = ['user', 'token', 'consent'];
const LIMIT = 50;

export function AuditPage({ query }: { query: URLSearchParams }) {
  const title = t('audit.title');
  useTitle(title);
  return (
    <RequireRole roles={['admin']} title={title}>
      <PageHeader title={title} intro={t('audit.intro')}>
        <ExportButton />
      </PageHeader>
      <AuditTrail query={query} />
    </RequireRole>
  );
}

function ExportButton() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadFile('audit', datedName('audit', 'jsonl'), { format: 'jsonl' });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="btn btn-secondary" onClick={go} disabled={busy} aria-busy={busy} data-testid="audit-export">{t('audit.export')}</button>
      {error !== null && <ErrorBox error={error} />}
    </>
  );
}

function typeLabel(type: string): string {
  return type in TYPES ? t(`one.${type}` as MessageKey) : tEnum('audittype', type);
}

function AuditTrail({ query }: { query: URLSearchParams }) {
  const lang = getLang();
  const type = query.get('type') ?? '';
  const id = query.get('id') ?? '';
  const actor = query.get('actor') ?? '';
  const [typeIn, setTypeIn] = useState(type);
  const [idIn, setIdIn] = useState(id);
  const [actorIn, setActorIn] = useState(actor);
  const [state, setState] = useState<{ items: AuditEntry[]; cursor: string | null; error: unknown; loading: boolean; more: boolean }>({ items: [], cursor: null, error: null, loading: true, more: false });

  const load = (cursor: string | null, signal?: AbortSignal) =>
    api<Page>('audit', { query: { limit: LIMIT, cursor, type, id: type ? id : '', actor }, signal });

  useEffect(() => {
    const ctl = new AbortController();
    setState({ items: [], cursor: null, error: null, loading: true, more: false });
    load(null, ctl.signal).then(
      (p) => setState({ items: p.items, cursor: p.next_cursor, error: null, loading: false, more: false }),
      (error) => { if (!ctl.signal.aborted) setState({ items: [], cursor: null, error, loading: false, more: false }); },
    );
    return () => ctl.abort();
  }, [type, id, actor]);

  const more = () => {
    if (!state.cursor) return;
    setState((s) => ({ ...s, more: true }));
    load(state.cursor).then(
      (p) => setState((s) => ({ ...s, items: [...s.items, ...p.items], cursor: p.next_cursor, more: false })),
      (error) => setState((s) => ({ ...s, error, more: false })),
    );
  };

  const types = [...Object.keys(TYPES), ...ACCOUNT_TYPES];
  return (
    <>
      <form class="filters card audit-filters" role="search" aria-label={t('audit.filters')}
        onSubmit={(e) => { e.preventDefault(); navigate(withQuery('/admin/audit', { type: typeIn, id: typeIn ? idIn.trim() : '', actor: actorIn.trim() }), { keepScroll: true }); }}>
        <div class="field">
          <label for="audit-type">{t('audit.type')}</label>
          <select id="audit-type" value={typeIn} onChange={(e) => setTypeIn((e.target as HTMLSelectElement).value)}>
            <option value="">{t('common.all')}</option>
            {types.map((x) => <option key={x} value={x}>{typeLabel(x)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="audit-id">{t('audit.record_id')}</label>
          <input id="audit-id" type="text" inputMode="numeric" value={idIn} onInput={(e) => setIdIn((e.target as HTMLInputElement).value)} />
          
        </div>
        <div class="field">
          <label for="audit-actor">{t('audit.actor')}</label>
          <input id="audit-actor" type="text" value={actorIn} onInput={(e) => setActorIn((e.target as HTMLInputElement).value)} autocomplete="off" spellcheck={false} />
        </div>
        <div class="field filter-submit">
          <button type="submit" class="btn btn-primary">{t('audit.apply')}</button>
        </div>
      </form>
      {state.loading && <Loading />}
      {state.error !== null && <ErrorBox error={state.error} />}
      {!state.loading && !state.error && state.items.length === 0 && <Empty>{t('audit.none')}</Empty>}
      {state.items.length > 0 && (
        <div class="table-wrap card flush">
          <table class="data-table stack-table audit-table" data-testid="audit">
            <caption class="sr-only">{t('audit.title')}</caption>
            <thead><tr>
              <th scope="col">{t('audit.when')}</th><th scope="col">{t('audit.who')}</th><th scope="col">{t('audit.what')}</th>
              <th scope="col">{t('audit.op')}</th><th scope="col">{t('audit.changes')}</th>
            </tr></thead>
            <tbody>
              {state.items.map((e) => <Row key={e.seq} e={e} lang={lang} />)}
            </tbody>
          </table>
        </div>
      )}
      {!state.loading && state.items.length > 0 && <p class="muted small">{t('audit.shown', { count: formatNumber(state.items.length, lang) })}</p>}
      {state.cursor && <MoreButton onClick={more} busy={state.more} />}
    </>
  );
}

function Row({ e, lang }: { e: AuditEntry; lang: ReturnType<typeof getLang> }) {
  const rows = entryDiff(e);
  const path = e.type in TYPES && e.op !== 'delete' ? recordPath(e.type as RecordType, e.id) : null;
  const name = entryName(e);
  const what = <>{typeLabel(e.type)} {t('record.short', { id: e.id })}{name && <><br /><span class="audit-name">{name}</span></>}</>;
  return (
    <tr data-seq={e.seq} data-type={e.type} data-id={e.id} data-op={e.op}>
      <td data-label={t('audit.when')}><time dateTime={e.at}>{formatDateTime(e.at, lang)}</time><br /><span class="muted small">#{e.seq}</span></td>
      <td data-label={t('audit.who')} class="audit-actor">{e.actor}</td>
      <th scope="row" data-label={t('audit.what')}>{path ? <a href={path}>{what}</a> : what}{e.version ? <span class="muted small"> · v{e.version}</span> : null}</th>
      <td data-label={t('audit.op')}><Tag tone={`op-${e.op}`}>{tEnum('auditop', e.op)}</Tag></td>
      <td data-label={t('audit.changes')}>
        {rows.length === 0 ? <span class="muted">–</span> : rows.every((r) => r.kind === rows[0].kind) && rows[0].kind !== 'changed' && rows.length > 3 ? (
          <details class="diff-all">
            <summary>{t(rows[0].kind === 'added' ? 'audit.fields_set' : 'audit.fields_removed', { count: rows.length })}</summary>
            <DiffList rows={rows} type={e.type} />
          </details>
        ) : <DiffList rows={rows} type={e.type} />}
      </td>
    </tr>
  );
}

/** What the entry is about, in words: the record's name, the account's, the token's. */
function entryName(e: AuditEntry): string {
  const rec = e.after ?? e.before;
  if (rec && e.type in TYPES) return recordName(e.type as RecordType, rec, getLang())?.text ?? '';
  const d = parseDetail(e.detail);
  const v = d?.after ?? d?.before;
  if (!v) return '';
  return String(v.display_name ?? v.email ?? v.name ?? '');
}

/** A field's label for a diff path of a record type ("title.text" -> "Title"), else the path. */
function pathLabel(type: string, path: string): string {
  const [field, ...rest] = path.split('.');
  const desc = type in TYPES ? TYPES[type as RecordType].fields.find((f) => f.name === field) : undefined;
  if (!desc) return path;
  const label = t(desc.label);
  const sub = rest.join('.');
  if (!sub || sub === 'text') return label;
  if (sub === 'lang') return `${label} · ${t('form.written_in')}`;
  return `${label} · ${sub}`;
}

function DiffList({ rows, type }: { rows: ReturnType<typeof entryDiff>; type: string }) {
  return (
    <ul class="plain diff" data-testid="diff">
      {rows.map((r) => (
        <li key={r.path} class={`diff-${r.kind}`} data-path={r.path} data-kind={r.kind}>
          <span class="diff-path">{pathLabel(type, r.path)}</span>
          {r.kind !== 'added' && <del class="diff-before"><span class="sr-only">{t('audit.before')} </span>{showValue(r.before) || '∅'}</del>}
          {r.kind === 'changed' && <span aria-hidden="true" class="diff-arrow"> → </span>}
          {r.kind !== 'removed' && <ins class="diff-after"><span class="sr-only">{t('audit.after')} </span>{showValue(r.after) || '∅'}</ins>}
        </li>
      ))}
    </ul>
  );
}
