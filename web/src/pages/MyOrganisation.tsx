// "My organisation", for organisation editors: each of their organisations with its offers and
// needs, cases, agreements, projects, training programmes and people, each with its edit link,
// and the buttons to add more. What an editor may change is decided by the server (its own
// organisations' records only); this page simply gathers them.
import type { ComponentChildren } from 'preact';
import { t, tEnum, getLang, type MessageKey } from '../i18n';
import { api, listAll, type Organisation } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { recordName, type AnyRecord } from '../lib/records';
import { recordPath, TYPES, type RecordType } from '../lib/schema';
import { canCreate, canEdit } from '../lib/roles';
import { Country, Empty, ErrorBox, Loading, Ml, PageHeader, Tag } from '../components/common';
import { RequireRole, useAuth, useSession } from '../components/auth';

export function MyOrganisationPage() {
  const title = t('myorg.title');
  useTitle(title);
  return (
    <RequireRole roles={['editor', 'staff', 'admin']} title={title}>
      <MyOrganisations />
    </RequireRole>
  );
}

function MyOrganisations() {
  const session = useSession();
  const ids = session.user?.organisations ?? [];
  const welcome = new URLSearchParams(location.search).get('welcome');
  return (
    <>
      <PageHeader title={t('myorg.title')} intro={t('myorg.intro')} />
      {welcome && session.user && <p class="alert alert-success" role="status" data-testid="welcome">{t('auth.welcome', { name: session.user.display_name })}</p>}
      {ids.length === 0 && <Empty>{t('myorg.none')}</Empty>}
      {ids.map((id) => <OneOrganisation key={id} id={id} />)}
    </>
  );
}

interface Group {
  type: RecordType;
  heading: MessageKey;
  add?: { label: MessageKey; href: string };
  items: AnyRecord[];
  /** A few words under each name. */
  detail: (r: AnyRecord) => ComponentChildren;
}

function OneOrganisation({ id }: { id: number }) {
  const lang = getLang();
  const auth = useAuth();
  const { data, error, reload } = useAsync(async (signal) => {
    const [org, profiles, supplied, adopted, agreements, projects, programmes, people] = await Promise.all([
      api<Organisation>(`organisations/${id}`, { signal }),
      listAll<AnyRecord>('profiles', { organisation: id }, signal),
      listAll<AnyRecord>('cases', { supplier: id }, signal),
      listAll<AnyRecord>('cases', { adopter: id }, signal),
      listAll<AnyRecord>('agreements', { parties: id }, signal),
      listAll<AnyRecord>('projects', { parties: id }, signal),
      listAll<AnyRecord>('programmes', { provider: id }, signal),
      listAll<AnyRecord>('people', { organisation: id }, signal).catch(() => [] as AnyRecord[]),
    ]);
    const cases = [...supplied, ...adopted.filter((c) => !supplied.some((s) => s.id === c.id))];
    return { org, profiles, cases, agreements, projects, programmes, people };
  }, [id]);
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!data) return <Loading />;
  const o = data.org;
  const groups: Group[] = [
    { type: 'profile', heading: 'org.profiles', add: { label: 'org.add_profile', href: `/profiles/new?organisation=${id}` }, items: data.profiles,
      detail: (p) => <><Tag tone={p.kind === 'offer' ? 'offer' : 'request'}>{tEnum('profilekind', String(p.kind))}</Tag><Tag tone={p.status === 'published' ? 'neutral' : 'warn'}>{tEnum('status', String(p.status))}</Tag></> },
    { type: 'case', heading: 'myorg.cases', add: { label: 'cases.new', href: `/cases/new?supplier=${id}` }, items: data.cases,
      detail: (c) => <>{c.domain ? <Tag>{tEnum('domain', String(c.domain))}</Tag> : null}{c.year ? <span>{String(c.year)}</span> : null}</> },
    { type: 'agreement', heading: 'org.agreements', add: { label: 'agreements.new', href: `/agreements/new?parties=${id}` }, items: data.agreements,
      detail: (a) => <Tag>{tEnum('agrtype', String(a.agreement_type))}</Tag> },
    { type: 'project', heading: 'org.projects', add: { label: 'projects.new', href: `/projects/new?parties=${id}` }, items: data.projects,
      detail: (p) => <Tag tone={`stage-${String(p.stage)}`}>{tEnum('stage', String(p.stage))}</Tag> },
    { type: 'programme', heading: 'myorg.programmes', add: { label: 'training.new_programme', href: `/programmes/new?provider=${id}` }, items: data.programmes,
      detail: () => null },
    { type: 'person', heading: 'org.people', add: { label: 'people.new', href: `/people/new?organisation=${id}` }, items: data.people,
      detail: (p) => (typeof p.role === 'string' ? <span>{p.role}</span> : null) },
  ];
  const headingId = `myorg-${id}`;
  return (
    <section class="my-org card" aria-labelledby={headingId} data-org-id={id}>
      <div class="section-head">
        <h2 id={headingId}><a href={`/organisations/${id}`}><Ml text={o.name} /></a></h2>
        {canEdit(auth, 'organisation', o as unknown as AnyRecord) && (
          <a class="btn btn-secondary" href={`/organisations/${id}/edit`} data-testid="edit-org">{t('myorg.edit_org')}<span class="sr-only"> — {o.name.text}</span></a>
        )}
      </div>
      <p class="meta"><Tag>{tEnum('orgkind', o.kind)}</Tag><Country code={o.country} />{o.locality && <span>· {o.locality}</span>}</p>
      <div class="my-org-groups">
        {groups.map((g) => (
          <div key={g.type} class="my-org-group" data-group={g.type}>
            <div class="sub-head">
              <h3 class="sub">{t(g.heading)} <span class="count-badge">{g.items.length}</span></h3>
              {g.add && canCreate(auth, g.type) && <a class="btn btn-small btn-secondary" href={g.add.href}>{t(g.add.label)}</a>}
            </div>
            {g.items.length === 0 ? <Empty /> : (
              <ul class="plain my-org-list">
                {g.items.map((r) => {
                  const name = recordName(g.type, r, lang);
                  const path = recordPath(g.type, r.id);
                  const label = name ? <Ml text={name} /> : t('record.short', { id: r.id });
                  return (
                    <li key={r.id} data-id={r.id}>
                      <span class="my-org-name">{path ? <a href={path}>{label}</a> : label}</span>
                      <span class="meta">{g.detail(r)}</span>
                      {canEdit(auth, g.type, r) && (
                        <a class="btn btn-small btn-ghost edit-link" href={`${TYPES[g.type].base}/${r.id}/edit`} data-testid="edit">
                          {t('common.edit')}<span class="sr-only"> — {name?.text ?? r.id}</span>
                        </a>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
