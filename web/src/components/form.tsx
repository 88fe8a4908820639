// The form of any record type, built from its field descriptors (lib/schema.ts): create (POST) or
// edit (PUT with If-Match), the server's messages next to their fields in the reader's language,
// focus on the first field in error, a clear message on a version conflict, then the record's page.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, getLang, type MessageKey } from '../i18n';
import { api, type RecordBase } from '../lib/api';
import type { FieldError } from '../lib/fielderrors';
import { controlId, emptyValues, firstErrorField, toPayload, valuesFromRecord, type FieldValue, type FormValues } from '../lib/formdata';
import { forgetRecord, recordName, rememberRecord, type AnyRecord } from '../lib/records';
import { navigate } from '../lib/router';
import { recordPath, TYPES, type RecordType } from '../lib/schema';
import { useTitle } from '../lib/hooks';
import { ErrorBox, Loading, Ml, PageHeader } from './common';
import { Field } from './fields';
import { DeleteButton } from './DeleteButton';
import { useSave } from './useSave';
import { NeedsSignIn, useAuth } from './auth';
import { canCreate, canDelete, canWrite } from '../lib/roles';

/** The list of problems at the top of a form, each linking to its field. */
export function ProblemSummary({ title, detail, fieldErrors, fieldLabels, other, focus = true, children }: {
  title: string; detail?: string; fieldErrors: Record<string, string>; fieldLabels: Record<string, MessageKey>; other: FieldError[];
  focus?: boolean; children?: ComponentChildren;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { if (focus) ref.current?.focus(); }, [title, detail, JSON.stringify(fieldErrors)]);
  return (
    <div ref={ref} class="alert alert-error error-summary" role="alert" tabIndex={-1} data-testid="error-summary">
      <h2>{title}</h2>
      {detail && <p>{detail}</p>}
      {(Object.keys(fieldErrors).length > 0 || other.length > 0) && (
        <ul>
          {Object.entries(fieldErrors).map(([f, msg]) => (
            <li key={f}>
              <a href={`#${controlId(f)}`} onClick={(e) => { e.preventDefault(); document.getElementById(controlId(f))?.focus(); }}>
                {fieldLabels[f] ? t(fieldLabels[f]) : f}
              </a>{t('common.colon')}{msg}
            </li>
          ))}
          {other.map((e, i) => <li key={`o${i}`}>{e.field ? `${e.field}${t('common.colon')}` : ''}{e.message}</li>)}
        </ul>
      )}
      {children}
    </div>
  );
}

/** Above a form: how to get the right to change records, for those who have not. */
export function NeedsToken() {
  return <NeedsSignIn />;
}

export interface RecordFormProps {
  type: RecordType;
  /** Edit this record; create one when absent. */
  id?: number;
  /** Values a new record starts with (e.g. the programme of a new session). */
  preset?: FormValues;
  /** Fields not shown (set by the page, e.g. an interest's profile). */
  hidden?: readonly string[];
  /** Instead of going to the record's page: for forms inside another page. */
  onSaved?: (rec: AnyRecord) => void;
  /** Inside another page: no page heading, a smaller heading level. */
  embedded?: { heading: string; intro?: string; submit: MessageKey };
}

export function RecordForm({ type, id, preset, hidden = [], onSaved, embedded }: RecordFormProps) {
  const desc = TYPES[type];
  const lang = getLang();
  const title = embedded?.heading ?? t(id ? desc.editTitle : desc.newTitle);
  useTitle(embedded ? undefined : title);
  const auth = useAuth();
  const [original, setOriginal] = useState<AnyRecord | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState<FormValues>(() => emptyValues(type, preset));
  const [reloads, setReloads] = useState(0);
  const shown = desc.fields.filter((f) => !hidden.includes(f.name));
  const s = useSave<AnyRecord & RecordBase>(desc.plural, desc.fields.map((f) => f.name));
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = `form-${type}-heading`;

  useEffect(() => {
    if (!id) return;
    api<AnyRecord>(`${desc.plural}/${id}`).then((rec) => {
      setOriginal(rec);
      setValues(valuesFromRecord(type, rec, lang));
    }, setLoadError);
  }, [id, reloads]);

  // After a failed save: focus the first field in error (the summary when no field is named).
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    if (!focusTick) return;
    const first = firstErrorField(type, s.fieldErrors, shown.map((f) => f.name));
    const el = first ? document.getElementById(controlId(first)) : null;
    if (el) el.focus();
    else formRef.current?.parentElement?.querySelector<HTMLElement>('[data-testid="error-summary"]')?.focus();
  }, [focusTick]);

  if (loadError) return <ErrorBox error={loadError} />;
  if (id && !original) return <Loading />;

  const set = (name: string, value: FieldValue) => setValues((v) => ({ ...v, [name]: value }));
  const labels = Object.fromEntries(desc.fields.map((f) => [f.name, f.label])) as Record<string, MessageKey>;

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = toPayload(type, values, lang, original);
    const rec = await s.save(body, original ? { id: original.id, version: original.version } : undefined);
    if (!rec) {
      setFocusTick((n) => n + 1);
      return;
    }
    forgetRecord(type, rec.id);
    rememberRecord(type, rec);
    if (onSaved) {
      onSaved(rec);
      setValues(emptyValues(type, preset));
      return;
    }
    navigate(recordPath(type, rec.id) ?? desc.listPath);
  };

  const cancelHref = original ? recordPath(type, original.id) ?? desc.listPath : desc.listPath;
  const name = original ? recordName(type, original, lang) : null;
  const Heading = embedded ? 'h2' : 'h1';

  return (
    <section class={`record-form-page form-${type}`} aria-labelledby={embedded ? headingId : undefined}>
      {embedded
        ? <><Heading id={headingId}>{title}</Heading>{embedded.intro && <p class="help">{embedded.intro}</p>}</>
        : <>
          <PageHeader title={title} />
          {name && <p class="lead form-record-name"><Ml text={name} /></p>}
        </>}
      <NeedsToken />
      {!id && auth.role && canWrite(auth) && !canCreate(auth, type) && (
        <div class="alert alert-info" role="note" data-testid="role-cannot-create"><p>{t('auth.role_cannot_edit')}</p></div>
      )}
      {s.problem && (
        <ProblemSummary title={s.problem.title} detail={s.problem.detail} fieldErrors={s.fieldErrors} fieldLabels={labels} other={s.other} focus={false}>
          {s.conflict && (
            <p class="actions">
              <button type="button" class="btn btn-secondary" data-testid="conflict-reload" onClick={() => { s.reset(); setOriginal(null); setReloads((n) => n + 1); }}>
                {t('form.conflict_reload')}
              </button>
              {original && recordPath(type, original.id) && <a class="btn btn-ghost" href={recordPath(type, original.id)!} target="_blank" rel="noopener">{t('form.conflict_view')}</a>}
            </p>
          )}
        </ProblemSummary>
      )}
      <form ref={formRef} class={`card record-form${embedded ? ' embedded' : ''}`} onSubmit={submit} noValidate aria-label={title} data-type={type}>
        <p class="help required-note">{t('form.required_note')}</p>
        <div class="form-grid">
          {shown.map((f) => <Field key={f.name} desc={f} values={values} errors={s.fieldErrors} set={set} />)}
        </div>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={s.saving || !canWrite(auth) || (!id && !canCreate(auth, type))} aria-busy={s.saving}>
            {s.saving ? t('form.saving') : t(embedded?.submit ?? (original ? 'common.save' : 'common.create'))}
          </button>
          {!embedded && <a class="btn btn-ghost" href={cancelHref}>{t('common.cancel')}</a>}
          {original && !embedded && canDelete(auth, type, original) && (
            <span class="actions-end">
              <DeleteButton type={type} record={original} />
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
