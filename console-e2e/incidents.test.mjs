// The console's incidents and alerts pages in a real browser. A real server opens the incident:
// an operator records a new version of a fresh agent (POST /v1/agents/{name}/identity), which opens
// a re-verification incident and raises its alert. Then, through the pages: the incidents list,
// the incident's timeline, resolving it with a note, and acknowledging the alert; axe-core on each
// page and a screenshot of each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  settings, launch, uniqueName, createOperator, openPage, signIn, seriousViolations, screenshot,
  finish,
} from './harness.mjs';

const base = `${settings.url}/console`;
const admin = uniqueName('incidents-admin');
const agent = uniqueName('incident-bot');
let browser;
let incidentId;
let alertId;

/** A JSON API call with the bootstrap admin token; answers the parsed body, throws on an unexpected status. */
async function api(method, path, body, expected = 200) {
  const res = await fetch(`${settings.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settings.adminToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** Polls `read` until it answers something truthy (alerts are raised on a background thread). */
async function eventually(what, read) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  assert.equal(await createOperator(admin, ['admin']), 201);
  await api('POST', '/v1/agents', {
    name: agent,
    purpose: 'answers <script>alert(1)</script> tickets',
    owner: 'bob@example.com',
    capabilities: ['inventory.read'],
    version: '1.0.0',
    config_digest: `sha256:${'00'.repeat(32)}`,
    project: 'shop',
    environment: 'prod',
    public_keys: [{ kty: 'OKP', crv: 'Ed25519', kid: 'k1', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }],
  }, 201);
  // a new version: the server opens a re-verification incident for the agent and raises an alert
  await api('POST', `/v1/agents/${agent}/identity`, {
    version: '1.1.0', config_digest: `sha256:${'ab'.repeat(32)}`, reason: 'new prompt',
  });
  incidentId = await eventually('the incident', async () =>
    (await api('GET', `/v1/incidents?agent=${agent}`)).incidents[0]?.incident_id);
  alertId = await eventually('the alert', async () =>
    (await api('GET', `/v1/alerts?agent=${agent}&state=open`)).alerts[0]?.alert_id);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the incidents list shows the open incident; its timeline; resolving it with a note', async () => {
  const page = await openPage(browser);
  await signIn(page, admin);
  await Promise.all([page.waitForNavigation(), page.click('nav a:has-text("Incidents")')]);
  assert.equal(new URL(page.url()).pathname, '/console/incidents');
  assert.equal((await page.locator('h1').textContent()).trim(), 'Incidents');
  const row = page.locator(`tr[data-incident="${incidentId}"]`);
  assert.equal(await row.count(), 1, 'the incident is not in the default (open or acknowledged) list');
  const cells = await row.locator('td').allTextContents();
  assert.ok(cells.includes(agent), `no agent ${agent} in ${cells}`);
  assert.ok(cells.includes('open'), `not open: ${cells}`);
  assert.ok(cells.some((c) => c.includes('1.1.0')), `the summary does not name the new version: ${cells}`);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'incidents');

  await Promise.all([page.waitForNavigation(), row.locator('a').first().click()]);
  assert.equal(new URL(page.url()).pathname, `/console/incidents/${incidentId}`);
  const anomaly = page.locator('ol[data-timeline] > li[data-kind="anomaly"]');
  assert.equal(await anomaly.count(), 1);
  assert.match(await anomaly.textContent(), /reverification/);
  assert.equal(await page.locator('[data-status]').first().textContent(), 'open');
  for (const action of ['ack', 'resolve', 'false-positive']) {
    assert.equal(await page.locator(`button[data-action="${action}"]`).count(), 1, `no ${action} button`);
  }
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'incident');

  await page.getByLabel('Resolution note').fill('reviewed the new prompt: fine');
  await Promise.all([page.waitForNavigation(), page.click('button[data-action="resolve"]')]);
  assert.equal(new URL(page.url()).pathname, `/console/incidents/${incidentId}`);
  assert.equal(await page.locator('dd[data-status]').textContent(), 'resolved');
  const kinds = await page.locator('ol[data-timeline] > li').evaluateAll((items) => items.map((li) => li.dataset.kind));
  assert.deepEqual([kinds[0], kinds.at(-1)], ['anomaly', 'operator']);
  const last = await page.locator('ol[data-timeline] > li').last().textContent();
  assert.match(last, new RegExp(`operator:${admin}`));
  assert.match(last, /reviewed the new prompt: fine/);
  assert.equal(await page.locator('button[data-action="resolve"]').count(), 0, 'a resolved incident still offers resolve');
  assert.deepEqual(await seriousViolations(page), []);
  assert.equal((await api('GET', `/v1/incidents/${incidentId}`)).state, 'resolved');

  await page.goto(`${base}/incidents?status=resolved`);
  assert.equal(await page.locator(`tr[data-incident="${incidentId}"]`).count(), 1);
  await finish(page);
});

test('the alerts page lists the incident alert and acknowledges it', async () => {
  const page = await openPage(browser);
  await signIn(page, admin);
  await Promise.all([page.waitForNavigation(), page.click('nav a:has-text("Alerts")')]);
  assert.equal(new URL(page.url()).pathname, '/console/alerts');
  assert.equal((await page.locator('h1').textContent()).trim(), 'Alerts');
  const row = page.locator(`tr[data-alert="${alertId}"]`);
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), new RegExp(agent));
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'alerts');

  await Promise.all([page.waitForNavigation(), row.locator('button[data-action="ack"]').click()]);
  assert.equal(new URL(page.url()).pathname, '/console/alerts');
  const acked = page.locator(`tr[data-alert="${alertId}"] td[data-acked="true"]`);
  assert.match(await acked.textContent(), new RegExp(`operator:${admin}`));
  assert.equal((await api('GET', `/v1/alerts/${alertId}`)).state, 'acked');
  await finish(page);
});
