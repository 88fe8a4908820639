import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t, getLang, type MessageKey } from '../i18n';
import { LANGS, LANG_NATIVE_NAMES } from '../lib/lang';
import type { FieldError } from '../lib/fielderrors';
import type { MLText } from '../lib/api';
import { countryName } from '../lib/format';
import { openSettings, useTokenState } from './Layout';

export type Values = Record<string, string>;

interface FieldProps {
  name: string;
  label: MessageKey;
  values: Values;
  errors: Record<string, string>;
  onChange: (name: string, value: string) => void;
  required?: boolean;
  help?: MessageKey;
  span2?: boolean;
}

function described(name: string, errors: Record<string, string>, help?: MessageKey): string | undefined {
  const ids = [help ? `f-${name}-help` : '', errors[name] ? `f-${name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Wrap({ name, label, errors, required, help, span2, children }: Omit<FieldProps, 'values' | 'onChange'> & { children: ComponentChildren }) {
  return (
    <div class={`field${span2 ? ' span-2' : ''}${errors[name] ? ' has-error' : ''}`} data-field={name}>
      <label for={`f-${name}`}>
        {t(label)}
        {required && <span class="required"> <span aria-hidden="true">*</span><span class="sr-only">({t('form.required')})</span></span>}
      </label>
      {children}
      {help && <p id={`f-${name}-help`} class="help">{t(help)}</p>}
      {errors[name] && <p id={`f-${name}-error`} class="field-error" data-testid={`error-${name}`}>{errors[name]}</p>}
    </div>
  );
}

export function TextField(p: FieldProps & { type?: string; multiline?: boolean; list?: string; autocomplete?: string; maxLength?: number }) {
  const common = {
    id: `f-${p.name}`,
    name: p.name,
    value: p.values[p.name] ?? '',
    'aria-invalid': p.errors[p.name] ? true : undefined,
    'aria-describedby': described(p.name, p.errors, p.help),
    'aria-required': p.required ? true : undefined,
    onInput: (e: Event) => p.onChange(p.name, (e.target as HTMLInputElement).value),
  };
  return (
    <Wrap {...p}>
      {p.multiline ? <textarea {...common} rows={5} /> : <input {...common} type={(p.type ?? 'text') as 'text'} list={p.list} autocomplete={p.autocomplete ?? 'off'} maxLength={p.maxLength} />}
    </Wrap>
  );
}

export function SelectField(p: FieldProps & { options: [string, string][]; placeholder?: boolean }) {
  return (
    <Wrap {...p}>
      <select id={`f-${p.name}`} name={p.name} value={p.values[p.name] ?? ''}
        aria-invalid={p.errors[p.name] ? true : undefined} aria-describedby={described(p.name, p.errors, p.help)} aria-required={p.required ? true : undefined}
        onChange={(e) => p.onChange(p.name, (e.target as HTMLSelectElement).value)}>
        {p.placeholder && <option value="">{t('form.choose')}</option>}
        {p.options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </Wrap>
  );
}

/** The language of a text field: detect, or one of the four. */
export function langOptions(): [string, string][] {
  return [['', t('form.lang_auto')], ...LANGS.map((l) => [l, LANG_NATIVE_NAMES[l]] as [string, string])];
}

export const COMMON_COUNTRIES = ['CN', 'VN', 'LA', 'KH', 'TH', 'MY', 'ID', 'PH', 'MM', 'SG', 'BN', 'TL', 'FR', 'JP', 'KR', 'DE', 'GB', 'US', 'AU', 'IN', 'HK', 'MO', 'TW'];

export function CountryDatalist() {
  const lang = getLang();
  return (
    <datalist id="country-codes">
      {COMMON_COUNTRIES.map((c) => <option key={c} value={c} label={countryName(c, lang)} />)}
    </datalist>
  );
}

/** Form value of a multilingual text (its text and language). */
export function textValues(name: string, v?: MLText | null): Values {
  return { [name]: v?.text ?? '', [`${name}_lang`]: v?.lang ?? '' };
}

/** Multilingual text for the API: a plain string lets the server detect the language; keeps translations on edit. */
export function textBody(values: Values, name: string, original?: MLText | null): string | MLText | null {
  const text = (values[name] ?? '').trim();
  if (!text) return null;
  const lang = values[`${name}_lang`] ?? '';
  if (!lang && !original?.translations) return text;
  const out: MLText = { text };
  if (lang) out.lang = lang;
  else if (original?.lang) out.lang = original.lang;
  if (original?.translations && original.text === text) out.translations = original.translations;
  return out;
}

/** The list of problems at the top of a form, focused after a failed submit, each linking to its field. */
export function ProblemSummary({ title, detail, fieldErrors, fieldLabels, other }: {
  title: string; detail?: string; fieldErrors: Record<string, string>; fieldLabels: Record<string, MessageKey>; other: FieldError[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { ref.current?.focus(); }, [title, detail, JSON.stringify(fieldErrors)]);
  return (
    <div ref={ref} class="alert alert-error error-summary" role="alert" tabIndex={-1} data-testid="error-summary">
      <h2>{title}</h2>
      {detail && <p>{detail}</p>}
      <ul>
        {Object.entries(fieldErrors).map(([f, msg]) => (
          <li key={f}>
            <a href={`#f-${f}`} onClick={(e) => { e.preventDefault(); document.getElementById(`f-${f}`)?.focus(); }}>
              {fieldLabels[f] ? t(fieldLabels[f]) : f}
            </a>{t('common.colon')}{msg}
          </li>
        ))}
        {other.map((e, i) => <li key={`o${i}`}>{e.field ? `${e.field}${t('common.colon')}` : ''}{e.message}</li>)}
      </ul>
    </div>
  );
}

export function NeedsToken() {
  const token = useTokenState();
  if (token) return null;
  return (
    <div class="alert alert-info" role="note">
      <p>{t('form.needs_token')}</p>
      <button type="button" class="btn btn-primary" onClick={openSettings}>{t('form.open_settings')}</button>
    </div>
  );
}
