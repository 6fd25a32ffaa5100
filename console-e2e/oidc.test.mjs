// OIDC sign-in to the console in a real browser: the sign-in page's "Sign in with ..." link, the
// identity provider's page (another site), the way back and the overview of the mapped operator.
// Runs only against a server with operators.oidc whose test provider signs in WARDEN_OIDC_USER
// (ConsoleOidcBrowserTest starts both); skipped otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { settings, launch, createOperator, openPage, seriousViolations, screenshot } from './harness.mjs';

const user = process.env.WARDEN_OIDC_USER;
const skip = user ? false : 'WARDEN_OIDC_USER is not set: the server under test has no OIDC sign-in';
let browser;

before(async () => {
  if (skip) return;
  await createOperator(user, ['auditor']);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('signing in with the identity provider ends on the overview of the mapped operator', { skip }, async () => {
  const page = await openPage(browser);
  await page.goto(`${settings.url}/console/login`);
  const link = page.getByRole('link', { name: /^Sign in with / });
  assert.equal(await link.getAttribute('href'), '/console/oidc/start');
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'login-oidc');

  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.notEqual(new URL(page.url()).host, new URL(settings.url).host, 'the browser is at the identity provider');
  await Promise.all([
    page.waitForURL(`${settings.url}/console/`, { timeout: 10_000 }),
    page.getByRole('button', { name: /^Continue as / }).click(),
  ]);
  assert.match(await page.locator('header .operator').innerText(), new RegExp(`Signed in as ${user.replace(/[.]/g, '\\.')}`));
  assert.deepEqual(await seriousViolations(page), []);

  // the session is a real one: another console page opens without signing in again
  await page.goto(`${settings.url}/console/agents`);
  assert.equal(new URL(page.url()).pathname, '/console/agents');
  const problems = page.problems;
  await page.context().close();
  assert.deepEqual(problems, [], 'the pages reported console errors or CSP violations');
});
