// "My applications", for trainees: their details (a person record linked to the account, made
// once), the training sessions open to apply for, the consent step when a session is held in
// another country (China's PIPL, Viet Nam's Decree 13/2023), their applications with a cancel
// button, and a download of everything held about them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tEnum, getLang, type MessageKey } from '../i18n';
import { api, listAll, type Programme, type Session } from '../lib/api';
import { consentBody, consentLaw, needsConsent, today } from '../lib/consent';
import { countryName, formatDateRange, languageName } from '../lib/format';
import type { FieldValue, FormValues } from '../lib/formdata';
import { useAsync, useTitle } from '../lib/hooks';
import { loadMe } from '../lib/session';
import type { AnyRecord } from '../lib/records';
import type { FieldDesc } from '../lib/schema';
import { Country, Empty, ErrorBox, errorText, Loading, Ml, PageHeader, Tag } from '../components/common';
import { RequireRole, useSession } from '../components/auth';
import { SimpleForm } from '../components/simpleform';
import { useSubmit } from '../components/useSubmit';
import { MyData } from './Account';

interface Enrolment {
  id: number;
  version: number;
  person: number;
  session: number;
  status: string;
  created_at: string;
}

/** Applications that still hold a place (or a hope of one), and so can be cancelled. */
const LIVE = ['applied', 'accepted', 'waitlisted'];

export function MyApplicationsPage() {
  const title = t('myapps.title');
  useTitle(title);
  return (
    <RequireRole roles={['trainee', 'staff', 'admin']} title={title}>
      <MyApplications />
    </RequireRole>
  );
}

function MyApplications() {
  const session = useSession();
  const personId = session.user?.person_id ?? null;
  const welcome = new URLSearchParams(location.search).get('welcome');
  return (
    <>
      <PageHeader title={t('myapps.title')} intro={t('myapps.intro')} />
      {welcome && session.user && <p class="alert alert-success" role="status" data-testid="welcome">{t('auth.welcome', { name: session.user.display_name })}</p>}
      {personId ? <Applications personId={personId} /> : <MyDetails />}
    </>
  );
}

/** A trainee without a person record gives the few details an application needs. */
function MyDetails() {
  const fields: FieldDesc[] = [
    { name: 'country', kind: 'country', label: 'myapps.country', required: true, help: 'myapps.country_help' },
    { name: 'locality', kind: 'string', label: 'form.locality', maxLength: 200 },
    { name: 'languages', kind: 'languages', label: 'form.languages', wide: true },
  ];
  const [values, setValues] = useState<FormValues>({ country: '', locality: '', languages: [] });
  const set = (name: string, value: FieldValue) => setValues((v) => ({ ...v, [name]: value }));
  const s = useSubmit(['country', 'locality', 'languages']);
  const submit = async () => {
    if (!values.country) { s.fail({ country: t('auth.required') }); return; }
    const body: Record<string, unknown> = { country: values.country };
    if (String(values.locality ?? '').trim()) body.locality = String(values.locality).trim();
    if ((values.languages as string[]).length) body.languages = values.languages;
    const ok = await s.run(async () => { await api('me/person', { method: 'POST', body }); await loadMe(true); return true; });
    if (ok) setValues({ country: '', locality: '', languages: [] });
  };
  return (
    <section class="section" aria-labelledby="h-details">
      <h2 id="h-details">{t('myapps.details')}</h2>
      <p class="help">{t('myapps.details_intro')}</p>
      <SimpleForm id="details-form" label={t('myapps.details')} fields={fields} values={values} set={set} state={s} submit="myapps.save_details" onSubmit={submit} grid />
    </section>
  );
}

interface ConsentStep {
  session: Session;
  to: string;
  text: string;
}

/** The words the trainee agrees to, in the interface language, naming the country and the law. */
export function consentText(from: string | undefined, to: string): string {
  const lang = getLang();
  return t('consent.text', { country: countryName(to, lang), law: t(`law.${consentLaw(from, to)}` as MessageKey) });
}

function Applications({ personId }: { personId: number }) {
  const lang = getLang();
  const data = useAsync(async (signal) => {
    const [person, enrolments, sessions, programmes] = await Promise.all([
      api<AnyRecord>(`people/${personId}`, { signal }),
      listAll<Enrolment>('enrolments', { person: personId }, signal),
      listAll<Session>('sessions', {}, signal),
      listAll<Programme>('programmes', {}, signal),
    ]);
    return { person, enrolments, sessions, programmes };
  }, [personId]);
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [consent, setConsent] = useState<ConsentStep | null>(null);
  const [agreed, setAgreed] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState<number | null>(null);
  const consentRef = useRef<HTMLHeadingElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  // The consent step and the outcome appear above the button pressed: take the reader there.
  useEffect(() => { if (consent) consentRef.current?.focus(); }, [consent?.session.id]);
  useEffect(() => { if (message) messageRef.current?.focus(); }, [message]);

  if (data.error) return <ErrorBox error={data.error} retry={data.reload} />;
  if (!data.data) return <Loading />;
  const { person, enrolments, sessions, programmes } = data.data;
  const from = typeof person.country === 'string' ? person.country : undefined;
  const day = today();
  const mine = new Map(enrolments.map((e) => [e.session, e]));
  const open = sessions.filter((s) => s.start_date >= day && !(mine.has(s.id) && LIVE.includes(mine.get(s.id)!.status)))
    .sort((a, b) => a.start_date.localeCompare(b.start_date));
  const programmeOf = (s: Session) => programmes.find((p) => p.id === s.programme);
  const sessionOf = (id: number) => sessions.find((s) => s.id === id);
  const sessionName = (s: Session) => s.title?.text ?? programmeOf(s)?.title.text ?? formatDateRange(s.start_date, s.end_date, lang);

  const apply = async (s: Session) => {
    setBusy(s.id);
    setMessage(null);
    try {
      await api('enrolments', { method: 'POST', body: { person: personId, session: s.id } });
      setConsent(null);
      setMessage({ tone: 'success', text: t('myapps.applied', { session: sessionName(s) }) });
      data.reload();
    } catch (e) {
      if (needsConsent(e) && s.country) {
        setAgreed(false);
        setConsent({ session: s, to: s.country, text: consentText(from, s.country) });
      } else {
        setMessage({ tone: 'error', text: errorText(e) });
      }
    } finally {
      setBusy(null);
    }
  };
  const agreeAndApply = async () => {
    if (!consent) return;
    setBusy(consent.session.id);
    setMessage(null);
    try {
      await api('consents', { method: 'POST', body: consentBody(personId, from, consent.to, lang, consent.text) });
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(e) });
      setBusy(null);
      return;
    }
    await apply(consent.session);
  };
  const cancel = async (e: Enrolment) => {
    setBusy(-e.id);
    setMessage(null);
    try {
      await api(`enrolments/${e.id}`, { method: 'PATCH', body: { status: 'cancelled' }, ifMatch: e.version });
      const s = sessionOf(e.session);
      setMessage({ tone: 'success', text: t('myapps.cancelled', { session: s ? sessionName(s) : `#${e.session}` }) });
      setConfirmCancel(null);
      data.reload();
    } catch (err) {
      setMessage({ tone: 'error', text: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {message && <p ref={messageRef} tabIndex={-1} class={`alert alert-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="apps-message">{message.text}</p>}
      {consent && (
        <section class="card consent-step" aria-labelledby="h-consent" data-testid="consent-step" data-law={consentLaw(from, consent.to)}>
          <h2 id="h-consent" ref={consentRef} tabIndex={-1}>{t('consent.title', { country: countryName(consent.to, lang) })}</h2>
          <p class="help">{t('consent.why', { session: sessionName(consent.session) })}</p>
          <blockquote class="consent-text" lang={lang} data-testid="consent-text">{consent.text}</blockquote>
          <div class="check">
            <input type="checkbox" id="consent-agree" checked={agreed} onChange={(e) => setAgreed((e.target as HTMLInputElement).checked)} />
            <label for="consent-agree">{t('consent.agree')}</label>
          </div>
          <div class="actions">
            <button type="button" class="btn btn-primary" disabled={!agreed || busy !== null} aria-busy={busy === consent.session.id} onClick={agreeAndApply} data-testid="consent-apply">
              {t('consent.agree_apply')}
            </button>
            <button type="button" class="btn btn-ghost" onClick={() => setConsent(null)}>{t('common.cancel')}</button>
          </div>
        </section>
      )}

      <section class="section" aria-labelledby="h-mine">
        <h2 id="h-mine">{t('myapps.mine')}</h2>
        {enrolments.length === 0 ? <Empty>{t('myapps.none')}</Empty> : (
          <ul class="card-list compact" data-testid="my-applications">
            {enrolments.map((e) => {
              const s = sessionOf(e.session);
              return (
                <li key={e.id} class="card result" data-enrolment-id={e.id} data-status={e.status}>
                  <p class="meta"><Tag tone={`enr-${e.status}`} data-testid="enrolment-status">{tEnum('enrstatus', e.status)}</Tag>
                    {s && <time dateTime={s.start_date}>{formatDateRange(s.start_date, s.end_date, lang)}</time>}
                    {s?.country && <Country code={s.country} />}
                  </p>
                  <h3 class="result-title">{s ? <a href={`/sessions/${s.id}`}>{s.title ? <Ml text={s.title} /> : sessionName(s)}</a> : `#${e.session}`}</h3>
                  {LIVE.includes(e.status) && (
                    <div class="actions">
                      {confirmCancel === e.id ? (
                        <>
                          <span>{t('myapps.cancel_confirm')}</span>
                          <button type="button" class="btn btn-danger btn-small" onClick={() => cancel(e)} disabled={busy === -e.id} aria-busy={busy === -e.id} data-testid="cancel-confirm">{t('myapps.cancel_yes')}</button>
                          <button type="button" class="btn btn-ghost btn-small" onClick={() => setConfirmCancel(null)}>{t('myapps.cancel_no')}</button>
                        </>
                      ) : (
                        <button type="button" class="btn btn-secondary btn-small" onClick={() => setConfirmCancel(e.id)} data-testid="cancel">{t('myapps.cancel')}<span class="sr-only"> — {s ? sessionName(s) : e.session}</span></button>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section class="section" aria-labelledby="h-open">
        <h2 id="h-open">{t('myapps.open')}</h2>
        {open.length === 0 ? <Empty>{t('myapps.no_open')}</Empty> : (
          <ul class="card-list compact" data-testid="open-sessions">
            {open.map((s) => {
              const p = programmeOf(s);
              return (
                <li key={s.id} class="card result" data-session-id={s.id} data-country={s.country ?? ''}>
                  <p class="meta">
                    <time dateTime={s.start_date}>{formatDateRange(s.start_date, s.end_date, lang)}</time>
                    {s.online ? <span>· {t('training.online')}</span> : s.venue && <span>· {s.venue}</span>}
                    {s.country && <span>· <Country code={s.country} /></span>}
                    {s.language && <span>· {languageName(s.language, lang)}</span>}
                  </p>
                  <h3 class="result-title"><a href={`/sessions/${s.id}`}>{s.title ? <Ml text={s.title} /> : sessionName(s)}</a></h3>
                  {p && <p class="muted small"><Ml text={p.title} /></p>}
                  {s.country && from && s.country !== from && <p class="help">{t('myapps.abroad', { country: countryName(s.country, lang) })}</p>}
                  <div class="actions">
                    <button type="button" class="btn btn-primary btn-small" onClick={() => apply(s)} disabled={busy !== null} aria-busy={busy === s.id} data-testid="apply">
                      {t('myapps.apply')}<span class="sr-only"> — {sessionName(s)}</span>
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <MyData />
    </>
  );
}
