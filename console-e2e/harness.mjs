// Shared pieces of the console browser tests: settings from the environment, one headless
// Chromium per test file, operators made through the JSON API, and per-page checks
// (console errors, axe-core accessibility, screenshots).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the console browser tests need a running Warden (see docs/console.md)`);
  return value;
}

/** Where Warden runs, its bootstrap admin token, the browser and where screenshots go. */
export const settings = {
  url: required('WARDEN_URL').replace(/\/+$/, ''),
  adminToken: required('WARDEN_ADMIN_TOKEN'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  screenshots: process.env.SCREENSHOT_DIR || 'target/console-screenshots',
};

/** A headless Chromium; close it when the file's tests are done. */
export function launch() {
  return chromium.launch({
    executablePath: settings.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-dev-shm-usage'],
  });
}

/** A name no earlier run against the same server has used. */
export function uniqueName(prefix) {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export const PASSWORD = 'correct horse battery staple';

/**
 * Creates an operator through POST /v1/operators with the bootstrap admin token.
 * Answers the HTTP status (201 created, 409 when the name exists); anything else throws.
 */
export async function createOperator(name, roles, password = PASSWORD) {
  const res = await fetch(`${settings.url}/v1/operators`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settings.adminToken}` },
    body: JSON.stringify({ name, roles, password }),
  });
  if (res.status !== 201 && res.status !== 409) {
    throw new Error(`POST /v1/operators ${name}: ${res.status} ${await res.text()}`);
  }
  return res.status;
}

/**
 * A new page in its own browser context (own cookies) whose console errors, uncaught exceptions
 * and Content-Security-Policy violations are collected in `page.problems`. A failed load of a
 * document the test navigated to (say a 401 login answer) and of the browser's own favicon request
 * are expected and not counted.
 */
export async function openPage(browser) {
  const context = await browser.newContext();
  // local pages answer in milliseconds: a missing element fails in seconds, not playwright's 30 s
  context.setDefaultTimeout(5_000);
  context.setDefaultNavigationTimeout(10_000);
  const page = await context.newPage();
  const documents = new Set();
  page.problems = [];
  page.on('response', (r) => { if (r.request().isNavigationRequest()) documents.add(r.url()); });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url ?? '';
    // the browser asks for /favicon.ico on its own; the console's contract does not include one
    if (msg.text().startsWith('Failed to load resource') && (documents.has(where) || new URL(where, settings.url).pathname === '/favicon.ico')) return;
    page.problems.push(`console: ${msg.text()} (${where})`);
  });
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return page;
}

/** Signs in through the login form; answers the page after the form is submitted. */
export async function signIn(page, name, password = PASSWORD) {
  await page.goto(`${settings.url}/console/login`);
  await page.fill('#name', name);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]:has-text("Sign in")')]);
  return page;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The axe-core violations of impact serious or critical on the current page, as readable lines.
 * axe is evaluated rather than added as a script tag, which a strict CSP would block.
 */
export async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => globalThis.axe.run());
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Saves a full-page screenshot as SCREENSHOT_DIR/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(settings.screenshots, { recursive: true });
  await page.screenshot({ path: join(settings.screenshots, `${name}.png`), fullPage: true });
}
