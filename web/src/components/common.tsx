import type { ComponentChildren, HTMLAttributes } from 'preact';
import { t, getLang, type MessageKey } from '../i18n';
import { langBadge, toLang } from '../lib/lang';
import { languageName, countryName } from '../lib/format';
import type { MLText, Organisation } from '../lib/api';
import { ApiError } from '../lib/api';
import { snippetParts } from '../lib/snippet';
import { useAsync } from '../lib/hooks';
import { getOrganisation } from '../lib/orgs';

/** A small badge naming the language of a piece of content. */
export function LangBadge({ tag }: { tag?: string }) {
  if (!tag) return null;
  const name = languageName(tag, getLang());
  return (
    <span class="lang-badge" title={name}>
      <span aria-hidden="true">{langBadge(tag)}</span>
      <span class="sr-only"> ({name})</span>
    </span>
  );
}

/** Multilingual text in its original language, marked with lang= and a badge. */
export function Ml({ text, badge = true }: { text?: MLText | null; badge?: boolean }) {
  if (!text || !text.text) return null;
  return (
    <>
      <span lang={text.lang}>{text.text}</span>
      {badge && <> <LangBadge tag={text.lang} /></>}
    </>
  );
}

/** The translation into the reader's language, when the content has one and is in another language. */
export function translationOf(text?: MLText | null): string | undefined {
  if (!text?.translations) return undefined;
  const ui = getLang();
  if (toLang(text.lang) === ui) return undefined;
  const tr = text.translations;
  return tr[ui] ?? (ui === 'zh-Hans' ? tr.zh ?? tr['zh-CN'] : undefined);
}

export function Translation({ text, as: Tag = 'p' }: { text?: MLText | null; as?: 'p' | 'span' | 'div' }) {
  const tr = translationOf(text);
  if (!tr) return null;
  return (
    <Tag class="translation" lang={getLang()}>
      <span class="translation-label">{t('common.translation')}</span> {tr}
    </Tag>
  );
}

/** Paragraphs of a long text (split on blank lines), in its language. */
export function Paragraphs({ text }: { text?: MLText | null }) {
  if (!text?.text) return null;
  const paras = text.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <div class="prose" lang={text.lang}>
      {paras.map((p, i) => <p key={i}>{p}</p>)}
    </div>
  );
}

/** A search snippet: text nodes with <mark> around the matched words, never innerHTML. */
export function Snippet({ html, lang }: { html?: string; lang?: string }) {
  const parts = snippetParts(html);
  if (!parts.length) return null;
  return (
    <p class="snippet" lang={lang || undefined}>
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : p.text))}
    </p>
  );
}

export function Loading({ label }: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" /> {label ?? t('common.loading')}
    </p>
  );
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('common.network_error');
    const head = error.title || t('common.error');
    return error.detail ? `${head}: ${error.detail}` : head;
  }
  return t('common.error');
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div class="alert alert-error" role="alert">
      <p>{errorText(error)}</p>
      {retry && <button type="button" class="btn btn-secondary" onClick={retry}>{t('common.retry')}</button>}
    </div>
  );
}

export function Empty({ children }: { children?: ComponentChildren }) {
  return <p class="empty">{children ?? t('common.none')}</p>;
}

export function Country({ code }: { code?: string }) {
  if (!code) return null;
  return <span class="country" data-country={code}>{countryName(code, getLang())}</span>;
}

/** A link to an organisation, by id, with its name in its own language. */
export function OrgLink({ id, country = false }: { id?: number; country?: boolean }) {
  const { data, error } = useAsync<Organisation | undefined>(() => (id ? getOrganisation(id) : Promise.resolve(undefined)), [id]);
  if (!id) return null;
  if (error) return <span class="muted">{t('common.unknown_org', { id })}</span>;
  if (!data) return <span class="muted" aria-busy="true">…</span>;
  return (
    <span class="org-link" data-org-country={data.country}>
      <a href={`/organisations/${data.id}`}><Ml text={data.name} /></a>
      {country && data.country && <span class="muted"> · <Country code={data.country} /></span>}
    </span>
  );
}

export function PageHeader({ title, intro, children }: { title: ComponentChildren; intro?: string; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <div class="page-header-text">
        <h1 id="page-title" tabIndex={-1}>{title}</h1>
        {intro && <p class="lead">{intro}</p>}
      </div>
      {children && <div class="page-header-actions">{children}</div>}
    </div>
  );
}

export function Tag({ children, tone = 'neutral', ...rest }: { children: ComponentChildren; tone?: string } & HTMLAttributes<HTMLSpanElement>) {
  return <span class={`tag tag-${tone}`} {...rest}>{children}</span>;
}

export function KindTag({ kind }: { kind: string }) {
  return <Tag tone={kind === 'offer' ? 'offer' : 'request'} data-kind={kind}>{t(kind === 'offer' ? 'profilekind.offer' : 'profilekind.request')}</Tag>;
}

export function DefList({ items }: { items: [MessageKey, ComponentChildren][] }) {
  const shown = items.filter(([, v]) => v !== null && v !== undefined && v !== '' && v !== false);
  if (!shown.length) return null;
  return (
    <dl class="deflist">
      {shown.map(([k, v]) => (
        <div key={k}>
          <dt>{t(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function MoreButton({ onClick, busy }: { onClick: () => void; busy?: boolean }) {
  return (
    <div class="more">
      <button type="button" class="btn btn-secondary" onClick={onClick} disabled={busy} aria-busy={busy}>
        {busy ? t('common.loading') : t('common.load_more')}
      </button>
    </div>
  );
}
