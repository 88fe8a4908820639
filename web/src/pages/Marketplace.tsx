import { useEffect, useState } from 'preact/hooks';
import { t, tEnum, getLang, type MessageKey } from '../i18n';
import type { Profile, SearchItem } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { compareText, countryName, formatDate, formatNumber } from '../lib/format';
import { navigate, withQuery } from '../lib/router';
import { Country, Empty, ErrorBox, KindTag, Loading, Ml, MoreButton, OrgLink, PageHeader, Snippet, Tag } from '../components/common';
import { useAuth } from '../components/auth';
import { canCreate } from '../lib/roles';
import { useSearch } from './Directory';
import { hitOrganisation } from '../lib/api';

import { SUBJECTS } from '../lib/schema';

export { SUBJECTS };

function Facet({ name, title, values, selected, label, onPick }: {
  name: string; title: string; values: Record<string, number>; selected: string; label: (v: string) => string; onPick: (v: string) => void;
}) {
  const lang = getLang();
  const keys = Object.keys(values);
  if (selected && !keys.includes(selected)) keys.push(selected);
  keys.sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0) || compareText(lang)(label(a), label(b)));
  return (
    <div class="facet" role="group" aria-labelledby={`facet-${name}`}>
      <h3 id={`facet-${name}`} class="facet-title">{title}</h3>
      <ul class="facet-list">
        {keys.map((k) => (
          <li key={k}>
            <button type="button" class="facet-btn" aria-pressed={selected === k} data-facet={name} data-value={k}
              onClick={() => onPick(selected === k ? '' : k)}>
              <span class="facet-label">{label(k)}</span>
              <span class="facet-count">{formatNumber(values[k] ?? 0, lang)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The profile's organisation: named by the search hit when the server includes it, else looked up. */
function HitOrganisation({ item }: { item: SearchItem<Profile> }) {
  const org = hitOrganisation(item);
  if (!org) return <OrgLink id={item.record.organisation} country />;
  return (
    <span class="org-link" data-org-id={org.id}>
      <a href={`/organisations/${org.id}`}><Ml text={org.name} /></a>
      {org.country && <span class="muted"> · <Country code={org.country} /></span>}
    </span>
  );
}

export function MarketplacePage({ query }: { query: URLSearchParams }) {
  useTitle(t('market.title'));
  const lang = getLang();
  const auth = useAuth();
  const q = query.get('q') ?? '';
  const kind = query.get('kind') ?? '';
  const subject = query.get('subject') ?? '';
  const country = query.get('country') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const res = useSearch<Profile>({ type: 'profile', q, kind, subject, country });
  const facets = res.page?.facets ?? {};
  const go = (over: Record<string, string>) => navigate(withQuery('/marketplace', { q, kind, subject, country, ...over }), { keepScroll: true });
  const filtered = kind || subject || country;

  return (
    <>
      <PageHeader title={t('market.title')} intro={t('market.intro')}>
        {canCreate(auth, 'profile') && <a class="btn btn-primary" href="/profiles/new">{t('market.new')}</a>}
      </PageHeader>
      <form class="search-bar card" role="search" onSubmit={(e) => { e.preventDefault(); go({ q: text.trim() }); }}>
        <label for="market-q">{t('market.search_label')}</label>
        <div class="search-row">
          <input id="market-q" name="q" type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder={t('market.placeholder')} />
          <button type="submit" class="btn btn-primary">{t('common.search')}</button>
        </div>
      </form>
      <div class="with-sidebar">
        <aside class="sidebar" aria-label={t('market.filters')}>
          <Facet name="kind" title={t('market.facet_kind')} values={facets.kind ?? {}} selected={kind}
            label={(v) => t(`profilekind.${v}` as MessageKey)} onPick={(v) => go({ kind: v })} />
          <Facet name="subject" title={t('market.facet_subject')} values={facets.subject ?? {}} selected={subject}
            label={(v) => tEnum('subject', v)} onPick={(v) => go({ subject: v })} />
          <Facet name="country" title={t('market.facet_country')} values={facets.country ?? {}} selected={country}
            label={(v) => countryName(v, lang)} onPick={(v) => go({ country: v })} />
          {filtered && <button type="button" class="btn btn-ghost" onClick={() => go({ kind: '', subject: '', country: '' })}>{t('market.clear')}</button>}
        </aside>
        <div class="results">
          <div aria-live="polite" class="results-meta">
            {!res.loading && res.page && <p>{t('common.results', { count: formatNumber(res.page.total, lang) })}</p>}
          </div>
          {res.loading && <Loading />}
          {res.error && <ErrorBox error={res.error} />}
          {!res.loading && res.page && res.items.length === 0 && <Empty>{t('common.no_results')}</Empty>}
          <ul class="card-list" data-testid="profile-results">
            {res.items.map((item) => {
              const p = item.record;
              return (
                <li key={item.id} class="card result" data-profile-id={p.id} data-kind={p.kind}>
                  <p class="meta">
                    <KindTag kind={p.kind} />
                    <Tag>{tEnum('subject', p.subject)}</Tag>
                    {p.deadline && <span class="muted">{t('market.deadline', { date: formatDate(p.deadline, lang) })}</span>}
                  </p>
                  <h2 class="result-title"><a href={`/profiles/${p.id}`}><Ml text={p.title} /></a></h2>
                  <p class="org-line"><HitOrganisation item={item} /></p>
                  <Snippet html={item.snippet} lang={item.snippet_lang} />
                  {item.concepts.length > 0 && (
                    <ul class="chips" aria-label={t('market.concepts')}>
                      {item.concepts.map((c) => <li key={c.id} class="chip">{c.label}</li>)}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
          {res.page?.next_cursor && <MoreButton onClick={res.loadMore} busy={res.more} />}
        </div>
      </div>
    </>
  );
}
