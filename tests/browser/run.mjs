#!/usr/bin/env node
// Browser tests of the web portal against the real server, in Debian's Chromium (playwright-core,
// no browser download). Starts `hoptac serve` on a fresh demo store with accounts made by the CLI
// (`hoptac user add`) and an SMTP sink that files the e-mails the server sends, runs the scenarios
// (accounts.mjs has those of accounts), keeps screenshots under web/test-artifacts/, and exits
// non-zero on any failure, including any Content-Security-Policy violation a page reports.
//
//   node tests/browser/run.mjs [--only NAME[,NAME]] [--headed]
//   env: HOPTAC_BIN (default build/hoptac), CHROMIUM (default /usr/bin/chromium),
//        HOPTAC_WEB (default web/dist), ARTIFACTS (default web/test-artifacts),
//        HOPTAC_SMTP_SINK (default build/hoptac-smtp-sink)
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { ANONYMOUS_PAGES, ADMIN_PAGES, registerAccountTests } from './accounts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const webDir = join(root, 'web');
const require = createRequire(join(webDir, 'package.json'));
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');

const BIN = resolve(root, process.env.HOPTAC_BIN ?? 'build/hoptac');
const WEB = resolve(root, process.env.HOPTAC_WEB ?? 'web/dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SINK = process.env.HOPTAC_SMTP_SINK ? resolve(root, process.env.HOPTAC_SMTP_SINK)
  : ['build/hoptac-smtp-sink', 'build/tests/support/hoptac-smtp-sink'].map((p) => resolve(root, p)).find((p) => existsSync(p)) ?? resolve(root, 'build/hoptac-smtp-sink');
const ARTIFACTS = resolve(root, process.env.ARTIFACTS ?? 'web/test-artifacts');
const args = process.argv.slice(2);
const only = (() => { const i = args.indexOf('--only'); return i >= 0 ? args[i + 1].split(',') : null; })();
const headed = args.includes('--headed');

const TEST_TIMEOUT_MS = 120_000;   // one scenario
const TOTAL_TIMEOUT_MS = 720_000;  // the whole run
const WAIT_MS = 15_000;            // one wait for an element or a navigation

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

// ---- the server --------------------------------------------------------------------------------

let server = null;
let sink = null;
let dataDir = null;

// The accounts the scenarios use, made with the CLI before the server starts.
const ADMIN = { email: 'admin@centre.example', name: 'Chen Wei', password: 'Nanning river bridge 2026', role: 'admin', lang: 'en' };
const TRAINEE = { email: 'lan.trainee@example.vn', name: 'Nguyễn Thị Lan', password: 'hoa sen nở giữa mùa hè', role: 'trainee', lang: 'vi' };
const RESET_USER = { email: 'reset.staff@centre.example', name: 'Li Na', password: 'guangxi mountains and rivers', role: 'staff', lang: 'fr' };

function addUser(user) {
  const pwFile = join(dataDir, `pw-${user.role}`);
  writeFileSync(pwFile, `${user.password}\n`, { mode: 0o600 });
  const role = user.role === 'admin' ? ['--admin'] : ['--role', user.role];
  execFileSync(BIN, ['user', 'add', ...role, '--email', user.email, '--name', user.name, '--lang', user.lang, '--password-file', pwFile, '--data', dataDir],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
  rmSync(pwFile, { force: true });
}

/** The SMTP sink, when built: returns the directory it files messages in, or null. */
async function startSink() {
  if (!existsSync(SINK)) return null;
  const mailDir = join(dataDir, 'mail');
  mkdirSync(mailDir, { recursive: true });
  const portFile = join(dataDir, 'smtp-port');
  sink = spawn(SINK, ['--dir', mailDir, '--port-file', portFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  sink.on('exit', () => { sink = null; });
  const deadline = Date.now() + 10_000;
  while (!existsSync(portFile)) {
    if (!sink) fail('the SMTP sink did not start');
    if (Date.now() > deadline) fail('no port file from the SMTP sink after 10 s');
    await sleep(50);
  }
  return { mailDir, port: Number(readFileSync(portFile, 'utf8').trim()) };
}

function fail(msg) {
  console.error(`browser tests: ${msg}`);
  process.exit(2);
}

async function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

async function startServer() {
  if (!existsSync(BIN)) fail(`${BIN} is missing: build it first (cmake --build build --target hoptac)`);
  if (!existsSync(join(WEB, 'index.html'))) fail(`${WEB}/index.html is missing: run "npm run build" in web/ first`);
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: apt-get install -y chromium`);
  dataDir = mkdtempSync(join(tmpdir(), 'hoptac-browser-'));
  execFileSync(BIN, ['demo', '--data', dataDir], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 });
  const out = execFileSync(BIN, ['token', 'create', '--data', dataDir, '--name', 'browser-tests'], { encoding: 'utf8', timeout: 20_000 });
  const token = /hpt_[A-Za-z0-9_-]+/.exec(out)?.[0];
  if (!token) fail(`no token in: ${out}`);
  for (const u of [ADMIN, TRAINEE, RESET_USER]) {
    try {
      addUser(u);
    } catch (e) {
      fail(`hoptac user add ${u.email}: ${e.stderr ?? e.message}`);
    }
  }
  const mail = await startSink();
  const portFile = join(dataDir, 'port');
  const mailArgs = mail ? ['--smtp-url', `smtp://127.0.0.1:${mail.port}`] : [];
  server = spawn(BIN, ['serve', '--data', dataDir, '--listen', '127.0.0.1:0', '--port-file', portFile, '--web', WEB, '--access-log', 'off', ...mailArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; if (stderr.length > 20000) stderr = stderr.slice(-20000); });
  server.on('exit', (code, sig) => { if (server) console.error(`server exited early (${code ?? sig})\n${stderr}`); server = null; });
  const deadline = Date.now() + 20_000;
  while (!existsSync(portFile)) {
    if (!server) fail('the server did not start');
    if (Date.now() > deadline) fail(`no port file after 20 s\n${stderr}`);
    await sleep(50);
  }
  const port = Number(readFileSync(portFile, 'utf8').trim());
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) fail('the server does not answer /healthz');
    await sleep(50);
  }
  return { base, token, mailDir: mail?.mailDir ?? null };
}

async function stopServer() {
  if (sink && sink.exitCode === null) sink.kill('SIGTERM');
  sink = null;
  const s = server;
  server = null;
  if (s && s.exitCode === null) {
    s.kill('SIGTERM');
    const done = new Promise((r) => s.once('exit', r));
    const t = setTimeout(() => s.kill('SIGKILL'), 5000);
    await Promise.race([done, sleep(6000)]);
    clearTimeout(t);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
}

// ---- helpers -----------------------------------------------------------------------------------

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function eq(actual, expected, msg) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${msg}\n  expected: ${e}\n  actual:   ${a}`);
}

async function api(base, path, { lang = 'en', token, method = 'GET', body } = {}) {
  const headers = { 'Accept-Language': lang };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body) headers['Content-Type'] = 'application/json';
  const r = await fetch(`${base}/api/v1/${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const json = await r.json();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/** Waits until the page has no loading indicator and no request in flight. */
async function settle(page) {
  await page.waitForLoadState('load', { timeout: WAIT_MS });
  await page.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'), null, { timeout: WAIT_MS, polling: 100 }).catch(async (e) => {
    const busy = await page.evaluate(() => document.querySelector('.loading, [aria-busy="true"]')?.outerHTML.slice(0, 300)).catch(() => '?');
    throw new Error(`${page.url()} still busy after ${WAIT_MS / 1000} s: ${busy}\n${e.message}`);
  });
  await page.waitForLoadState('networkidle', { timeout: WAIT_MS }).catch(() => {});
}

async function chooseLanguage(page, lang) {
  await page.selectOption('#lang-select', lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: WAIT_MS });
}

const axeSource = readFileSync(axePath, 'utf8');

/**
 * axe-core's serious and critical violations on the page, as lines. axe is evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not govern, so pages are checked
 * with their real CSP in force.
 */
async function axeProblems(page, name) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${name}: [${v.impact}] ${v.id} — ${v.help} — ${v.nodes.join(' | ')}`);
}

function digits(s) {
  return Number(String(s).replace(/[^\d]/g, ''));
}

// ---- the scenarios -----------------------------------------------------------------------------

const tests = [];
function test(name, fn) { tests.push({ name, fn }); }

test('default language follows the browser, and the choice is remembered', async ({ browser, base }) => {
  const ctx = await browser.newContext({ locale: 'fr-FR', viewport: DESKTOP });
  const page = await ctx.newPage();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.documentElement.lang === 'fr', null, { timeout: WAIT_MS });
  eq(await page.textContent('nav a[href="/"]'), 'Accueil', 'French navigation');
  assert((await page.title()).includes('La coopération en chiffres'), `French title: ${await page.title()}`);
  await chooseLanguage(page, 'zh-Hans');
  await page.reload();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans', null, { timeout: WAIT_MS });
  eq(await page.textContent('nav a[href="/"]'), '首页', 'Chinese remembered after reload');
  await ctx.close();
});

test('Vietnamese: search nông nghiệp, open a need, see Chinese suppliers with reasons in Vietnamese', async ({ browser, base }) => {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
  const page = await ctx.newPage();
  await page.goto(`${base}/marketplace`);
  await chooseLanguage(page, 'vi');
  await page.fill('#market-q', 'nông nghiệp');
  await page.press('#market-q', 'Enter');
  await page.waitForURL(/q=n%C3%B4ng/, { timeout: WAIT_MS });
  await settle(page);
  // snippets highlight the query words
  assert(await page.locator('[data-testid="profile-results"] .snippet mark').count() > 0, 'highlighted snippets');
  // narrow to needs with the facet
  await page.click('button[data-facet="kind"][data-value="request"]');
  await page.waitForURL(/kind=request/, { timeout: WAIT_MS });
  await settle(page);
  const kinds = await page.$$eval('[data-testid="profile-results"] > li', (lis) => lis.map((li) => li.dataset.kind));
  assert(kinds.length > 0 && kinds.every((k) => k === 'request'), `only needs after the facet: ${kinds}`);
  // each result names its organisation (from the hit itself when the server includes it)
  const hits = await api(base, `search?type=profile&kind=request&q=${encodeURIComponent('nông nghiệp')}&limit=20`, { lang: 'vi' });
  const orgLines = await page.$$eval('[data-testid="profile-results"] > li .org-line', (ps) => ps.map((p) => p.textContent));
  hits.items.forEach((h, i) => {
    if (h.organisation?.name?.text) assert(orgLines[i]?.includes(h.organisation.name.text), `result ${i} names ${h.organisation.name.text}: ${orgLines[i]}`);
  });
  // open the first Vietnamese need
  const first = page.locator('[data-testid="profile-results"] > li').filter({ has: page.locator('.result-title [lang="vi"]') }).first();
  const needId = Number(await first.getAttribute('data-profile-id'));
  await first.locator('.result-title a').click();
  await page.waitForURL(new RegExp(`/profiles/${needId}$`), { timeout: WAIT_MS });
  await page.waitForSelector('[data-testid="matches"] > li', { timeout: WAIT_MS });
  await settle(page);
  assert((await page.title()).includes(' · hoptac'), 'page title');
  // a Chinese supplier among the matches: an offer written in zh-Hans by an organisation in CN
  const matches = await page.$$eval('[data-testid="matches"] > li', (lis) => lis.map((li) => ({
    id: Number(li.dataset.profileId),
    kind: li.dataset.kind,
    titleLang: li.dataset.titleLang,
    orgCountry: li.querySelector('[data-org-country]')?.getAttribute('data-org-country'),
    reasonKinds: [...li.querySelectorAll('.reason-kind')].map((e) => e.textContent),
    concepts: [...li.querySelectorAll('.chip-concept')].map((e) => e.firstChild?.textContent ?? ''),
    country: [...li.querySelectorAll('.chip-country')].map((e) => e.textContent),
  })));
  const chinese = matches.filter((m) => m.kind === 'offer' && m.titleLang === 'zh-Hans' && m.orgCountry === 'CN');
  assert(chinese.length > 0, `a Chinese supplier among the matches: ${JSON.stringify(matches)}`);
  // the reasons are the API's, in Vietnamese
  const expected = await api(base, `profiles/${needId}/matches?lang=vi&limit=10`, { lang: 'vi' });
  const c = chinese[0];
  const apiItem = expected.items.find((i) => i.profile.id === c.id);
  assert(apiItem, 'the match is in the API answer');
  eq(c.concepts, apiItem.reasons.filter((r) => r.kind === 'concept').map((r) => r.label), 'concept reasons shown as the API gives them in vi');
  assert(c.reasonKinds.includes('Chủ đề chung'), `reason headings in Vietnamese: ${c.reasonKinds}`);
  if (apiItem.reasons.some((r) => r.kind === 'country')) assert(c.country.some((x) => x.includes('Việt Nam')), `country reason in Vietnamese: ${c.country}`);
  // the title is marked with its language, and the badge says so
  assert(await page.locator(`[data-profile-id="${c.id}"] .result-title span[lang="zh-Hans"]`).count() === 1, 'lang attribute on the Chinese title');
  await page.screenshot({ path: join(ARTIFACTS, 'flow-vi-matches-desktop.png'), fullPage: true });
  // without a token, expressing interest asks for one (interests are kept by the server, privately)
  assert((await page.textContent('.interest')).includes('token'), 'the interest section asks for a token');
  eq(await page.locator('[data-testid="interests"]').count(), 0, 'the public sees no interests');
  await ctx.close();
});

test('Chinese dashboard: the figures shown equal the API', async ({ browser, base }) => {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
  const page = await ctx.newPage();
  await page.goto(`${base}/`);
  await chooseLanguage(page, 'zh-Hans');
  await page.waitForSelector('[data-testid="total-agreements"]', { timeout: WAIT_MS });
  await settle(page);
  eq(await page.textContent('h1'), '合作数据一览', 'Chinese heading');
  const f = await api(base, 'figures', { lang: 'zh-Hans' });
  const expected = {};
  for (const [k, v] of Object.entries(f.totals)) expected[`total-${k}`] = v;
  for (const [k, v] of Object.entries(f.published_profiles)) expected[`published-${k}`] = v;
  const series = {
    agreements_per_year: 'year', sessions_per_year: 'year', participants_per_year: 'year', participants_per_country: 'country',
    participants_per_locality: 'locality', cases_per_domain: 'domain', projects_per_stage: 'stage',
  };
  for (const [name, key] of Object.entries(series)) for (const item of f[name]) expected[`fig-${name}-${item[key]}`] = item.count;
  const shown = await page.$$eval('[data-testid^="total-"], [data-testid^="published-"], [data-testid^="fig-"]',
    (els) => els.map((e) => [e.dataset.testid, e.textContent]));
  const actual = {};
  for (const [id, text] of shown) actual[id] = Number(text.replace(/[^\d]/g, ''));
  const sortObj = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  eq(sortObj(actual), sortObj(expected), 'every figure on the dashboard equals the API');
  assert(Object.keys(expected).length > 20, 'a real number of figures');
  // the charts are drawn (ECharts canvases), one per figure card
  await page.waitForFunction(() => document.querySelectorAll('.chart canvas').length >= 6, null, { timeout: WAIT_MS });
  await ctx.close();
});

test('forms: create an organisation and a profile, server validation in French next to the field', async ({ browser, base, token }) => {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
  const page = await ctx.newPage();
  await page.goto(`${base}/directory`);
  await chooseLanguage(page, 'fr');
  // the token, through the settings dialog
  await page.click('.settings-btn');
  await page.fill('#settings-token', token);
  await page.click('dialog button[type="submit"]');
  await page.waitForSelector('dialog .alert-success', { timeout: WAIT_MS });
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog', { state: 'hidden', timeout: WAIT_MS });
  await page.click('a[href="/organisations/new"]');
  await page.waitForURL(/\/organisations\/new$/, { timeout: WAIT_MS });
  const code = `hx${Date.now() % 100000}`;
  const orgName = `Hợp tác xã Thủy sản Thử nghiệm ${code}`;
  await page.fill('#f-name', orgName);
  await page.selectOption('#f-kind', 'cooperative');
  // countries are chosen by their French names
  const vn = await page.$eval('#f-country option[value="VN"]', (o) => o.textContent);
  assert(/^Vi[eê]t ?nam$/i.test(vn), `country names in French: ${vn}`);
  await page.selectOption('#f-country', 'VN');
  await page.fill('#f-locality', 'Cà Mau');
  await page.fill('#f-website', 'www.example.vn');
  await page.click('form.record-form button[type="submit"]');
  const err = page.locator('[data-testid="error-website"]');
  await err.waitFor({ timeout: WAIT_MS });
  const msg = (await err.textContent()).trim();
  assert(/adresse http/i.test(msg), `the server's French message next to the field: ${msg}`);
  eq(await page.getAttribute('#f-website', 'aria-invalid'), 'true', 'aria-invalid on the bad field');
  assert((await page.getAttribute('#f-website', 'aria-describedby')).includes('f-website-error'), 'error described');
  await page.waitForFunction(() => document.activeElement?.id === 'f-website', null, { timeout: WAIT_MS });
  assert(await page.locator('[data-testid="error-summary"]').isVisible(), 'error summary');
  await page.screenshot({ path: join(ARTIFACTS, 'flow-form-error-desktop.png'), fullPage: true });
  await page.fill('#f-website', 'https://example.vn');
  await page.click('form.record-form button[type="submit"]');
  await page.waitForURL(/\/organisations\/\d+$/, { timeout: WAIT_MS });
  await settle(page);
  assert((await page.textContent('h1')).includes(orgName), 'the new organisation page');
  const orgId = Number(/\/organisations\/(\d+)$/.exec(page.url())[1]);
  // a need for it
  await page.click(`a[href="/profiles/new?organisation=${orgId}"]`);
  await page.waitForURL(/\/profiles\/new/, { timeout: WAIT_MS });
  // the organisation is preset, and named
  await page.waitForFunction((name) => document.querySelector('[data-field="organisation"] .ref-chosen')?.textContent.includes(name), orgName, { timeout: WAIT_MS });
  await page.selectOption('#f-kind', 'request');
  await page.fill('#f-summary', 'Hợp tác xã cần cảm biến và trí tuệ nhân tạo để cảnh báo sớm oxy hòa tan thấp trong ao nuôi tôm.');
  await page.selectOption('#f-target_countries', 'CN');
  await page.selectOption('#f-target_countries', 'LA');
  await page.click('[data-field="target_countries"] li[data-code="LA"] .chip-remove');
  eq(await page.$$eval('[data-field="target_countries"] li[data-code]', (lis) => lis.map((li) => li.dataset.code)), ['CN'], 'target countries as chips');
  await page.selectOption('#f-status', 'published');
  // no title: the server's French message, and the focus on the title
  await page.click('form.record-form button[type="submit"]');
  await page.locator('[data-testid="error-title"]').waitFor({ timeout: WAIT_MS });
  await page.waitForFunction(() => document.activeElement?.id === 'f-title', null, { timeout: WAIT_MS });
  const title = `Cần hệ thống AI giám sát ao nuôi tôm ${code}`;
  await page.fill('#f-title', title);
  await page.click('form.record-form button[type="submit"]');
  await page.waitForURL(/\/profiles\/\d+$/, { timeout: WAIT_MS });
  const profileId = Number(/\/profiles\/(\d+)$/.exec(page.url())[1]);
  await page.waitForSelector('h1 [lang="vi"]', { timeout: WAIT_MS });
  // found by search
  await page.goto(`${base}/marketplace`);
  await page.fill('#market-q', code);
  await page.press('#market-q', 'Enter');
  await page.waitForSelector(`[data-testid="profile-results"] > li[data-profile-id="${profileId}"]`, { timeout: WAIT_MS });
  // and edited
  await page.goto(`${base}/profiles/${profileId}/edit`);
  await page.waitForFunction(() => document.querySelector('#f-title')?.value, null, { timeout: WAIT_MS });
  await page.fill('#f-deadline', '2027-06-30');
  await page.click('form.record-form button[type="submit"]');
  await page.waitForURL(new RegExp(`/profiles/${profileId}$`), { timeout: WAIT_MS });
  const rec = await api(base, `profiles/${profileId}`, { token });
  eq([rec.deadline, rec.version, rec.title.text, rec.target_countries, rec.organisation], ['2027-06-30', 2, title, ['CN'], orgId], 'the edit is saved');
  await ctx.close();
});

/** Types part of a name in a ref picker and picks the first suggestion with the keyboard. */
async function pickRef(page, field, text, expect) {
  const input = `#f-${field}`;
  await page.fill(input, text);
  await page.waitForSelector(`#f-${field}-list:not([hidden]) [role="option"]`, { timeout: WAIT_MS });
  if (expect) {
    const names = await page.$$eval(`#f-${field}-list [role="option"]`, (os) => os.map((o) => o.textContent));
    assert(names.some((n) => n.includes(expect)), `"${text}" suggests ${expect}: ${names.join(' | ')}`);
  }
  await page.press(input, 'ArrowDown');
  eq(await page.getAttribute(input, 'aria-activedescendant'), `f-${field}-opt-0`, 'the first suggestion is highlighted');
  const id = Number(await page.getAttribute(`#f-${field}-opt-0`, 'data-ref-id'));
  await page.press(input, 'Enter');
  await page.waitForSelector(`[data-field="${field}"] [data-ref-id="${id}"]`, { timeout: WAIT_MS });
  return id;
}

async function withToken(browser, token, { lang = 'en', viewport = DESKTOP } = {}) {
  const ctx = await browser.newContext({ locale: lang === 'zh-Hans' ? 'zh-CN' : lang, viewport });
  await ctx.addInitScript(([t, l]) => { sessionStorage.setItem('hoptac.token', t); localStorage.setItem('hoptac.lang', l); }, [token, lang]);
  return ctx;
}

test('Vietnamese forms: a case with errors next to their fields, then an agreement between parties found by name', async ({ browser, base, token }) => {
  const ctx = await withToken(browser, token, { lang: 'vi' });
  const page = await ctx.newPage();
  await page.goto(`${base}/cases`);
  await settle(page);
  await page.click('a[href="/cases/new"]');
  await page.waitForURL(/\/cases\/new$/, { timeout: WAIT_MS });
  eq(await page.textContent('h1'), 'Thêm điển hình ứng dụng AI', 'the form in Vietnamese');
  // suppliers and adopters are found by part of their name, across scripts (广西 ↔ Quảng Tây)
  const supplier = await pickRef(page, 'supplier', 'Quảng Tây');
  const adopter = await pickRef(page, 'adopter', 'lang son', 'Lạng Sơn');
  await page.selectOption('#f-country', 'VN');
  await page.selectOption('#f-domain', 'agriculture');
  await page.fill('#f-year', '20x5');
  await page.click('form.record-form button[type="submit"]');
  const titleErr = page.locator('[data-testid="error-title"]');
  await titleErr.waitFor({ timeout: WAIT_MS });
  assert(/bắt buộc/.test(await titleErr.textContent()), `the missing title in Vietnamese: ${await titleErr.textContent()}`);
  assert(/Kiểu dữ liệu/.test(await page.textContent('[data-testid="error-year"]')), 'the bad year in Vietnamese');
  await page.waitForFunction(() => document.activeElement?.id === 'f-title', null, { timeout: WAIT_MS });
  eq(await page.getAttribute('#f-year', 'aria-invalid'), 'true', 'the year is marked invalid');
  await page.screenshot({ path: join(ARTIFACTS, 'flow-case-errors-vi-desktop.png'), fullPage: true });
  const title = `Camera AI phát hiện sâu cuốn lá nhỏ trên lúa ${Date.now() % 100000}`;
  await page.fill('#f-title', title);
  await page.fill('#f-year', '2025');
  await page.click('form.record-form button[type="submit"]');
  await page.waitForURL(/\/cases\/\d+$/, { timeout: WAIT_MS });
  await settle(page);
  const caseId = Number(/\/cases\/(\d+)$/.exec(page.url())[1]);
  eq(await page.textContent('h1 [lang="vi"]'), title, 'the new case page');
  assert((await page.textContent('[data-field="domain"] dd')).includes('Nông nghiệp'), 'the domain named in Vietnamese');
  const c = await api(base, `cases/${caseId}`);
  eq([c.supplier, c.adopter, c.year, c.country, c.title.lang], [supplier, adopter, 2025, 'VN', 'vi'], 'the case as saved');
  // an agreement between two parties
  await page.goto(`${base}/agreements`);
  await settle(page);
  await page.click('a[href="/agreements/new"]');
  await page.waitForURL(/\/agreements\/new$/, { timeout: WAIT_MS });
  await page.fill('#f-title', 'Biên bản ghi nhớ hợp tác ứng dụng AI trong nông nghiệp');
  await pickRef(page, 'parties', 'Quảng Tây');
  await page.selectOption('#f-agreement_type', 'mou');
  await page.click('form.record-form button[type="submit"]');
  await page.locator('[data-testid="error-parties"]').waitFor({ timeout: WAIT_MS });
  await page.waitForFunction(() => document.activeElement?.id === 'f-parties', null, { timeout: WAIT_MS });
  await pickRef(page, 'parties', 'Lạng Sơn');
  await page.fill('#f-signed_date', '2026-03-10');
  await page.fill('#f-signed_place', 'Nam Ninh');
  await page.click('form.record-form button[type="submit"]');
  await page.waitForURL(/\/agreements\/\d+$/, { timeout: WAIT_MS });
  await settle(page);
  const agrId = Number(/\/agreements\/(\d+)$/.exec(page.url())[1]);
  const a = await api(base, `agreements/${agrId}`);
  eq([a.parties.length, a.agreement_type, a.signed_date, a.status], [2, 'mou', '2026-03-10', 'signed'], 'the agreement as saved');
  eq(await page.locator('[data-field="parties"] a[data-ref-type="organisation"]').count(), 2, 'the parties linked on its page');
  await ctx.close();
});

test('edit a session, a stale version, a refused and an accepted delete', async ({ browser, base, token }) => {
  const ctx = await withToken(browser, token, { lang: 'zh-Hans' });
  const page = await ctx.newPage();
  const session = (await api(base, 'sessions?limit=1')).items[0];
  await page.goto(`${base}/training`);
  await settle(page);
  await page.click(`a[href="/sessions/${session.id}/edit"]`);
  await page.waitForURL(new RegExp(`/sessions/${session.id}/edit$`), { timeout: WAIT_MS });
  await page.waitForFunction(() => document.querySelector('#f-start_date')?.value, null, { timeout: WAIT_MS });
  eq(await page.textContent('h1'), '编辑培训班次', 'the form in Chinese');
  // the programme is named (its name is loaded by id)
  await page.waitForFunction(() => {
    const chip = document.querySelector('[data-field="programme"] .ref-chosen');
    return chip && !chip.querySelector('[aria-busy="true"]') && chip.textContent.trim().length > 2;
  }, null, { timeout: WAIT_MS });
  await page.fill('#f-venue', '广西大学东校区');
  await page.fill('#f-capacity', '45');
  await page.click('form.record-form button[type="submit"]');
  await page.waitForURL(new RegExp(`/sessions/${session.id}$`), { timeout: WAIT_MS });
  await settle(page);
  eq(await page.textContent('[data-field="venue"] dd'), '广西大学东校区', 'the change on the session page');
  const after = await api(base, `sessions/${session.id}`);
  eq([after.venue, after.capacity, after.version, after.ref, after.title.text], ['广西大学东校区', 45, session.version + 1, session.ref, session.title.text], 'saved with PUT, the rest kept');
  // someone else saves meanwhile: the form says so, and loads their version
  await page.click('[data-testid="edit"]');
  await page.waitForURL(new RegExp(`/sessions/${session.id}/edit$`), { timeout: WAIT_MS });
  await page.waitForFunction(() => document.querySelector('#f-venue')?.value, null, { timeout: WAIT_MS });
  await api(base, `sessions/${session.id}`, { token, method: 'PATCH', body: { venue: '南宁市会展中心' } });
  await page.fill('#f-capacity', '50');
  await page.click('form.record-form button[type="submit"]');
  await page.waitForSelector('[data-testid="conflict-reload"]', { timeout: WAIT_MS });
  assert((await page.textContent('[data-testid="error-summary"]')).includes('此记录已被他人修改'), 'the conflict explained');
  await page.screenshot({ path: join(ARTIFACTS, 'flow-conflict-zh-desktop.png'), fullPage: true });
  await page.click('[data-testid="conflict-reload"]');
  await page.waitForFunction(() => document.querySelector('#f-venue')?.value === '南宁市会展中心', null, { timeout: WAIT_MS });
  // a session with enrolments cannot be deleted: the server's reason, in Chinese
  await page.goto(`${base}/sessions/${session.id}`);
  await settle(page);
  await page.click('[data-testid="delete"]');
  await page.click('[data-testid="delete-confirm"]');
  const refused = page.locator('[data-testid="delete-refused"]');
  await refused.waitFor({ timeout: WAIT_MS });
  assert((await refused.textContent()).includes('仍有其他记录引用此记录'), `the refusal: ${await refused.textContent()}`);
  await page.screenshot({ path: join(ARTIFACTS, 'flow-delete-refused-zh-desktop.png') });
  await page.keyboard.press('Escape');
  assert((await api(base, `sessions/${session.id}`)).id === session.id, 'still there');
  // a record nothing points at can be deleted
  const doc = await api(base, 'documents', { token, method: 'POST', body: { title: '测试删除的资料', body: '这份资料用于测试删除功能。' } });
  await page.goto(`${base}/documents/${doc.id}`);
  await settle(page);
  await page.click('[data-testid="delete"]');
  await page.click('[data-testid="delete-confirm"]');
  await page.waitForURL(/\/documents$/, { timeout: WAIT_MS });
  const gone = await fetch(`${base}/api/v1/documents/${doc.id}`);
  eq(gone.status, 404, 'the document is deleted');
  await ctx.close();
});

test('express interest on a profile, see it listed and accept it', async ({ browser, base, token }) => {
  const ctx = await withToken(browser, token, { lang: 'vi' });
  const page = await ctx.newPage();
  const profile = (await api(base, 'profiles?ref=p-tb-rice-pest')).items[0] ?? (await api(base, 'profiles?status=published&limit=1')).items[0];
  await page.goto(`${base}/profiles/${profile.id}`);
  await settle(page);
  await page.fill('#f-name', 'Lưu Quang Minh');
  await page.fill('#f-email', 'minh@example');
  await page.fill('#f-message', 'Chúng tôi có giải pháp nhận dạng sâu bệnh bằng ảnh và muốn trao đổi thêm.');
  const org = await pickRef(page, 'organisation', 'Quảng Tây');
  await page.click('.form-interest button[type="submit"]');
  const err = page.locator('[data-testid="error-email"]');
  await err.waitFor({ timeout: WAIT_MS });
  assert(/email không hợp lệ/i.test(await err.textContent()), `the server's Vietnamese message: ${await err.textContent()}`);
  await page.waitForFunction(() => document.activeElement?.id === 'f-email', null, { timeout: WAIT_MS });
  await page.fill('#f-email', 'minh@example.vn');
  await page.click('.form-interest button[type="submit"]');
  await page.waitForSelector('[data-testid="interest-sent"]', { timeout: WAIT_MS });
  const item = page.locator('[data-testid="interests"] > li', { hasText: 'Lưu Quang Minh' });
  await item.waitFor({ timeout: WAIT_MS });
  eq(await item.getAttribute('data-status'), 'new', 'listed as new');
  const id = Number(await item.getAttribute('data-interest-id'));
  await page.screenshot({ path: join(ARTIFACTS, 'flow-interest-vi-desktop.png'), fullPage: true });
  await item.locator('button[data-action="accepted"]').click();
  await page.waitForSelector(`[data-interest-id="${id}"][data-status="accepted"]`, { timeout: WAIT_MS });
  eq((await page.textContent(`[data-interest-id="${id}"] [data-testid="interest-status"]`)).trim(), 'Đã chấp nhận', 'the status in Vietnamese');
  const saved = await api(base, `interests/${id}`, { token });
  eq([saved.profile, saved.organisation, saved.status, saved.email, saved.message.lang], [profile.id, org, 'accepted', 'minh@example.vn', 'vi'], 'the interest as saved');
  await ctx.close();
});

test('import: progress and the rejected line', async ({ browser, base, token }) => {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
  await ctx.addInitScript((t) => sessionStorage.setItem('hoptac.token', t), token);
  const page = await ctx.newPage();
  await page.goto(`${base}/import`);
  await settle(page);
  const lines = [
    { type: 'organisation', ref: 'bt-org-1', name: 'Công ty Thử nghiệm Nhập liệu', kind: 'enterprise', country: 'VN' },
    { type: 'organisation', ref: 'bt-org-2', name: '南宁导入测试公司', kind: 'enterprise', country: 'XX' },
    { type: 'organisation', ref: 'bt-org-3', name: 'Import test SARL', kind: 'enterprise', country: 'FR' },
  ];
  const bad = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
  await page.setInputFiles('#import-file', { name: 'partners.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(bad) });
  await page.click('.import-form button[type="submit"]');
  await page.waitForSelector('[data-testid="import-rejected"]', { timeout: WAIT_MS });
  eq(await page.getAttribute('[data-testid="import-progress"]', 'value'), '100', 'upload progress complete');
  const rows = await page.$$eval('[data-testid="import-rejected"] tbody tr', (trs) => trs.map((tr) => ({
    line: tr.dataset.line, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
  })));
  eq(rows.length, 1, 'one rejected line');
  eq(rows[0].line, '2', 'line 2 rejected');
  assert(rows[0].cells[1] === 'country' && rows[0].cells[3].includes('南宁导入测试公司'), `the rejected line and field: ${JSON.stringify(rows)}`);
  await page.screenshot({ path: join(ARTIFACTS, 'flow-import-rejected-desktop.png'), fullPage: true });
  // nothing was written
  const none = await api(base, 'organisations?ref=bt-org-1');
  eq(none.items.length, 0, 'all or nothing');
  // fixed, as CSV this time
  const csv = 'ref,name,kind,country,locality\nbt-org-1,Công ty Thử nghiệm Nhập liệu,enterprise,VN,Hà Nội\nbt-org-2,"南宁导入测试公司, 有限",enterprise,CN,Nanning\n';
  await page.setInputFiles('#import-file', { name: 'partners.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.selectOption('#import-type', 'organisation');
  await page.click('.import-form button[type="submit"]');
  await page.waitForSelector('[data-testid="import-done"]', { timeout: WAIT_MS });
  assert((await page.textContent('[data-testid="import-done"]')).includes('2'), 'two records imported');
  const got = await api(base, 'organisations?ref=bt-org-2');
  eq(got.items[0]?.name?.text, '南宁导入测试公司, 有限', 'CSV quoted cell');
  await ctx.close();
});

test('keyboard: skip link, menu on a phone, focus after navigation', async ({ browser, base }) => {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: PHONE, hasTouch: true, isMobile: true });
  const page = await ctx.newPage();
  await page.goto(`${base}/`);
  await settle(page);
  await page.keyboard.press('Tab');
  eq(await page.evaluate(() => document.activeElement?.className), 'skip-link', 'the skip link comes first');
  await page.keyboard.press('Enter');
  eq(await page.evaluate(() => document.activeElement?.id), 'page-title', 'skip link moves focus to the heading');
  assert(!(await page.isVisible('#site-nav a[href="/cases"]')), 'nav collapsed on a phone');
  await page.focus('.menu-btn');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#site-nav a[href="/cases"]', { state: 'visible', timeout: WAIT_MS });
  await page.focus('#site-nav a[href="/cases"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/cases$/, { timeout: WAIT_MS });
  await page.waitForFunction(() => document.activeElement?.id === 'page-title', null, { timeout: WAIT_MS });
  eq(await page.title(), 'Library of AI application cases · hoptac', 'document.title per page');
  // the focus ring is visible
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert(outline !== 'none', `a visible focus indicator (${outline})`);
  // no horizontal overflow on a phone, even in Vietnamese and French
  for (const lang of ['vi', 'fr']) {
    await chooseLanguage(page, lang);
    for (const path of ['/', '/marketplace', '/agreements', '/projects', '/training', '/documents', '/cases/new', '/agreements/new', '/projects/new', '/sessions/new', '/programmes/1', '/cases/1']) {
      await page.goto(`${base}${path}`);
      await settle(page);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert(over <= 1, `${path} in ${lang} overflows the phone screen by ${over}px`);
    }
  }
  await ctx.close();
});

test('documents: the seed article with title, date, source and body', async ({ browser, base }) => {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
  const page = await ctx.newPage();
  const docs = await api(base, 'documents?ref=doc-seed-vna-2026-03-10');
  const seed = docs.items[0];
  assert(seed, 'the seed document exists');
  await page.goto(`${base}/documents`);
  await settle(page);
  await page.click(`a[href="/documents/${seed.id}"]`);
  await page.waitForURL(new RegExp(`/documents/${seed.id}$`), { timeout: WAIT_MS });
  await settle(page);
  eq(await page.textContent('h1 [lang="fr"]'), seed.title.text, 'the French title, marked fr');
  eq(await page.textContent('[data-testid="doc-date"]'), 'March 10, 2026', 'the date, formatted for the reader');
  eq(await page.textContent('[data-testid="doc-source"]'), seed.source, 'the source');
  const body = await page.textContent('.doc-body .prose');
  assert(body.includes('Guangxi') && body.length > 1000, 'the body');
  await ctx.close();
});

// Every main page, at phone and desktop width: a screenshot and an axe-core check. Record ids
// are looked up by their demo refs, so the pages do not depend on import order.
async function mainPages(base, token) {
  const one = async (path) => (await api(base, path)).items[0]?.id;
  const need = await one('profiles?ref=p-tb-rice-pest');
  const needId = need ?? (await api(base, 'search?type=profile&kind=request&limit=1')).items[0].id;
  const orgId = (await api(base, `profiles/${needId}/matches?limit=1`)).items[0]?.profile.organisation ?? await one('organisations?limit=1');
  const docId = (await one('documents?ref=doc-seed-vna-2026-03-10')) ?? await one('documents?limit=1');
  const first = async (collection) => (await api(base, `${collection}?limit=1`, { token })).items[0].id;
  return [
    ['home', '/'],
    ['directory', '/directory'],
    ['organisation', `/organisations/${orgId}`],
    ['marketplace', '/marketplace?q=n%C3%B4ng%20nghi%E1%BB%87p'],
    ['profile', `/profiles/${needId}`],
    ['cases', '/cases'],
    ['agreements', '/agreements'],
    ['projects', '/projects'],
    ['training', '/training'],
    ['documents', '/documents'],
    ['document', `/documents/${docId}`],
    ['import', '/import'],
    ['organisation-form', '/organisations/new'],
    ['profile-form', '/profiles/new'],
    ['case', `/cases/${await first('cases')}`],
    ['case-form', '/cases/new'],
    ['agreement', `/agreements/${await first('agreements')}`],
    ['agreement-form', `/agreements/${await first('agreements')}/edit`],
    ['project', `/projects/${await first('projects')}`],
    ['project-form', `/projects/${await first('projects')}/edit`],
    ['programme', `/programmes/${await first('programmes')}`],
    ['programme-form', '/programmes/new'],
    ['session', `/sessions/${await first('sessions')}`],
    ['session-form', `/sessions/${await first('sessions')}/edit`],
    ['people', '/people'],
    ['person', `/people/${await first('people')}`],
    ['person-form', '/people/new'],
    ['enrolment', `/enrolments/${await first('enrolments')}`],
    ['enrolment-form', '/enrolments/new'],
    ['document-form', `/documents/${docId}/edit`],
  ];
}

for (const [vpName, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`accessibility (axe-core) and screenshots, ${vpName}`, async ({ browser, base, token }) => {
    // The pages run with their real Content-Security-Policy: axeProblems needs no inline script.
    const lang = vpName === 'phone' ? 'vi' : 'zh-Hans';
    const ctx = await browser.newContext({ locale: vpName === 'phone' ? 'vi-VN' : 'zh-CN', viewport, isMobile: vpName === 'phone', hasTouch: vpName === 'phone' });
    await ctx.addInitScript((t) => sessionStorage.setItem('hoptac.token', t), token);
    const page = await ctx.newPage();
    const problems = [];
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
    const check = async (name, path) => {
      await page.goto(`${base}${path}`);
      await settle(page);
      if (name === 'home') await page.waitForFunction(() => document.querySelectorAll('.chart canvas').length >= 6, null, { timeout: WAIT_MS });
      const title = await page.title();
      assert(title.endsWith(' · hoptac'), `${name}: document.title "${title}"`);
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${vpName}.png`), fullPage: true });
      problems.push(...await axeProblems(page, name));
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (over > 1) problems.push(`${name}: overflows horizontally by ${over}px`);
    };
    for (const [name, path] of await mainPages(base, token)) await check(name, path);
    // the account pages: first those for everyone, then an administrator's, in the same language
    for (const [name, path] of ANONYMOUS_PAGES) await check(name, path);
    await page.goto(`${base}/sign-in?next=%2Fadmin%2Fusers`);
    await page.fill('#f-email', ADMIN.email);
    await page.fill('#f-password', ADMIN.password);
    await page.click('#sign-in-form button[type="submit"]');
    await page.waitForURL(/\/admin\/users$/, { timeout: WAIT_MS });  // where ?next= asked to go
    await page.waitForSelector('[data-testid="user-menu"]', { timeout: WAIT_MS });
    await settle(page);
    await chooseLanguage(page, lang);
    for (const [name, path] of ADMIN_PAGES) await check(name, path);
    await page.click('[data-testid="user-menu"]');
    await page.screenshot({ path: join(ARTIFACTS, `user-menu-${vpName}.png`) });
    problems.push(...await axeProblems(page, 'user menu'));
    await page.keyboard.press('Escape');
    await chooseLanguage(page, 'en');  // the administrator's own language again, for the other scenarios
    await waitForAccountLang(page, base, 'en');
    assert(problems.length === 0, `accessibility problems:\n  ${problems.join('\n  ')}`);
    assert(consoleErrors.length === 0, `console errors:\n  ${consoleErrors.join('\n  ')}`);
    await ctx.close();
  });
}

/** Waits until the signed-in account's saved language is `lang` (the switcher saves it). */
async function waitForAccountLang(page, base, lang) {
  for (let i = 0; i < 100; i++) {
    const r = await page.request.get(`${base}/api/v1/me`);
    if (r.status() === 200 && (await r.json()).user.lang === lang) return;
    await sleep(100);
  }
  throw new Error(`the account's language did not become ${lang}`);
}

test('Content-Security-Policy: every page runs with no violation (charts included)', async ({ browser, base, token }) => {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
  const page = await ctx.newPage();
  // Reported from inside the page too (a listener set before any script: the DevTools protocol
  // injects it, so the CSP does not stop it).
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const seen = [];
  for (const [name, path] of [...(await mainPages(base, token)), ...ANONYMOUS_PAGES]) {
    await page.goto(`${base}${path}`);
    await settle(page);
    if (name === 'home') await page.waitForFunction(() => document.querySelectorAll('.chart canvas').length >= 6, null, { timeout: WAIT_MS });
    const csp = (await page.request.get(`${base}${path}`)).headers()['content-security-policy'] ?? '';
    assert(/default-src 'self'/.test(csp) && !/script-src[^;]*'unsafe-inline'/.test(csp), `${name}: a strict policy (${csp})`);
    seen.push(...(await page.evaluate(() => window.__csp)).map((v) => `${name}: ${v}`));
  }
  // a reload answered 304 must keep the portal's policy (and the page must still run)
  await page.goto(`${base}/directory`);
  await settle(page);
  await page.reload();
  await page.waitForSelector('#dir-q', { timeout: WAIT_MS });
  seen.push(...(await page.evaluate(() => window.__csp)).map((v) => `reload: ${v}`));
  eq(seen, [], 'no CSP violation reported by the pages');
  // the built portal itself: no inline script or style element
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  assert(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html) && !/<style[\s>]/i.test(html), 'index.html has no inline script or style');
  await ctx.close();
});

registerAccountTests(test, { api, settle, chooseLanguage, assert, eq, pickRef, axeProblems, waitForAccountLang, ARTIFACTS, DESKTOP, PHONE, WAIT_MS });

// ---- the runner --------------------------------------------------------------------------------

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const watchdog = setTimeout(async () => {
    console.error(`browser tests: over ${TOTAL_TIMEOUT_MS / 1000} s, giving up`);
    await stopServer();
    process.exit(3);
  }, TOTAL_TIMEOUT_MS);
  const started = Date.now();
  const { base, token, mailDir } = await startServer();
  console.log(`server at ${base} (demo data), Chromium ${CHROMIUM}${mailDir ? ', SMTP sink' : ', no SMTP sink'}`);
  const chromiumBrowser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !headed,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'].filter((a) => !(headed && a === '--headless')),
    timeout: 30_000,
  });
  // Every page of every scenario: a Content-Security-Policy violation fails the scenario.
  const cspViolations = [];
  const contexts = [];  // of the running scenario: photographed when it fails
  const browser = {
    newContext: async (options) => {
      const ctx = await chromiumBrowser.newContext(options);
      contexts.push(ctx);
      ctx.on('console', (m) => {
        if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) cspViolations.push(`${m.page()?.url() ?? ''}: ${m.text()}`);
      });
      return ctx;
    },
    close: () => chromiumBrowser.close(),
  };
  let passed = 0;
  let failed = 0;
  const report = [];
  for (const t of tests) {
    if (only && !only.some((o) => t.name.toLowerCase().includes(o.toLowerCase()))) continue;
    const t0 = Date.now();
    let timer;
    try {
      await Promise.race([
        (async () => {
          const before = cspViolations.length;
          await t.fn({ browser, base, token, mailDir, admin: ADMIN, trainee: TRAINEE, resetUser: RESET_USER });
          const found = cspViolations.slice(before);
          if (found.length) throw new Error(`Content-Security-Policy violations:\n  ${found.join('\n  ')}`);
        })(),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS); }),
      ]);
      passed++;
      const line = `ok   ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`;
      console.log(line);
      report.push(line);
    } catch (e) {
      failed++;
      let shot = 0;
      for (const ctx of contexts) {
        for (const pg of ctx.pages()) {
          await pg.screenshot({ path: join(ARTIFACTS, `failed-${tests.indexOf(t)}-${shot++}.png`), fullPage: true, timeout: 5000 }).catch(() => {});
        }
      }
      const line = `FAIL ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n     ${String(e?.stack ?? e).split('\n').slice(0, 12).join('\n     ')}`;
      console.log(line);
      report.push(line);
    } finally {
      clearTimeout(timer);
      for (const ctx of contexts.splice(0)) await ctx.close().catch(() => {});
    }
  }
  await browser.close().catch(() => {});
  await stopServer();
  clearTimeout(watchdog);
  const summary = `${passed} passed, ${failed} failed`;
  writeFileSync(join(ARTIFACTS, 'report.txt'), `${report.join('\n')}\n${summary} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  console.log(`browser tests: ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in ${ARTIFACTS}`);
  console.log(summary);
  process.exit(failed ? 1 : 0);
}

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { await stopServer(); process.exit(130); });
process.on('uncaughtException', async (e) => { console.error(e); await stopServer(); process.exit(2); });
main().catch(async (e) => { console.error(e); await stopServer(); process.exit(2); });
