import { useEffect, useState } from 'preact/hooks';
import { t, tEnum, type MessageKey } from '../i18n';
import { api, type Organisation } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { navigate } from '../lib/router';
import { forgetOrganisation } from '../lib/orgs';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { CountryDatalist, NeedsToken, ProblemSummary, SelectField, TextField, langOptions, textBody, textValues, type Values } from '../components/form';
import { useTokenState } from '../components/Layout';
import { useSave } from '../components/useSave';
import { ORG_KINDS } from './Directory';

const FIELDS = ['name', 'kind', 'country', 'locality', 'locality_code', 'description', 'website'] as const;
const LABELS: Record<string, MessageKey> = {
  name: 'form.name', kind: 'form.org_kind', country: 'form.country', locality: 'form.locality',
  locality_code: 'form.locality_code', description: 'form.description', website: 'form.website',
};

export function OrganisationForm({ id }: { id?: number }) {
  const title = t(id ? 'form.org_edit' : 'form.org_new');
  useTitle(title);
  const token = useTokenState();
  const [original, setOriginal] = useState<Organisation | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState<Values>({ kind: '', name_lang: '', description_lang: '' });
  const s = useSave<Organisation>('organisations', FIELDS);

  useEffect(() => {
    if (!id) return;
    api<Organisation>(`organisations/${id}`).then((o) => {
      setOriginal(o);
      setValues({
        ...textValues('name', o.name), ...textValues('description', o.description),
        kind: o.kind, country: o.country, locality: o.locality ?? '', locality_code: o.locality_code ?? '', website: o.website ?? '',
      });
    }, setLoadError);
  }, [id]);

  if (loadError) return <ErrorBox error={loadError} />;
  if (id && !original) return <Loading />;

  const onChange = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const f = { values, errors: s.fieldErrors, onChange };

  const submit = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = {
      name: textBody(values, 'name', original?.name),
      kind: values.kind || null,
      country: (values.country ?? '').trim().toUpperCase() || null,
      locality: (values.locality ?? '').trim() || null,
      locality_code: (values.locality_code ?? '').trim().toUpperCase() || null,
      description: textBody(values, 'description', original?.description),
      website: (values.website ?? '').trim() || null,
    };
    if (!original) for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
    const rec = await s.save(body, original ? { id: original.id, version: original.version } : undefined);
    if (rec) {
      forgetOrganisation(rec.id);
      navigate(`/organisations/${rec.id}`);
    }
  };

  return (
    <>
      <PageHeader title={title} />
      <NeedsToken />
      {s.problem && <ProblemSummary title={s.problem.title} detail={s.problem.detail} fieldErrors={s.fieldErrors} fieldLabels={LABELS} other={s.other} />}
      <form class="card record-form" onSubmit={submit} noValidate aria-label={title}>
        <CountryDatalist />
        <div class="form-grid">
          <TextField {...f} name="name" label="form.name" required span2 />
          <SelectField {...f} name="name_lang" label="form.name_lang" options={langOptions()} help="form.lang_help" />
          <SelectField {...f} name="kind" label="form.org_kind" required placeholder options={ORG_KINDS.map((k) => [k, tEnum('orgkind', k)])} />
          <TextField {...f} name="country" label="form.country" required list="country-codes" help="form.country_help" maxLength={8} />
          <TextField {...f} name="locality" label="form.locality" />
          <TextField {...f} name="locality_code" label="form.locality_code" help="form.locality_code_help" />
          <TextField {...f} name="website" label="form.website" type="url" help="form.website_help" />
          <TextField {...f} name="description" label="form.description" multiline span2 />
          <SelectField {...f} name="description_lang" label="form.description_lang" options={langOptions()} />
        </div>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={s.saving || !token} aria-busy={s.saving}>{s.saving ? t('form.saving') : t(original ? 'common.save' : 'common.create')}</button>
          <a class="btn btn-ghost" href={original ? `/organisations/${original.id}` : '/directory'}>{t('common.cancel')}</a>
        </div>
      </form>
    </>
  );
}
