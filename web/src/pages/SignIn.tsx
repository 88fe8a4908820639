// Signing in, and the two pages that e-mailed links open: a new password after "forgot my
// password" (/reset-password?token=...) and an invitation (/accept-invitation?token=...), where
// the invited person chooses their name and password and is then signed in.
import { useState } from 'preact/hooks';
import { t, getLang } from '../i18n';
import { api } from '../lib/api';
import type { FieldValue, FormValues } from '../lib/formdata';
import { useTitle } from '../lib/hooks';
import { navigate } from '../lib/router';
import { loadMe, setSignedIn, signIn, type User } from '../lib/session';
import type { FieldDesc } from '../lib/schema';
import { PageHeader } from '../components/common';
import { SimpleForm } from '../components/simpleform';
import { useSubmit } from '../components/useSubmit';
import { safeNext, useSession } from '../components/auth';

/** Where someone lands after signing in, when no page asked for it. */
export function homeFor(user: Pick<User, 'role'>): string {
  switch (user.role) {
    case 'editor': return '/my/organisation';
    case 'trainee': return '/my/applications';
    default: return '/account';
  }
}

function useValues(initial: FormValues) {
  const [values, setValues] = useState<FormValues>(initial);
  const set = (name: string, value: FieldValue) => setValues((v) => ({ ...v, [name]: value }));
  return { values, set, str: (name: string) => String(values[name] ?? '') };
}

const EMAIL: FieldDesc = { name: 'email', kind: 'string', input: 'email', label: 'auth.email', required: true, autocomplete: 'username' };

export function SignInPage({ query }: { query: URLSearchParams }) {
  const title = t('auth.sign_in_title');
  useTitle(title);
  const session = useSession();
  const fields: FieldDesc[] = [
    EMAIL,
    { name: 'password', kind: 'string', input: 'password', label: 'auth.password', required: true, autocomplete: 'current-password' },
  ];
  const { values, set, str } = useValues({ email: '', password: '' });
  const s = useSubmit(fields.map((f) => f.name));
  const next = safeNext(query.get('next'));

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!str('email').trim()) missing.email = t('auth.required');
    if (!str('password')) missing.password = t('auth.required');
    if (Object.keys(missing).length) { s.fail(missing); return; }
    const user = await s.run(() => signIn(str('email').trim(), str('password')));
    if (user) navigate(next ?? homeFor(user));
  };

  return (
    <section class="auth-page">
      <PageHeader title={title} intro={t('auth.sign_in_intro')} />
      {query.get('signed_out') && session.status !== 'signed-in' && <p class="alert alert-success" role="status" data-testid="signed-out">{t('auth.signed_out')}</p>}
      {query.get('password_changed') && session.status !== 'signed-in' && <p class="alert alert-success" role="status" data-testid="password-changed">{t('auth.password_changed')}</p>}
      {session.status === 'signed-in' && session.user && (
        <p class="alert alert-info" role="status">{t('auth.already_signed_in', { name: session.user.display_name })} <a href={homeFor(session.user)}>{t('auth.continue')}</a></p>
      )}
      <SimpleForm id="sign-in-form" label={title} fields={fields} values={values} set={set} state={s} submit="auth.sign_in" busyLabel="auth.signing_in"
        onSubmit={submit} extra={<a href="/forgot-password" class="btn btn-ghost" data-testid="forgot-link">{t('auth.forgot')}</a>} />
      <p class="help auth-note">{t('auth.no_account')}</p>
    </section>
  );
}

export function ForgotPasswordPage() {
  const title = t('auth.forgot_title');
  useTitle(title);
  const fields: FieldDesc[] = [EMAIL];
  const { values, set, str } = useValues({ email: '' });
  const s = useSubmit(['email']);
  const [sent, setSent] = useState('');
  const submit = async () => {
    const email = str('email').trim();
    if (!email) { s.fail({ email: t('auth.required') }); return; }
    const ok = await s.run(async () => { await api('password-resets', { method: 'POST', body: { email, lang: getLang() } }); return true; });
    if (ok !== null) setSent(email);
  };
  return (
    <section class="auth-page">
      <PageHeader title={title} intro={t('auth.forgot_intro')} />
      {sent
        ? <div class="alert alert-success" role="status" data-testid="reset-sent"><p>{t('auth.reset_sent', { email: sent })}</p><p><a href="/sign-in">{t('auth.back_to_sign_in')}</a></p></div>
        : <SimpleForm id="forgot-form" label={title} fields={fields} values={values} set={set} state={s} submit="auth.send_link" busyLabel="auth.sending"
            onSubmit={submit} extra={<a href="/sign-in" class="btn btn-ghost">{t('auth.back_to_sign_in')}</a>} />}
    </section>
  );
}

/** A new password typed twice, checked against the policy by the server. */
function passwordFields(): FieldDesc[] {
  return [
    { name: 'password', kind: 'string', input: 'password', label: 'auth.new_password', required: true, autocomplete: 'new-password', help: 'auth.password_help' },
    { name: 'password2', kind: 'string', input: 'password', label: 'auth.repeat_password', required: true, autocomplete: 'new-password' },
  ];
}

function checkPasswords(values: FormValues): Record<string, string> {
  const out: Record<string, string> = {};
  const p = String(values.password ?? '');
  if (!p) out.password = t('auth.required');
  else if (String(values.password2 ?? '') !== p) out.password2 = t('auth.passwords_differ');
  return out;
}

function MissingToken() {
  return (
    <div class="alert alert-error" role="alert" data-testid="link-incomplete">
      <p>{t('auth.link_incomplete')}</p>
    </div>
  );
}

export function ResetPasswordPage({ query }: { query: URLSearchParams }) {
  const title = t('auth.reset_title');
  useTitle(title);
  const token = query.get('token') ?? '';
  const fields = passwordFields();
  const { values, set, str } = useValues({ password: '', password2: '' });
  const s = useSubmit(['password', 'password2']);
  const [done, setDone] = useState(false);
  const submit = async () => {
    const bad = checkPasswords(values);
    if (Object.keys(bad).length) { s.fail(bad); return; }
    const ok = await s.run(async () => { await api('password-resets/confirm', { method: 'POST', body: { token, password: str('password') } }); return true; });
    if (ok !== null) setDone(true);
  };
  return (
    <section class="auth-page">
      <PageHeader title={title} intro={t('auth.reset_intro')} />
      {!token ? <MissingToken /> : done
        ? <div class="alert alert-success" role="status" data-testid="reset-done"><p>{t('auth.reset_done')}</p><p><a class="btn btn-primary" href="/sign-in">{t('auth.sign_in')}</a></p></div>
        : <SimpleForm id="reset-form" label={title} fields={fields} values={values} set={set} state={s} submit="auth.set_password" onSubmit={submit}>
            {s.other.some((e) => e.field === 'token') && <p><a href="/forgot-password">{t('auth.ask_new_link')}</a></p>}
          </SimpleForm>}
    </section>
  );
}

export function AcceptInvitationPage({ query }: { query: URLSearchParams }) {
  const title = t('auth.accept_title');
  useTitle(title);
  const token = query.get('token') ?? '';
  const fields: FieldDesc[] = [
    { name: 'display_name', kind: 'string', label: 'auth.display_name', required: true, autocomplete: 'name', maxLength: 200, help: 'auth.display_name_help' },
    ...passwordFields(),
  ];
  const { values, set, str } = useValues({ display_name: '', password: '', password2: '' });
  const s = useSubmit(['display_name', 'password', 'password2']);
  const submit = async () => {
    const bad = checkPasswords(values);
    if (!str('display_name').trim()) bad.display_name = t('auth.required');
    if (Object.keys(bad).length) { s.fail(bad); return; }
    const r = await s.run(async () => {
      const res = await api<{ user: User; csrf_token: string }>('invitations/accept', {
        method: 'POST', body: { token, display_name: str('display_name').trim(), password: str('password') },
      });
      setSignedIn(res.user, res.csrf_token, []);
      await loadMe(true);
      return res.user;
    });
    if (r) navigate(`${homeFor(r)}?welcome=1`);
  };
  return (
    <section class="auth-page">
      <PageHeader title={title} intro={t('auth.accept_intro')} />
      {!token ? <MissingToken /> : (
        <SimpleForm id="accept-form" label={title} fields={fields} values={values} set={set} state={s} submit="auth.accept" onSubmit={submit} />
      )}
    </section>
  );
}
