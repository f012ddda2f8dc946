// The fixture API's start options, without the test runner: shared by
// startFixture (support.ts) and the twin run in a process of its own
// (test/reliability/twin-process.ts).
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApi } from '../../local/build/index.js';
import type { ApiDefinition } from '../../local/definition.js';
import type { StartOptions } from '../../local/server/index.js';
import { fixtureApi } from './fixtures/api.js';

export const fixtureRoot = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The fixture's bundles, built by the same bundler as the project's (not written to disk). */
export async function bundle(api: ApiDefinition, root: string): Promise<Record<string, string>> {
  return (await buildApi({ root, api, write: false })).files;
}

let counter = 0;
/** Options for startLocalAppSync: the fixture API against `dynamodbEndpoint`, with its own table prefix and data directory. */
export async function fixtureOptions(dynamodbEndpoint: string, extra: Partial<StartOptions> = {}): Promise<StartOptions> {
  const api = extra.api ?? fixtureApi;
  return {
    root: fixtureRoot,
    api,
    schema: await readFile(join(fixtureRoot, 'schema.graphql'), 'utf8'),
    files: await bundle(api, fixtureRoot),
    dataDir: mkdtempSync(join(tmpdir(), 'appsync-server-')),
    dynamodbEndpoint,
    tablePrefix: `srv${process.pid}_${Date.now()}_${counter++}_`,
    frontendConfigPath: false,
    ...extra,
  };
}
