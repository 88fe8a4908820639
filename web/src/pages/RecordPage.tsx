// The page of one record of a type without a page of its own (case, agreement, project,
// programme, session, person, enrolment): every field, read through its descriptor; the records
// that point at it (a programme's sessions, a session's enrolments...); Edit and Delete for those
// whose role may (lib/roles.ts); on a person's page, export and erasure for centre staff.
import { t, tEnum, getLang, type MessageKey } from '../i18n';
import { api, listAll } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { recordName, type AnyRecord } from '../lib/records';
import { recordPath, TYPES, type FieldDesc, type RecordType } from '../lib/schema';
import { Empty, ErrorBox, Loading, Ml, PageHeader, Tag, Translation } from '../components/common';
import { DeleteButton } from '../components/DeleteButton';
import { useTokenState } from '../components/Layout';
import { useAuth, useSession } from '../components/auth';
import { PersonDataActions } from '../components/PersonData';
import { canCreate, canDelete, canEdit, canManagePersonalData, isKnown } from '../lib/roles';
import { valueView } from '../components/values';

interface Related {
  type: RecordType;
  /** The field of the related type that points at this record. */
  field: string;
  heading: MessageKey;
  add?: MessageKey;
  /** Fields shown under each related record's name. */
  show: string[];
}

const RELATED: Partial<Record<RecordType, Related[]>> = {
  programme: [{ type: 'session', field: 'programme', heading: 'related.sessions', add: 'related.add_session', show: ['start_date', 'end_date', 'venue', 'online'] }],
  session: [{ type: 'enrolment', field: 'session', heading: 'related.enrolments', add: 'related.add_enrolment', show: ['person', 'status'] }],
  person: [{ type: 'enrolment', field: 'person', heading: 'related.enrolments', add: 'related.add_enrolment', show: ['session', 'status'] }],
  agreement: [{ type: 'project', field: 'agreement', heading: 'related.projects', add: 'related.add_project', show: ['stage', 'start_date'] }],
  case: [{ type: 'project', field: 'case', heading: 'related.projects', show: ['stage', 'start_date'] }],
};

const LIST_LABEL: Partial<Record<RecordType, MessageKey>> = {
  case: 'nav.cases', agreement: 'nav.agreements', project: 'nav.projects', programme: 'nav.training', session: 'nav.training',
  person: 'people.title', enrolment: 'nav.training',
};

function isLongText(f: FieldDesc): boolean {
  return f.kind === 'text' && Boolean(f.multiline);
}

function RelatedList({ rel, id }: { rel: Related; id: number }) {
  const lang = getLang();
  const token = useTokenState();
  const auth = useAuth();
  const session = useSession();
  const needsToken = TYPES[rel.type].private && !isKnown(auth);
  const { data, error, reload } = useAsync(
    (signal) => (needsToken ? Promise.resolve([] as AnyRecord[]) : listAll<AnyRecord>(TYPES[rel.type].plural, { [rel.field]: id }, signal)), [id, token, session.user?.id]);
  if (needsToken) return null;
  const headingId = `h-related-${rel.type}`;
  const fields = TYPES[rel.type].fields.filter((f) => rel.show.includes(f.name));
  return (
    <section class="section" aria-labelledby={headingId} data-related={rel.type}>
      <div class="section-head">
        <h2 id={headingId}>{t(rel.heading)}{data ? <span class="count-badge">{data.length}</span> : null}</h2>
        {canCreate(auth, rel.type) && rel.add && <a class="btn btn-secondary" href={`${TYPES[rel.type].base}/new?${rel.field}=${id}`}>{t(rel.add)}</a>}
      </div>
      {error && <ErrorBox error={error} retry={reload} />}
      {!data && !error && <Loading />}
      {data && data.length === 0 && <Empty />}
      {data && data.length > 0 && (
        <div class="table-wrap card flush">
          <table class="data-table stack-table" data-testid={`related-${rel.type}`}>
            <caption class="sr-only">{t(rel.heading)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`one.${rel.type}` as MessageKey)}</th>
                {fields.map((f) => <th key={f.name} scope="col">{t(f.label)}</th>)}
              </tr>
            </thead>
            <tbody>
              {data.map((r) => {
                const name = recordName(rel.type, r, lang);
                const path = recordPath(rel.type, r.id);
                const label = name ? <Ml text={name} /> : t('record.short', { id: r.id });
                return (
                  <tr key={r.id} data-id={r.id}>
                    <th scope="row" data-label={t(`one.${rel.type}` as MessageKey)}>{path ? <a href={path}>{label}</a> : label}</th>
                    {fields.map((f) => {
                      const v = valueView(f, r);
                      return <td key={f.name} data-field={f.name} data-label={t(f.label)}>{v === null ? '–' : f.kind === 'enum' ? <Tag tone={`${f.labels}-${String(r[f.name])}`}>{v}</Tag> : v}</td>;
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function RecordPage({ type, id }: { type: RecordType; id: number }) {
  const desc = TYPES[type];
  const lang = getLang();
  const token = useTokenState();
  const auth = useAuth();
  const session = useSession();
  const { data: rec, error, reload } = useAsync((signal) => api<AnyRecord>(`${desc.plural}/${id}`, { signal }), [type, id, token, session.user?.id]);
  const name = rec ? recordName(type, rec, lang) : null;
  const fallback = t('record.number', { type: tEnum('one', type), id });
  useTitle(rec ? name?.text ?? fallback : tEnum('one', type));
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!rec) return <Loading />;

  const titleField = desc.titleField;
  const long = desc.fields.filter((f) => f.name !== titleField && isLongText(f));
  const short = desc.fields.filter((f) => f.name !== titleField && !isLongText(f));
  const listLabel = LIST_LABEL[type];

  return (
    <article class={`record record-${type}`} data-record-type={type} data-record-id={rec.id}>
      {listLabel && <nav class="breadcrumb" aria-label={t('common.breadcrumb')}><a href={desc.listPath}>{t(listLabel)}</a></nav>}
      <p class="meta"><Tag>{tEnum('one', type)}</Tag></p>
      <PageHeader title={name ? <Ml text={name} /> : fallback}>
        {canEdit(auth, type, rec) && <a class="btn btn-secondary" href={`${desc.base}/${rec.id}/edit`} data-testid="edit">{t('common.edit')}</a>}
        {canDelete(auth, type, rec) && <DeleteButton type={type} record={rec} />}
      </PageHeader>
      {name && <Translation text={name} />}
      <div class={long.some((f) => rec[f.name]) ? 'record-grid' : 'record-single'}>
        {long.some((f) => rec[f.name]) && (
          <div class="card">
            {long.map((f) => {
              const v = valueView(f, rec);
              return v === null ? null : <div key={f.name} class="long-field" data-field={f.name}><h2 class="card-title">{t(f.label)}</h2>{v}</div>;
            })}
          </div>
        )}
        <div class="card">
          <dl class="deflist">
            {short.map((f) => {
              const v = valueView(f, rec);
              return v === null ? null : <div key={f.name} data-field={f.name}><dt>{t(f.label)}</dt><dd>{v}</dd></div>;
            })}
          </dl>
        </div>
      </div>
      {(RELATED[type] ?? []).map((rel) => <RelatedList key={rel.type} rel={rel} id={rec.id} />)}
      {type === 'person' && canManagePersonalData(auth) && <PersonDataActions id={rec.id} name={name?.text ?? fallback} onErased={reload} />}
    </article>
  );
}
