import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tEnum, getLang, type MessageKey } from '../i18n';
import { api, type Figures } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { countryName, formatNumber, intlLocale } from '../lib/format';
import { navigate, withQuery } from '../lib/router';
import { ErrorBox, Loading } from '../components/common';
import type { ChartSpec } from '../lib/charts';

import { STAGES } from '../lib/schema';

export { STAGES };

const TOTALS: [string, MessageKey][] = [
  ['organisations', 'totals.organisations'],
  ['profiles', 'totals.profiles'],
  ['agreements', 'totals.agreements'],
  ['projects', 'totals.projects'],
  ['cases', 'totals.cases'],
  ['programmes', 'totals.programmes'],
  ['sessions', 'totals.sessions'],
  ['participants', 'totals.participants'],
  ['documents', 'totals.documents'],
];

function Chart({ spec, label }: { spec: ChartSpec; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    import('../lib/charts').then(
      (m) => { if (!cancelled && ref.current) dispose = m.drawChart(ref.current, spec, intlLocale(getLang())); },
      () => setFailed(true),
    );
    return () => { cancelled = true; dispose?.(); };
  }, []);
  if (failed) return <p class="muted">{t('chart.failed')}</p>;
  return <div ref={ref} class="chart" role="img" aria-label={label} />;
}

interface Row { key: string; label: string; values: (number | undefined)[] }

function FigureCard({ id, title, spec, columns, rows, wide }: {
  id: string; title: string; spec: ChartSpec; columns: { head: string; series: string }[]; rows: Row[]; wide?: boolean;
}) {
  const lang = getLang();
  return (
    <section class={`card figure-card${wide ? ' wide' : ''}`} aria-labelledby={`h-${id}`} data-figure={id}>
      <h2 id={`h-${id}`}>{title}</h2>
      {rows.length === 0 ? <p class="empty">{t('common.none')}</p> : (
        <>
          <Chart spec={spec} label={title} />
          <div class="table-wrap">
            <table class="data-table compact">
              <caption class="sr-only">{title}</caption>
              <thead>
                <tr><th scope="col">{columns[0].head}</th>{columns.slice(1).map((c) => <th scope="col" class="num" key={c.series}>{c.head}</th>)}</tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    {r.values.map((v, i) => (
                      <td class="num" key={i} data-testid={v === undefined ? undefined : `fig-${columns[i + 1].series}-${r.key}`}>
                        {v === undefined ? '–' : formatNumber(v, lang)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function toMap<K extends string>(items: ({ count: number } & Record<K, string>)[], key: K): Map<string, number> {
  return new Map(items.map((i) => [i[key], i.count]));
}

export function HomePage() {
  useTitle(t('home.title'));
  const lang = getLang();
  const { data, error, loading, reload } = useAsync((signal) => api<Figures>('figures', { signal }), []);
  const [q, setQ] = useState('');

  const search = (e: Event) => {
    e.preventDefault();
    navigate(withQuery('/marketplace', { q: q.trim() }));
  };

  return (
    <>
      <section class="hero">
        <div class="hero-text">
          <p class="eyebrow">{t('app.centre')}</p>
          <h1 id="page-title" tabIndex={-1}>{t('home.title')}</h1>
          <p class="lead">{t('home.intro')}</p>
        </div>
        <form class="hero-search" role="search" onSubmit={search}>
          <label for="hero-q">{t('home.search_label')}</label>
          <div class="search-row">
            <input id="hero-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} placeholder={t('market.placeholder')} />
            <button type="submit" class="btn btn-primary">{t('common.search')}</button>
          </div>
        </form>
      </section>

      {loading && !data && <Loading />}
      {error && <ErrorBox error={error} retry={reload} />}
      {data && <Dashboard f={data} lang={lang} />}
    </>
  );
}

function Dashboard({ f, lang }: { f: Figures; lang: ReturnType<typeof getLang> }) {
  const byDesc = <T extends { count: number }>(a: T, b: T) => b.count - a.count;

  const agreements = f.agreements_per_year;
  const sessions = toMap(f.sessions_per_year, 'year');
  const participants = toMap(f.participants_per_year, 'year');
  const years = [...new Set([...sessions.keys(), ...participants.keys()])].sort();
  const countries = [...f.participants_per_country].sort(byDesc);
  const localities = [...f.participants_per_locality].sort(byDesc);
  const domains = [...f.cases_per_domain].sort(byDesc);
  const stageCounts = toMap(f.projects_per_stage, 'stage');
  const stages = [...STAGES.filter((s) => stageCounts.has(s)), ...[...stageCounts.keys()].filter((s) => !STAGES.includes(s))];

  return (
    <>
      <section aria-labelledby="h-totals" class="totals-section">
        <h2 id="h-totals" class="section-title">{t('home.totals')}</h2>
        <ul class="totals">
          {TOTALS.filter(([k]) => k in f.totals).map(([k, label]) => (
            <li key={k} class="total">
              <span class="total-value" data-testid={`total-${k}`}>{formatNumber(f.totals[k], lang)}</span>
              <span class="total-label">{t(label)}</span>
            </li>
          ))}
          {(['offer', 'request'] as const).filter((k) => k in f.published_profiles).map((k) => (
            <li key={k} class="total">
              <span class="total-value" data-testid={`published-${k}`}>{formatNumber(f.published_profiles[k], lang)}</span>
              <span class="total-label">{t(k === 'offer' ? 'totals.offers' : 'totals.requests')}</span>
            </li>
          ))}
        </ul>
      </section>

      <div class="figure-grid">
        <FigureCard id="agreements" title={t('chart.agreements_per_year')}
          spec={{ kind: 'bar', categories: agreements.map((a) => a.year), series: [{ name: t('chart.agreements'), data: agreements.map((a) => a.count) }] }}
          columns={[{ head: t('chart.year'), series: '' }, { head: t('chart.agreements'), series: 'agreements_per_year' }]}
          rows={agreements.map((a) => ({ key: a.year, label: a.year, values: [a.count] }))} />

        <FigureCard id="training" title={t('chart.training_per_year')}
          spec={{
            kind: 'bar', dualAxis: true, categories: years,
            series: [
              { name: t('chart.sessions'), data: years.map((y) => sessions.get(y) ?? 0) },
              { name: t('chart.participants'), data: years.map((y) => participants.get(y) ?? null), type: 'line', yAxis: 1 },
            ],
          }}
          columns={[{ head: t('chart.year'), series: '' }, { head: t('chart.sessions'), series: 'sessions_per_year' }, { head: t('chart.participants'), series: 'participants_per_year' }]}
          rows={years.map((y) => ({ key: y, label: y, values: [sessions.get(y), participants.get(y)] }))} />

        <FigureCard id="countries" title={t('chart.participants_per_country')}
          spec={{ kind: 'pie', data: countries.map((c) => ({ name: countryName(c.country, lang), value: c.count })) }}
          columns={[{ head: t('chart.country'), series: '' }, { head: t('chart.participants'), series: 'participants_per_country' }]}
          rows={countries.map((c) => ({ key: c.country, label: countryName(c.country, lang), values: [c.count] }))} />

        <FigureCard id="stages" title={t('chart.projects_per_stage')}
          spec={{ kind: 'bar', categories: stages.map((s) => tEnum('stage', s)), series: [{ name: t('chart.projects'), data: stages.map((s) => stageCounts.get(s) ?? 0) }] }}
          columns={[{ head: t('chart.stage'), series: '' }, { head: t('chart.projects'), series: 'projects_per_stage' }]}
          rows={stages.map((s) => ({ key: s, label: tEnum('stage', s), values: [stageCounts.get(s)] }))} />

        <FigureCard id="localities" title={t('chart.participants_per_locality')} wide
          spec={{ kind: 'bar', horizontal: true, categories: localities.map((l) => l.locality), series: [{ name: t('chart.participants'), data: localities.map((l) => l.count) }] }}
          columns={[{ head: t('chart.locality'), series: '' }, { head: t('chart.participants'), series: 'participants_per_locality' }]}
          rows={localities.map((l) => ({ key: l.locality, label: l.locality, values: [l.count] }))} />

        <FigureCard id="domains" title={t('chart.cases_per_domain')} wide
          spec={{ kind: 'bar', horizontal: true, categories: domains.map((d) => tEnum('domain', d.domain)), series: [{ name: t('chart.cases'), data: domains.map((d) => d.count) }] }}
          columns={[{ head: t('chart.domain'), series: '' }, { head: t('chart.cases'), series: 'cases_per_domain' }]}
          rows={domains.map((d) => ({ key: d.domain, label: tEnum('domain', d.domain), values: [d.count] }))} />
      </div>
    </>
  );
}
