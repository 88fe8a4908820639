import { t, tEnum, getLang } from '../i18n';
import { api, listAll, type Agreement, type Case, type Organisation, type Profile, type Project } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { formatDate, formatMoney } from '../lib/format';
import { rememberOrganisation } from '../lib/orgs';
import { Country, DefList, LangBadge, Empty, ErrorBox, KindTag, Loading, Ml, OrgLink, PageHeader, Paragraphs, Tag, Translation } from '../components/common';
import { useTokenState } from '../components/Layout';
import { useAuth, useSession } from '../components/auth';
import { canCreate, canDelete, canEdit, isKnown } from '../lib/roles';
import { DeleteButton } from '../components/DeleteButton';
import type { AnyRecord } from '../lib/records';

export function OrganisationPage({ id }: { id: number }) {
  const lang = getLang();
  const token = useTokenState();
  const auth = useAuth();
  const user = useSession().user;
  const org = useAsync(async (signal) => {
    const o = await api<Organisation>(`organisations/${id}`, { signal });
    rememberOrganisation(o);
    return o;
  }, [id]);
  const related = useAsync(async (signal) => {
    const [profiles, supplied, adopted, agreements, projects] = await Promise.all([
      listAll<Profile>('profiles', { organisation: id }, signal),
      listAll<Case>('cases', { supplier: id }, signal),
      listAll<Case>('cases', { adopter: id }, signal),
      listAll<Agreement>('agreements', { parties: id }, signal),
      listAll<Project>('projects', { parties: id }, signal),
    ]);
    return { profiles, supplied, adopted, agreements, projects };
  }, [id, token, user?.id]);
  useTitle(org.data?.name.text ?? t('org.title'));

  if (org.error) return <ErrorBox error={org.error} retry={org.reload} />;
  if (!org.data) return <Loading />;
  const o = org.data;
  const r = related.data;

  return (
    <article class="record">
      <nav class="breadcrumb" aria-label={t('common.breadcrumb')}><a href="/directory">{t('nav.directory')}</a></nav>
      <PageHeader title={<Ml text={o.name} />}>
        {canEdit(auth, 'organisation', o as unknown as AnyRecord) && <a class="btn btn-secondary" href={`/organisations/${o.id}/edit`} data-testid="edit">{t('common.edit')}</a>}
        {canCreate(auth, 'profile') && canEdit(auth, 'profile', { organisation: o.id }) && <a class="btn btn-primary" href={`/profiles/new?organisation=${o.id}`}>{t('org.add_profile')}</a>}
        {canDelete(auth, 'organisation', o as unknown as AnyRecord) && <DeleteButton type="organisation" record={o as unknown as AnyRecord} />}
      </PageHeader>
      <Translation text={o.name} />
      <div class="record-grid">
        {o.description && (
          <div class="card">
            <h2 class="card-title">{t('org.description')} <LangBadge tag={o.description.lang} /></h2>
            <Paragraphs text={o.description} />
            <Translation text={o.description} />
          </div>
        )}
        <div class="card">
          <DefList items={[
            ['org.kind', tEnum('orgkind', o.kind)],
            ['org.country', <Country code={o.country} />],
            ['org.locality', o.locality ? `${o.locality}${o.locality_code ? ` (${o.locality_code})` : ''}` : ''],
            ['org.website', o.website ? <a href={o.website} rel="external noopener" target="_blank">{o.website}</a> : ''],
          ]} />
        </div>
      </div>

      {related.error && <ErrorBox error={related.error} retry={related.reload} />}
      {!r && !related.error && <Loading />}
      {r && (
        <>
          <section class="section" aria-labelledby="h-profiles">
            <h2 id="h-profiles">{t('org.profiles')}</h2>
            {r.profiles.length === 0 ? <Empty /> : (
              <ul class="card-list compact">
                {r.profiles.map((p) => (
                  <li key={p.id} class="card result">
                    <p class="meta"><KindTag kind={p.kind} /><Tag>{tEnum('subject', p.subject)}</Tag>{p.status !== 'published' && <Tag tone="warn">{tEnum('status', p.status)}</Tag>}</p>
                    <h3 class="result-title"><a href={`/profiles/${p.id}`}><Ml text={p.title} /></a></h3>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="section two-col" aria-label={t('nav.cases')}>
            <div>
              <h2>{t('org.cases_supplier')}</h2>
              <CaseList cases={r.supplied} other="adopter" />
            </div>
            <div>
              <h2>{t('org.cases_adopter')}</h2>
              <CaseList cases={r.adopted} other="supplier" />
            </div>
          </section>
          <section class="section" aria-labelledby="h-agreements">
            <h2 id="h-agreements">{t('org.agreements')}</h2>
            {r.agreements.length === 0 ? <Empty /> : (
              <ul class="card-list compact">
                {r.agreements.map((a) => (
                  <li key={a.id} class="card result">
                    <p class="meta"><Tag>{tEnum('agrtype', a.agreement_type)}</Tag>{a.signed_date && <span>{formatDate(a.signed_date, lang)}</span>}{a.signed_place && <span>· {a.signed_place}</span>}</p>
                    <h3 class="result-title"><a href={`/agreements/${a.id}`}><Ml text={a.title} /></a></h3>
                    <p class="parties">{a.parties.filter((p) => p !== id).map((p, i) => <>{i > 0 && ', '}<OrgLink id={p} /></>)}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="section" aria-labelledby="h-projects">
            <h2 id="h-projects">{t('org.projects')}</h2>
            {r.projects.length === 0 ? <Empty /> : (
              <ul class="card-list compact">
                {r.projects.map((p) => (
                  <li key={p.id} class="card result">
                    <p class="meta"><Tag tone={`stage-${p.stage}`}>{tEnum('stage', p.stage)}</Tag>{p.value !== undefined && <span>{formatMoney(p.value, p.currency, lang)}</span>}</p>
                    <h3 class="result-title"><a href={`/projects/${p.id}`}><Ml text={p.title} /></a></h3>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {isKnown(auth) && <OrgPeople id={o.id} canAdd={canCreate(auth, 'person') && canEdit(auth, 'person', { organisation: o.id })} />}
        </>
      )}
    </article>
  );
}

/** The organisation's people (personal data: signed-in people and token holders, as the server allows). */
function OrgPeople({ id, canAdd }: { id: number; canAdd: boolean }) {
  const { data, error, reload } = useAsync((signal) => listAll<AnyRecord>('people', { organisation: id }, signal), [id]);
  return (
    <section class="section" aria-labelledby="h-people" data-related="person">
      <div class="section-head">
        <h2 id="h-people">{t('org.people')}</h2>
        {canAdd && <a class="btn btn-secondary" href={`/people/new?organisation=${id}`}>{t('people.new')}</a>}
      </div>
      {error && <ErrorBox error={error} retry={reload} />}
      {!data && !error && <Loading />}
      {data && data.length === 0 && <Empty />}
      {data && data.length > 0 && (
        <ul class="card-list compact">
          {data.map((p) => (
            <li key={p.id} class="card result">
              <h3 class="result-title"><a href={`/people/${p.id}`}>{String(p.name)}</a></h3>
              {typeof p.role === 'string' && <p class="meta">{p.role}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CaseList({ cases, other }: { cases: Case[]; other: 'supplier' | 'adopter' }) {
  if (cases.length === 0) return <Empty />;
  return (
    <ul class="card-list compact">
      {cases.map((c) => (
        <li key={c.id} class="card result">
          <p class="meta">{c.domain && <Tag>{tEnum('domain', c.domain)}</Tag>}{c.year && <span>{c.year}</span>}</p>
          <h3 class="result-title"><a href={`/cases/${c.id}`}><Ml text={c.title} /></a></h3>
          {c[other] && <p class="muted">{t(other === 'adopter' ? 'cases.adopter' : 'cases.supplier')}{t('common.colon')}<OrgLink id={c[other]} /></p>}
        </li>
      ))}
    </ul>
  );
}
