// The operator console in a real browser: sign-in, the overview, the agents page, sign-out,
// accessibility (axe-core) and a clean browser console, with a screenshot of each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  settings, launch, uniqueName, createOperator, openPage, signIn, seriousViolations, screenshot, PASSWORD,
  finish,
} from './harness.mjs';

const base = `${settings.url}/console`;
let browser;
const admin = uniqueName('console-admin');

before(async () => {
  assert.equal(await createOperator(admin, ['admin']), 201);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the login page is a labelled form with no serious accessibility violations', async () => {
  const page = await openPage(browser);
  await page.goto(`${base}/login`);
  const form = page.locator('form[method=post][action="/console/login"]');
  assert.equal(await form.count(), 1);
  assert.equal(await page.getByLabel(/name/i).first().getAttribute('id'), 'name');
  assert.equal(await page.locator('#password').getAttribute('type'), 'password');
  assert.equal(await page.getByLabel(/password/i).getAttribute('id'), 'password');
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'login');
  await finish(page);
});

test('an admin signs in and sees the overview with their name, navigation and figures', async () => {
  const page = await openPage(browser);
  await signIn(page, admin);
  assert.equal(new URL(page.url()).pathname, '/console/');
  assert.equal((await page.locator('h1').textContent()).trim(), 'Overview');
  assert.match(await page.locator('header').textContent(), new RegExp(admin));
  assert.equal(await page.locator('header button[type=submit]', { hasText: 'Sign out' }).count(), 1);
  assert.equal(await page.locator('nav a', { hasText: 'Overview' }).count(), 1);
  assert.equal(await page.locator('nav a', { hasText: 'Agents' }).count(), 1);
  assert.ok(await page.locator('[data-kpi]').count() > 0, 'the overview shows no [data-kpi] figures');
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'overview');
  await finish(page);
});

test('a wrong password shows the form again with an alert and signs no one in', async () => {
  const page = await openPage(browser);
  await signIn(page, admin, `${PASSWORD} but wrong`);
  assert.equal(await page.locator('[role=alert]').count(), 1);
  assert.equal(await page.locator('#password').count(), 1);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'login-failed');
  await page.goto(`${base}/`);
  assert.equal(await page.locator('h1', { hasText: 'Overview' }).count(), 0, 'the failed sign-in opened a session');
  await finish(page);
});

test('the agents page lists the seeded support-bot with its columns', async () => {
  const page = await openPage(browser);
  await signIn(page, admin);
  await Promise.all([page.waitForNavigation(), page.click('nav a:has-text("Agents")')]);
  assert.equal(new URL(page.url()).pathname, '/console/agents');
  assert.equal((await page.locator('h1').textContent()).trim(), 'Agents');
  const headers = (await page.locator('table th').allTextContents()).map((h) => h.trim());
  for (const column of ['Name', 'Level', 'Basis', 'Status', 'Owner', 'Project', 'Purpose']) {
    assert.ok(headers.includes(column), `no column ${column} in ${headers}`);
  }
  const row = page.locator('table tr[data-agent="support-bot"]');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /support-bot/);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'agents');
  await finish(page);
});

test("an owner sees their own agent on the agents page", async (t) => {
  // support-bot's owner in the quickstart config; the name exists already when a server is reused
  const owner = 'alice@example.com';
  if (await createOperator(owner, ['owner']) === 409) {
    t.skip(`operator ${owner} exists already on this server, its password is unknown`);
    return;
  }
  const page = await openPage(browser);
  await signIn(page, owner);
  assert.match(await page.locator('header').textContent(), /alice@example\.com/);
  await page.goto(`${base}/agents`);
  assert.equal(await page.locator('table tr[data-agent="support-bot"]').count(), 1);
  await screenshot(page, 'agents-owner');
  await finish(page);
});

test('signing out returns to the login page and the old session no longer opens the console', async () => {
  const page = await openPage(browser);
  await signIn(page, admin);
  const stolen = await page.context().cookies();
  assert.ok(stolen.length > 0, 'signing in set no session cookie');
  await Promise.all([page.waitForNavigation(), page.click('header button[type=submit]:has-text("Sign out")')]);
  assert.equal(new URL(page.url()).pathname, '/console/login');
  assert.equal(await page.locator('#password').count(), 1);
  await finish(page);

  // an attacker replays the cookies captured before the sign-out in a fresh browser
  const replay = await browser.newContext();
  replay.setDefaultTimeout(5_000);
  await replay.addCookies(stolen);
  const again = await replay.newPage();
  const res = await again.goto(`${base}/`);
  assert.equal(await again.locator('h1', { hasText: 'Overview' }).count(), 0, 'the signed-out session still opens the overview');
  assert.ok(new URL(again.url()).pathname === '/console/login' || [401, 403].includes(res.status()),
    `the signed-out session got ${res.status()} at ${again.url()}`);
  await replay.close();
});

test('without a session the console pages lead to the login page', async () => {
  const page = await openPage(browser);
  for (const path of ['/', '/agents']) {
    const res = await page.goto(`${base}${path}`);
    assert.equal(await page.locator('#password').count(), 1, `${path} answered ${res.status()} without the login form`);
    assert.equal(await page.locator('table tr[data-agent]').count(), 0, `${path} showed agents without a session`);
  }
  await page.context().close();
});
