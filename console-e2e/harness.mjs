// Shared pieces of the console browser tests: settings from the environment, one headless
// Chromium per test file, operators made through the JSON API, and per-page checks
// (console errors, axe-core accessibility, screenshots).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';

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

/** The page's collected console problems must be none; closes its context. */
export async function finish(page) {
  const problems = page.problems;
  await page.context().close();
  if (problems.length > 0) {
    throw new Error(`the page reported console errors or CSP violations:\n${problems.join('\n')}`);
  }
}

/**
 * Registers an agent with a fresh Ed25519 key through POST /v1/agents (bootstrap admin token) in
 * project shop, allowed to claim inventory.read; answers its name and private key.
 */
export async function registerAgent(name, { purpose = 'console browser test', owner = 'e2e-owner@example.com' } = {}) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  const res = await fetch(`${settings.url}/v1/agents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settings.adminToken}` },
    body: JSON.stringify({
      name, owner, purpose, capabilities: ['inventory.read'], version: '1', config_digest: 'sha256:0',
      project: 'shop', environment: 'prod', public_keys: [{ kty: 'OKP', crv: 'Ed25519', kid: 'k1', x }],
    }),
  });
  if (res.status !== 201) throw new Error(`POST /v1/agents ${name}: ${res.status} ${await res.text()}`);
  return { name, privateKey };
}

/**
 * An access token for an agent: a client assertion (RFC 7523) signed with its key, whose audience is
 * the server's issuer as its OAuth metadata names it, exchanged at /v1/token.
 */
export async function agentToken({ name, privateKey, kid = 'k1' }) {
  const { issuer } = await (await fetch(`${settings.url}/.well-known/oauth-authorization-server`)).json();
  const b64url = (data) => Buffer.from(data).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'EdDSA', kid, typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ iss: name, sub: name, aud: issuer, iat: now, exp: now + 60, jti: randomUUID() }));
  const assertion = `${header}.${claims}.${b64url(sign(null, Buffer.from(`${header}.${claims}`), privateKey))}`;
  const res = await fetch(`${settings.url}/v1/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`POST /v1/token ${name}: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}
