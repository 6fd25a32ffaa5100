// The console's audit explorer in a real browser: an auditor searches by agent, opens an entry and
// the page verifies the entry's inclusion proof and the checkpoint signature with Web Crypto; a
// tampered proof fails; an agent's <script> string stays text; axe-core finds no serious violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  settings, launch, uniqueName, createOperator, openPage, signIn, seriousViolations, screenshot,
  finish, registerAgent, agentToken,
} from './harness.mjs';

const base = `${settings.url}/console`;
const XSS = '<script>alert(1)</script>';
const auditor = uniqueName('audit-auditor');
const agent = uniqueName('audit-bot');
let browser;

async function decide(token, body) {
  const res = await fetch(`${settings.url}/v1/decisions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  assert.ok(res.status < 500, `POST /v1/decisions: ${res.status} ${await res.text()}`);
}

before(async () => {
  assert.equal(await createOperator(auditor, ['auditor']), 201);
  const token = await agentToken(await registerAgent(agent, { purpose: 'audit explorer browser test', owner: 'audit@example.com' }));
  await decide(token, { action: 'inventory.read', args: { sku: 'A-1' }, context: { rationale: 'restock check' } });
  await decide(token, { action: 'customer.delete', args: { customer_id: 'c-1' }, context: { rationale: 'not claimed' } });
  await decide(token, { action: 'inventory.read', args: { sku: 'A-2' }, context: { rationale: XSS } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** A signed-in auditor's page that records any dialog (a script an agent string smuggled in would open one). */
async function auditorPage() {
  const page = await openPage(browser);
  page.dialogs = [];
  page.on('dialog', async (d) => {
    page.dialogs.push(d.message());
    await d.dismiss();
  });
  await signIn(page, auditor);
  return page;
}

/** Opens the agent's decision whose rationale is the script string. */
async function openNewestEntry(page) {
  await page.goto(`${base}/audit?agent=${encodeURIComponent(agent)}&kind=decision`);
  const first = page.locator('tr[data-entry]', { hasText: XSS }).first();
  const index = await first.getAttribute('data-entry');
  await Promise.all([page.waitForURL(`**/console/audit/${index}`), first.locator('a').click()]);
  return index;
}

test('an auditor searches the audit log by agent and sees its entries, agent strings as text', async () => {
  const page = await auditorPage();
  await page.goto(`${base}/audit`);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Audit log');
  await page.getByLabel('Agent').fill(agent);
  await Promise.all([page.waitForURL(/agent=/), page.click('form.audit-filters button[type=submit]')]);
  const rows = page.locator('tr[data-entry]');
  assert.ok(await rows.count() >= 3, 'the search lists the agent\'s entries');
  for (const cell of await page.locator('tr[data-entry] td:nth-child(4)').allTextContents()) {
    assert.equal(cell.trim(), agent);
  }
  assert.equal(await page.locator('tr[data-entry] td', { hasText: XSS }).count(), 1, 'the rationale shows as text');
  assert.equal(await page.locator('tbody script').count(), 0);
  await page.getByLabel('Decision').selectOption('deny');
  await Promise.all([page.waitForURL(/decision=deny/), page.click('form.audit-filters button[type=submit]')]);
  for (const cell of await page.locator('tr[data-entry] td:nth-child(5)').allTextContents()) {
    assert.equal(cell.trim(), 'deny');
  }
  await page.goto(`${base}/audit?agent=${encodeURIComponent(agent)}`);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'audit');
  await finish(page);
});

test('a bad time in the search answers a 400 page naming the field', async () => {
  const page = await auditorPage();
  const res = await page.goto(`${base}/audit?from=yesterday`);
  assert.equal(res.status(), 400);
  assert.match(await page.locator('main').textContent(), /'from'/);
  await page.context().close();
});

test('an entry\'s inclusion proof and checkpoint signature verify in the browser', async () => {
  const page = await auditorPage();
  const index = await openNewestEntry(page);
  const result = page.locator('[data-verify-result]');
  await page.locator('[data-verify-result][data-state="verified"]').waitFor();
  assert.match(await result.textContent(), /^Verified/);
  // the key shown is the log's current key, for the auditor to compare with the one they pinned
  const keys = await (await fetch(`${settings.url}/v1/audit/keys`, {
    headers: { Authorization: `Bearer ${settings.adminToken}` },
  })).json();
  const current = keys.keys.find((k) => k.current);
  assert.equal((await page.locator('[data-verify-key-id]').textContent()).trim(), current.key_id);
  assert.equal((await page.locator('[data-verify-key]').textContent()).trim(), current.verifier_key);
  assert.match(await page.locator('[data-verify-root]').textContent(), /^[0-9a-f]{64}$/);
  assert.ok(BigInt((await page.locator('[data-verify-size]').textContent()).trim()) > BigInt(index));
  // the agent's script string is shown as text in the entry too
  assert.ok((await page.locator('main').textContent()).includes(XSS));
  assert.equal(await page.locator('main script').count(), 0);
  // verifying again on request gives the same answer
  await page.click('button[data-verify]');
  await page.locator('[data-verify-result][data-state="verified"]').waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'audit-entry');
  await finish(page);
});

/** Serves proof.json changed by `change`, then answers the verification state and step shown. */
async function verifyTampered(change) {
  const page = await auditorPage();
  await page.route('**/proof.json', async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    change(json);
    await route.fulfill({ response, json });
  });
  await openNewestEntry(page);
  await page.locator('[data-verify-result][data-state="failed"]').waitFor();
  const result = page.locator('[data-verify-result]');
  const state = { step: await result.getAttribute('data-step'), text: await result.textContent() };
  await finish(page);
  return state;
}

test('a proof whose entry has one byte changed fails verification', async () => {
  const { step, text } = await verifyTampered((proof) => {
    const bytes = Buffer.from(proof.entry_base64, 'base64');
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    proof.entry_base64 = bytes.toString('base64');
  });
  assert.equal(step, 'leaf hash');
  assert.match(text, /failed/i);
});

test('a proof with a changed audit path hash fails verification at the root hash', async () => {
  const { step } = await verifyTampered((proof) => {
    const path = proof.inclusion.proof;
    assert.ok(path.length > 0);
    path[0] = (path[0][0] === '0' ? '1' : '0') + path[0].slice(1);
  });
  assert.equal(step, 'root hash');
});

test('a forged entry with a matching leaf hash still fails: its hash is not in the signed tree', async () => {
  const { step } = await verifyTampered((proof) => {
    const entry = Buffer.from(proof.entry_base64, 'base64').toString('utf8').replace('alert(1)', 'alert(2)');
    proof.entry_base64 = Buffer.from(entry, 'utf8').toString('base64');
    delete proof.leaf_hash;
  });
  assert.equal(step, 'root hash');
});
