import { t, tEnum, getLang } from '../i18n';
import { listAll, type Project } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { formatDate, formatMoney, formatNumber } from '../lib/format';
import { Country, ErrorBox, Loading, Ml, OrgLink, PageHeader } from '../components/common';
import { EditLink } from '../components/EditLink';
import { useAuth } from '../components/auth';
import { canCreate } from '../lib/roles';
import { STAGES } from './Home';

export function ProjectsPage() {
  useTitle(t('projects.title'));
  const lang = getLang();
  const auth = useAuth();
  const { data, error, reload } = useAsync((signal) => listAll<Project>('projects', {}, signal), []);
  const stages = [...STAGES, ...new Set((data ?? []).map((p) => p.stage).filter((s) => !STAGES.includes(s)))];
  return (
    <>
      <PageHeader title={t('projects.title')} intro={t('projects.intro')}>
        {canCreate(auth, 'project') && <a class="btn btn-primary" href="/projects/new">{t('projects.new')}</a>}
      </PageHeader>
      {error && <ErrorBox error={error} retry={reload} />}
      {!data && !error && <Loading />}
      {data && (
        <div class="kanban" data-testid="pipeline">
          {stages.map((stage) => {
            const items = data.filter((p) => p.stage === stage).sort((a, b) => (b.start_date ?? '').localeCompare(a.start_date ?? ''));
            return (
              <section key={stage} class={`kanban-col stage-${stage}`} aria-labelledby={`col-${stage}`} data-stage={stage}>
                <h2 id={`col-${stage}`} class="kanban-title">
                  <span>{tEnum('stage', stage)}</span>
                  <span class="count" aria-label={t('projects.count', { count: items.length })}>{formatNumber(items.length, lang)}</span>
                </h2>
                {items.length === 0 ? <p class="empty small">{t('projects.empty_stage')}</p> : (
                  <ul class="kanban-list">
                    {items.map((p) => (
                      <li key={p.id} class="kanban-card">
                        <h3><a href={`/projects/${p.id}`}><Ml text={p.title} /></a></h3>
                        <p class="parties">{p.parties.map((o, i) => <>{i > 0 && ' · '}<OrgLink id={o} /></>)}</p>
                        <p class="meta">
                          {p.value !== undefined && <span class="value">{formatMoney(p.value, p.currency, lang)}</span>}
                          {p.start_date && <span>{t('projects.start', { date: formatDate(p.start_date, lang) })}</span>}
                          {p.country && <Country code={p.country} />}
                        </p>
                        <EditLink path={`/projects/${p.id}/edit`} name={p.title.text} type="project" record={p} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
