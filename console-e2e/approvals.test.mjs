// The approvals queue, an approval's page and the grants page in a real browser: a request the agent
// makes appears in the open queue without a reload; an approver opens it, approves (or denies) it
// with a note, and the agent's repeated call is allowed (or denied); a grant made from the request's
// page is listed and revoked. axe-core, a clean browser console and a screenshot of each page.
//
// The agent is the quickstart's seeded support-bot (its policies need a human for refunds under 100);
// its key is read from WARDEN_DATA_DIR/keys/support-bot.json, so without WARDEN_DATA_DIR the tests
// are skipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  settings, launch, uniqueName, createOperator, openPage, signIn, seriousViolations, screenshot,
  finish, agentToken,
} from './harness.mjs';

const base = `${settings.url}/console`;
const dataDir = process.env.WARDEN_DATA_DIR;
const skip = dataDir ? false : 'WARDEN_DATA_DIR is not set: the support-bot key is needed to make approval requests';
const approver = uniqueName('console-approver');
let browser;
let token;

/** An access token of the seeded support-bot, signed with its key from the data directory. */
async function supportBotToken() {
  const jwk = JSON.parse(readFileSync(join(dataDir, 'keys', 'support-bot.json'), 'utf8')).private_jwk;
  const privateKey = createPrivateKey({ key: { kty: jwk.kty, crv: jwk.crv, d: jwk.d, x: jwk.x }, format: 'jwk' });
  return agentToken({ name: 'support-bot', privateKey, kid: jwk.kid });
}

/** The agent asks to refund `order` (20, under the quickstart's approval threshold); the decision. */
async function refund(order, approvalId) {
  const call = { action: 'refund.process', resource: `order/${order}`, args: { order_id: order, amount: 20 },
    context: { rationale: 'parcel arrived damaged <b>twice</b>' } };
  if (approvalId) call.approval_id = approvalId;
  const res = await fetch(`${settings.url}/v1/decisions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(call),
  });
  const json = await res.json();
  assert.equal(res.status, 200, `POST /v1/decisions: ${JSON.stringify(json)}`);
  return json;
}

/** A new pending request; its approval id. */
async function pending(order) {
  const d = await refund(order);
  assert.equal(d.decision, 'approval_required', JSON.stringify(d));
  return d.approval_id;
}

before(async () => {
  if (skip) return;
  assert.equal(await createOperator(approver, ['approver']), 201);
  token = await supportBotToken();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('a new request appears in the open queue; the approver approves it and the agent\'s repeat is allowed', { skip }, async () => {
  const page = await openPage(browser);
  await signIn(page, approver);
  await Promise.all([page.waitForNavigation(), page.click('nav a:has-text("Approvals")')]);
  assert.equal(new URL(page.url()).pathname, '/console/approvals');
  assert.equal((await page.locator('h1').textContent()).trim(), 'Approvals');
  // a mark on the loaded document: a reload or navigation would lose it
  await page.evaluate(() => { window.loadedOnce = true; });

  const order = uniqueName('order');
  const id = await pending(order);
  const row = page.locator(`tr[data-approval="${id}"]`);
  await row.waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate(() => window.loadedOnce), true, 'the queue was reloaded instead of updated');
  const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
  assert.deepEqual(cells.slice(0, 4), ['support-bot', 'refund.process', `order/${order}`, 'medium']);
  assert.match(cells[4], /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'approvals');

  await Promise.all([page.waitForNavigation(), row.locator('a').click()]);
  assert.equal(new URL(page.url()).pathname, `/console/approvals/${id}`);
  assert.equal(await page.locator('[data-state="pending"]').count(), 1);
  assert.equal((await page.locator('[data-rationale]').textContent()).trim(), 'parcel arrived damaged <b>twice</b>');
  assert.equal(await page.locator('[data-rationale] b').count(), 0, 'the rationale was rendered as HTML');
  assert.equal((await page.locator('tr[data-arg="amount"] td').textContent()).trim(), '20');
  assert.match(await page.locator('main').textContent(), /support-small-refunds/);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'approval');

  await page.fill('#approve-note', 'order checked, refund is fine');
  await Promise.all([page.waitForNavigation(), page.click('button[data-action="approve"]')]);
  assert.equal(new URL(page.url()).pathname, `/console/approvals/${id}`);
  assert.equal(await page.locator('[data-state="approved"]').count(), 1);
  assert.equal((await page.locator('[data-decided-by]').textContent()).trim().includes(approver), true);
  assert.equal((await page.locator('[data-note]').textContent()).trim(), 'order checked, refund is fine');
  assert.equal(await page.locator('button[data-action="approve"]').count(), 0);

  const again = await refund(order, id);
  assert.equal(again.decision, 'allow', JSON.stringify(again));
  await finish(page);
});

test('a denied request: the agent\'s retry is denied', { skip }, async () => {
  const order = uniqueName('order');
  const id = await pending(order);
  const page = await openPage(browser);
  await signIn(page, approver);
  await page.goto(`${base}/approvals/${id}`);
  await page.fill('#deny-note', 'not eligible');
  await Promise.all([page.waitForNavigation(), page.click('button[data-action="deny"]')]);
  assert.equal(await page.locator('[data-state="denied"]').count(), 1);
  await page.goto(`${base}/approvals`);
  assert.equal(await page.locator(`tr[data-approval="${id}"]`).count(), 0, 'a denied request is still in the queue');

  const again = await refund(order, id);
  assert.equal(again.decision, 'deny', JSON.stringify(again));
  await finish(page);
});

test('a grant made from a request\'s page is listed on the grants page and revoked there', { skip }, async () => {
  const order = uniqueName('order');
  const id = await pending(order);
  const page = await openPage(browser);
  await signIn(page, approver);
  await page.goto(`${base}/approvals/${id}`);
  assert.equal(await page.locator('#grant-tool').inputValue(), 'refund.process');
  // only this order: the grant must not let other tests' refunds through
  await page.fill('#grant-resource', `order/${order}`);
  await page.fill('#grant-uses', '2');
  await page.selectOption('#grant-duration', '1h');
  await page.fill('#grant-reason', 'customer is a known reseller');
  await Promise.all([page.waitForNavigation(), page.click('button[data-action="grant"]')]);
  assert.equal(new URL(page.url()).pathname, '/console/grants');
  const row = page.locator('tr[data-grant]', { hasText: `order/${order}` });
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /support-bot.*refund\.process.*0 of 2/s);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'grants');

  const covered = await refund(order);
  assert.equal(covered.decision, 'allow', JSON.stringify(covered));

  page.once('dialog', (dialog) => dialog.accept());
  await Promise.all([page.waitForNavigation(), row.locator('button[data-action="revoke"]').click()]);
  assert.equal(await page.locator('tr[data-grant]', { hasText: `order/${order}` }).count(), 0);
  await finish(page);
});
