// Our layer's own cost per API request, without I/O: authentication of a
// repeated Cognito token, the GraphQL document (cached), execution with the
// Query.getItem resolver in the sandbox against a data source that answers at
// once, and the JSON answer. What the server adds to one request on top of
// its HTTP handling and the DynamoDB call.
//   npx tsx bench/layer.ts     (also part of npm run bench)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApi } from '../local/build/index.js';
import type { DataSource } from '../local/datasources/types.js';
import { createAuthenticator } from '../local/server/auth/authenticator.js';
import { loadAppSyncSchema } from '../local/server/graphql/schema.js';
import { loadOrCreateKeys, mintToken } from '../local/server/index.js';
import { createGraphQLService } from '../local/server/service.js';
import { timeCalls } from './cpu.js';

export interface LayerResult {
  cpuMicrosPerRequest: number;
  wallMicrosPerRequest: number;
  iterations: number;
}

export async function measureLayer(root: string, iterations = 20_000): Promise<LayerResult> {
  const { api, files } = await buildApi({ root, write: false });
  const schema = loadAppSyncSchema(readFileSync(join(root, api.schema), 'utf8'));
  const item = { pk: 'USER#u1', sk: 'ITEM#i1', userId: 'u1', itemId: 'i1', title: 't', status: 'TODO', version: 1 };
  const instant: DataSource = { type: 'AMAZON_DYNAMODB', invoke: async () => ({ result: item }) };
  const dataSources = Object.fromEntries(Object.keys(api.dataSources).map((name) => [name, instant]));
  const service = createGraphQLService({ def: api, schema, files, dataSources, tableNames: { items: 'items' } });
  const dataDir = mkdtempSync(join(tmpdir(), 'appsync-layer-'));
  try {
    const keys = await loadOrCreateKeys(dataDir);
    const auth = createAuthenticator({ modes: api.auth, keys });
    const token = await mintToken(keys, { user: 'u1', sub: 'u1' });
    const headers = { host: '127.0.0.1:4000', connection: 'keep-alive', 'content-type': 'application/json', authorization: token, 'content-length': '120' };
    const body = JSON.stringify({ query: 'query($id: ID!) { getItem(itemId: $id) { itemId title status version } }', variables: { id: 'i1' } });
    const once = async () => {
      const who = await auth.authenticate({ headers, method: 'POST', path: '/graphql', body, sourceIp: '127.0.0.1' });
      if (!who.ok) throw new Error('token refused');
      const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
      const r = await service.execute({ query, variables, operationName: null, auth: who, headers });
      return JSON.stringify(r.body);
    };
    const check = await once();
    if (!check.includes('"itemId":"i1"') || check.includes('errors')) throw new Error(`getItem misbehaves: ${check}`);
    const t = await timeCalls(once, iterations);
    return { cpuMicrosPerRequest: t.cpuMicros, wallMicrosPerRequest: t.wallMicros, iterations };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await measureLayer(fileURLToPath(new URL('..', import.meta.url)));
  console.log(`getItem through auth + GraphQL + resolver, no I/O: ${r.cpuMicrosPerRequest.toFixed(1)} µs CPU, ${r.wallMicrosPerRequest.toFixed(1)} µs wall per request (${r.iterations} runs after warm-up)`);
}
