// Starts the local server on the fixture API (bundled here with esbuild) against
// the shared DynamoDB Local, with its own table prefix and data directory.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { buildApi } from '../../local/build/index.js';
import type { ApiDefinition } from '../../local/definition.js';
import { startLocalAppSync, type LocalAppSync, type StartOptions } from '../../local/server/index.js';
import { fixtureApi } from './fixtures/api.js';

export const fixtureRoot = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The fixture's bundles, built by the same bundler as the project's (not written to disk). */
export async function bundle(api: ApiDefinition, root: string): Promise<Record<string, string>> {
  return (await buildApi({ root, api, write: false })).files;
}

let counter = 0;
export async function startFixture(extra: Partial<StartOptions> = {}): Promise<LocalAppSync> {
  const api = extra.api ?? fixtureApi;
  return startLocalAppSync({
    root: fixtureRoot,
    api,
    schema: await readFile(join(fixtureRoot, 'schema.graphql'), 'utf8'),
    files: await bundle(api, fixtureRoot),
    dataDir: mkdtempSync(join(tmpdir(), 'appsync-server-')),
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `srv${process.pid}_${Date.now()}_${counter++}_`,
    frontendConfigPath: false,
    ...extra,
  });
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
