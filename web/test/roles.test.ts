import { describe, expect, it } from 'vitest';
import { accountMenu, authOf, canCreate, canDelete, canEdit, canImport, canManagePersonalData, canWrite, invitableRoles, ownerOrgs, PUBLIC, type Auth } from '../src/lib/roles';
import { navFor } from '../src/components/Layout';
import type { Role, SessionState } from '../src/lib/session';

const as = (role: Role | null, organisations: number[] = [], token = false): Auth => ({ role, organisations, personId: null, token });

describe('who may do what', () => {
  const mine = { id: 5, organisation: 12 };
  const theirs = { id: 6, organisation: 99 };

  it('the public changes nothing', () => {
    expect(canWrite(PUBLIC)).toBe(false);
    expect(canEdit(PUBLIC, 'profile', mine)).toBe(false);
    expect(canCreate(PUBLIC, 'profile')).toBe(false);
  });

  it('an editor edits its organisation and its records, not another organisation’s', () => {
    const ed = as('editor', [12]);
    expect(canEdit(ed, 'profile', mine)).toBe(true);
    expect(canEdit(ed, 'profile', theirs)).toBe(false);
    expect(canEdit(ed, 'organisation', { id: 12 })).toBe(true);
    expect(canEdit(ed, 'organisation', { id: 99 })).toBe(false);
    expect(canEdit(ed, 'case', { supplier: 99, adopter: 12 })).toBe(true);
    expect(canEdit(ed, 'agreement', { parties: [3, 12] })).toBe(true);
    expect(canEdit(ed, 'document', { id: 1 })).toBe(false);
    // a session belongs to its programme's provider, which the page passes
    expect(canEdit(ed, 'session', { programme: 4 })).toBe(false);
    expect(canEdit(ed, 'session', { programme: 4 }, [12])).toBe(true);
    expect(canDelete(ed, 'organisation', { id: 12 })).toBe(false);
    expect(canDelete(ed, 'profile', mine)).toBe(true);
    expect(canCreate(ed, 'organisation')).toBe(false);
    expect(canCreate(ed, 'document')).toBe(false);
    expect(canCreate(ed, 'profile')).toBe(true);
    expect(canImport(ed)).toBe(false);
    expect(canManagePersonalData(ed)).toBe(false);
  });

  it('staff and administrators change everything; a trainee nothing of the directory', () => {
    for (const r of ['staff', 'admin'] as const) {
      expect(canEdit(as(r), 'profile', theirs)).toBe(true);
      expect(canDelete(as(r), 'organisation', { id: 99 })).toBe(true);
      expect(canImport(as(r))).toBe(true);
      expect(canManagePersonalData(as(r))).toBe(true);
    }
    expect(canWrite(as('trainee'))).toBe(false);
    expect(canEdit(as('trainee'), 'profile', mine)).toBe(false);
  });

  it('an API token shows every button (the server answers for its rights)', () => {
    expect(canEdit(as(null, [], true), 'organisation', { id: 1 })).toBe(true);
    expect(canImport(as(null, [], true))).toBe(true);
  });

  it('names the organisations a record belongs to like the server', () => {
    expect(ownerOrgs('project', { parties: [1, 2] })).toEqual([1, 2]);
    expect(ownerOrgs('programme', { provider: 8 })).toEqual([8]);
    expect(ownerOrgs('session', { programme: 1 })).toBeNull();
  });

  it('staff invite editors and trainees; administrators anyone', () => {
    expect(invitableRoles(as('staff'))).toEqual(['editor', 'trainee']);
    expect(invitableRoles(as('admin'))).toEqual(['admin', 'staff', 'editor', 'trainee']);
    expect(invitableRoles(as('editor'))).toEqual([]);
  });
});

describe('menus by role', () => {
  const hrefs = (a: Auth) => accountMenu(a).map((m) => m.href);

  it('gives each role its pages', () => {
    expect(hrefs(PUBLIC)).toEqual([]);
    expect(hrefs(as('trainee'))).toEqual(['/account', '/my/applications']);
    expect(hrefs(as('editor', [1]))).toEqual(['/account', '/my/organisation']);
    expect(hrefs(as('staff'))).toEqual(['/account', '/people', '/admin/users']);
    expect(hrefs(as('admin'))).toEqual(['/account', '/people', '/admin/users', '/admin/audit']);
    expect(accountMenu(as('staff')).find((m) => m.href === '/admin/users')?.label).toBe('menu.invite');
    expect(accountMenu(as('admin')).find((m) => m.href === '/admin/users')?.label).toBe('menu.users');
  });

  it('shows Import in the main menu to staff and token holders only', () => {
    const has = (a: Auth) => navFor(a).some(([, href]) => href === '/import');
    expect(has(PUBLIC)).toBe(false);
    expect(has(as('editor', [1]))).toBe(false);
    expect(has(as('trainee'))).toBe(false);
    expect(has(as('staff'))).toBe(true);
    expect(has(as(null, [], true))).toBe(true);
    expect(navFor(PUBLIC).map(([, href]) => href)).toContain('/marketplace');
  });

  it('reads the role from the session, and the token from the tab', () => {
    const s: SessionState = { status: 'signed-in', ended: false, organisations: [], user: {
      id: 1, email: 'a@b.c', display_name: 'A', lang: 'en', role: 'editor', organisations: [4], person_id: null, status: 'active', created_at: '', updated_at: '',
    } };
    expect(authOf(s, '')).toEqual({ role: 'editor', organisations: [4], personId: null, token: false });
    expect(authOf({ status: 'anonymous', user: null, organisations: [], ended: false }, 'hpt_x')).toEqual({ role: null, organisations: [], personId: null, token: true });
    // signed in, the session is what the portal uses: a token set in the tab then counts for nothing
    expect(authOf(s, 'hpt_x').token).toBe(false);
  });
});
