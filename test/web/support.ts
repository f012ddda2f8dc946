// The web app under test: built by its real bundler (Vite, web/vite.config.ts)
// into a temporary directory once per test file, served from 127.0.0.1 with the
// same config/token middleware as `npm run web`, against our API served by the
// local server (in-process, on the shared test DynamoDB Local).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { expect, inject } from 'vitest';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';
export { serveApp } from '../../web/serve.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Builds web/ with Vite into a fresh directory. */
export async function buildApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'web-app-'));
  // Vite takes NODE_ENV from the environment when set, and vitest sets it to
  // "test": that would bundle React's development build. Test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(root, 'web/vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

export interface TestApi {
  app: LocalAppSync;
  dataDir: string;
  configPath: string;
  /** POSTs a GraphQL operation as `user` (a token minted by the server). */
  gql(user: string, query: string, variables?: Record<string, unknown>): Promise<any>;
  stop(): Promise<void>;
}

let counter = 0;
export async function startApi(https = false): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'web-api-'));
  const configPath = join(dataDir, 'frontend-config.json');
  const app = await startLocalAppSync({
    root,
    prebuilt: true,
    dataDir,
    https,
    port: 0,
    host: '127.0.0.1',
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `web${process.pid}_${Date.now()}_${counter++}_`,
    frontendConfigPath: configPath,
  });
  const ca = app.certPath ? readFileSync(app.certPath, 'utf8') : undefined;
  const gql = async (user: string, query: string, variables?: Record<string, unknown>) => {
    const body = JSON.stringify({ query, variables });
    const headers = { 'content-type': 'application/json', authorization: await app.mintToken(user) };
    const text = ca ? await httpsPost(app.url, body, headers, ca) : await (await fetch(app.url, { method: 'POST', headers, body })).text();
    const answer = JSON.parse(text);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  };
  return {
    app,
    dataDir,
    configPath,
    gql,
    stop: async () => {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function httpsPost(url: string, body: string, headers: Record<string, string>, ca: string): Promise<string> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, ca }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every request a page makes must stay on this machine. */
export function recordForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const { protocol, hostname } = new URL(r.url());
    if (protocol === 'data:' || protocol === 'blob:') return;
    if (hostname !== '127.0.0.1' && hostname !== 'localhost') foreign.push(r.url());
  });
  return foreign;
}

/** Signs in with the developer sign-in and waits until live updates are on. */
export async function signIn(page: Page, origin: string, user: string, opts: { admin?: boolean } = {}): Promise<void> {
  await page.goto(origin);
  await page.getByLabel('User name').fill(user);
  if (opts.admin) await page.getByLabel(/admin/).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectLive(page);
}

export async function expectLive(page: Page): Promise<void> {
  await eventually(() => page.getByRole('status').textContent(), 15_000).toBe('Live');
}

/** The titles of the item rows shown, top to bottom. */
export function titles(page: Page): Promise<string[]> {
  return page.locator('li.item .item-title').allTextContents();
}

/** The item ids of the rows shown, top to bottom. */
export function shownIds(page: Page): Promise<string[]> {
  return page.locator('li.item[data-item-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id') ?? ''));
}

export const ITEM = 'userId itemId title status priority dueDate tags createdAt updatedAt version';

/**
 * expect.poll with room for a loaded machine: what a person would see "at once"
 * may take seconds when eight processes share two cores. Latency is measured in
 * bench/web-first-load.ts, not asserted here.
 */
export const eventually = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout, interval: 50 });
