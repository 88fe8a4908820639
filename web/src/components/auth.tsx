// The signed-in person, for components: useSession (the account and its organisations), useAuth
// (what the interface may offer: lib/roles.ts), and the notices shown when a page or a form
// needs someone to sign in or a role it does not have.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { getSession, onSessionChange, type Role, type SessionState } from '../lib/session';
import { authOf, canWrite, type Auth } from '../lib/roles';
import { Loading, PageHeader } from './common';
import { openSettings, useTokenState } from './Layout';

export function useSession(): SessionState {
  const [s, setS] = useState(getSession);
  useEffect(() => {
    const off = onSessionChange(() => setS(getSession()));
    // The store may have changed between the first render and this effect (GET /me answers fast).
    setS(getSession());
    return off;
  }, []);
  return s;
}

export function useAuth(): Auth {
  const session = useSession();
  const token = useTokenState();
  return authOf(session, token);
}

/** "/sign-in?next=<here>" */
export function signInHref(next = location.pathname + location.search): string {
  return next && next !== '/' && !next.startsWith('/sign-in') ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}

/** A path to go to after signing in: only paths of this site. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/api/')) return null;
  return next;
}

/** Above forms, for people who cannot change records: how to get the right to. */
export function NeedsSignIn({ text }: { text?: string }) {
  const auth = useAuth();
  const session = useSession();
  if (canWrite(auth) || session.status === 'unknown') return null;
  if (auth.role) {
    return <div class="alert alert-info" role="note"><p>{t('auth.role_cannot_edit')}</p></div>;
  }
  return (
    <div class="alert alert-info" role="note" data-testid="needs-sign-in">
      <p>{text ?? t('form.needs_sign_in')}</p>
      <p class="actions">
        <a class="btn btn-primary" href={signInHref()}>{t('auth.sign_in')}</a>
        <button type="button" class="btn btn-secondary" onClick={openSettings}>{t('form.open_settings')}</button>
      </p>
    </div>
  );
}

/** A page for some roles only: asks to sign in, or says the role has no access. */
export function RequireRole({ roles, title, children }: { roles: readonly Role[]; title: string; children: ComponentChildren }) {
  const session = useSession();
  if (session.status === 'unknown') return <Loading />;
  if (session.status !== 'signed-in' || !session.user) {
    return (
      <>
        <PageHeader title={title} />
        {session.ended && <p class="alert alert-info" role="status">{t('auth.session_ended')}</p>}
        <div class="alert alert-info" role="note" data-testid="needs-sign-in">
          <p>{t('auth.page_needs_sign_in')}</p>
          <p class="actions"><a class="btn btn-primary" href={signInHref()}>{t('auth.sign_in')}</a></p>
        </div>
      </>
    );
  }
  if (!roles.includes(session.user.role)) {
    return (
      <>
        <PageHeader title={title} />
        <div class="alert alert-error" role="alert" data-testid="forbidden"><p>{t('auth.forbidden')}</p></div>
      </>
    );
  }
  return <>{children}</>;
}
