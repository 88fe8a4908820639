import { useEffect, useState } from 'preact/hooks';
import { t, tEnum, getLang } from '../i18n';
import { api, type Case, type Figures, type Page } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { compareText, formatNumber } from '../lib/format';
import { navigate, withQuery } from '../lib/router';
import { Country, Empty, ErrorBox, Loading, Ml, MoreButton, OrgLink, PageHeader, Paragraphs, Tag, Translation } from '../components/common';
import { EditLink } from '../components/EditLink';
import { useAuth } from '../components/auth';
import { canCreate } from '../lib/roles';

/** A list endpoint with filters and "show more" paging. */
export function useList<T>(collection: string, params: Record<string, string | number>, limit = 20) {
  const key = JSON.stringify(params);
  const [state, setState] = useState<{ items: T[]; next: string | null; error?: unknown; loading: boolean; more: boolean }>({ items: [], next: null, loading: true, more: false });
  useEffect(() => {
    const ctl = new AbortController();
    setState({ items: [], next: null, loading: true, more: false });
    api<Page<T>>(collection, { query: { ...params, limit }, signal: ctl.signal }).then(
      (page) => setState({ items: page.items, next: page.next_cursor, loading: false, more: false }),
      (error) => { if (!ctl.signal.aborted) setState({ items: [], next: null, error, loading: false, more: false }); },
    );
    return () => ctl.abort();
  }, [collection, key]);
  const loadMore = () => {
    if (!state.next) return;
    setState((s) => ({ ...s, more: true }));
    api<Page<T>>(collection, { query: { ...params, limit, cursor: state.next } }).then(
      (page) => setState((s) => ({ items: [...s.items, ...page.items], next: page.next_cursor, loading: false, more: false })),
      (error) => setState((s) => ({ ...s, error, more: false })),
    );
  };
  return { ...state, loadMore };
}

function CaseCard({ c, highlight }: { c: Case; highlight?: boolean }) {
  return (
    <li class={`card case${highlight ? ' highlight' : ''}`} id={`case-${c.id}`}>
      <p class="meta">
        {c.domain && <Tag tone="domain">{tEnum('domain', c.domain)}</Tag>}
        {c.year && <span>{c.year}</span>}
        {(c.locality || c.country) && <span>· {c.locality}{c.locality && c.country ? ', ' : ''}<Country code={c.country} /></span>}
      </p>
      <h2 class="result-title"><a href={`/cases/${c.id}`}><Ml text={c.title} /></a></h2>
      <Translation text={c.title} />
      {c.summary && <Paragraphs text={c.summary} />}
      <dl class="case-parties">
        {c.supplier && <div><dt>{t('cases.supplier')}</dt><dd><OrgLink id={c.supplier} country /></dd></div>}
        {c.adopter && <div><dt>{t('cases.adopter')}</dt><dd><OrgLink id={c.adopter} country /></dd></div>}
      </dl>
      {c.outcome && (
        <div class="outcome">
          <h3>{t('cases.outcome')}</h3>
          <Paragraphs text={c.outcome} />
        </div>
      )}
      <EditLink path={`/cases/${c.id}/edit`} name={c.title.text} type="case" record={c} />
    </li>
  );
}

export function CasesPage({ query }: { query: URLSearchParams }) {
  useTitle(t('cases.title'));
  const lang = getLang();
  const auth = useAuth();
  const domain = query.get('domain') ?? '';
  const year = query.get('year') ?? '';
  const selected = Number(query.get('case')) || 0;
  const figures = useAsync((signal) => api<Figures>('figures', { signal }), []);
  const one = useAsync((signal) => (selected ? api<Case>(`cases/${selected}`, { signal }) : Promise.resolve(undefined)), [selected]);
  const list = useList<Case>('cases', { domain, year });
  const go = (over: Record<string, string>) => navigate(withQuery('/cases', { domain, year, ...over }), { keepScroll: true });
  const domains = (figures.data?.cases_per_domain ?? []).map((d) => d.domain).sort((a, b) => compareText(lang)(tEnum('domain', a), tEnum('domain', b)));
  const thisYear = new Date().getFullYear();
  const years: string[] = [];
  for (let y = thisYear + 1; y >= 2015; y--) years.push(String(y));

  return (
    <>
      <PageHeader title={t('cases.title')} intro={t('cases.intro')}>
        {canCreate(auth, 'case') && <a class="btn btn-primary" href="/cases/new">{t('cases.new')}</a>}
      </PageHeader>
      <form class="filters card" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="case-domain">{t('cases.domain')}</label>
          <select id="case-domain" value={domain} onChange={(e) => go({ domain: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('common.all')}</option>
            {domains.map((d) => <option key={d} value={d}>{tEnum('domain', d)} ({formatNumber(figures.data!.cases_per_domain.find((x) => x.domain === d)!.count, lang)})</option>)}
          </select>
        </div>
        <div class="field">
          <label for="case-year">{t('cases.year')}</label>
          <select id="case-year" value={year} onChange={(e) => go({ year: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('common.all')}</option>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
      </form>
      {one.data && <ul class="card-list"><CaseCard c={one.data} highlight /></ul>}
      {list.loading && <Loading />}
      {list.error && <ErrorBox error={list.error} />}
      {!list.loading && list.items.length === 0 && !list.error && <Empty>{t('common.no_results')}</Empty>}
      <ul class="card-list cases-grid">
        {list.items.filter((c) => c.id !== one.data?.id).map((c) => <CaseCard key={c.id} c={c} />)}
      </ul>
      {list.next && <MoreButton onClick={list.loadMore} busy={list.more} />}
    </>
  );
}
