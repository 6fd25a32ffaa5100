// The console's agent page and kill switches in a real browser: an admin opens a fresh agent's
// page (the uPlot chart renders), kills it from the page and its next decision is denied; an
// approver sees no actions and may not open the scoped kill; an agent's hostile purpose is text.
// axe-core on the agent page and the kill page, screenshots agent.png and kill.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  settings, launch, uniqueName, createOperator, openPage, signIn, seriousViolations, screenshot,
  finish, registerAgent, agentToken,
} from './harness.mjs';

const base = `${settings.url}/console`;
const READ = { action: 'inventory.read', args: { sku: 'A-1' } };
let browser;
const admin = uniqueName('agentpage-admin');
const approver = uniqueName('agentpage-approver');

before(async () => {
  assert.equal(await createOperator(admin, ['admin']), 201);
  assert.equal(await createOperator(approver, ['approver']), 201);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function api(method, path, token, body) {
  const res = await fetch(`${settings.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

test('an admin opens an agent page with its chart and kills the agent; its next decision is denied', async () => {
  const agent = await registerAgent(uniqueName('agentpage-bot'), { purpose: 'console agent page test' });
  const token = await agentToken(agent);
  // the quickstart's policies permit only support-bot: a fresh agent's call reaches the policy and is
  // denied there (no_permit); after the kill it is denied before, for the kill
  const first = await api('POST', '/v1/decisions', token, READ);
  assert.equal(first.status, 200, JSON.stringify(first.json));
  assert.deepEqual(first.json.reasons.map((r) => r.code), ['no_permit'], JSON.stringify(first.json));

  const page = await openPage(browser);
  await signIn(page, admin);
  await page.goto(`${base}/agents`);
  await Promise.all([page.waitForNavigation(), page.click(`tr[data-agent="${agent.name}"] a`)]);
  assert.equal(new URL(page.url()).pathname, `/console/agents/${agent.name}`);
  for (const section of ['behaviour', 'incidents', 'limits', 'readiness', 'actions']) {
    assert.equal(await page.locator(`section[data-section="${section}"]`).count(), 1, `no ${section} section`);
  }
  await page.locator('#activity-chart .uplot').waitFor();
  // readiness is counted from the audit trail after the page: htmx swaps the section in
  await page.locator('section[data-section="readiness"] table[data-figures="gates"]').waitFor();
  assert.ok(await page.locator('#activity-chart canvas').count() > 0, 'uPlot drew no canvas');
  assert.equal((await page.locator('[data-field="status"]').textContent()).trim(), 'active');
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'agent');

  await page.fill('#kill-reason', 'e2e: kill from the console');
  page.once('dialog', (d) => d.accept());
  await Promise.all([page.waitForNavigation(), page.click('button[data-action="kill"]')]);
  assert.equal(new URL(page.url()).pathname, `/console/agents/${agent.name}`);
  assert.equal((await page.locator('[data-field="status"]').textContent()).trim(), 'killed');

  const after = await api('POST', '/v1/decisions', token, READ);
  assert.equal(after.json.decision, 'deny', JSON.stringify(after.json));
  const codes = after.json.reasons.map((r) => r.code);
  assert.ok(codes.some((c) => c === 'token_revoked' || c === 'agent_killed'), `not denied for the kill: ${JSON.stringify(after.json)}`);
  assert.ok(!codes.includes('no_permit'), JSON.stringify(after.json));
  await finish(page);
});

test('dismissing the confirmation keeps the agent alive', async () => {
  const agent = await registerAgent(uniqueName('agentpage-kept'), { purpose: 'console agent page test' });
  const page = await openPage(browser);
  await signIn(page, admin);
  await page.goto(`${base}/agents/${agent.name}`);
  await page.fill('#kill-reason', 'e2e: changed my mind');
  page.once('dialog', (d) => d.dismiss());
  await page.click('button[data-action="kill"]');
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).pathname, `/console/agents/${agent.name}`);
  const r = await api('GET', `/v1/agents/${agent.name}`, settings.adminToken);
  assert.equal(r.json.status, 'active');
  await finish(page);
});

test('an approver sees the agent page without kill, quarantine or restore, and not the scoped kill', async () => {
  const agent = await registerAgent(uniqueName('agentpage-seen'), { purpose: 'console agent page test' });
  const page = await openPage(browser);
  await signIn(page, approver);
  await page.goto(`${base}/agents/${agent.name}`);
  assert.equal(await page.locator('section[data-section="behaviour"]').count(), 1);
  for (const action of ['kill', 'quarantine', 'restore']) {
    assert.equal(await page.locator(`button[data-action="${action}"]`).count(), 0, `the approver sees ${action}`);
  }
  const kill = await page.goto(`${base}/kill`);
  assert.equal(kill.status(), 403);
  assert.equal(await page.locator('form[action="/console/kill"]').count(), 0);
  await page.context().close();
});

test('an agent whose purpose is a script shows it as text', async () => {
  const purpose = '<script>alert(1)</script>';
  const agent = await registerAgent(uniqueName('agentpage-xss'), { purpose });
  const page = await openPage(browser);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await signIn(page, admin);
  await page.goto(`${base}/agents/${agent.name}`);
  await page.locator('#activity-chart .uplot').waitFor();
  // readiness is counted from the audit trail after the page: htmx swaps the section in
  await page.locator('section[data-section="readiness"] table[data-figures="gates"]').waitFor();
  assert.equal((await page.locator('[data-field="purpose"]').textContent()).trim(), purpose);
  assert.deepEqual(dialogs, [], 'a dialog fired: the purpose ran as script');
  await finish(page);
});

test('the scoped kill page kills an owner\'s agents for an admin', async () => {
  const owner = `${uniqueName('e2e-owner')}@example.com`;
  const one = await registerAgent(uniqueName('agentpage-scope'), { owner });
  const two = await registerAgent(uniqueName('agentpage-scope'), { owner });
  const page = await openPage(browser);
  await signIn(page, admin);
  await page.goto(`${base}/kill`);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Scoped kill');
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'kill');

  await page.check('#scope-owner');
  await page.fill('#kill-value', owner);
  await page.fill('#kill-reason', 'e2e: scoped kill');
  page.once('dialog', (d) => d.accept());
  await Promise.all([page.waitForNavigation(), page.click('button[data-action="kill-scope"]')]);
  assert.match(await page.locator('[data-result="kill"]').textContent(), /2 agent\(s\)/);
  for (const a of [one, two]) {
    const r = await api('GET', `/v1/agents/${a.name}`, settings.adminToken);
    assert.equal(r.json.status, 'killed');
  }
  await finish(page);
});
