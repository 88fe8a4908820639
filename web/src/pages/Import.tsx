import { useRef, useState } from 'preact/hooks';
import { t, tEnum, getLang, type MessageKey } from '../i18n';
import { ApiError, uploadImport, type ImportReport } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { formatNumber, formatPercent } from '../lib/format';
import { parseLineErrors, type LineError } from '../lib/fielderrors';
import { csvToJsonl, CsvError } from '../lib/csv';
import { ErrorBox, PageHeader } from '../components/common';
import { NeedsToken } from '../components/form';
import { useAuth } from '../components/auth';
import { canImport } from '../lib/roles';

const TYPES = ['organisation', 'person', 'profile', 'case', 'agreement', 'project', 'programme', 'session', 'enrolment', 'document'];

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'processing' }
  | { kind: 'done'; report: ImportReport }
  | { kind: 'rejected'; errors: LineError[]; title: string; detail: string }
  | { kind: 'failed'; error: unknown };

export function ImportPage() {
  useTitle(t('import.title'));
  const lang = getLang();
  const auth = useAuth();
  const fileRef = useRef<HTMLInputElement>(null);
  const [csvType, setCsvType] = useState('organisation');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [lines, setLines] = useState<{ text: string[]; sourceLine: number[] | null }>({ text: [], sourceLine: null });
  const [note, setNote] = useState('');
  const [fileError, setFileError] = useState('');
  const [isCsv, setIsCsv] = useState(false);

  const onFile = () => {
    const f = fileRef.current?.files?.[0];
    setIsCsv(!!f && (/\.csv$/i.test(f.name) || f.type === 'text/csv'));
    setFileError('');
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) { setFileError(t('import.choose_file')); fileRef.current?.focus(); return; }
    setFileError('');
    setNote('');
    let body: string;
    let sourceLine: number[] | null = null;
    const text = await file.text();
    if (/\.csv$/i.test(file.name) || file.type === 'text/csv') {
      try {
        const conv = csvToJsonl(text, csvType);
        body = conv.jsonl;
        sourceLine = conv.sourceLine;
        setNote(t('import.csv_converted', { count: formatNumber(conv.records, lang) }));
      } catch (err) {
        if (err instanceof CsvError) { setFileError(t(err.key as MessageKey, { line: err.line })); return; }
        throw err;
      }
    } else {
      body = text;
    }
    setLines({ text: body.split('\n'), sourceLine });
    setPhase({ kind: 'uploading', loaded: 0, total: new Blob([body]).size });
    const { promise } = uploadImport(
      body,
      (loaded, total) => setPhase((p) => (p.kind === 'uploading' ? { kind: 'uploading', loaded, total: total || p.total } : p)),
      () => setPhase((p) => (p.kind === 'uploading' ? { kind: 'processing' } : p)),
    );
    try {
      const report = await promise;
      setPhase({ kind: 'done', report });
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setPhase({ kind: 'rejected', errors: parseLineErrors(err.errors), title: err.title, detail: err.detail });
      else setPhase({ kind: 'failed', error: err });
    }
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const pct = phase.kind === 'uploading' ? (phase.total ? phase.loaded / phase.total : 0) : busy || phase.kind === 'done' || phase.kind === 'rejected' ? 1 : 0;

  return (
    <>
      <PageHeader title={t('import.title')} intro={t('import.intro')} />
      <NeedsToken />
      <form class="card import-form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="import-file">{t('import.file')}</label>
          <input ref={fileRef} id="import-file" name="file" type="file" accept=".jsonl,.ndjson,.json,.csv,application/x-ndjson,text/csv"
            onChange={onFile} aria-describedby={`import-file-help${fileError ? ' import-file-error' : ''}`} aria-invalid={fileError ? true : undefined} />
          <p id="import-file-help" class="help">{t('import.format_help')}</p>
          {fileError && <p id="import-file-error" class="field-error">{fileError}</p>}
        </div>
        {isCsv && (
          <div class="field">
            <label for="import-type">{t('import.csv_type')}</label>
            <select id="import-type" value={csvType} onChange={(e) => setCsvType((e.target as HTMLSelectElement).value)}>
              {TYPES.map((ty) => <option key={ty} value={ty}>{tEnum('type', ty)}</option>)}
            </select>
          </div>
        )}
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy || !canImport(auth)}>{t('import.upload')}</button>
        </div>
        {note && <p class="help" role="status">{note}</p>}
        {phase.kind !== 'idle' && (
          <div class="progress-block">
            <label for="import-progress">{t('import.progress')}</label>
            <progress id="import-progress" max={100} value={Math.round(pct * 100)} data-testid="import-progress" />
            <p class="progress-text" aria-live="polite" data-testid="import-status">
              {phase.kind === 'uploading' && t('import.uploading', { percent: formatPercent(pct, lang) })}
              {phase.kind === 'processing' && t('import.processing')}
              {phase.kind === 'done' && t('import.uploaded')}
              {phase.kind === 'rejected' && t('import.uploaded')}
            </p>
          </div>
        )}
      </form>

      {phase.kind === 'done' && (
        <section class="alert alert-success" role="status" data-testid="import-done">
          <h2>{t('import.done', { count: formatNumber(phase.report.created, lang) })}</h2>
          <ul class="plain">
            {Object.entries(phase.report.per_type).map(([ty, n]) => <li key={ty}>{tEnum('type', ty)}: {formatNumber(n, lang)}</li>)}
          </ul>
        </section>
      )}
      {phase.kind === 'failed' && <ErrorBox error={phase.error} />}
      {phase.kind === 'rejected' && (
        <section class="card rejected" aria-labelledby="h-rejected" data-testid="import-rejected">
          <div class="alert alert-error" role="alert">
            <h2 id="h-rejected">{t('import.rejected', { count: formatNumber(new Set(phase.errors.map((e) => e.line)).size, lang) })}</h2>
            <p>{t('import.rejected_intro')}</p>
          </div>
          <div class="table-wrap">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col" class="num">{t('import.line')}</th>
                  <th scope="col">{t('import.field')}</th>
                  <th scope="col">{t('import.message')}</th>
                  <th scope="col">{t('import.content')}</th>
                </tr>
              </thead>
              <tbody>
                {phase.errors.map((e, i) => {
                  const shownLine = e.line !== null && lines.sourceLine ? lines.sourceLine[e.line] ?? e.line : e.line;
                  const content = e.line !== null ? lines.text[e.line - 1] ?? '' : '';
                  return (
                    <tr key={i} data-line={e.line ?? ''}>
                      <td class="num" data-label={t('import.line')}>{shownLine ?? '–'}</td>
                      <td data-label={t('import.field')}>{e.field ? <code>{e.field}</code> : <span class="muted">{t('import.whole_line')}</span>}</td>
                      <td data-label={t('import.message')}>{e.message}</td>
                      <td data-label={t('import.content')}><code class="line-content">{content.length > 200 ? `${content.slice(0, 200)}…` : content}</code></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
