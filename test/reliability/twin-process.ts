// The fixture API's twin in a process of its own, as `appsync-local start`
// runs on a developer's machine: what it answers under a flood is measured
// without the test runner's heap and event loop in the same process.
// argv: DynamoDB endpoint, limits JSON. Sends { url, realtimeUrl, apiKey } over
// IPC once serving; 'stop' stops it and exits.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApi } from '../../local/build/index.js';
import { startLocalAppSync } from '../../local/server/index.js';
import { fixtureApi } from '../server/fixtures/api.js';

const [dynamodbEndpoint, limitsJson] = process.argv.slice(2);
const root = fileURLToPath(new URL('../server/fixtures/', import.meta.url));
const app = await startLocalAppSync({
  root,
  api: fixtureApi,
  schema: await readFile(join(root, 'schema.graphql'), 'utf8'),
  files: (await buildApi({ root, api: fixtureApi, write: false })).files,
  dataDir: mkdtempSync(join(tmpdir(), 'appsync-twin-')),
  dynamodbEndpoint,
  tablePrefix: `twin${process.pid}_`,
  frontendConfigPath: false,
  limits: JSON.parse(limitsJson),
});
process.on('message', async (m) => {
  if (m !== 'stop') return;
  await app.stop();
  process.exit(0);
});
process.send!({ url: app.url, realtimeUrl: app.realtimeUrl, apiKey: app.apiKey });
