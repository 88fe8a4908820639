// "Users and roles": administrators see every account and change its role, organisations and
// status; administrators and centre staff invite people by e-mail (staff: editors and trainees).
import { useRef, useState } from 'preact/hooks';
import { t, getLang, type MessageKey } from '../i18n';
import { api } from '../lib/api';
import { formatDate } from '../lib/format';
import type { FieldValue, FormValues } from '../lib/formdata';
import { useAsync, useTitle } from '../lib/hooks';
import { LANGS } from '../lib/lang';
import { invitableRoles, isAdmin } from '../lib/roles';
import { normaliseUser, ROLES, type User } from '../lib/session';
import type { FieldDesc } from '../lib/schema';
import { Empty, ErrorBox, Loading, PageHeader, Tag } from '../components/common';
import { RefName } from '../components/fields';
import { RequireRole, useAuth, useSession } from '../components/auth';
import { SimpleForm } from '../components/simpleform';
import { useSubmit } from '../components/useSubmit';

export function UsersPage() {
  const auth = useAuth();
  const title = t(auth.role === 'staff' ? 'users.invite_title' : 'users.title');
  useTitle(title);
  return (
    <RequireRole roles={['admin', 'staff']} title={title}>
      <PageHeader title={title} intro={t(auth.role === 'staff' ? 'users.intro_staff' : 'users.intro')} />
      {isAdmin(auth) && <UserList />}
      <InviteForm />
    </RequireRole>
  );
}

function UserList() {
  const lang = getLang();
  const me = useSession().user;
  const { data, error, reload } = useAsync(async (signal) => (await api<{ items: User[] }>('users', { signal })).items.map(normaliseUser), []);
  const [editing, setEditing] = useState<User | null>(null);
  const [saved, setSaved] = useState('');
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!data) return <Loading />;
  return (
    <section class="section" aria-labelledby="h-users">
      <h2 id="h-users">{t('users.list')} <span class="count-badge">{data.length}</span></h2>
      {saved && <p class="alert alert-success" role="status" data-testid="user-saved">{saved}</p>}
      {editing && (
        <EditUser user={editing} self={editing.id === me?.id} onDone={(u) => {
          setEditing(null);
          if (u) { setSaved(t('users.saved', { name: u.display_name })); reload(); }
          setTimeout(() => document.querySelector<HTMLElement>(`[data-user-id="${editing.id}"] [data-testid="change-user"]`)?.focus(), 0);
        }} />
      )}
      {data.length === 0 ? <Empty /> : (
        <div class="table-wrap card flush">
          <table class="data-table stack-table" data-testid="users">
            <caption class="sr-only">{t('users.list')}</caption>
            <thead><tr>
              <th scope="col">{t('auth.display_name')}</th><th scope="col">{t('auth.email')}</th><th scope="col">{t('account.role')}</th>
              <th scope="col">{t('account.organisations')}</th><th scope="col">{t('users.status')}</th><th scope="col">{t('users.since')}</th>
              <th scope="col"><span class="sr-only">{t('tokens.actions')}</span></th>
            </tr></thead>
            <tbody>
              {data.map((u) => (
                <tr key={u.id} data-user-id={u.id} data-email={u.email} data-role={u.role} data-status={u.status}>
                  <th scope="row" data-label={t('auth.display_name')}>{u.display_name}{u.id === me?.id && <span class="muted small"> ({t('users.you')})</span>}</th>
                  <td data-label={t('auth.email')}>{u.email}</td>
                  <td data-label={t('account.role')}><Tag tone="role">{t(`role.${u.role}` as MessageKey)}</Tag></td>
                  <td data-label={t('account.organisations')}>
                    {u.organisations.length === 0 ? '–' : <ul class="plain">{u.organisations.map((o) => <li key={o}><a href={`/organisations/${o}`}><RefName type="organisation" id={o} /></a></li>)}</ul>}
                  </td>
                  <td data-label={t('users.status')}><Tag tone={`user-${u.status}`}>{t(`ustatus.${u.status}` as MessageKey)}</Tag></td>
                  <td data-label={t('users.since')}>{formatDate(u.created_at, lang)}</td>
                  <td data-label={t('tokens.actions')}>
                    <button type="button" class="btn btn-small btn-secondary" onClick={() => { setSaved(''); setEditing(u); }} data-testid="change-user">
                      {t('users.change')}<span class="sr-only"> — {u.display_name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function EditUser({ user, self, onDone }: { user: User; self: boolean; onDone: (u: User | null) => void }) {
  const ref = useRef<HTMLElement>(null);
  const fields: FieldDesc[] = [
    { name: 'role', kind: 'enum', label: 'account.role', values: ROLES, labels: 'role', required: true },
    { name: 'organisations', kind: 'refs', target: 'organisation', label: 'account.organisations', help: 'users.organisations_help', wide: true },
    { name: 'status', kind: 'enum', label: 'users.status', values: ['active', 'disabled'], labels: 'ustatus', required: true, help: 'users.status_help' },
  ];
  const [values, setValues] = useState<FormValues>({ role: user.role, organisations: user.organisations, status: user.status });
  const set = (name: string, value: FieldValue) => setValues((v) => ({ ...v, [name]: value }));
  const s = useSubmit(['role', 'organisations', 'status']);
  const submit = async () => {
    if (values.role === 'editor' && (values.organisations as number[]).length === 0) { s.fail({ organisations: t('users.editor_needs_org') }); return; }
    const body: Record<string, unknown> = { organisations: values.organisations };
    if (values.role !== user.role) body.role = values.role;
    if (values.status !== user.status) body.status = values.status;
    const u = await s.run(() => api<User>(`users/${user.id}`, { method: 'PATCH', body }));
    if (u) onDone(normaliseUser(u));
  };
  return (
    <section ref={ref} class="card edit-user" aria-labelledby="h-edit-user" data-testid="edit-user">
      <h3 id="h-edit-user" tabIndex={-1}>{t('users.change_title', { name: user.display_name })}</h3>
      <p class="muted small">{user.email}</p>
      {self && <p class="alert alert-info" role="note">{t('users.self_note')}</p>}
      <SimpleForm id="edit-user-form" label={t('users.change_title', { name: user.display_name })} fields={fields} values={values} set={set} state={s}
        submit="common.save" onSubmit={submit} grid extra={<button type="button" class="btn btn-ghost" onClick={() => onDone(null)}>{t('common.cancel')}</button>} />
    </section>
  );
}

function InviteForm() {
  const auth = useAuth();
  const lang = getLang();
  const roles = invitableRoles(auth);
  const fields: FieldDesc[] = [
    { name: 'invite_email', kind: 'string', input: 'email', label: 'auth.email', required: true, autocomplete: 'off' },
    { name: 'invite_role', kind: 'enum', label: 'account.role', values: roles, labels: 'role', required: true },
    { name: 'invite_organisations', kind: 'refs', target: 'organisation', label: 'account.organisations', help: 'users.organisations_help', wide: true },
    { name: 'invite_lang', kind: 'enum', label: 'users.invite_lang', values: LANGS, labels: 'uilang', required: true, help: 'users.invite_lang_help' },
  ];
  const empty = (): FormValues => ({ invite_email: '', invite_role: roles.includes('editor') ? 'editor' : roles[0] ?? '', invite_organisations: [], invite_lang: lang });
  const [values, setValues] = useState<FormValues>(empty);
  const set = (name: string, value: FieldValue) => setValues((v) => ({ ...v, [name]: value }));
  const s = useSubmit(fields.map((f) => f.name), { email: 'invite_email', role: 'invite_role', organisations: 'invite_organisations', lang: 'invite_lang' });
  const [sent, setSent] = useState<{ email: string; expires: string } | null>(null);
  const submit = async () => {
    setSent(null);
    const email = String(values.invite_email ?? '').trim();
    const bad: Record<string, string> = {};
    if (!email) bad.invite_email = t('auth.required');
    if (values.invite_role === 'editor' && (values.invite_organisations as number[]).length === 0) bad.invite_organisations = t('users.editor_needs_org');
    if (Object.keys(bad).length) { s.fail(bad); return; }
    const r = await s.run(() => api<{ expires_at: string }>('invitations', {
      method: 'POST', body: { email, role: values.invite_role, organisations: values.invite_organisations, lang: values.invite_lang },
    }));
    if (r) {
      setSent({ email, expires: r.expires_at });
      setValues(empty());
    }
  };
  return (
    <section class="section" aria-labelledby="h-invite">
      <h2 id="h-invite">{t('users.invite')}</h2>
      <p class="help">{t('users.invite_intro')}</p>
      {sent && <p class="alert alert-success" role="status" data-testid="invitation-sent">{t('users.invited', { email: sent.email, date: formatDate(sent.expires, lang, 'long') })}</p>}
      <SimpleForm id="invite-form" label={t('users.invite')} fields={fields} values={values} set={set} state={s} submit="users.send_invitation" busyLabel="auth.sending" onSubmit={submit} grid />
    </section>
  );
}
