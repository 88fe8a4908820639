import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import { LANGS, LANG_NATIVE_NAMES, type Lang } from '../lib/lang';
import { getToken, setToken, onTokenChange } from '../lib/token';
import { api, ApiError } from '../lib/api';
import { navigate, type RouteName } from '../lib/router';
import { signOut } from '../lib/session';
import { accountMenu, canImport, type Auth } from '../lib/roles';
import { signInHref, useAuth, useSession } from './auth';

// Which menu entry a page belongs to; generic record pages by their collection (see navFor).
const NAV: [RouteName[], string, MessageKey][] = [
  [['home'], '/', 'nav.home'],
  [['directory', 'organisation', 'organisation-new', 'organisation-edit'], '/directory', 'nav.directory'],
  [['marketplace', 'profile', 'profile-new', 'profile-edit'], '/marketplace', 'nav.marketplace'],
  [['cases'], '/cases', 'nav.cases'],
  [['agreements'], '/agreements', 'nav.agreements'],
  [['projects'], '/projects', 'nav.projects'],
  [['training'], '/training', 'nav.training'],
  [['documents', 'document'], '/documents', 'nav.documents'],
  [['import'], '/import', 'nav.import'],
];

/** The main menu for this reader: importing is for centre staff (and token holders). */
export function navFor(auth: Auth): [RouteName[], string, MessageKey][] {
  return NAV.filter(([routes]) => !routes.includes('import') || canImport(auth));
}

const COLLECTION_NAV: Record<string, string> = {
  cases: '/cases', agreements: '/agreements', projects: '/projects', programmes: '/training', sessions: '/training',
  enrolments: '/training', people: '/directory', documents: '/documents',
};

function currentNav(route: RouteName, collection?: string): string | undefined {
  if (collection) return COLLECTION_NAV[collection];
  if (route === 'people') return '/directory';
  return NAV.find(([routes]) => routes.includes(route))?.[1];
}

export function useTokenState(): string {
  const [token, setT] = useState(getToken);
  useEffect(() => {
    const off = onTokenChange(() => setT(getToken()));
    setT(getToken());
    return off;
  }, []);
  return token;
}

/** Opens the settings dialog from anywhere (e.g. a form that needs a token). */
export function openSettings(): void {
  document.dispatchEvent(new CustomEvent('hoptac:settings'));
}

function Logo() {
  return (
    <svg class="logo" viewBox="0 0 40 40" width="36" height="36" aria-hidden="true" focusable="false">
      <circle cx="15" cy="20" r="11" fill="none" stroke="currentColor" stroke-width="3.2" />
      <circle cx="25" cy="20" r="11" fill="none" stroke="#c8102e" stroke-width="3.2" />
    </svg>
  );
}

function SettingsDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  const session = useSession();
  const [value, setValue] = useState(getToken());
  const [status, setStatus] = useState<{ tone: 'ok' | 'bad' | 'info'; text: string } | null>(null);

  useEffect(() => {
    const open = () => {
      setValue(getToken());
      setStatus(null);
      ref.current?.showModal();
    };
    document.addEventListener('hoptac:settings', open);
    return () => document.removeEventListener('hoptac:settings', open);
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    setToken(value);
    if (!value.trim()) {
      setStatus({ tone: 'info', text: t('settings.token_forgotten') });
      return;
    }
    setStatus({ tone: 'info', text: t('settings.checking') });
    try {
      await api('changes', { query: { after: 0, limit: 1 } });
      setStatus({ tone: 'ok', text: t('settings.token_ok') });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) setStatus({ tone: 'bad', text: t('settings.token_bad') });
      else setStatus({ tone: 'info', text: t('settings.token_saved') });
    }
  };

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="settings-title">
      <form onSubmit={save} class="dialog-body">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <div class="field">
          <label for="settings-token">{t('settings.token')}</label>
          <input id="settings-token" name="token" type="password" autocomplete="off" spellcheck={false}
            value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} aria-describedby="settings-token-help" />
          <p id="settings-token-help" class="help">{t('settings.token_help')}</p>
          {session.status === 'signed-in' && <p class="help" data-testid="token-unused">{t('settings.session_first')}</p>}
        </div>
        {status && <p class={`alert alert-${status.tone === 'bad' ? 'error' : status.tone === 'ok' ? 'success' : 'info'}`} role="status">{status.text}</p>}
        <div class="actions">
          <button type="submit" class="btn btn-primary">{t('settings.save')}</button>
          <button type="button" class="btn btn-secondary" onClick={() => { setValue(''); setToken(''); setStatus({ tone: 'info', text: t('settings.token_forgotten') }); }}>
            {t('settings.forget')}
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => ref.current?.close()}>{t('common.close')}</button>
        </div>
      </form>
    </dialog>
  );
}

function roleLabel(role: string): string {
  return t(`role.${role}` as MessageKey);
}

/** Who is signed in, their role, their pages and "Sign out"; "Sign in" for everyone else. */
function UserMenu({ route }: { route: RouteName }) {
  const session = useSession();
  const auth = useAuth();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => setOpen(false), [route]);
  useEffect(() => {
    if (!open) return undefined;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent) {
        if (e.key !== 'Escape') return;
        setOpen(false);
        ref.current?.querySelector<HTMLButtonElement>('.user-btn')?.focus();
        return;
      }
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', close);
    return () => { document.removeEventListener('click', close); document.removeEventListener('keydown', close); };
  }, [open]);

  if (session.status === 'unknown') return <span class="user-placeholder" aria-hidden="true" />;
  if (session.status !== 'signed-in' || !session.user) {
    if (route === 'sign-in') return null;
    return (
      <a class="btn btn-ghost sign-in-link" href={signInHref()} data-testid="sign-in-link">
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" class="icon">
          <path fill="currentColor" d="M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z" />
        </svg>
        <span class="sign-in-label">{t('auth.sign_in')}</span>
      </a>
    );
  }
  const u = session.user;
  const out = async () => {
    setBusy(true);
    try {
      await signOut();
    } catch {
      // signed out here whatever the server said
    } finally {
      setBusy(false);
      setOpen(false);
      navigate('/sign-in?signed_out=1');
    }
  };
  return (
    <div class="user-menu" ref={ref}>
      <button type="button" class="btn btn-ghost user-btn" aria-expanded={open} aria-controls="user-menu-panel" onClick={() => setOpen(!open)}
        data-testid="user-menu" data-role={u.role}>
        <span class="avatar" aria-hidden="true">{(u.display_name || u.email).trim().slice(0, 1).toUpperCase()}</span>
        <span class="user-btn-text">
          <span class="user-name">{u.display_name}</span>
          <span class="user-role">{roleLabel(u.role)}</span>
        </span>
        <span class="sr-only">{t('auth.account_menu')}</span>
      </button>
      <div id="user-menu-panel" class="user-menu-panel" hidden={!open}>
        <p class="user-menu-who">
          <strong>{u.display_name}</strong>
          <span class="muted small">{u.email}</span>
          <span class="tag tag-role" data-testid="user-role">{roleLabel(u.role)}</span>
        </p>
        <ul class="plain">
          {accountMenu(auth).map((m) => <li key={m.href}><a href={m.href} aria-current={location.pathname === m.href ? 'page' : undefined}>{t(m.label)}</a></li>)}
        </ul>
        <button type="button" class="btn btn-secondary sign-out" onClick={out} disabled={busy} aria-busy={busy} data-testid="sign-out">{t('auth.sign_out')}</button>
      </div>
    </div>
  );
}

export function Layout({ route, collection, lang, onLang, children }: { route: RouteName; collection?: string; lang: Lang; onLang: (l: Lang) => void; children: ComponentChildren }) {
  const active = currentNav(route, collection);
  const [menuOpen, setMenuOpen] = useState(false);
  const token = useTokenState();
  const auth = useAuth();
  const session = useSession();
  useEffect(() => setMenuOpen(false), [route, collection]);
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('page-title')?.focus(); }}>{t('skip')}</a>
      <header class="site-header">
        <div class="container header-row">
          <a class="brand" href="/">
            <Logo />
            <span class="brand-text">
              <span class="brand-name">hoptac</span>
              <span class="brand-centre">{t('app.centre')}</span>
            </span>
          </a>
          <div class="header-tools">
            <div class="lang-switch">
              <label for="lang-select" class="sr-only">{t('lang.label')}</label>
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" class="icon">
                <path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-3a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8ZM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.8 1.9-4ZM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3Zm.8 2h3a15.7 15.7 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16ZM8 8H5.1a8 8 0 0 1 4.4-3.6C8.9 5.5 8.4 6.7 8 8Zm4 12c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.8-1.9 4Zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4Zm.3 5.6c.6-1.1 1.1-2.3 1.4-3.6h3a8 8 0 0 1-4.4 3.6Zm1.7-5.6a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4h-3.4Z" />
              </svg>
              <select id="lang-select" value={lang} onChange={(e) => onLang((e.target as HTMLSelectElement).value as Lang)}>
                {LANGS.map((l) => <option key={l} value={l} lang={l}>{LANG_NATIVE_NAMES[l]}</option>)}
              </select>
            </div>
            <button type="button" class="btn btn-ghost settings-btn" onClick={openSettings} aria-haspopup="dialog">
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" class="icon">
                <path fill="currentColor" d="M7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4Zm5.6-4A6 6 0 1 0 12.6 14H15v2h2v-2h2v-4h-6.4Z" />
              </svg>
              <span class="settings-label">{token ? t('settings.token_set') : t('settings.open')}</span>
            </button>
            <UserMenu route={route} />
            <button type="button" class="btn btn-ghost menu-btn" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => setMenuOpen(!menuOpen)}>
              <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" class="icon">
                <path fill="currentColor" d="M3 6h18v2H3V6Zm0 5h18v2H3v-2Zm0 5h18v2H3v-2Z" />
              </svg>
              <span>{t('nav.menu')}</span>
            </button>
          </div>
        </div>
        <nav id="site-nav" class={`site-nav${menuOpen ? ' open' : ''}`} aria-label={t('nav.label')}>
          <ul class="container">
            {navFor(auth).map(([, href, key]) => (
              <li key={href}>
                <a href={href} aria-current={active === href ? 'page' : undefined}>{t(key)}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" class="container">
        {session.ended && route !== 'sign-in' && (
          <div class="alert alert-info session-ended" role="status" data-testid="session-ended">
            <p>{t('auth.session_ended')} <a href={signInHref()}>{t('auth.sign_in_again')}</a></p>
          </div>
        )}
        {children}
      </main>
      <footer class="site-footer">
        <div class="container footer-row">
          <p>{t('footer.about')}</p>
          <p><a href="/api/v1/openapi.json" rel="external">{t('footer.api')}</a></p>
        </div>
      </footer>
      <SettingsDialog />
    </>
  );
}
