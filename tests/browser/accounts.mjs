// Browser scenarios of accounts (issue 5): signing in and out, the language of the account, an
// invitation read from the SMTP sink and accepted, an organisation editor who edits its own
// organisation only, a trainee who applies with the consent step, personal data export and
// erasure, API tokens, the audit trail. Registered by run.mjs, which owns the server and helpers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The account pages checked by axe-core and photographed at both widths (run.mjs). */
export const ANONYMOUS_PAGES = [
  ['sign-in', '/sign-in'],
  ['forgot-password', '/forgot-password'],
  ['reset-password', '/reset-password?token=hpl_example'],
  ['accept-invitation', '/accept-invitation?token=hpl_example'],
];
export const ADMIN_PAGES = [
  ['account', '/account'],
  ['users', '/admin/users'],
  ['audit', '/admin/audit'],
  ['my-applications-details', '/my/applications'],
];

// ---- e-mail from the SMTP sink -------------------------------------------------------------------

function decodeQuotedPrintable(s) {
  const bytes = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) { bytes.push(parseInt(text.slice(i + 1, i + 3), 16)); i += 2; } else bytes.push(...Buffer.from(text[i]));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The plain-text body of a message the sink filed (base64, quoted-printable or as is). */
export function mailBody(raw) {
  const at = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.slice(0, at);
  const body = raw.slice(at).trim();
  const enc = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** Waits for the sink to file a message to `to`; returns its text and the link of `kind` in it. */
export async function waitForMail(dir, to, kind, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(dir)) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.eml')).sort().reverse()) {
        const envelope = readFileSync(join(dir, f.replace(/\.eml$/, '.envelope')), 'utf8');
        if (!envelope.split('\n').some((l) => l.trim().toLowerCase() === `to: ${to.toLowerCase()}`)) continue;
        const text = mailBody(readFileSync(join(dir, f), 'utf8'));
        const m = new RegExp(`/${kind}\\?token=hpl_[A-Za-z0-9_-]+`).exec(text);
        if (m) return { text, path: m[0] };
      }
    }
    if (Date.now() > deadline) throw new Error(`no ${kind} e-mail to ${to} in ${dir} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- the scenarios ---------------------------------------------------------------------------------

export function registerAccountTests(test, h) {
  const { api, settle, chooseLanguage, assert, eq, pickRef, axeProblems, waitForAccountLang, ARTIFACTS, DESKTOP, PHONE, WAIT_MS } = h;

  /** Switches the interface language, which a signed-in account saves; waits for the server to have it. */
  async function speak(page, base, lang) {
    await chooseLanguage(page, lang);
    await waitForAccountLang(page, base, lang);
  }

  /** Signs in through the form; returns once the header shows the account. */
  async function signIn(page, base, who) {
    await page.goto(`${base}/sign-in`);
    await page.waitForSelector('#f-email', { timeout: WAIT_MS });
    await page.fill('#f-email', who.email);
    await page.fill('#f-password', who.password);
    await page.click('#sign-in-form button[type="submit"]');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: WAIT_MS });
    await page.waitForSelector('[data-testid="user-menu"]', { timeout: WAIT_MS });
    await settle(page);
  }

  async function signOut(page) {
    await page.click('[data-testid="user-menu"]');
    await page.click('[data-testid="sign-out"]');
    await page.waitForURL(/\/sign-in\?signed_out=1$/, { timeout: WAIT_MS });
    await page.waitForSelector('[data-testid="sign-in-link"], [data-testid="signed-out"]', { timeout: WAIT_MS });
  }

  /** GET /api/v1/me with the page's cookies: the account, or null when signed out. */
  async function me(page, base) {
    const r = await page.request.get(`${base}/api/v1/me`);
    return r.status() === 200 ? r.json() : null;
  }

  test('accounts: a wrong password in Vietnamese, the CLI admin signs in, the language follows the account, sign out', async ({ browser, base, admin }) => {
    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: DESKTOP });
    const page = await ctx.newPage();
    await page.goto(`${base}/`);
    await settle(page);
    eq((await page.textContent('[data-testid="sign-in-link"]')).trim(), 'Đăng nhập', 'the sign-in link in Vietnamese');
    await page.click('[data-testid="sign-in-link"]');
    await page.waitForURL(/\/sign-in/, { timeout: WAIT_MS });
    await page.fill('#f-email', admin.email);
    await page.fill('#f-password', 'mật khẩu sai hoàn toàn');
    await page.click('#sign-in-form button[type="submit"]');
    const err = page.locator('[data-testid="error-password"]');
    await err.waitFor({ timeout: WAIT_MS });
    const refused = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': 'vi' }, body: JSON.stringify({ email: 'nobody@example.vn', password: 'x'.repeat(12) }) });
    const expected = (await refused.json()).errors[0].message;
    eq((await err.textContent()).trim(), expected, 'the server’s Vietnamese message next to the password');
    assert(/mật khẩu/i.test(expected), `a Vietnamese message: ${expected}`);
    await page.waitForFunction(() => document.activeElement?.id === 'f-password', null, { timeout: WAIT_MS });
    eq(await page.getAttribute('#f-password', 'aria-invalid'), 'true', 'the password is marked invalid');
    await page.screenshot({ path: join(ARTIFACTS, 'flow-sign-in-error-vi-desktop.png'), fullPage: true });
    // the right password: the account's language (English) wins over the switcher's
    await page.fill('#f-password', admin.password);
    await page.click('#sign-in-form button[type="submit"]');
    await page.waitForURL(/\/account/, { timeout: WAIT_MS });
    await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: WAIT_MS });
    eq(await page.getAttribute('[data-testid="user-menu"]', 'data-role'), 'admin', 'signed in as the administrator');
    assert((await page.textContent('[data-testid="user-menu"]')).includes('Centre administrator'), 'the role in the header');
    eq(await page.inputValue('#f-lang'), 'en', 'the account form shows the saved language');
    // the switcher changes the account's language, which a reload keeps
    await speak(page, base, 'fr');
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'fr', null, { timeout: WAIT_MS });
    await page.waitForSelector('[data-testid="user-menu"]', { timeout: WAIT_MS });
    eq(await page.inputValue('#f-lang'), 'fr', 'and the account form says so');
    // the menu of an administrator
    await page.click('[data-testid="user-menu"]');
    const items = await page.$$eval('#user-menu-panel a', (as) => as.map((a) => a.getAttribute('href')));
    eq(items, ['/account', '/people', '/admin/users', '/admin/audit'], 'the administrator’s menu');
    await page.screenshot({ path: join(ARTIFACTS, 'flow-user-menu-fr-desktop.png') });
    await page.keyboard.press('Escape');
    await speak(page, base, 'en');
    await signOut(page);
    eq((await page.textContent('[data-testid="signed-out"]')).trim(), 'You are signed out.', 'signed out, in English');
    eq(await me(page, base), null, 'the session has ended on the server');
    eq(await page.locator('[data-testid="user-menu"]').count(), 0, 'no account in the header');
    await ctx.close();
  });

  test('accounts: invite an editor by e-mail, who accepts and edits its own organisation only; the audit trail shows it', async ({ browser, base, token, admin, mailDir }) => {
    assert(mailDir, 'the SMTP sink (build/hoptac-smtp-sink) is needed to read the invitation');
    // two organisations that have profiles
    const profiles = (await api(base, 'profiles?limit=200')).items;
    const byOrg = new Map();
    for (const p of profiles) if (!byOrg.has(p.organisation)) byOrg.set(p.organisation, p);
    const [orgA, orgB] = [...byOrg.keys()];
    assert(orgA && orgB, 'two organisations with profiles in the demo');
    const a = await api(base, `organisations/${orgA}`);
    const ownProfile = byOrg.get(orgA);
    const otherProfile = byOrg.get(orgB);
    const email = `editor.${Date.now() % 100000}@example.vn`;

    // the administrator invites, in Vietnamese
    const actx = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
    const apage = await actx.newPage();
    await signIn(apage, base, admin);
    await apage.goto(`${base}/admin/users`);
    await settle(apage);
    assert(await apage.locator(`[data-testid="users"] tr[data-email="${admin.email}"]`).count() === 1, 'the administrator is listed');
    await apage.fill('#f-invite_email', email);
    await apage.selectOption('#f-invite_role', 'editor');
    // an editor needs an organisation: the form says so before asking the server
    await apage.click('#invite-form button[type="submit"]');
    await apage.locator('[data-testid="error-invite_organisations"]').waitFor({ timeout: WAIT_MS });
    const picked = await pickRef(apage, 'invite_organisations', a.name.text);
    eq(picked, orgA, 'the organisation picked by its name');
    await apage.selectOption('#f-invite_lang', 'vi');
    await apage.click('#invite-form button[type="submit"]');
    await apage.waitForSelector('[data-testid="invitation-sent"]', { timeout: WAIT_MS });
    assert((await apage.textContent('[data-testid="invitation-sent"]')).includes(email), 'the invitation is confirmed');

    // the invitation, as the sink received it
    const mail = await waitForMail(mailDir, email, 'accept-invitation');
    assert(/Biên tập viên|biên tập/i.test(mail.text), 'the invitation is written in Vietnamese');

    // the invited editor accepts it in a browser of their own
    const ectx = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
    const epage = await ectx.newPage();
    await epage.goto(`${base}${mail.path}`);
    await epage.waitForSelector('#f-display_name', { timeout: WAIT_MS });
    await epage.fill('#f-display_name', 'Trần Thu Hà');
    await epage.fill('#f-password', 'short');
    await epage.fill('#f-password2', 'short');
    await epage.click('#accept-form button[type="submit"]');
    await epage.locator('[data-testid="error-password"]').waitFor({ timeout: WAIT_MS });
    const pw = 'lúa xanh trên đồng Lạng Sơn';
    await epage.fill('#f-password', pw);
    await epage.fill('#f-password2', pw);
    await epage.click('#accept-form button[type="submit"]');
    await epage.waitForURL(/\/my\/organisation/, { timeout: WAIT_MS });
    // the account's language is the invitation's
    await epage.waitForFunction(() => document.documentElement.lang === 'vi', null, { timeout: WAIT_MS });
    await epage.waitForSelector(`[data-org-id="${orgA}"]`, { timeout: WAIT_MS });
    await settle(epage);
    eq(await epage.getAttribute('[data-testid="user-menu"]', 'data-role'), 'editor', 'signed in as an editor');
    await epage.click('[data-testid="user-menu"]');
    eq(await epage.$$eval('#user-menu-panel a', (as) => as.map((x) => x.getAttribute('href'))), ['/account', '/my/organisation'], 'the editor’s menu');
    await epage.keyboard.press('Escape');
    eq(await epage.locator('#site-nav a[href="/import"]').count(), 0, 'no import for an editor');
    assert(await epage.locator(`[data-org-id="${orgA}"] [data-testid="edit-org"]`).count() === 1, 'the editor may edit its organisation');
    await epage.screenshot({ path: join(ARTIFACTS, 'my-organisation-desktop.png'), fullPage: true });
    const problems = await axeProblems(epage, 'my-organisation');
    assert(problems.length === 0, `accessibility problems:\n  ${problems.join('\n  ')}`);

    // edits its own profile from there
    await epage.click(`[data-group="profile"] li[data-id="${ownProfile.id}"] [data-testid="edit"]`);
    await epage.waitForURL(new RegExp(`/profiles/${ownProfile.id}/edit$`), { timeout: WAIT_MS });
    await epage.waitForFunction(() => document.querySelector('#f-title')?.value, null, { timeout: WAIT_MS });
    const newTitle = `${ownProfile.title.text} (cập nhật ${Date.now() % 1000})`;
    await epage.fill('#f-title', newTitle);
    await epage.click('form.record-form button[type="submit"]');
    await epage.waitForURL(new RegExp(`/profiles/${ownProfile.id}$`), { timeout: WAIT_MS });
    await settle(epage);
    assert(await epage.locator('[data-testid="edit"]').count() === 1, 'an edit button on its own profile');
    const saved = await api(base, `profiles/${ownProfile.id}`, { token });
    eq([saved.title.text, saved.version], [newTitle, ownProfile.version + 1], 'the editor’s change is saved');

    // another organisation's profile and page: no edit button, and the server refuses anyway
    await epage.goto(`${base}/profiles/${otherProfile.id}`);
    await settle(epage);
    eq(await epage.locator('[data-testid="edit"], [data-testid="delete"]').count(), 0, 'no edit or delete on another organisation’s profile');
    await epage.goto(`${base}/organisations/${orgB}`);
    await settle(epage);
    eq(await epage.locator('[data-testid="edit"]').count(), 0, 'no edit on another organisation');
    await epage.goto(`${base}/organisations/${orgA}`);
    await settle(epage);
    eq(await epage.locator('[data-testid="edit"]').count(), 1, 'edit on its own organisation');
    eq(await epage.locator('[data-testid="delete"]').count(), 0, 'but no delete: only staff delete organisations');
    const enforced = await epage.evaluate(async ([id]) => {
      const csrf = (await (await fetch('/api/v1/me')).json()).csrf_token;
      const withCsrf = await fetch(`/api/v1/profiles/${id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: '{"deadline":"2030-01-01"}' });
      return withCsrf.status;
    }, [otherProfile.id]);
    eq(enforced, 403, 'the server refuses an editor’s change to another organisation’s profile');
    const noCsrf = await epage.evaluate(async ([id]) => {
      const r = await fetch(`/api/v1/profiles/${id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: '{"deadline":"2030-01-01"}' });
      return [r.status, await r.text()];
    }, [ownProfile.id]);
    eq(noCsrf[0], 403, 'a change without the CSRF token is refused');
    assert(noCsrf[1].includes('csrf'), `the refusal names the CSRF token: ${noCsrf[1]}`);
    await signOut(epage);
    await ectx.close();

    // the administrator sees the editor's change in the audit trail, before and after
    await apage.goto(`${base}/admin/users`);
    await settle(apage);
    const row = apage.locator(`[data-testid="users"] tr[data-email="${email}"]`);
    eq(await row.getAttribute('data-role'), 'editor', 'the new editor is listed');
    // the administrator gives the editor a second organisation
    await row.locator('[data-testid="change-user"]').click();
    await apage.waitForSelector('[data-testid="edit-user"]', { timeout: WAIT_MS });
    const b = await api(base, `organisations/${orgB}`);
    eq(await pickRef(apage, 'organisations', b.name.text), orgB, 'the second organisation picked by its name');
    await apage.click('#edit-user-form button[type="submit"]');
    await apage.waitForSelector('[data-testid="user-saved"]', { timeout: WAIT_MS });
    const editorId = Number(await row.getAttribute('data-user-id'));
    const users = await (await apage.request.get(`${base}/api/v1/users`)).json();
    eq(users.items.find((u) => u.id === editorId)?.organisations, [orgA, orgB], 'the editor now edits both organisations');
    await apage.goto(`${base}/admin/audit?type=profile&id=${ownProfile.id}`);
    await settle(apage);
    const change = apage.locator(`[data-testid="audit"] tr[data-op="update"][data-id="${ownProfile.id}"]`).first();
    await change.waitFor({ timeout: WAIT_MS });
    assert((await change.textContent()).includes(email), 'the editor is named as the actor');
    const diff = change.locator('li[data-path="title.text"]');
    eq((await diff.locator('del').textContent()).replace(/^before:\s*/, ''), ownProfile.title.text, 'the title before');
    eq((await diff.locator('ins').textContent()).replace(/^after:\s*/, ''), newTitle, 'the title after');
    await apage.screenshot({ path: join(ARTIFACTS, 'flow-audit-diff-desktop.png'), fullPage: true });
    // and downloads the whole trail
    const [download] = await Promise.all([apage.waitForEvent('download', { timeout: WAIT_MS }), apage.click('[data-testid="audit-export"]')]);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert(lines.some((l) => l.type === 'profile' && l.id === ownProfile.id && l.op === 'update'), 'the export holds the change');
    await actx.close();
  });

  test('accounts: a trainee applies for a session abroad with the consent step, cancels, downloads their data', async ({ browser, base, token, trainee }) => {
    // a session in China, next year
    const programme = (await api(base, 'programmes?limit=1')).items[0];
    const year = new Date().getUTCFullYear() + 1;
    const session = await api(base, 'sessions', { token, method: 'POST', body: {
      programme: programme.id, title: { lang: 'zh-Hans', text: `人工智能农业应用培训（南宁）${Date.now() % 1000}` },
      start_date: `${year}-04-06`, end_date: `${year}-04-10`, country: 'CN', locality: '南宁', language: 'zh-Hans', capacity: 30, online: false,
    } });
    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await signIn(page, base, trainee);
    await page.waitForURL(/\/my\/applications/, { timeout: WAIT_MS });
    eq(await page.getAttribute('[data-testid="user-menu"]', 'data-role'), 'trainee', 'signed in as a trainee');
    // first, their details
    await page.waitForSelector('#f-country', { timeout: WAIT_MS });
    await page.selectOption('#f-country', 'VN');
    await page.fill('#f-locality', 'Lạng Sơn');
    await page.click('#details-form button[type="submit"]');
    const item = page.locator(`[data-testid="open-sessions"] li[data-session-id="${session.id}"]`);
    await item.waitFor({ timeout: WAIT_MS });
    const account = (await (await page.request.get(`${base}/api/v1/me`)).json()).user;
    assert(account.person_id, 'the account is linked to its person record');
    // apply: the server asks for consent, the page shows the consent step in Vietnamese
    await item.locator('[data-testid="apply"]').click();
    const step = page.locator('[data-testid="consent-step"]');
    await step.waitFor({ timeout: WAIT_MS });
    eq(await step.getAttribute('data-law'), 'pipl_and_decree_13_2023', 'both laws for data going from Viet Nam to China');
    const text = await page.textContent('[data-testid="consent-text"]');
    assert(text.includes('Trung Quốc') && text.includes('PIPL') && text.includes('13/2023'), `the consent names the country and the laws: ${text}`);
    eq(await page.isDisabled('[data-testid="consent-apply"]'), true, 'nothing is sent before the box is ticked');
    await page.screenshot({ path: join(ARTIFACTS, 'flow-consent-vi-phone.png'), fullPage: true });
    const problems = await axeProblems(page, 'consent step');
    assert(problems.length === 0, `accessibility problems:\n  ${problems.join('\n  ')}`);
    await page.check('#consent-agree');
    await page.click('[data-testid="consent-apply"]');
    const mine = page.locator(`[data-testid="my-applications"] li[data-status="applied"]`);
    await mine.waitFor({ timeout: WAIT_MS });
    const consents = await api(base, `consents?person=${account.person_id}`, { token });
    eq(consents.items.map((c) => [c.purpose, c.law, c.destination_country, c.text_version, c.text.lang]),
      [['cross_border_transfer', 'pipl_and_decree_13_2023', 'CN', '2026-11', 'vi']], 'the consent as recorded');
    eq(consents.items[0].text.text, text.trim(), 'the words agreed to are the words shown');
    const enrolments = await api(base, `enrolments?person=${account.person_id}`, { token });
    eq(enrolments.items.map((e) => [e.session, e.status]), [[session.id, 'applied']], 'the application');
    await page.screenshot({ path: join(ARTIFACTS, 'my-applications-phone.png'), fullPage: true });
    // cancel it, after a confirmation
    await mine.locator('[data-testid="cancel"]').click();
    await mine.locator('[data-testid="cancel-confirm"]').click();
    await page.waitForSelector(`[data-testid="my-applications"] li[data-enrolment-id="${enrolments.items[0].id}"][data-status="cancelled"]`, { timeout: WAIT_MS });
    eq((await api(base, `enrolments/${enrolments.items[0].id}`, { token })).status, 'cancelled', 'cancelled on the server');
    // their data, as a file
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), page.click('[data-testid="export-me"]')]);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert(JSON.stringify(data).includes(trainee.email), 'the export holds the account');
    assert(JSON.stringify(data).includes('cross_border_transfer'), 'and the consent');
    await ctx.close();
  });

  test('accounts: staff export and erase a person, and the figures stay true', async ({ browser, base, token, admin }) => {
    const enrolment = (await api(base, 'enrolments?limit=1', { token })).items[0];
    const person = await api(base, `people/${enrolment.person}`, { token });
    const before = await api(base, 'figures');
    const ctx = await browser.newContext({ locale: 'fr-FR', viewport: DESKTOP });
    const page = await ctx.newPage();
    await signIn(page, base, admin);
    await speak(page, base, 'fr');
    await page.goto(`${base}/people/${person.id}`);
    await settle(page);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), page.click('[data-testid="person-export"]')]);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
    eq(data.person?.name, person.name, 'the export holds the person');
    await page.click('[data-testid="person-erase"]');
    const dialog = page.locator('[data-testid="erase-dialog"]');
    await dialog.waitFor({ timeout: WAIT_MS });
    assert((await dialog.textContent()).includes('chiffres publiés'), 'the dialog explains, in French, that the figures stay true');
    await page.screenshot({ path: join(ARTIFACTS, 'flow-erase-fr-desktop.png') });
    await page.click('[data-testid="erase-confirm"]');
    await page.waitForSelector('[data-testid="erased"]', { timeout: WAIT_MS });
    await settle(page);
    const after = await api(base, `people/${person.id}`, { token });
    assert(after.name !== person.name && !after.email, `the name and e-mail are gone: ${JSON.stringify(after)}`);
    assert((await page.textContent('h1')).includes(after.name), 'the page shows the erased record');
    eq(after.country, person.country, 'the country stays');
    const figures = await api(base, 'figures');
    eq(figures.participants_per_country, before.participants_per_country, 'participants per country unchanged');
    eq(figures.totals, before.totals, 'totals unchanged');
    await speak(page, base, 'en');
    await ctx.close();
  });

  test('accounts: my account: an API token shown once and revoked, the password policy in Chinese', async ({ browser, base, admin }) => {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: DESKTOP });
    const page = await ctx.newPage();
    await signIn(page, base, admin);
    await page.goto(`${base}/account`);
    await settle(page);
    await speak(page, base, 'zh-Hans');
    await settle(page);
    await page.fill('#f-name', '月度报告');
    await page.selectOption('#f-scopes', 'read');
    await page.click('#token-form button[type="submit"]');
    const shown = page.locator('[data-testid="new-token"] input');
    await shown.waitFor({ timeout: WAIT_MS });
    const value = await shown.inputValue();
    assert(/^hpt_/.test(value), `the token is shown: ${value}`);
    const row = page.locator('[data-testid="token-list"] tr[data-token="月度报告"]');
    await row.waitFor({ timeout: WAIT_MS });
    eq(await row.getAttribute('data-status'), 'active', 'listed as active');
    // it works as a bearer token, read-only
    const read = await fetch(`${base}/api/v1/me/tokens`, { headers: { Authorization: `Bearer ${value}` } });
    eq(read.status, 200, 'the token reads');
    const write = await fetch(`${base}/api/v1/documents`, { method: 'POST', headers: { Authorization: `Bearer ${value}`, 'Content-Type': 'application/json' }, body: '{"title":"x","body":"y"}' });
    eq(write.status, 403, 'a read-only token cannot write');
    await page.screenshot({ path: join(ARTIFACTS, 'flow-token-zh-desktop.png'), fullPage: true });
    await row.locator('[data-testid="revoke"]').click();
    await page.waitForSelector('[data-testid="token-list"] tr[data-token="月度报告"][data-status="revoked"]', { timeout: WAIT_MS });
    eq((await fetch(`${base}/api/v1/me/tokens`, { headers: { Authorization: `Bearer ${value}` } })).status, 401, 'revoked');
    // a new password that is too short: the server's Chinese message next to the field
    await page.fill('#f-current_password', admin.password);
    await page.fill('#f-new_password', '短密码');
    await page.fill('#f-new_password2', '短密码');
    await page.click('#password-form button[type="submit"]');
    const err = page.locator('[data-testid="error-new_password"]');
    await err.waitFor({ timeout: WAIT_MS });
    assert(/12/.test(await err.textContent()) && /[\u4e00-\u9fff]/.test(await err.textContent()), `the policy in Chinese: ${await err.textContent()}`);
    await page.waitForFunction(() => document.activeElement?.id === 'f-new_password', null, { timeout: WAIT_MS });
    await speak(page, base, 'en');
    await ctx.close();
  });

  test('accounts: forgot password: the e-mailed link sets a new password', async ({ browser, base, mailDir, resetUser }) => {
    assert(mailDir, 'the SMTP sink is needed to read the reset link');
    const ctx = await browser.newContext({ locale: 'fr-FR', viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await page.goto(`${base}/sign-in`);
    await page.click('[data-testid="forgot-link"]');
    await page.waitForURL(/\/forgot-password$/, { timeout: WAIT_MS });
    await page.fill('#f-email', resetUser.email);
    await page.click('#forgot-form button[type="submit"]');
    await page.waitForSelector('[data-testid="reset-sent"]', { timeout: WAIT_MS });
    const mail = await waitForMail(mailDir, resetUser.email, 'reset-password');
    await page.goto(`${base}${mail.path}`);
    const pw = 'le fleuve Rouge coule vers la mer';
    await page.fill('#f-password', pw);
    await page.fill('#f-password2', `${pw}!`);
    await page.click('#reset-form button[type="submit"]');
    await page.locator('[data-testid="error-password2"]').waitFor({ timeout: WAIT_MS });
    await page.fill('#f-password2', pw);
    await page.click('#reset-form button[type="submit"]');
    await page.waitForSelector('[data-testid="reset-done"]', { timeout: WAIT_MS });
    await page.screenshot({ path: join(ARTIFACTS, 'flow-reset-done-fr-phone.png'), fullPage: true });
    // the link works once (opened again as from the e-mail: a new page, not a reload)
    await page.goto(`${base}${mail.path}&utm=again`);
    await page.fill('#f-password', pw);
    await page.fill('#f-password2', pw);
    await page.click('#reset-form button[type="submit"]');
    await page.waitForSelector('[data-testid="error-summary"]', { timeout: WAIT_MS });
    await signIn(page, base, { email: resetUser.email, password: pw });
    eq(await page.getAttribute('[data-testid="user-menu"]', 'data-role'), resetUser.role, 'signed in with the new password');
    await ctx.close();
  });
}
