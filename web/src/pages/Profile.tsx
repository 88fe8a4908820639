import { useState } from 'preact/hooks';
import { t, tEnum, getLang, type MessageKey } from '../i18n';
import { api, type MatchItem, type MatchReason, type Profile } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { countryName, formatDate, formatPercent } from '../lib/format';
import { loadInterests, mailtoFor, saveInterest, type Interest } from '../lib/interests';
import { Country, DefList, Empty, ErrorBox, KindTag, LangBadge, Loading, Ml, OrgLink, PageHeader, Paragraphs, Tag, Translation } from '../components/common';
import { useTokenState } from '../components/Layout';

function Reasons({ reasons }: { reasons: MatchReason[] }) {
  const lang = getLang();
  const concepts = reasons.filter((r) => r.kind === 'concept');
  const terms = reasons.filter((r) => r.kind === 'term');
  const countries = reasons.filter((r) => r.kind === 'country');
  const others = reasons.filter((r) => !['concept', 'term', 'country'].includes(r.kind));
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

function InterestForm({ profile }: { profile: Profile }) {
  const [form, setForm] = useState({ name: '', email: '', organisation: '', message: '' });
  const [saved, setSaved] = useState<Interest | null>(() => loadInterests().find((i) => i.profile === profile.id) ?? null);
  const [problem, setProblem] = useState('');
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    if (!form.name.trim() || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(form.email.trim())) {
      setProblem(t('interest.required'));
      return;
    }
    setProblem('');
    const i: Interest = { ...form, profile: profile.id, title: profile.title.text, at: new Date().toISOString() };
    saveInterest(i);
    setSaved(i);
  };
  return (
    <section class="card interest" aria-labelledby="h-interest">
      <h2 id="h-interest">{t('interest.title')}</h2>
      <p class="help">{t('interest.intro')}</p>
      {saved ? (
        <div class="alert alert-success" role="status">
          <p>{t('interest.saved')}</p>
          <p>
            <a class="btn btn-primary" href={mailtoFor(saved, t('interest.subject', { title: profile.title.text }), location.href)}>{t('interest.mail')}</a>{' '}
            <button type="button" class="btn btn-ghost" onClick={() => setSaved(null)}>{t('interest.again')}</button>
          </p>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <div class="form-grid">
            <div class="field"><label for="int-name">{t('interest.name')}</label><input id="int-name" autocomplete="name" value={form.name} onInput={set('name')} /></div>
            <div class="field"><label for="int-email">{t('interest.email')}</label><input id="int-email" type="email" autocomplete="email" value={form.email} onInput={set('email')} /></div>
            <div class="field span-2"><label for="int-org">{t('interest.organisation')}</label><input id="int-org" autocomplete="organization" value={form.organisation} onInput={set('organisation')} /></div>
            <div class="field span-2"><label for="int-msg">{t('interest.message')}</label><textarea id="int-msg" rows={4} value={form.message} onInput={set('message')} /></div>
          </div>
          {problem && <p class="field-error" role="alert">{problem}</p>}
          <button type="submit" class="btn btn-primary">{t('interest.submit')}</button>
        </form>
      )}
    </section>
  );
}

export function ProfilePage({ id }: { id: number }) {
  const lang = getLang();
  const token = useTokenState();
  const { data: p, error, reload } = useAsync((signal) => api<Profile>(`profiles/${id}`, { signal }), [id, token]);
  useTitle(p?.title.text ?? t('profile.title'));
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!p) return <Loading />;
  const matchKey: MessageKey = p.kind === 'request' ? 'profile.matches_offers' : 'profile.matches_requests';
  return (
    <article class="record" data-profile-id={p.id}>
      <nav class="breadcrumb" aria-label={t('common.breadcrumb')}><a href="/marketplace">{t('nav.marketplace')}</a></nav>
      <p class="meta"><KindTag kind={p.kind} /><Tag>{tEnum('subject', p.subject)}</Tag>{p.status !== 'published' && <Tag tone="warn">{tEnum('status', p.status)}</Tag>}</p>
      <PageHeader title={<Ml text={p.title} />}>
        {token && <a class="btn btn-secondary" href={`/profiles/${p.id}/edit`}>{t('common.edit')}</a>}
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
      <InterestForm profile={p} />
    </article>
  );
}
