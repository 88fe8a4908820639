// One input per kind of field (lib/schema.ts): multilingual texts with their language, enum
// selects with translated labels, countries and languages named in the reader's language, dates,
// numbers with their currency, and ref pickers that search records by name. Every control has a
// label, says when it is required, and carries the server's message for it (aria-describedby).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tEnum, getLang } from '../i18n';
import { countryName, formatMoney, languageName, formatDateRange, formatDate } from '../lib/format';
import { countryGroups, currencyOptions, languageOptions, type Option } from '../lib/codes';
import { COMBO_CLOSED, comboKey, type ComboState } from '../lib/combobox';
import { controlId, parseLocaleNumber, type FieldValue, type FormValues, type TextValue } from '../lib/formdata';
import { LANGS, LANG_NATIVE_NAMES } from '../lib/lang';
import { getRecord, recordName, searchRefs, type AnyRecord, type RefOption } from '../lib/records';
import type { FieldDesc, RecordType } from '../lib/schema';
import type { MLText } from '../lib/api';
import { errorText, Ml, translationOf } from './common';

export interface FieldProps {
  desc: FieldDesc;
  values: FormValues;
  errors: Record<string, string>;
  set: (name: string, value: FieldValue) => void;
}

function describedBy(name: string, help: boolean, error: boolean, extra?: string): string | undefined {
  const ids = [help ? `${controlId(name)}-help` : '', error ? `${controlId(name)}-error` : '', extra ?? ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function RequiredMark() {
  return <span class="required"> <span aria-hidden="true">*</span><span class="sr-only">({t('form.required')})</span></span>;
}

/** Label, control(s), help and the server's message for one field. */
function Wrap({ desc, errors, children, group }: { desc: FieldDesc; errors: Record<string, string>; children: ComponentChildren; group?: boolean }) {
  const id = controlId(desc.name);
  const error = errors[desc.name];
  const label = <>{t(desc.label)}{desc.required && <RequiredMark />}</>;
  return (
    <div class={`field field-${desc.kind}${desc.wide ? ' span-2' : ''}${error ? ' has-error' : ''}`} data-field={desc.name}
      role={group ? 'group' : undefined} aria-labelledby={group ? `${id}-label` : undefined}>
      {group ? <span class="label" id={`${id}-label`}>{label}</span> : <label for={id} id={`${id}-label`}>{label}</label>}
      {children}
      {desc.help && <p id={`${id}-help`} class="help">{t(desc.help)}</p>}
      {error && <p id={`${id}-error`} class="field-error" data-testid={`error-${desc.name}`}>{error}</p>}
    </div>
  );
}

function common(p: FieldProps, extraDescribedBy?: string) {
  const error = Boolean(p.errors[p.desc.name]);
  return {
    id: controlId(p.desc.name),
    name: p.desc.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(p.desc.name, Boolean(p.desc.help), error, extraDescribedBy),
    'aria-required': p.desc.required ? true : undefined,
  };
}

// ---- multilingual text -----------------------------------------------------------------------

function TextField(p: FieldProps & { multiline?: boolean }) {
  const v = (p.values[p.desc.name] as TextValue | undefined) ?? { text: '', lang: '' };
  const id = controlId(p.desc.name);
  const set = (over: Partial<TextValue>) => p.set(p.desc.name, { ...v, ...over });
  const c = common(p);
  const onInput = (e: Event) => set({ text: (e.target as HTMLInputElement).value });
  return (
    <Wrap desc={p.desc} errors={p.errors}>
      {p.multiline
        ? <textarea {...c} rows={5} value={v.text} onInput={onInput} lang={v.lang || undefined} />
        : <input {...c} type="text" autocomplete="off" value={v.text} onInput={onInput} lang={v.lang || undefined} />}
      <div class="text-lang">
        <label for={`${id}_lang`} class="inline-label">
          {t('form.written_in')}<span class="sr-only"> ({t(p.desc.label)})</span>
        </label>
        <select id={`${id}_lang`} name={`${p.desc.name}_lang`} value={v.lang} onChange={(e) => set({ lang: (e.target as HTMLSelectElement).value })}>
          <option value="">{t('form.lang_auto')}</option>
          {LANGS.map((l) => <option key={l} value={l} lang={l}>{LANG_NATIVE_NAMES[l]}</option>)}
          {v.lang && !(LANGS as readonly string[]).includes(v.lang) && <option value={v.lang}>{languageName(v.lang, getLang())}</option>}
        </select>
      </div>
    </Wrap>
  );
}

// ---- plain strings, numbers, dates, booleans -------------------------------------------------

function StringField(p: FieldProps) {
  const d = p.desc as Extract<FieldDesc, { kind: 'string' }>;
  const v = String(p.values[d.name] ?? '');
  const onInput = (e: Event) => p.set(d.name, (e.target as HTMLInputElement).value);
  const autocomplete = d.autocomplete ?? (d.input === 'email' ? 'email' : d.input === 'url' ? 'url' : 'off');
  return (
    <Wrap desc={d} errors={p.errors}>
      {d.multiline
        ? <textarea {...common(p)} rows={4} value={v} onInput={onInput} />
        : <input {...common(p)} type={(d.input ?? 'text') as 'text'} value={v} onInput={onInput} maxLength={d.maxLength} autocomplete={autocomplete}
            spellcheck={d.input ? false : undefined} />}
    </Wrap>
  );
}

function DateField(p: FieldProps) {
  const d = p.desc as Extract<FieldDesc, { kind: 'date' }>;
  const min = d.notBefore ? String(p.values[d.notBefore] ?? '') || undefined : undefined;
  return (
    <Wrap desc={d} errors={p.errors}>
      <input {...common(p)} type="date" value={String(p.values[d.name] ?? '')} min={min}
        onInput={(e) => p.set(d.name, (e.target as HTMLInputElement).value)} />
    </Wrap>
  );
}

function IntField(p: FieldProps) {
  return (
    <Wrap desc={p.desc} errors={p.errors}>
      <input {...common(p)} type="text" inputMode="numeric" autocomplete="off" value={String(p.values[p.desc.name] ?? '')}
        onInput={(e) => p.set(p.desc.name, (e.target as HTMLInputElement).value)} />
    </Wrap>
  );
}

/** A number typed in the reader's conventions, shown back formatted with its currency. */
function NumberField(p: FieldProps) {
  const d = p.desc as Extract<FieldDesc, { kind: 'number' }>;
  const lang = getLang();
  const raw = String(p.values[d.name] ?? '');
  const n = raw.trim() ? parseLocaleNumber(raw, lang) : null;
  const currency = d.currency ? String(p.values[d.currency] ?? '') : '';
  const preview = n !== null ? formatMoney(n, currency || null, lang) : '';
  const previewId = `${controlId(d.name)}-preview`;
  return (
    <Wrap desc={d} errors={p.errors}>
      <input {...common(p, preview ? previewId : undefined)} type="text" inputMode="decimal" autocomplete="off" value={raw}
        onInput={(e) => p.set(d.name, (e.target as HTMLInputElement).value)} />
      {preview && <p id={previewId} class="help number-preview" data-testid={`preview-${d.name}`}>= {preview}</p>}
    </Wrap>
  );
}

function BoolField(p: FieldProps) {
  const id = controlId(p.desc.name);
  const error = p.errors[p.desc.name];
  return (
    <div class={`field field-bool${p.desc.wide ? ' span-2' : ''}${error ? ' has-error' : ''}`} data-field={p.desc.name}>
      <div class="check">
        <input id={id} name={p.desc.name} type="checkbox" checked={Boolean(p.values[p.desc.name])}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy(p.desc.name, Boolean(p.desc.help), Boolean(error))}
          onChange={(e) => p.set(p.desc.name, (e.target as HTMLInputElement).checked)} />
        <label for={id}>{t(p.desc.label)}</label>
      </div>
      {p.desc.help && <p id={`${id}-help`} class="help">{t(p.desc.help)}</p>}
      {error && <p id={`${id}-error`} class="field-error" data-testid={`error-${p.desc.name}`}>{error}</p>}
    </div>
  );
}

// ---- selects ---------------------------------------------------------------------------------

function Select(p: FieldProps & { options: Option[]; groups?: { label: string; options: Option[] }[]; empty: string }) {
  const v = String(p.values[p.desc.name] ?? '');
  return (
    <Wrap desc={p.desc} errors={p.errors}>
      <select {...common(p)} value={v} onChange={(e) => p.set(p.desc.name, (e.target as HTMLSelectElement).value)}>
        <option value="">{p.empty}</option>
        {p.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        {p.groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        ))}
      </select>
    </Wrap>
  );
}

function enumOptions(d: FieldDesc, current: string): Option[] {
  if (d.kind !== 'enum' && d.kind !== 'choice') return [];
  const values = current && !d.values.includes(current) ? [...d.values, current] : d.values;
  return values.map((v) => ({ value: v, label: tEnum(d.labels, v) }));
}

function emptyLabel(d: FieldDesc): string {
  return d.required ? t('form.choose') : t('form.none');
}

function CountryField(p: FieldProps) {
  const lang = getLang();
  const v = String(p.values[p.desc.name] ?? '');
  const { near, all } = countryGroups(lang, [v]);
  return <Select {...p} options={[]} empty={emptyLabel(p.desc)}
    groups={[{ label: t('form.countries_near'), options: near }, { label: t('form.countries_all'), options: all }]} />;
}

/** A list of codes (countries, languages): chips with a remove button, and a select to add one. */
function CodeListField(p: FieldProps & { options: Option[]; groups?: { label: string; options: Option[] }[]; nameOf: (code: string) => string; addLabel: string }) {
  const list = (p.values[p.desc.name] as string[] | undefined) ?? [];
  const id = controlId(p.desc.name);
  const add = (code: string) => { if (code && !list.includes(code)) p.set(p.desc.name, [...list, code]); };
  const remove = (code: string) => {
    p.set(p.desc.name, list.filter((c) => c !== code));
    document.getElementById(id)?.focus();
  };
  const keep = (o: Option) => !list.includes(o.value);
  return (
    <Wrap desc={p.desc} errors={p.errors} group>
      {list.length > 0 && (
        <ul class="chips chosen" aria-label={t('form.chosen', { field: t(p.desc.label) })}>
          {list.map((c) => (
            <li key={c} class="chip chip-removable" data-code={c}>
              <span>{p.nameOf(c)}</span>
              <button type="button" class="chip-remove" aria-label={t('form.remove_named', { name: p.nameOf(c) })} onClick={() => remove(c)}>×</button>
            </li>
          ))}
        </ul>
      )}
      <label for={id} class="sr-only">{p.addLabel} ({t(p.desc.label)})</label>
      <select {...common(p)} value="" onChange={(e) => { add((e.target as HTMLSelectElement).value); (e.target as HTMLSelectElement).value = ''; }}>
        <option value="">{p.addLabel}</option>
        {p.options.filter(keep).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        {p.groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.filter(keep).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        ))}
      </select>
    </Wrap>
  );
}

// ---- references --------------------------------------------------------------------------------

/** A short description under a record's name in the picker: where, when, what kind. */
function optionDetail(type: RecordType, rec: AnyRecord): string {
  const lang = getLang();
  switch (type) {
    case 'organisation': return [countryName(rec.country as string, lang), rec.locality as string].filter(Boolean).join(' · ');
    case 'session': return rec.title ? formatDateRange(rec.start_date as string, rec.end_date as string, lang) : '';
    case 'agreement': return rec.signed_date ? formatDate(rec.signed_date as string, lang) : tEnum('agrtype', rec.agreement_type as string);
    case 'person': return [rec.role as string, rec.email as string].filter(Boolean).join(' · ');
    case 'profile': return tEnum('profilekind', rec.kind as string);
    case 'case': return [rec.year ? String(rec.year) : '', countryName(rec.country as string, lang)].filter(Boolean).join(' · ');
    default: return '';
  }
}

/** The name of a record by id, loaded when needed. */
export function RefName({ type, id }: { type: RecordType; id: number }) {
  const [state, setState] = useState<{ name?: MLText | null; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    setState({});
    getRecord(type, id).then((r) => live && setState({ name: recordName(type, r, getLang()) }), (error) => live && setState({ error }));
    return () => { live = false; };
  }, [type, id]);
  if (state.error) return <span class="muted">{t('form.ref_unknown', { id })}</span>;
  if (state.name === undefined) return <span class="muted" aria-busy="true">…</span>;
  return state.name ? <Ml text={state.name} /> : <span>#{id}</span>;
}

/** Type part of a name, pick a record from the suggestions (keyboard: arrows, Enter, Escape). */
function RefCombobox({ id, target, exclude, onChoose, invalid, describedBy: described, required, label }: {
  id: string; target: RecordType; exclude: number[]; onChoose: (o: RefOption) => void;
  invalid?: boolean; describedBy?: string; required?: boolean; label: string;
}) {
  const lang = getLang();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<RefOption[]>([]);
  const [combo, setCombo] = useState<ComboState>(COMBO_CLOSED);
  const [status, setStatus] = useState<'idle' | 'loading' | 'done' | 'error'>('idle');
  const [error, setError] = useState<unknown>(null);
  // What to search for: set by typing or by an arrow key, not by choosing (which empties the input).
  const [asked, setAsked] = useState<{ q: string } | null>(null);
  const focused = useRef(false);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!asked) return undefined;
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setStatus('loading');
      searchRefs(target, asked.q, lang, { signal: ctl.signal, exclude }).then(
        (found) => {
          if (ctl.signal.aborted) return;
          setOptions(found);
          setStatus('done');
          setCombo({ open: focused.current, active: -1 });
        },
        (e) => {
          if (ctl.signal.aborted || (e as Error)?.name === 'AbortError') return;
          setError(e);
          setStatus('error');
        },
      );
    }, asked.q ? 180 : 0);
    return () => { clearTimeout(timer); ctl.abort(); };
  }, [asked]);

  useEffect(() => {
    if (combo.active >= 0) listRef.current?.querySelector(`#${id}-opt-${combo.active}`)?.scrollIntoView({ block: 'nearest' });
  }, [combo.active]);

  const choose = (o: RefOption) => {
    onChoose(o);
    setAsked(null);
    setQuery('');
    setOptions([]);
    setStatus('idle');
    setCombo(COMBO_CLOSED);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && status === 'idle') setAsked({ q: query });
    const r = comboKey(combo, e.key, options.length);
    if (r.handled) e.preventDefault();
    setCombo(r.state);
    if (r.choose !== undefined) choose(options[r.choose]);
  };
  const open = combo.open && (status === 'done' || status === 'error');
  const message = status === 'loading' ? t('common.loading')
    : status === 'error' ? errorText(error)
      : status === 'done' && combo.open ? (options.length ? t('form.ref_results', { count: options.length }) : t('form.ref_none')) : '';

  return (
    <div class="combo">
      <input id={id} type="text" role="combobox" autocomplete="off" spellcheck={false}
        aria-autocomplete="list" aria-expanded={open && options.length > 0} aria-controls={`${id}-list`}
        aria-activedescendant={open && combo.active >= 0 ? `${id}-opt-${combo.active}` : undefined}
        aria-invalid={invalid ? true : undefined} aria-describedby={[described, `${id}-status`].filter(Boolean).join(' ')}
        aria-required={required ? true : undefined}
        placeholder={t('form.ref_placeholder')} value={query}
        onInput={(e) => { const q = (e.target as HTMLInputElement).value; setQuery(q); setAsked({ q }); }}
        onFocus={() => { focused.current = true; }}
        onBlur={() => { focused.current = false; setCombo(COMBO_CLOSED); }}
        onKeyDown={onKeyDown} />
      <ul id={`${id}-list`} ref={listRef} role="listbox" aria-label={label} class="combo-list" hidden={!open || options.length === 0}>
        {options.map((o, i) => {
          const detail = optionDetail(target, o.record);
          return (
            <li key={o.id} id={`${id}-opt-${i}`} role="option" aria-selected={i === combo.active} data-ref-id={o.id}
              class={i === combo.active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()} onClick={() => choose(o)}>
              <span class="combo-name"><Ml text={o.name} /></span>
              {translationOf(o.name) && <span class="combo-detail" lang={lang}>{translationOf(o.name)}</span>}
              {detail && <span class="combo-detail">{detail}</span>}
            </li>
          );
        })}
      </ul>
      <p id={`${id}-status`} class={status === 'error' ? 'field-error' : 'sr-only'} aria-live="polite">{message}</p>
    </div>
  );
}

function RefField(p: FieldProps) {
  const d = p.desc as Extract<FieldDesc, { kind: 'ref' }>;
  const v = p.values[d.name] as number | null;
  const id = controlId(d.name);
  const error = Boolean(p.errors[d.name]);
  return (
    <Wrap desc={d} errors={p.errors}>
      {v ? (
        <p class="ref-chosen chip chip-removable" data-ref-id={v}>
          <span id={`${id}-chosen`}><RefName type={d.target} id={v} /></span>
          <button type="button" class="chip-remove" id={`${id}-rm`} aria-label={t('form.remove')} aria-labelledby={`${id}-rm ${id}-chosen`}
            onClick={() => { p.set(d.name, null); document.getElementById(id)?.focus(); }}>×</button>
        </p>
      ) : null}
      <RefCombobox id={id} target={d.target} exclude={v ? [v] : []} label={t(d.label)} required={d.required && !v}
        invalid={error} describedBy={[v ? `${id}-chosen` : '', describedBy(d.name, Boolean(d.help), error)].filter(Boolean).join(' ') || undefined}
        onChoose={(o) => p.set(d.name, o.id)} />
    </Wrap>
  );
}

function RefsField(p: FieldProps) {
  const d = p.desc as Extract<FieldDesc, { kind: 'refs' }>;
  const list = (p.values[d.name] as number[] | undefined) ?? [];
  const id = controlId(d.name);
  const error = Boolean(p.errors[d.name]);
  return (
    <Wrap desc={d} errors={p.errors}>
      {list.length > 0 && (
        <ul class="chips chosen" aria-label={t('form.chosen', { field: t(d.label) })}>
          {list.map((ref) => (
            <li key={ref} class="chip chip-removable" data-ref-id={ref}>
              <span id={`${id}-chip-${ref}`}><RefName type={d.target} id={ref} /></span>
              <button type="button" class="chip-remove" id={`${id}-rm-${ref}`} aria-label={t('form.remove')} aria-labelledby={`${id}-rm-${ref} ${id}-chip-${ref}`}
                onClick={() => { p.set(d.name, list.filter((x) => x !== ref)); document.getElementById(id)?.focus(); }}>×</button>
            </li>
          ))}
        </ul>
      )}
      <RefCombobox id={id} target={d.target} exclude={list} label={t(d.label)} required={d.required && list.length < (d.min ?? 1)}
        invalid={error} describedBy={describedBy(d.name, Boolean(d.help), error)}
        onChoose={(o) => p.set(d.name, [...list, o.id])} />
    </Wrap>
  );
}

// ---- the dispatcher ----------------------------------------------------------------------------

/** The control for one field descriptor. */
export function Field(p: FieldProps) {
  const lang = getLang();
  const d = p.desc;
  switch (d.kind) {
    case 'text': return <TextField {...p} multiline={d.multiline} />;
    case 'string': return <StringField {...p} />;
    case 'enum': case 'choice':
      return <Select {...p} options={enumOptions(d, String(p.values[d.name] ?? ''))} empty={emptyLabel(d)} />;
    case 'country': return <CountryField {...p} />;
    case 'countries': {
      const { near, all } = countryGroups(lang, (p.values[d.name] as string[]) ?? []);
      return <CodeListField {...p} options={[]} groups={[{ label: t('form.countries_near'), options: near }, { label: t('form.countries_all'), options: all }]}
        nameOf={(c) => countryName(c, lang)} addLabel={t('form.add_country')} />;
    }
    case 'language':
      return <Select {...p} options={languageOptions(lang, [String(p.values[d.name] ?? '')])} empty={emptyLabel(d)} />;
    case 'languages':
      return <CodeListField {...p} options={languageOptions(lang, (p.values[d.name] as string[]) ?? [])} nameOf={(c) => languageName(c, lang)} addLabel={t('form.add_language')} />;
    case 'date': return <DateField {...p} />;
    case 'int': return <IntField {...p} />;
    case 'number': return <NumberField {...p} />;
    case 'currency':
      return <Select {...p} options={currencyOptions(lang, String(p.values[d.name] ?? ''))} empty={emptyLabel(d)} />;
    case 'bool': return <BoolField {...p} />;
    case 'ref': return <RefField {...p} />;
    case 'refs': return <RefsField {...p} />;
  }
}
