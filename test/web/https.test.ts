// The app against `appsync-local start --https`: GraphQL over HTTPS and the
// real-time protocol over WSS with the server's self-signed certificate, which
// the browser trusts the way a tester would tell it to: Chromium's
// --ignore-certificate-errors-spki-list with that certificate's key, and no other.
import { readFileSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { buildApp, eventually, recordForeignRequests, serveApp, signIn, startApi, titles, type TestApi } from './support.js';

let api: TestApi;
let dist: string;
let web: Awaited<ReturnType<typeof serveApp>>;
let browser: Browser;
const foreign: string[] = [];

beforeAll(async () => {
  [api, dist] = await Promise.all([startApi(true), buildApp()]);
  web = await serveApp(dist, { configPath: api.configPath });
  browser = await launchBrowser({ trustCertificate: readFileSync(api.app.certPath!, 'utf8') });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await api?.stop();
  if (dist) rmSync(dist, { recursive: true, force: true });
  expect(foreign).toEqual([]);
});

async function tab(user: string): Promise<{ page: Page; sockets: string[]; posts: string[] }> {
  const page = await (await browser.newContext()).newPage();
  foreign.push(...recordForeignRequests(page));
  page.on('pageerror', (e) => foreign.push(`page error: ${e.message}`));
  const sockets: string[] = [];
  const posts: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  page.on('request', (r) => r.method() === 'POST' && r.url().includes('/graphql') && posts.push(r.url()));
  await signIn(page, web.origin, user);
  return { page, sockets, posts };
}

it('signs in, lists and receives live updates over HTTPS and WSS', async () => {
  expect(api.app.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
  const [a, b] = await Promise.all([tab('tess'), tab('tess')]);
  const form = a.page.locator('section', { has: a.page.getByRole('heading', { name: 'New item' }) });
  await form.getByLabel('Title').fill('Over TLS');
  await form.getByRole('button', { name: 'Add' }).click();
  await eventually(() => titles(b.page)).toEqual(['Over TLS']);

  for (const tabOf of [a, b]) {
    expect(tabOf.sockets.length).toBeGreaterThan(0);
    for (const url of tabOf.sockets) expect(url.startsWith(`${api.app.realtimeUrl}?`)).toBe(true);
    expect(tabOf.posts.length).toBeGreaterThan(0);
    for (const url of tabOf.posts) expect(url).toBe(api.app.url);
  }
  expect(api.app.realtimeUrl).toMatch(/^wss:/);
});

it('without that trust, shows the failure instead of items', async () => {
  const untrusting = await launchBrowser();
  try {
    const page = await untrusting.newPage();
    foreign.push(...recordForeignRequests(page));
    await page.goto(web.origin);
    await page.getByLabel('User name').fill('tess');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.locator('.error-state').textContent()).toMatch(/^Could not load your items: .+/);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    expect(await titles(page)).toEqual([]);
  } finally {
    await untrusting.close();
  }
});
