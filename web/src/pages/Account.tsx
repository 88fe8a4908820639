// "My account": one's name and language, password, sessions (sign out everywhere), personal API
// tokens (shown once, with a copy button) and a download of everything held about oneself.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, getLang, type MessageKey } from '../i18n';
import { api } from '../lib/api';
import { datedName, downloadFile } from '../lib/download';
import type { FieldValue, FormValues } from '../lib/formdata';
import { formatDate } from '../lib/format';
import { useAsync, useTitle } from '../lib/hooks';
import { LANGS } from '../lib/lang';
import { navigate } from '../lib/router';
import { setSignedOut, signOutEverywhere, updateUser, type User } from '../lib/session';
import type { FieldDesc } from '../lib/schema';
import { Empty, ErrorBox, errorText, Loading, Ml, PageHeader, Tag } from '../components/common';
import { RequireRole, useSession } from '../components/auth';
import { SimpleForm } from '../components/simpleform';
import { useSubmit } from '../components/useSubmit';

export interface TokenInfo {
  id: number;
  name: string;
  scopes: string;
  expires_at: string | null;
  created_at: string;
  revoked: boolean;
}

function useValues(initial: FormValues) {
  const [values, setValues] = useState<FormValues>(initial);
  const set = (name: string, value: FieldValue) => setValues((v) => ({ ...v, [name]: value }));
  return { values, set, setValues, str: (name: string) => String(values[name] ?? '') };
}

export function AccountPage() {
  const title = t('account.title');
  useTitle(title);
  return (
    <RequireRole roles={['admin', 'staff', 'editor', 'trainee']} title={title}>
      <Account />
    </RequireRole>
  );
}

function Account() {
  const session = useSession();
  const u = session.user!;
  const welcome = new URLSearchParams(location.search).get('welcome');
  return (
    <div class="account">
      <PageHeader title={t('account.title')} intro={t('account.intro')} />
      {welcome && <p class="alert alert-success" role="status" data-testid="welcome">{t('auth.welcome', { name: u.display_name })}</p>}
      <section class="card account-who" aria-labelledby="h-who">
        <h2 id="h-who" class="card-title">{t('account.who')}</h2>
        <dl class="deflist">
          <div><dt>{t('auth.display_name')}</dt><dd data-testid="account-name">{u.display_name}</dd></div>
          <div><dt>{t('auth.email')}</dt><dd>{u.email}</dd></div>
          <div><dt>{t('account.role')}</dt><dd><Tag tone="role" data-testid="account-role">{t(`role.${u.role}` as MessageKey)}</Tag> <span class="muted small">{t(`role.${u.role}_help` as MessageKey)}</span></dd></div>
          {session.organisations.length > 0 && (
            <div><dt>{t('account.organisations')}</dt><dd><ul class="plain">{session.organisations.map((o) => <li key={o.id}><a href={`/organisations/${o.id}`}><Ml text={o.name} /></a></li>)}</ul></dd></div>
          )}
        </dl>
      </section>
      <div class="account-grid">
        <ProfileForm user={u} />
        <PasswordForm email={u.email} />
      </div>
      <Sessions />
      <Tokens />
      <MyData />
    </div>
  );
}

function ProfileForm({ user }: { user: User }) {
  const fields: FieldDesc[] = [
    { name: 'display_name', kind: 'string', label: 'auth.display_name', required: true, autocomplete: 'name', maxLength: 200 },
    { name: 'lang', kind: 'enum', label: 'account.lang', values: LANGS, labels: 'uilang', help: 'account.lang_help' },
  ];
  const { values, set, str } = useValues({ display_name: user.display_name, lang: user.lang });
  const s = useSubmit(['display_name', 'lang']);
  const [saved, setSaved] = useState(false);
  // The language menu at the top changes the account's language too: show it here.
  useEffect(() => set('lang', user.lang), [user.lang]);
  const submit = async () => {
    setSaved(false);
    if (!str('display_name').trim()) { s.fail({ display_name: t('auth.required') }); return; }
    const u = await s.run(() => api<User>('me', { method: 'PATCH', body: { display_name: str('display_name').trim(), lang: str('lang') } }));
    if (u) { updateUser(u); setSaved(true); }
  };
  return (
    <section class="section" aria-labelledby="h-profile">
      <h2 id="h-profile">{t('account.profile')}</h2>
      {saved && <p class="alert alert-success" role="status" data-testid="profile-saved">{t('account.saved')}</p>}
      <SimpleForm id="profile-form" label={t('account.profile')} fields={fields} values={values} set={set} state={s} submit="common.save" onSubmit={submit} />
    </section>
  );
}

function PasswordForm({ email }: { email: string }) {
  const fields: FieldDesc[] = [
    { name: 'current_password', kind: 'string', input: 'password', label: 'account.current_password', required: true, autocomplete: 'current-password' },
    { name: 'new_password', kind: 'string', input: 'password', label: 'auth.new_password', required: true, autocomplete: 'new-password', help: 'auth.password_help' },
    { name: 'new_password2', kind: 'string', input: 'password', label: 'auth.repeat_password', required: true, autocomplete: 'new-password' },
  ];
  const { values, set, str } = useValues({ current_password: '', new_password: '', new_password2: '' });
  const s = useSubmit(['current_password', 'new_password', 'new_password2'], { password: 'new_password' });
  const submit = async () => {
    const bad: Record<string, string> = {};
    if (!str('current_password')) bad.current_password = t('auth.required');
    if (!str('new_password')) bad.new_password = t('auth.required');
    else if (str('new_password') !== str('new_password2')) bad.new_password2 = t('auth.passwords_differ');
    if (Object.keys(bad).length) { s.fail(bad); return; }
    const ok = await s.run(async () => {
      await api('me/password', { method: 'POST', body: { current_password: str('current_password'), new_password: str('new_password') } });
      return true;
    });
    if (ok) {
      // The server has ended every session, this one too: sign in again with the new password.
      setSignedOut(false);
      navigate('/sign-in?password_changed=1');
    }
  };
  return (
    <section class="section" aria-labelledby="h-password">
      <h2 id="h-password">{t('account.password')}</h2>
      <SimpleForm id="password-form" label={t('account.password')} intro={t('account.password_intro')} fields={fields} values={values} set={set} state={s} submit="account.change_password" onSubmit={submit}>
        {/* for password managers: whose password this is */}
        <input type="text" name="username" autocomplete="username" value={email} readOnly hidden />
      </SimpleForm>
    </section>
  );
}

function Sessions() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const out = async () => {
    setBusy(true);
    setError(null);
    try {
      await signOutEverywhere();
      navigate('/sign-in?signed_out=1');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="section card" aria-labelledby="h-sessions">
      <h2 id="h-sessions">{t('account.sessions')}</h2>
      <p>{t('account.sessions_intro')}</p>
      {error !== null && <ErrorBox error={error} />}
      <button type="button" class="btn btn-secondary" onClick={out} disabled={busy} aria-busy={busy} data-testid="sign-out-everywhere">{t('account.sign_out_everywhere')}</button>
    </section>
  );
}

/** A secret shown once: read-only, selected on focus, with a copy button. */
export function ShowOnce({ label, value, testid }: { label: string; value: string; testid?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('ok');
    } catch {
      ref.current?.select();
      setCopied(document.execCommand?.('copy') ? 'ok' : 'failed');
    }
  };
  return (
    <div class="alert alert-success show-once" role="status" data-testid={testid}>
      <p><strong>{label}</strong></p>
      <div class="field">
        <label for="show-once-value" class="sr-only">{label}</label>
        <div class="search-row">
          <input id="show-once-value" ref={ref} type="text" readOnly value={value} spellcheck={false} class="mono" onFocus={(e) => (e.target as HTMLInputElement).select()} />
          <button type="button" class="btn btn-primary" onClick={copy} data-testid="copy">{t('account.copy')}</button>
        </div>
      </div>
      <p class="small" aria-live="polite">{copied === 'ok' ? t('account.copied') : copied === 'failed' ? t('account.copy_failed') : t('account.token_once')}</p>
    </div>
  );
}

function Tokens() {
  const lang = getLang();
  const list = useAsync((signal) => api<{ items: TokenInfo[] }>('me/tokens', { signal }), []);
  const fields: FieldDesc[] = [
    { name: 'name', kind: 'string', label: 'tokens.name', required: true, maxLength: 100, help: 'tokens.name_help' },
    { name: 'scopes', kind: 'enum', label: 'tokens.scopes', values: ['read', 'read,write'], labels: 'scope', default: 'read' },
    { name: 'expires_in_days', kind: 'int', label: 'tokens.expires_in_days', min: 1, help: 'tokens.expires_help' },
  ];
  const { values, set, setValues, str } = useValues({ name: '', scopes: 'read', expires_in_days: '90' });
  const s = useSubmit(['name', 'scopes', 'expires_in_days']);
  const [made, setMade] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<string>('');

  const create = async () => {
    setMade(null);
    const days = Number(str('expires_in_days'));
    const bad: Record<string, string> = {};
    if (!str('name').trim()) bad.name = t('auth.required');
    if (!Number.isInteger(days) || days < 1 || days > 366) bad.expires_in_days = t('tokens.days_range');
    if (Object.keys(bad).length) { s.fail(bad); return; }
    const r = await s.run(() => api<{ token: string }>('me/tokens', { method: 'POST', body: { name: str('name').trim(), scopes: str('scopes'), expires_in_days: days } }));
    if (r) {
      setMade(r.token);
      setValues({ name: '', scopes: 'read', expires_in_days: '90' });
      list.reload();
    }
  };
  const revoke = async (name: string) => {
    setRevoking(name);
    setRevokeError('');
    try {
      await api('me/tokens', { method: 'DELETE', query: { name } });
      list.reload();
    } catch (e) {
      setRevokeError(errorText(e));
    } finally {
      setRevoking(null);
    }
  };
  const items = list.data?.items ?? [];
  const now = new Date().toISOString();
  return (
    <section class="section" aria-labelledby="h-tokens" data-testid="tokens">
      <h2 id="h-tokens">{t('tokens.title')}</h2>
      <p class="help">{t('tokens.intro')}</p>
      {list.error !== null && list.error !== undefined && <ErrorBox error={list.error} retry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && items.length === 0 && <Empty>{t('tokens.none')}</Empty>}
      {revokeError && <p class="alert alert-error" role="alert">{revokeError}</p>}
      {items.length > 0 && (
        <div class="table-wrap card flush">
          <table class="data-table stack-table" data-testid="token-list">
            <caption class="sr-only">{t('tokens.title')}</caption>
            <thead><tr>
              <th scope="col">{t('tokens.name')}</th><th scope="col">{t('tokens.scopes')}</th><th scope="col">{t('tokens.created')}</th>
              <th scope="col">{t('tokens.expires')}</th><th scope="col">{t('tokens.status')}</th><th scope="col"><span class="sr-only">{t('tokens.actions')}</span></th>
            </tr></thead>
            <tbody>
              {items.map((k) => {
                const expired = Boolean(k.expires_at && k.expires_at < now);
                const status = k.revoked ? 'revoked' : expired ? 'expired' : 'active';
                return (
                  <tr key={k.id} data-token={k.name} data-status={status}>
                    <th scope="row" data-label={t('tokens.name')}>{k.name}</th>
                    <td data-label={t('tokens.scopes')}>{t(k.scopes === 'read' ? 'scope.read' : 'scope.read,write')}</td>
                    <td data-label={t('tokens.created')}>{formatDate(k.created_at, lang)}</td>
                    <td data-label={t('tokens.expires')}>{k.expires_at ? formatDate(k.expires_at, lang) : t('tokens.never')}</td>
                    <td data-label={t('tokens.status')}><Tag tone={`token-${status}`}>{t(`tokens.${status}` as MessageKey)}</Tag></td>
                    <td data-label={t('tokens.actions')}>
                      {status === 'active' && (
                        <button type="button" class="btn btn-small btn-danger" onClick={() => revoke(k.name)} disabled={revoking === k.name} aria-busy={revoking === k.name} data-testid="revoke">
                          {t('tokens.revoke')}<span class="sr-only"> — {k.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h3 class="sub-title">{t('tokens.new')}</h3>
      {made && <ShowOnce label={t('tokens.made')} value={made} testid="new-token" />}
      <SimpleForm id="token-form" label={t('tokens.new')} fields={fields} values={values} set={set} state={s} submit="tokens.create" onSubmit={create} grid />
    </section>
  );
}

/** A download of everything held about the signed-in person. */
export function MyData() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadFile('me/export', datedName('my-data', 'json'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="section card" aria-labelledby="h-mydata">
      <h2 id="h-mydata">{t('account.my_data')}</h2>
      <p>{t('account.my_data_intro')}</p>
      {error !== null && <ErrorBox error={error} />}
      <button type="button" class="btn btn-secondary" onClick={go} disabled={busy} aria-busy={busy} data-testid="export-me">{t('account.export')}</button>
    </section>
  );
}
