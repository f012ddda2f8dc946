// The console in a real browser: headless Chromium loads GraphiQL from the local
// server (no network beyond it), runs a query with an API key, and shows the result.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalAppSync } from '../../local/server/index.js';
import { startHttpsFixture } from '../realtime/support.js';
import { launchBrowser } from '../support/browser.js';

let server: LocalAppSync;
let chromium: Browser;
let browser: BrowserContext;

beforeAll(async () => {
  ({ server } = await startHttpsFixture(false));
  chromium = await launchBrowser();
  browser = await chromium.newContext();
});
afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('GraphiQL console', () => {
  it('loads from installed assets only and runs a query with the chosen API key', async () => {
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    const query = 'query Console { hello(name: "console") }';
    await page.goto(`${origin}/?query=${encodeURIComponent(query)}`);
    await page.selectOption('#mode', 'API_KEY');
    await page.fill('#credential', server.apiKey);
    await page.click('.graphiql-execute-button');
    const result = page.locator('.result-window');
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 15_000 }).toContain('hello console');
    expect(foreign).toEqual([]);
  });

  it('shows the refusal when the credential is wrong', async () => {
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    await page.goto(`${origin}/?query=${encodeURIComponent('{ hello(name: "x") }')}`);
    await page.selectOption('#mode', 'API_KEY');
    await page.fill('#credential', 'da2-wrong');
    await page.click('.graphiql-execute-button');
    await expect.poll(async () => (await page.locator('.result-window').textContent()) ?? '', { timeout: 15_000 }).toContain('UnauthorizedException');
  });

  it('mints a local Cognito token for a user and sends it as the Authorization header', async () => {
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    const sent: Array<string | undefined> = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql')) sent.push(r.headers()['authorization']);
    });
    await page.goto(`${origin}/?query=${encodeURIComponent('{ hello(name: "cognito") }')}`);
    await page.selectOption('#mode', 'AMAZON_COGNITO_USER_POOLS');
    await page.fill('#user', 'carol');
    await page.click('#mint');
    await expect.poll(() => page.inputValue('#credential')).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    const token = await page.inputValue('#credential');
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())['cognito:username']).toBe('carol');
    await page.click('.graphiql-execute-button');
    await expect.poll(async () => (await page.locator('.result-window').textContent()) ?? '', { timeout: 15_000 }).toContain('hello cognito');
    expect(sent.at(-1)).toBe(token);
  });

  it('runs a subscription over the real-time endpoint and shows a published event', async () => {
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    await page.goto(`${origin}/?query=${encodeURIComponent('subscription { onPost(channel: "ui") { id text } }')}`);
    await page.selectOption('#mode', 'API_KEY');
    await page.fill('#credential', server.apiKey);
    await page.click('.graphiql-execute-button');
    await expect.poll(() => page.textContent('#status')).toBe('subscribed');
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.apiKey },
      body: JSON.stringify({ query: 'mutation { post(id: "ev1", channel: "ui", text: "from the test") { id channel text } }' }),
    });
    expect(res.status).toBe(200);
    await expect.poll(async () => (await page.locator('.result-window').textContent()) ?? '', { timeout: 15_000 }).toContain('from the test');
  });
});
