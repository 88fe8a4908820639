// What the interface offers to whom. The server decides (src/app/access.cc); these rules only
// hide the buttons a role cannot use, mirroring the server's: admin and staff change every
// record, an editor the records of its own organisations (never creating or deleting
// organisations, nor touching documents), a trainee its own applications, the public nothing.
// An API token (settings dialog) shows every button: its owner's rights are not known here,
// and the server answers for them.
import type { MessageKey } from '../i18n';
import type { RecordType } from './schema';
import type { Role, SessionState } from './session';

export interface Auth {
  role: Role | null;
  organisations: number[];
  personId: number | null;
  /** An API token is set in this tab and in use (no session is open: a session comes first). */
  token: boolean;
}

export const PUBLIC: Auth = { role: null, organisations: [], personId: null, token: false };

export function authOf(session: SessionState, token: string): Auth {
  const u = session.status === 'signed-in' ? session.user : null;
  return { role: u?.role ?? null, organisations: u?.organisations ?? [], personId: u?.person_id ?? null, token: !u && Boolean(token) };
}

export function isStaff(a: Auth): boolean {
  return a.role === 'admin' || a.role === 'staff';
}

export function isAdmin(a: Auth): boolean {
  return a.role === 'admin';
}

/** Signed in, or holding a token: may read personal data the server lets it see. */
export function isKnown(a: Auth): boolean {
  return a.token || a.role !== null;
}

/** Can change records of the directory at all (forms, edit buttons). */
export function canWrite(a: Auth): boolean {
  return a.token || isStaff(a) || a.role === 'editor';
}

/** Types an editor may create (for its own organisations): not organisations, documents, consents. */
const EDITOR_CREATES: readonly RecordType[] = ['profile', 'case', 'agreement', 'project', 'programme', 'session', 'person', 'enrolment', 'interest'];

export function canCreate(a: Auth, type: RecordType): boolean {
  if (a.token || isStaff(a)) return true;
  if (a.role === 'editor') return EDITOR_CREATES.includes(type);
  return false;
}

/**
 * The organisations a record belongs to, for editors' rights (as the server's OwnerOrgs), or null
 * when that cannot be told from the record alone (a session belongs to its programme's provider).
 */
export function ownerOrgs(type: RecordType, record: object): number[] | null {
  const rec = record as Record<string, unknown>;
  const ids = (...fields: string[]) => fields.flatMap((f) => {
    const v = rec[f];
    if (typeof v === 'number') return [v];
    if (Array.isArray(v)) return v.filter((x): x is number => typeof x === 'number');
    return [];
  });
  switch (type) {
    case 'organisation': return typeof rec.id === 'number' ? [rec.id] : [];
    case 'person': case 'profile': return ids('organisation');
    case 'case': return ids('supplier', 'adopter');
    case 'agreement': case 'project': return ids('parties');
    case 'programme': return ids('provider');
    case 'document': return [];
    default: return null;
  }
}

function editorOwns(a: Auth, type: RecordType, rec: object, owners?: number[]): boolean {
  const orgs = owners ?? ownerOrgs(type, rec);
  return Boolean(orgs && orgs.some((o) => a.organisations.includes(o)));
}

/** May edit this record; `owners` for types whose owner is known only to the page (sessions). */
export function canEdit(a: Auth, type: RecordType, rec: object, owners?: number[]): boolean {
  if (a.token || isStaff(a)) return true;
  if (a.role === 'editor') return type !== 'document' && editorOwns(a, type, rec, owners);
  return false;
}

export function canDelete(a: Auth, type: RecordType, rec: object, owners?: number[]): boolean {
  if (a.token || isStaff(a)) return true;
  if (a.role === 'editor') return type !== 'organisation' && type !== 'document' && editorOwns(a, type, rec, owners);
  return false;
}

/** Export and erasure of a person's data: centre staff (or a token). */
export function canManagePersonalData(a: Auth): boolean {
  return a.token || isStaff(a);
}

/** Bulk import: centre staff (or a token). */
export function canImport(a: Auth): boolean {
  return a.token || isStaff(a);
}

/** The roles someone may invite: staff editors and trainees, an administrator any. */
export function invitableRoles(a: Auth): Role[] {
  if (a.role === 'admin') return ['admin', 'staff', 'editor', 'trainee'];
  if (a.role === 'staff') return ['editor', 'trainee'];
  return [];
}

export interface MenuItem {
  href: string;
  label: MessageKey;
}

/** The signed-in person's menu, by role. */
export function accountMenu(a: Auth): MenuItem[] {
  if (!a.role) return [];
  const items: MenuItem[] = [{ href: '/account', label: 'menu.account' }];
  if (a.role === 'editor') items.push({ href: '/my/organisation', label: 'menu.my_organisation' });
  if (a.role === 'trainee') items.push({ href: '/my/applications', label: 'menu.my_applications' });
  if (isStaff(a)) items.push({ href: '/people', label: 'menu.people' });
  if (invitableRoles(a).length) items.push({ href: '/admin/users', label: a.role === 'admin' ? 'menu.users' : 'menu.invite' });
  if (isAdmin(a)) items.push({ href: '/admin/audit', label: 'menu.audit' });
  return items;
}
