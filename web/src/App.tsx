import { useEffect, useState } from 'preact/hooks';
import { setLang } from './i18n';
import { initialLang, LANG_STORAGE_KEY, LANGS, type Lang } from './lib/lang';
import { api } from './lib/api';
import { getSession, loadMe, updateUser, watchSessionEnd, type User } from './lib/session';
import { useSession } from './components/auth';
import { SignInPage, ForgotPasswordPage, ResetPasswordPage, AcceptInvitationPage } from './pages/SignIn';
import { AccountPage } from './pages/Account';
import { MyOrganisationPage } from './pages/MyOrganisation';
import { MyApplicationsPage } from './pages/MyApplications';
import { UsersPage } from './pages/Users';
import { AuditPage } from './pages/Audit';
import { matchRoute, useLocation } from './lib/router';
import { Layout } from './components/Layout';
import { HomePage } from './pages/Home';
import { DirectoryPage } from './pages/Directory';
import { OrganisationPage } from './pages/Organisation';
import { MarketplacePage } from './pages/Marketplace';
import { ProfilePage } from './pages/Profile';
import { CasesPage } from './pages/Cases';
import { AgreementsPage } from './pages/Agreements';
import { ProjectsPage } from './pages/Projects';
import { TrainingPage } from './pages/Training';
import { DocumentsPage, DocumentPage } from './pages/Documents';
import { OrganisationForm } from './pages/OrganisationForm';
import { ProfileForm } from './pages/ProfileForm';
import { ImportPage } from './pages/Import';
import { RecordPage } from './pages/RecordPage';
import { PeoplePage } from './pages/People';
import { RecordForm } from './components/form';
import { typeByPlural } from './lib/schema';
import { presetFromQuery } from './lib/formdata';
import { NotFoundPage } from './pages/NotFound';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const first = initialLang(storage(), navigator.languages?.length ? navigator.languages : [navigator.language]);
setLang(first);
document.documentElement.lang = first;
watchSessionEnd();
void loadMe();

function isLang(l: string | undefined): l is Lang {
  return Boolean(l) && (LANGS as readonly string[]).includes(l!);
}

export function App() {
  const [lang, setLangState] = useState<Lang>(first);
  const loc = useLocation();
  const route = matchRoute(loc.path);

  const session = useSession();
  const user = session.status === 'signed-in' ? session.user : null;

  const changeLang = (l: Lang, opts: { save?: boolean } = {}) => {
    // The account's language follows the switcher, so e-mails and the next sign-in agree.
    const me = getSession().user;
    if (opts.save !== false && me && me.lang !== l) {
      api<User>('me', { method: 'PATCH', body: { lang: l } }).then(updateUser, () => { /* kept for this tab only */ });
    }
    setLang(l);
    document.documentElement.lang = l;
    try {
      storage()?.setItem(LANG_STORAGE_KEY, l);
    } catch {
      // not remembered: storage blocked
    }
    setLangState(l);
  };

  // Signed in (or the account's language changed elsewhere): the interface speaks the account's language.
  useEffect(() => {
    if (user && isLang(user.lang) && user.lang !== lang) changeLang(user.lang, { save: false });
  }, [user?.id, user?.lang]);

  // After a client-side navigation, move focus to the page's heading so keyboard and screen
  // reader users start at the new content (not on the first load: the browser handles that).
  const [navigated, setNavigated] = useState(false);
  useEffect(() => {
    if (!navigated) { setNavigated(true); return; }
    const h = document.getElementById('page-title');
    if (h) h.focus({ preventScroll: true });
  }, [loc.path]);

  const id = Number(route.params.id);
  const generic = route.params.collection ? typeByPlural(route.params.collection) : undefined;
  let page;
  switch (route.name) {
    case 'home': page = <HomePage />; break;
    case 'directory': page = <DirectoryPage query={loc.query} />; break;
    case 'organisation': page = <OrganisationPage id={id} />; break;
    case 'organisation-new': page = <OrganisationForm />; break;
    case 'organisation-edit': page = <OrganisationForm id={id} />; break;
    case 'marketplace': page = <MarketplacePage query={loc.query} />; break;
    case 'profile': page = <ProfilePage id={id} />; break;
    case 'profile-new': page = <ProfileForm organisation={Number(loc.query.get('organisation')) || undefined} />; break;
    case 'profile-edit': page = <ProfileForm id={id} />; break;
    case 'cases': page = <CasesPage query={loc.query} />; break;
    case 'agreements': page = <AgreementsPage query={loc.query} />; break;
    case 'projects': page = <ProjectsPage />; break;
    case 'training': page = <TrainingPage />; break;
    case 'documents': page = <DocumentsPage />; break;
    case 'document': page = <DocumentPage id={id} />; break;
    case 'people': page = <PeoplePage />; break;
    case 'import': page = <ImportPage />; break;
    case 'record': page = generic ? <RecordPage type={generic.type} id={id} /> : <NotFoundPage />; break;
    case 'record-new': page = generic ? <RecordForm type={generic.type} preset={presetFromQuery(generic.type, loc.query)} /> : <NotFoundPage />; break;
    case 'record-edit': page = generic ? <RecordForm type={generic.type} id={id} /> : <NotFoundPage />; break;
    case 'sign-in': page = <SignInPage query={loc.query} />; break;
    case 'forgot-password': page = <ForgotPasswordPage />; break;
    case 'reset-password': page = <ResetPasswordPage query={loc.query} />; break;
    case 'accept-invitation': page = <AcceptInvitationPage query={loc.query} />; break;
    case 'account': page = <AccountPage />; break;
    case 'my-organisation': page = <MyOrganisationPage />; break;
    case 'my-applications': page = <MyApplicationsPage />; break;
    case 'admin-users': page = <UsersPage />; break;
    case 'admin-audit': page = <AuditPage query={loc.query} />; break;
    default: page = <NotFoundPage />;
  }

  return (
    <Layout route={route.name} collection={route.params.collection} lang={lang} onLang={changeLang}>
      {/* keyed by language and address: a language switch reloads the page's data in it */}
      <div key={`${lang}:${loc.path}`} class="page" data-route={route.name}>{page}</div>
    </Layout>
  );
}
