// People (personal data: centre staff, editors for their organisations, token holders): a filter by name in any script, with or
// without diacritics, and a link to each person's page.
import { useState } from 'preact/hooks';
import { t, getLang } from '../i18n';
import { listAll } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { formatNumber } from '../lib/format';
import { filterRecords, type AnyRecord } from '../lib/records';
import { Country, Empty, ErrorBox, Loading, PageHeader } from '../components/common';
import { NeedsToken } from '../components/form';
import { useTokenState } from '../components/Layout';
import { useAuth, useSession } from '../components/auth';
import { canCreate, isKnown } from '../lib/roles';
import { RefLink } from '../components/values';

const SHOWN = 50;

export function PeoplePage() {
  useTitle(t('people.title'));
  const lang = getLang();
  const token = useTokenState();
  const auth = useAuth();
  const user = useSession().user;
  const known = isKnown(auth);
  const [q, setQ] = useState('');
  const { data, error, reload } = useAsync((signal) => (known ? listAll<AnyRecord>('people', {}, signal) : Promise.resolve(null)), [token, user?.id]);
  const found = data ? filterRecords('person', data, q, lang, data.length) : [];
  return (
    <>
      <nav class="breadcrumb" aria-label={t('common.breadcrumb')}><a href="/directory">{t('nav.directory')}</a></nav>
      <PageHeader title={t('people.title')} intro={t('people.intro')}>
        {canCreate(auth, 'person') && <a class="btn btn-primary" href="/people/new">{t('people.new')}</a>}
      </PageHeader>
      <NeedsToken />
      {known && (
        <form class="filters card" role="search" onSubmit={(e) => e.preventDefault()}>
          <div class="field grow">
            <label for="people-q">{t('people.filter')}</label>
            <input id="people-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} autocomplete="off" />
          </div>
        </form>
      )}
      {error && <ErrorBox error={error} retry={reload} />}
      {known && !data && !error && <Loading />}
      {data && (
        <>
          <p class="results-meta muted" aria-live="polite">{t('common.results', { count: formatNumber(found.length, lang) })}</p>
          {found.length === 0 ? <Empty>{t('common.no_results')}</Empty> : (
            <div class="table-wrap card flush">
              <table class="data-table stack-table" data-testid="people">
                <caption class="sr-only">{t('people.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('form.person_name')}</th>
                    <th scope="col">{t('form.role')}</th>
                    <th scope="col">{t('form.organisation')}</th>
                    <th scope="col">{t('form.country')}</th>
                  </tr>
                </thead>
                <tbody>
                  {found.slice(0, SHOWN).map(({ record: p }) => (
                    <tr key={p.id} data-id={p.id}>
                      <th scope="row" data-label={t('form.person_name')}><a href={`/people/${p.id}`}>{String(p.name)}</a></th>
                      <td data-label={t('form.role')}>{typeof p.role === 'string' ? p.role : '–'}</td>
                      <td data-label={t('form.organisation')}>{typeof p.organisation === 'number' ? <RefLink type="organisation" id={p.organisation} /> : '–'}</td>
                      <td data-label={t('form.country')}>{typeof p.country === 'string' ? <Country code={p.country} /> : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {found.length > SHOWN && <p class="muted">{t('people.more', { count: formatNumber(found.length - SHOWN, lang) })}</p>}
        </>
      )}
    </>
  );
}
