import { useEffect, useState } from 'preact/hooks';
import { t, tEnum, getLang } from '../i18n';
import { api, type Organisation, type SearchPage } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { compareText, countryName, formatNumber } from '../lib/format';
import { navigate, withQuery } from '../lib/router';
import { Country, Empty, ErrorBox, Loading, Ml, MoreButton, PageHeader, Snippet, Tag, Translation } from '../components/common';
import { useAuth } from '../components/auth';
import { canCreate, isStaff } from '../lib/roles';

import { ORG_KINDS } from '../lib/schema';

export { ORG_KINDS };

/** A search with "show more" paging, reset when the query changes. */
export function useSearch<T>(params: Record<string, string>) {
  const key = JSON.stringify(params);
  const [state, setState] = useState<{ page?: SearchPage<T>; items: SearchPage<T>['items']; error?: unknown; loading: boolean; more: boolean }>({ items: [], loading: true, more: false });
  useEffect(() => {
    const ctl = new AbortController();
    setState({ items: [], loading: true, more: false });
    api<SearchPage<T>>('search', { query: { ...params, limit: 20 }, signal: ctl.signal }).then(
      (page) => setState({ page, items: page.items, loading: false, more: false }),
      (error) => { if (!ctl.signal.aborted) setState({ items: [], error, loading: false, more: false }); },
    );
    return () => ctl.abort();
  }, [key]);
  const loadMore = () => {
    const cursor = state.page?.next_cursor;
    if (!cursor) return;
    setState((s) => ({ ...s, more: true }));
    api<SearchPage<T>>('search', { query: { ...params, limit: 20, cursor } }).then(
      (page) => setState((s) => ({ page, items: [...s.items, ...page.items], loading: false, more: false })),
      (error) => setState((s) => ({ ...s, error, more: false })),
    );
  };
  return { ...state, loadMore };
}

export function DirectoryPage({ query }: { query: URLSearchParams }) {
  useTitle(t('directory.title'));
  const lang = getLang();
  const auth = useAuth();
  const q = query.get('q') ?? '';
  const kind = query.get('kind') ?? '';
  const country = query.get('country') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const res = useSearch<Organisation>({ type: 'organisation', q, kind, country });

  const go = (over: Record<string, string>) => navigate(withQuery('/directory', { q, kind, country, ...over }), { keepScroll: true });
  const countries = Object.keys(res.page?.facets?.country ?? {});
  if (country && !countries.includes(country)) countries.push(country);
  countries.sort((a, b) => compareText(lang)(countryName(a, lang), countryName(b, lang)));
  const kindCounts = res.page?.facets?.kind ?? {};

  return (
    <>
      <PageHeader title={t('directory.title')} intro={t('directory.intro')}>
        {(auth.token || isStaff(auth) || auth.role === 'editor') && <a class="btn btn-secondary" href="/people">{t('people.title')}</a>}
        {canCreate(auth, 'organisation') && <a class="btn btn-primary" href="/organisations/new">{t('directory.new')}</a>}
      </PageHeader>
      <form class="filters card" role="search" onSubmit={(e) => { e.preventDefault(); go({ q: text.trim() }); }}>
        <div class="field grow">
          <label for="dir-q">{t('directory.search_label')}</label>
          <div class="search-row">
            <input id="dir-q" type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder={t('directory.placeholder')} />
            <button type="submit" class="btn btn-primary">{t('common.search')}</button>
          </div>
        </div>
        <div class="field">
          <label for="dir-kind">{t('directory.kind')}</label>
          <select id="dir-kind" value={kind} onChange={(e) => go({ kind: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('common.all')}</option>
            {ORG_KINDS.map((k) => <option key={k} value={k}>{tEnum('orgkind', k)}{kindCounts[k] !== undefined ? ` (${formatNumber(kindCounts[k], lang)})` : ''}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="dir-country">{t('directory.country')}</label>
          <select id="dir-country" value={country} onChange={(e) => go({ country: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('common.all')}</option>
            {countries.map((c) => <option key={c} value={c}>{countryName(c, lang)}{res.page?.facets?.country?.[c] !== undefined ? ` (${formatNumber(res.page.facets.country[c], lang)})` : ''}</option>)}
          </select>
        </div>
      </form>

      <div aria-live="polite" class="results-meta">
        {!res.loading && res.page && <p>{t('common.results', { count: formatNumber(res.page.total, lang) })}</p>}
      </div>
      {res.loading && <Loading />}
      {res.error && <ErrorBox error={res.error} />}
      {!res.loading && res.page && res.items.length === 0 && <Empty>{t('common.no_results')}</Empty>}
      <ul class="card-list" data-testid="org-results">
        {res.items.map((item) => {
          const o = item.record;
          return (
            <li key={item.id} class="card result">
              <h2 class="result-title"><a href={`/organisations/${o.id}`}><Ml text={o.name} /></a></h2>
              <Translation text={o.name} />
              <p class="meta">
                <Tag>{tEnum('orgkind', o.kind)}</Tag>
                <Country code={o.country} />
                {o.locality && <span>· {o.locality}</span>}
              </p>
              {q ? <Snippet html={item.snippet} lang={item.snippet_lang} /> : o.description && <p class="summary clamp"><Ml text={o.description} badge={false} /></p>}
            </li>
          );
        })}
      </ul>
      {res.page?.next_cursor && <MoreButton onClick={res.loadMore} busy={res.more} />}
    </>
  );
}
