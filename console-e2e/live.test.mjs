// The console's live decision feed in a real browser: decisions made through the API appear at
// the top of the list without a reload, a decision filter shows only its decisions, agent-supplied
// strings appear as text, and the overview's decisions per minute updates while it is open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  settings, launch, uniqueName, createOperator, openPage, signIn, seriousViolations, screenshot,
  finish, registerAgent, agentToken,
} from './harness.mjs';

const base = `${settings.url}/console`;
const XSS = '<script>alert(1)</script>';
let browser;
const admin = uniqueName('live-admin');
const agent = uniqueName('live-bot');
let token;

/** A decision through POST /v1/decisions; answers its JSON. */
async function decide(action, resource) {
  const res = await fetch(`${settings.url}/v1/decisions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ action, resource, args: action === 'inventory.read' ? { sku: 'A-1' } : {} }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

before(async () => {
  assert.equal(await createOperator(admin, ['admin']), 201);
  token = await agentToken(await registerAgent(agent, { purpose: 'live feed browser test', owner: 'live-test' }));
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Waits until the feed's status says it is connected. */
async function connected(page) {
  await page.locator('[data-feed-status]', { hasText: /^Live:/ }).waitFor({ timeout: 15_000 });
}

test('decisions made through the API appear at the top of the feed without a reload; agent strings are text', async () => {
  const page = await openPage(browser);
  await signIn(page, admin);
  await page.goto(`${base}/live?agent=${agent}`);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Live decision feed');
  assert.equal(await page.getByLabel('Agent', { exact: true }).getAttribute('id'), 'agent');
  assert.equal(await page.getByLabel('Decision', { exact: true }).getAttribute('id'), 'decision');
  await connected(page);
  let navigations = 0;
  page.on('framenavigated', () => { navigations += 1; });

  const first = await decide('inventory.read', 'sku/live-1');
  const second = await decide('inventory.read', XSS);

  const items = page.locator('ol[data-feed] > li[data-decision]');
  await items.nth(1).waitFor({ timeout: 15_000 });
  assert.equal(navigations, 0, 'the page reloaded');
  assert.equal(await items.count(), 2);
  // newest on top
  assert.equal(await items.nth(0).locator('.resource').textContent(), XSS);
  assert.equal(await items.nth(0).getAttribute('data-decision'), second.decision);
  assert.equal(await items.nth(1).locator('.resource').textContent(), 'sku/live-1');
  assert.equal(await items.nth(1).getAttribute('data-decision'), first.decision);
  assert.equal(await items.nth(0).locator('.agent').textContent(), agent);
  assert.equal(await items.nth(0).locator('.tool').textContent(), 'inventory.read');
  assert.equal(await items.nth(0).locator('time').count(), 1);
  // the script tag is text: no element was made from it, and nothing ran
  assert.equal(await page.locator('ol[data-feed] script').count(), 0);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'live');
  await finish(page);
});

test('the decision filter deny shows only denies', async () => {
  const page = await openPage(browser);
  await signIn(page, admin);
  await page.goto(`${base}/live`);
  await page.fill('#agent', agent);
  await page.selectOption('#decision', 'deny');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/console/live"] button[type=submit]')]);
  assert.equal(new URL(page.url()).searchParams.get('decision'), 'deny');
  await connected(page);

  const allowed = await decide('inventory.read', 'sku/filter-1');
  const denied = await decide('no.such_tool', 'x/filter-2');
  const another = await decide('no.such_tool', XSS);
  assert.equal(denied.decision, 'deny');
  assert.equal(another.decision, 'deny');

  const denies = [allowed, denied, another].filter((d) => d.decision === 'deny').length;
  const items = page.locator('ol[data-feed] > li[data-decision]');
  await items.nth(denies - 1).waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500); // anything else on its way would be here by now
  assert.equal(await items.count(), denies);
  assert.deepEqual(await items.evaluateAll((lis) => lis.map((li) => li.dataset.decision)), Array(denies).fill('deny'));
  assert.equal(await items.nth(0).locator('.resource').textContent(), XSS);
  assert.equal(await items.nth(1).locator('.resource').textContent(), 'x/filter-2');
  if (allowed.decision !== 'deny') {
    assert.equal(await page.locator('ol[data-feed] .resource', { hasText: 'sku/filter-1' }).count(), 0);
  }
  assert.deepEqual(await seriousViolations(page), []);
  await finish(page);
});

test('the overview shows decisions per minute and updates it while open', async () => {
  const page = await openPage(browser);
  await signIn(page, admin);
  const figure = page.locator('[data-kpi="decisions_per_minute"] dd');
  const before = Number(await figure.textContent());
  assert.ok(Number.isInteger(before), `not a number: ${before}`);
  await decide('inventory.read', 'sku/overview-1');
  // the figure counts a sliding minute, so earlier tests' decisions may leave it while this one
  // enters: mark the shown figure stale and wait for the page to replace it with a count of at least one
  await page.evaluate(() => { document.querySelector('[data-kpi="decisions_per_minute"] dd').textContent = 'stale'; });
  await page.waitForFunction(() => {
    const text = document.querySelector('[data-kpi="decisions_per_minute"] dd')?.textContent ?? '';
    return /^[0-9]+$/.test(text) && Number(text) >= 1;
  }, null, { timeout: 15_000 });
  assert.deepEqual(await seriousViolations(page), []);
  await finish(page);
});
