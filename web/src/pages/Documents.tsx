import { t, getLang } from '../i18n';
import { api, listAll, type DocumentRec } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { formatDate } from '../lib/format';
import { Empty, ErrorBox, LangBadge, Loading, Ml, PageHeader, Paragraphs, Translation } from '../components/common';
import { DeleteButton } from '../components/DeleteButton';
import { useAuth } from '../components/auth';
import { canCreate, canEdit } from '../lib/roles';
import type { AnyRecord } from '../lib/records';

export function DocumentsPage() {
  useTitle(t('documents.title'));
  const lang = getLang();
  const auth = useAuth();
  const { data, error, reload } = useAsync((signal) => listAll<DocumentRec>('documents', {}, signal), []);
  const docs = [...(data ?? [])].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  return (
    <>
      <PageHeader title={t('documents.title')} intro={t('documents.intro')}>
        {canCreate(auth, 'document') && <a class="btn btn-primary" href="/documents/new">{t('documents.new')}</a>}
      </PageHeader>
      {error && <ErrorBox error={error} retry={reload} />}
      {!data && !error && <Loading />}
      {data && docs.length === 0 && <Empty />}
      <ul class="card-list">
        {docs.map((d) => (
          <li key={d.id} class="card result document-item">
            <p class="meta">
              {d.date && <time dateTime={d.date}>{formatDate(d.date, lang, 'long')}</time>}
              {d.source && <span>· {d.source}</span>}
            </p>
            <h2 class="result-title"><a href={`/documents/${d.id}`}><Ml text={d.title} /></a></h2>
            <Translation text={d.title} />
            <p class="summary clamp" lang={d.body.lang}>{d.body.text.slice(0, 320)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function DocumentPage({ id }: { id: number }) {
  const lang = getLang();
  const auth = useAuth();
  const { data: d, error, reload } = useAsync((signal) => api<DocumentRec>(`documents/${id}`, { signal }), [id]);
  useTitle(d?.title.text ?? t('documents.title'));
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!d) return <Loading />;
  return (
    <article class="record document">
      <nav class="breadcrumb" aria-label={t('common.breadcrumb')}><a href="/documents">{t('nav.documents')}</a></nav>
      <header class="doc-header">
        <h1 id="page-title" tabIndex={-1}><Ml text={d.title} /></h1>
        <Translation text={d.title} />
        <p class="meta">
          {d.date && <span>{t('documents.date')}{t('common.colon')}<time dateTime={d.date} data-testid="doc-date">{formatDate(d.date, lang, 'long')}</time></span>}
          {d.source && <span>· {t('documents.source')}{t('common.colon')}<span data-testid="doc-source">{d.source}</span></span>}
          {d.url && <span>· <a href={d.url} rel="external noopener" target="_blank">{t('documents.original_link')}</a></span>}
        </p>
        {canEdit(auth, 'document', d as unknown as AnyRecord) && (
          <p class="actions">
            <a class="btn btn-secondary" href={`/documents/${d.id}/edit`} data-testid="edit">{t('common.edit')}</a>
            <DeleteButton type="document" record={d as unknown as AnyRecord} />
          </p>
        )}
      </header>
      <div class="card doc-body">
        <p class="muted small">{t('documents.body_lang')} <LangBadge tag={d.body.lang} /></p>
        <Paragraphs text={d.body} />
      </div>
    </article>
  );
}
