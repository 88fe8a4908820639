import { t, tEnum, getLang } from '../i18n';
import type { Agreement } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { formatDate } from '../lib/format';
import { navigate, withQuery } from '../lib/router';
import { Empty, ErrorBox, Loading, Ml, MoreButton, OrgLink, PageHeader, Tag, Translation } from '../components/common';
import { EditLink } from '../components/EditLink';
import { useAuth } from '../components/auth';
import { canCreate } from '../lib/roles';
import { AGREEMENT_TYPES } from '../lib/schema';
import { useList } from './Cases';

export { AGREEMENT_TYPES };

export function AgreementsPage({ query }: { query: URLSearchParams }) {
  useTitle(t('agreements.title'));
  const lang = getLang();
  const auth = useAuth();
  const type = query.get('type') ?? '';
  const year = query.get('year') ?? '';
  const list = useList<Agreement>('agreements', {
    agreement_type: type,
    ...(year ? { from: `${year}-01-01`, to: `${year}-12-31` } : {}),
  });
  const go = (over: Record<string, string>) => navigate(withQuery('/agreements', { type, year, ...over }), { keepScroll: true });
  const years: string[] = [];
  for (let y = new Date().getFullYear() + 1; y >= 2015; y--) years.push(String(y));

  return (
    <>
      <PageHeader title={t('agreements.title')} intro={t('agreements.intro')}>
        {canCreate(auth, 'agreement') && <a class="btn btn-primary" href="/agreements/new">{t('agreements.new')}</a>}
      </PageHeader>
      <form class="filters card" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="agr-type">{t('agreements.type')}</label>
          <select id="agr-type" value={type} onChange={(e) => go({ type: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('common.all')}</option>
            {AGREEMENT_TYPES.map((a) => <option key={a} value={a}>{tEnum('agrtype', a)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="agr-year">{t('agreements.year')}</label>
          <select id="agr-year" value={year} onChange={(e) => go({ year: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('common.all')}</option>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
      </form>
      {list.loading && <Loading />}
      {list.error && <ErrorBox error={list.error} />}
      {!list.loading && list.items.length === 0 && !list.error && <Empty>{t('common.no_results')}</Empty>}
      {list.items.length > 0 && (
        <div class="table-wrap card flush">
          <table class="data-table agreements">
            <caption class="sr-only">{t('agreements.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agreements.agreement')}</th>
                <th scope="col">{t('agreements.parties')}</th>
                <th scope="col">{t('agreements.signed')}</th>
                <th scope="col">{t('agreements.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('agreements.agreement')}>
                    <Tag>{tEnum('agrtype', a.agreement_type)}</Tag>
                    <div class="cell-title"><a href={`/agreements/${a.id}`}><Ml text={a.title} /></a></div>
                    <Translation text={a.title} as="div" />
                    <EditLink path={`/agreements/${a.id}/edit`} name={a.title.text} type="agreement" record={a} />
                  </td>
                  <td data-label={t('agreements.parties')}>
                    <ul class="plain">{a.parties.map((p) => <li key={p}><OrgLink id={p} country /></li>)}</ul>
                  </td>
                  <td data-label={t('agreements.signed')} class="nowrap">
                    {a.signed_date ? <time dateTime={a.signed_date}>{formatDate(a.signed_date, lang)}</time> : '–'}
                    {a.signed_place && <div class="muted">{a.signed_place}</div>}
                  </td>
                  <td data-label={t('agreements.status')}><Tag tone={`agr-${a.status}`}>{tEnum('agrstatus', a.status)}</Tag></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.next && <MoreButton onClick={list.loadMore} busy={list.more} />}
    </>
  );
}
