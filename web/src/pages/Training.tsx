import { t, getLang } from '../i18n';
import { listAll, type Programme, type Session } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { formatDateRange, formatNumber, languageName } from '../lib/format';
import { Country, Empty, ErrorBox, Loading, Ml, OrgLink, PageHeader, Paragraphs, Tag, Translation } from '../components/common';
import { EditLink } from '../components/EditLink';
import { useAuth } from '../components/auth';
import { canCreate, canEdit } from '../lib/roles';

export function TrainingPage() {
  useTitle(t('training.title'));
  const lang = getLang();
  const auth = useAuth();
  const { data, error, reload } = useAsync(async (signal) => {
    const [programmes, sessions] = await Promise.all([listAll<Programme>('programmes', {}, signal), listAll<Session>('sessions', {}, signal)]);
    return { programmes, sessions };
  }, []);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader title={t('training.title')} intro={t('training.intro')}>
        {canCreate(auth, 'programme') && <a class="btn btn-primary" href="/programmes/new">{t('training.new_programme')}</a>}
      </PageHeader>
      {error && <ErrorBox error={error} retry={reload} />}
      {!data && !error && <Loading />}
      {data && data.programmes.length === 0 && <Empty />}
      {data && data.programmes.map((p) => {
        const sessions = data.sessions.filter((s) => s.programme === p.id).sort((a, b) => a.start_date.localeCompare(b.start_date));
        return (
          <section key={p.id} class="card programme" aria-labelledby={`prog-${p.id}`}>
            <h2 id={`prog-${p.id}`}><a href={`/programmes/${p.id}`}><Ml text={p.title} /></a></h2>
            <Translation text={p.title} />
            <p class="meta">
              {p.provider && <span>{t('training.provider')}{t('common.colon')}<OrgLink id={p.provider} /></span>}
              {p.language && <span>· {t('training.language')}{t('common.colon')}{languageName(p.language, lang)}</span>}
              {p.target_countries?.length ? <span>· {t('training.target')}{t('common.colon')}{p.target_countries.map((c, i) => <>{i > 0 && ', '}<Country code={c} /></>)}</span> : null}
            </p>
            {p.description && <Paragraphs text={p.description} />}
            <div class="sub-head">
              <h3 class="sub">{t('training.sessions')}</h3>
              {canEdit(auth, 'programme', p) && (
                <span class="inline-actions">
                  <EditLink path={`/programmes/${p.id}/edit`} name={p.title.text} type="programme" record={p} />
                  <a class="btn btn-small btn-secondary" href={`/sessions/new?programme=${p.id}`}>{t('related.add_session')}<span class="sr-only"> — {p.title.text}</span></a>
                </span>
              )}
            </div>
            {sessions.length === 0 ? <Empty /> : (
              <ul class="sessions">
                {sessions.map((s) => (
                  <li key={s.id} class={`session${s.end_date < today ? ' past' : ''}`}>
                    <div class="session-when">
                      <time dateTime={s.start_date}>{formatDateRange(s.start_date, s.end_date, lang)}</time>
                      {s.end_date < today ? <Tag>{t('training.past')}</Tag> : <Tag tone="offer">{t('training.upcoming')}</Tag>}
                    </div>
                    <div class="session-what">
                      <p class="session-title"><a href={`/sessions/${s.id}`}>{s.title ? <Ml text={s.title} /> : formatDateRange(s.start_date, s.end_date, lang)}</a></p>
                      <p class="meta">
                        {s.online ? <span>{t('training.online')}</span> : s.venue && <span>{s.venue}</span>}
                        {s.country && <span>· <Country code={s.country} /></span>}
                        {s.language && <span>· {languageName(s.language, lang)}</span>}
                        {s.capacity && <span>· {t('training.capacity', { count: formatNumber(s.capacity, lang) })}</span>}
                      </p>
                      <EditLink path={`/sessions/${s.id}/edit`} name={s.title?.text ?? formatDateRange(s.start_date, s.end_date, lang)} type="session" record={s} owners={p.provider ? [p.provider] : []} />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}
