import { useEffect, useState } from 'preact/hooks';
import { t, tEnum, getLang, type MessageKey } from '../i18n';
import { api, listAll, type Organisation, type Profile } from '../lib/api';
import { useAsync, useTitle } from '../lib/hooks';
import { navigate } from '../lib/router';
import { compareText, countryName } from '../lib/format';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { CountryDatalist, NeedsToken, ProblemSummary, SelectField, TextField, langOptions, textBody, textValues, type Values } from '../components/form';
import { useTokenState } from '../components/Layout';
import { useSave } from '../components/useSave';
import { SUBJECTS } from './Marketplace';

const FIELDS = ['organisation', 'kind', 'subject', 'title', 'summary', 'target_countries', 'deadline', 'status'] as const;
const LABELS: Record<string, MessageKey> = {
  organisation: 'form.organisation', kind: 'form.profile_kind', subject: 'form.subject', title: 'form.title', summary: 'form.summary',
  target_countries: 'form.target_countries', deadline: 'form.deadline', status: 'form.status',
};

export function ProfileForm({ id, organisation }: { id?: number; organisation?: number }) {
  const title = t(id ? 'form.profile_edit' : 'form.profile_new');
  useTitle(title);
  const lang = getLang();
  const token = useTokenState();
  const [original, setOriginal] = useState<Profile | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState<Values>({
    organisation: organisation ? String(organisation) : '', kind: '', subject: 'technology', status: 'published', title_lang: '', summary_lang: '',
  });
  const orgs = useAsync((signal) => listAll<Organisation>('organisations', {}, signal), []);
  const s = useSave<Profile>('profiles', FIELDS);

  useEffect(() => {
    if (!id) return;
    api<Profile>(`profiles/${id}`).then((p) => {
      setOriginal(p);
      setValues({
        ...textValues('title', p.title), ...textValues('summary', p.summary),
        organisation: String(p.organisation), kind: p.kind, subject: p.subject, status: p.status,
        target_countries: (p.target_countries ?? []).join(', '), deadline: p.deadline ?? '',
      });
    }, setLoadError);
  }, [id]);

  if (loadError) return <ErrorBox error={loadError} />;
  if (id && !original) return <Loading />;

  const onChange = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const f = { values, errors: s.fieldErrors, onChange };
  const orgOptions: [string, string][] = (orgs.data ?? [])
    .map((o) => [String(o.id), `${o.name.text} — ${countryName(o.country, lang)}`] as [string, string])
    .sort((a, b) => compareText(lang)(a[1], b[1]));

  const submit = async (e: Event) => {
    e.preventDefault();
    const countries = (values.target_countries ?? '').split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
    const body: Record<string, unknown> = {
      organisation: values.organisation ? Number(values.organisation) : null,
      kind: values.kind || null,
      subject: values.subject || null,
      title: textBody(values, 'title', original?.title),
      summary: textBody(values, 'summary', original?.summary),
      target_countries: countries.length ? countries : null,
      deadline: values.deadline || null,
      status: values.status || null,
    };
    if (!original) for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
    const rec = await s.save(body, original ? { id: original.id, version: original.version } : undefined);
    if (rec) navigate(`/profiles/${rec.id}`);
  };

  return (
    <>
      <PageHeader title={title} />
      <NeedsToken />
      {s.problem && <ProblemSummary title={s.problem.title} detail={s.problem.detail} fieldErrors={s.fieldErrors} fieldLabels={LABELS} other={s.other} />}
      <form class="card record-form" onSubmit={submit} noValidate aria-label={title}>
        <CountryDatalist />
        <div class="form-grid">
          {orgs.error ? <ErrorBox error={orgs.error} /> : (
            <SelectField {...f} name="organisation" label="form.organisation" required placeholder options={orgOptions} span2 />
          )}
          <SelectField {...f} name="kind" label="form.profile_kind" required placeholder options={[['offer', t('profilekind.offer')], ['request', t('profilekind.request')]]} />
          <SelectField {...f} name="subject" label="form.subject" options={SUBJECTS.map((x) => [x, tEnum('subject', x)])} />
          <TextField {...f} name="title" label="form.title" required span2 />
          <SelectField {...f} name="title_lang" label="form.title_lang" options={langOptions()} help="form.lang_help" />
          <TextField {...f} name="summary" label="form.summary" multiline span2 />
          <SelectField {...f} name="summary_lang" label="form.summary_lang" options={langOptions()} />
          <TextField {...f} name="target_countries" label="form.target_countries" help="form.target_countries_help" />
          <TextField {...f} name="deadline" label="form.deadline" type="date" />
          <SelectField {...f} name="status" label="form.status" options={['draft', 'published', 'closed'].map((x) => [x, tEnum('status', x)])} help="form.status_help" />
        </div>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={s.saving || !token} aria-busy={s.saving}>{s.saving ? t('form.saving') : t(original ? 'common.save' : 'common.create')}</button>
          <a class="btn btn-ghost" href={original ? `/profiles/${original.id}` : '/marketplace'}>{t('common.cancel')}</a>
        </div>
      </form>
    </>
  );
}
