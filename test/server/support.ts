// Starts the local server on the fixture API (bundled here with esbuild) against
// the shared DynamoDB Local, with its own table prefix and data directory.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { inject } from 'vitest';
import { codeFiles, type ApiDefinition } from '../../local/definition.js';
import { startLocalAppSync, type LocalAppSync, type StartOptions } from '../../local/server/index.js';
import { fixtureApi } from './fixtures/api.js';

export const fixtureRoot = fileURLToPath(new URL('./fixtures/', import.meta.url));

export async function bundle(api: ApiDefinition, root: string): Promise<Record<string, string>> {
  const entries = codeFiles(api);
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(entries.map((code) => [code, join(root, api.sourceDir, `${code}.ts`)])),
    outdir: join(root, api.outDir),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'esnext',
    external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
    logLevel: 'silent',
  });
  const files: Record<string, string> = {};
  for (const out of result.outputFiles) files[out.path.slice(join(root, api.outDir).length + 1).replace(/\.js$/, '')] = out.text;
  return files;
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
