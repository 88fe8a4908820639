import { useState } from 'preact/hooks';
import { t, tEnum, getLang, type MessageKey } from '../i18n';
import { api, ApiError, type MatchItem, type MatchReason, type Profile } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { countryName, formatDate, formatNumber, formatPercent } from '../lib/format';
import { interestActions, interestsFor, setInterestStatus, type Interest } from '../lib/interests';
import { isVersionConflict } from '../lib/fielderrors';
import type { AnyRecord } from '../lib/records';
import { Country, DefList, Empty, ErrorBox, errorText, KindTag, LangBadge, Loading, Ml, OrgLink, PageHeader, Paragraphs, Tag, Translation } from '../components/common';
import { DeleteButton } from '../components/DeleteButton';
import { RecordForm } from '../components/form';
import { openSettings, useTokenState } from '../components/Layout';
import { signInHref, useAuth, useSession } from '../components/auth';
import { canCreate, canDelete, canEdit } from '../lib/roles';

function Reasons({ reasons }: { reasons: MatchReason[] }) {
  const lang = getLang();
  const concepts = reasons.filter((r) => r.kind === 'concept');
  const terms = reasons.filter((r) => r.kind === 'term');
  const countries = reasons.filter((r) => r.kind === 'country');
  const subjects = reasons.filter((r) => r.kind === 'subject');
  const others = reasons.filter((r) => !['concept', 'term', 'country', 'subject'].includes(r.kind));
  return (
    <div class="reasons">
      <h4 class="sr-only">{t('profile.reasons')}</h4>
      {concepts.length > 0 && (
        <div class="reason-group" data-reason="concept">
          <span class="reason-kind">{t('reason.concept')}</span>
          <ul class="chips">
            {concepts.map((r) => (
              <li key={r.concept ?? r.label} class={`chip chip-concept relation-${r.relation ?? 'same'}`}>
                {r.label}
                {r.relation && r.relation !== 'same' && <span class="chip-note"> ({tEnum('relation', r.relation)})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {countries.length > 0 && (
        <div class="reason-group" data-reason="country">
          <span class="reason-kind">{t('reason.country')}</span>
          <ul class="chips">
            {countries.map((r) => <li key={r.label} class="chip chip-country">{t('reason.country_text', { country: countryName(r.label, lang) })}</li>)}
          </ul>
        </div>
      )}
      {subjects.length > 0 && (
        <div class="reason-group" data-reason="subject">
          <span class="reason-kind">{t('reason.subject')}</span>
          <ul class="chips">
            {subjects.map((r) => <li key={r.label} class="chip chip-country">{tEnum('subject', r.label)}</li>)}
          </ul>
        </div>
      )}
      {terms.length > 0 && (
        <div class="reason-group" data-reason="term">
          <span class="reason-kind">{t('reason.term')}</span>
          <ul class="chips">
            {terms.map((r) => <li key={r.label} class="chip chip-term">{r.label}</li>)}
          </ul>
        </div>
      )}
      {others.length > 0 && (
        <ul class="chips">{others.map((r) => <li key={r.kind + r.label} class="chip">{r.label}</li>)}</ul>
      )}
    </div>
  );
}

function Matches({ id }: { id: number }) {
  const lang = getLang();
  const { data, error, reload } = useAsync(
    (signal) => api<{ items: MatchItem[] }>(`profiles/${id}/matches`, { query: { lang, limit: 10 }, signal }), [id, lang]);
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!data) return <Loading />;
  if (data.items.length === 0) return <Empty>{t('profile.no_matches')}</Empty>;
  const top = Math.max(...data.items.map((m) => m.score), 0.0001);
  return (
    <ol class="card-list matches" data-testid="matches">
      {data.items.map((m) => (
        <li key={m.profile.id} class="card match" data-profile-id={m.profile.id} data-kind={m.profile.kind} data-title-lang={m.profile.title.lang}>
          <div class="match-head">
            <p class="meta"><KindTag kind={m.profile.kind} /><Tag>{tEnum('subject', m.profile.subject)}</Tag></p>
            <div class="score" title={t('profile.score_help')}>
              <span class="score-label">{t('profile.score', { score: formatPercent(m.score, lang) })}</span>
              <span class="score-bar" aria-hidden="true"><span style={{ width: `${Math.round((m.score / top) * 100)}%` }} /></span>
            </div>
          </div>
          <h3 class="result-title"><a href={`/profiles/${m.profile.id}`}><Ml text={m.profile.title} /></a></h3>
          <Translation text={m.profile.title} />
          <p class="org-line"><OrgLink id={m.profile.organisation} country /></p>
          <Reasons reasons={m.reasons} />
        </li>
      ))}
    </ol>
  );
}

/** The interests a profile received, for token holders: accept or decline each. */
function InterestsReceived({ profile, tick }: { profile: Profile; tick: number }) {
  const lang = getLang();
  const { data, error, reload } = useAsync((signal) => interestsFor(profile.id, signal), [profile.id, tick]);
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<{ id: number; text: string } | null>(null);
  const act = async (i: Interest, status: Interest['status']) => {
    setBusy(i.id);
    setProblem(null);
    try {
      await setInterestStatus(i, status);
    } catch (e) {
      setProblem({ id: i.id, text: e instanceof ApiError && isVersionConflict(e) ? t('interest.conflict') : errorText(e) });
    } finally {
      setBusy(null);
      reload();
    }
  };
  return (
    <section class="section interests-received" aria-labelledby="h-interests">
      <h2 id="h-interests">{t('interest.received')}{data && <span class="count-badge">{formatNumber(data.length, lang)}</span>}</h2>
      {error && <ErrorBox error={error} retry={reload} />}
      {!data && !error && <Loading />}
      {data && data.length === 0 && <Empty>{t('interest.none')}</Empty>}
      {data && data.length > 0 && (
        <ul class="card-list compact" data-testid="interests">
          {data.map((i) => (
            <li key={i.id} class={`card interest-item status-${i.status}`} data-interest-id={i.id} data-status={i.status}>
              <p class="meta">
                <Tag tone={`int-${i.status}`} data-testid="interest-status">{tEnum('intstatus', i.status)}</Tag>
                <time dateTime={i.created_at}>{formatDate(i.created_at.slice(0, 10), lang)}</time>
              </p>
              <h3 class="result-title">{i.name}</h3>
              <p class="org-line">
                <a href={`mailto:${i.email}`}>{i.email}</a>
                {i.organisation && <> · <OrgLink id={i.organisation} country /></>}
              </p>
              <Paragraphs text={i.message} />
              <Translation text={i.message} />
              {problem?.id === i.id && <p class="field-error" role="alert">{problem.text}</p>}
              {interestActions(i.status).length > 0 && (
                <div class="actions">
                  {interestActions(i.status).map((a) => (
                    <button key={a} type="button" class={`btn ${a === 'accepted' ? 'btn-primary' : 'btn-secondary'}`} data-action={a}
                      disabled={busy === i.id} aria-busy={busy === i.id} onClick={() => act(i, a)}>
                      {t(a === 'accepted' ? 'interest.accept' : a === 'declined' ? 'interest.decline' : 'interest.reopen')}
                      <span class="sr-only"> — {i.name}</span>
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Express interest in a profile (for those whose role may: staff, editors for their organisation,
 * token holders), and the interests it received (for its organisation and the centre).
 */
function Interests({ profile }: { profile: Profile }) {
  const auth = useAuth();
  const session = useSession();
  const [sent, setSent] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  if (session.status === 'unknown') return null;
  const owner = canEdit(auth, 'profile', profile as unknown as AnyRecord);
  if (!canCreate(auth, 'interest')) {
    if (auth.role) return null;  // a trainee: nothing to offer here
    return (
      <section class="card interest" aria-labelledby="h-interest">
        <h2 id="h-interest">{t('interest.title')}</h2>
        <p>{t('interest.needs_sign_in')}</p>
        <p class="actions">
          <a class="btn btn-primary" href={signInHref()}>{t('auth.sign_in')}</a>
          <button type="button" class="btn btn-secondary" onClick={openSettings}>{t('form.open_settings')}</button>
        </p>
      </section>
    );
  }
  // An editor speaks for its organisation: preset it (the server requires one of its own).
  const preset: Record<string, number> = auth.role === 'editor' && auth.organisations.length ? { profile: profile.id, organisation: auth.organisations[0] } : { profile: profile.id };
  return (
    <>
      {!(auth.role === 'editor' && owner) && (
        <div class="interest">
          {sent && <div class="alert alert-success" role="status" data-testid="interest-sent"><p>{t('interest.sent', { name: sent })}</p></div>}
          <RecordForm type="interest" preset={preset} hidden={['profile', 'status']}
            embedded={{ heading: t('interest.title'), intro: t('interest.intro'), submit: 'interest.submit' }}
            onSaved={(rec) => { setSent(String(rec.name)); setTick((n) => n + 1); }} />
        </div>
      )}
      {owner && <InterestsReceived profile={profile} tick={tick} />}
    </>
  );
}

export function ProfilePage({ id }: { id: number }) {
  const lang = getLang();
  const token = useTokenState();
  const auth = useAuth();
  const user = useSession().user;
  const { data: p, error, reload } = useAsync((signal) => api<Profile>(`profiles/${id}`, { signal }), [id, token, user?.id]);
  useTitle(p?.title.text ?? t('profile.title'));
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!p) return <Loading />;
  const matchKey: MessageKey = p.kind === 'request' ? 'profile.matches_offers' : 'profile.matches_requests';
  return (
    <article class="record" data-profile-id={p.id}>
      <nav class="breadcrumb" aria-label={t('common.breadcrumb')}><a href="/marketplace">{t('nav.marketplace')}</a></nav>
      <p class="meta"><KindTag kind={p.kind} /><Tag>{tEnum('subject', p.subject)}</Tag>{p.status !== 'published' && <Tag tone="warn">{tEnum('status', p.status)}</Tag>}</p>
      <PageHeader title={<Ml text={p.title} />}>
        {canEdit(auth, 'profile', p as unknown as AnyRecord) && <a class="btn btn-secondary" href={`/profiles/${p.id}/edit`} data-testid="edit">{t('common.edit')}</a>}
        {canDelete(auth, 'profile', p as unknown as AnyRecord) && <DeleteButton type="profile" record={p as unknown as AnyRecord} />}
      </PageHeader>
      <Translation text={p.title} />
      <div class="record-grid">
        <div class="card">
          {p.summary && <><h2 class="card-title">{t('profile.summary')} <LangBadge tag={p.summary.lang} /></h2><Paragraphs text={p.summary} /><Translation text={p.summary} /></>}
        </div>
        <div class="card">
          <DefList items={[
            ['profile.organisation', <OrgLink id={p.organisation} country />],
            ['profile.target_countries', p.target_countries?.length ? <span class="list-inline">{p.target_countries.map((c, i) => <>{i > 0 && ', '}<Country code={c} /></>)}</span> : ''],
            ['profile.deadline', p.deadline ? formatDate(p.deadline, lang, 'long') : ''],
            ['profile.status', tEnum('status', p.status)],
          ]} />
        </div>
      </div>
      <section class="section" aria-labelledby="h-matches">
        <h2 id="h-matches">{t(matchKey)}</h2>
        <p class="help">{t('profile.matches_intro')}</p>
        {p.status === 'published' ? <Matches id={p.id} /> : <Empty>{t('profile.unpublished_matches')}</Empty>}
      </section>
      <Interests profile={p} />
    </article>
  );
}
