// A field's value, shown for reading: texts in their language with the reader's translation,
// references as links to the record, codes named in the reader's language, dates and money
// formatted for them.
import type { ComponentChildren } from 'preact';
import { t, tEnum, getLang } from '../i18n';
import type { MLText } from '../lib/api';
import { formatDate, formatMoney, formatNumber, languageName } from '../lib/format';
import { recordPath, type FieldDesc, type RecordType } from '../lib/schema';
import { Country, Ml, Paragraphs, Translation } from './common';
import { RefName } from './fields';

export function RefLink({ type, id }: { type: RecordType; id: number }) {
  const path = recordPath(type, id);
  return path ? <a href={path} data-ref-type={type} data-ref-id={id}><RefName type={type} id={id} /></a> : <RefName type={type} id={id} />;
}

/** The value of one field of a record, or null when it has none. */
export function valueView(desc: FieldDesc, rec: Record<string, unknown>): ComponentChildren | null {
  const lang = getLang();
  const v = rec[desc.name];
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  switch (desc.kind) {
    case 'text': {
      const text = v as MLText;
      return desc.multiline
        ? <><Paragraphs text={text} /><Translation text={text} /></>
        : <><Ml text={text} /><Translation text={text} /></>;
    }
    case 'enum': case 'choice': return tEnum(desc.labels, String(v));
    case 'country': return <Country code={String(v)} />;
    case 'countries': return <span class="list-inline">{(v as string[]).map((c, i) => <>{i > 0 && ', '}<Country code={c} /></>)}</span>;
    case 'language': return languageName(String(v), lang);
    case 'languages': return (v as string[]).map((l) => languageName(l, lang)).join(', ');
    case 'date': return <time dateTime={String(v)}>{formatDate(String(v), lang, 'long')}</time>;
    case 'int': return desc.name === 'year' ? String(v) : formatNumber(Number(v), lang);
    case 'number': return formatMoney(Number(v), desc.currency ? (rec[desc.currency] as string | undefined) : undefined, lang);
    case 'currency': return String(v);
    case 'bool': return v ? t('common.yes') : t('common.no');
    case 'ref': return <RefLink type={desc.target} id={Number(v)} />;
    case 'refs': return <ul class="plain">{(v as number[]).map((id) => <li key={id}><RefLink type={desc.target} id={id} /></li>)}</ul>;
    case 'string':
      if (desc.input === 'email') return <a href={`mailto:${String(v)}`}>{String(v)}</a>;
      if (desc.input === 'url') return <a href={String(v)} rel="external noopener" target="_blank">{String(v)}</a>;
      return String(v);
  }
}
