// The local API under load, side by side with the raw engine: each API
// operation and the DynamoDB call it maps to, sent straight to DynamoDB Local
// with AWS SDK v3 at the same concurrency from the same load generator. The
// API runs as `appsync-local start` in its own process on the same engine.
import {
  GetItemCommand,
  TransactWriteItemsCommand,
  QueryCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { wireTransport } from '../local/datasources/index.js';
import { createDynamoDbClient, physicalTableName, startDynamoDbLocal } from '../local/engine/index.js';
import { startApiProcess, startProxyFloor } from './api-process.js';
import { graphqlPoster } from './http-client.js';
import { api as definition } from '../resolvers/api.js';
import { cpuMeter } from './cpu.js';
import { runLoad, sampleLoad, summarize, type LoadResult, type LoadSample } from './load.js';
import { itemRecord, seed, ulidAt, type SeededItem } from './seed.js';

export interface LoadRow {
  operation: string;
  rawOperation: string;
  api: LoadResult;
  raw: LoadResult;
  ratio: number;
  /** CPU milliseconds per request of each process, both sides. */
  cpuMsPerRequest: { api: Record<string, number>; raw: Record<string, number> };
  /** Served by bench/proxy-server.ts (HTTP hop + DynamoDB call only), not by the API. */
  floor?: boolean;
  /** The raw side used the server's wire transport instead of the SDK: the engine's ceiling from here. */
  wireBaseline?: boolean;
}

const USERS = 100;
const PER_USER = 100;
const ROUNDS = 2;

export async function measureApi(opts: { root: string; seconds: number; concurrency: number; warmupSeconds: number }) {
  const engine = await startDynamoDbLocal({ inMemory: true });
  const client = createDynamoDbClient(engine.endpoint);
  const wire = wireTransport(engine.endpoint);
  const prefix = 'bench_';
  const app = await startApiProcess({ root: opts.root, dynamodbEndpoint: engine.endpoint, tablePrefix: prefix });
  const http = graphqlPoster(app.url, opts.concurrency);
  const table = physicalTableName('items', definition.tables.items, prefix);
  const proxy = await startProxyFloor({ root: opts.root, dynamodbEndpoint: engine.endpoint, table });
  const proxyHttp = graphqlPoster(proxy.url, opts.concurrency);
  try {
    const items = await seed(client, table, USERS, PER_USER);
    const byUser = new Map<string, SeededItem[]>();
    for (const it of items) byUser.set(it.userId, [...(byUser.get(it.userId) ?? []), it]);
    const users = [...byUser.keys()];
    const tokens = new Map<string, string>();
    // Seeded items live under USER#<userId>: the token must carry that sub.
    for (const u of users) tokens.set(u, await app.mintToken(u, u));

    const ms = opts.seconds * 1000;
    const pick = <T>(list: T[], n: number) => list[(n * 7919) % list.length];
    const gql = (user: string, query: string, variables?: object) => http.post(tokens.get(user)!, query, variables);
    const cpu: Record<'api' | 'raw', Record<string, number>> = { api: {}, raw: {} };
    const sample = async (side: 'api' | 'raw', task: (w: number, n: number) => Promise<unknown>, serverPid: number | undefined) => {
      const meter = cpuMeter(side === 'api' ? { apiServer: serverPid, engine: engine.pid } : { engine: engine.pid });
      const s = await sampleLoad({ concurrency: opts.concurrency, durationMs: ms / ROUNDS, task: async (w, n) => void (await task(w, n)) });
      for (const [k, v] of Object.entries(meter())) cpu[side][k] = (cpu[side][k] ?? 0) + v;
      return s;
    };
    const perRequest = (used: Record<string, number>, requests: number) =>
      Object.fromEntries(Object.entries(used).map(([k, v]) => [k, Math.round((v / requests) * 1000) / 1000]));

    // DynamoDB Local's JVM speeds up several-fold over its first seconds of
    // traffic (JIT): every pair runs once unmeasured, then measured.
    type Task = (w: number, n: number) => Promise<unknown>;
    type Kind = { floor?: boolean; wireBaseline?: boolean };
    const pairs: Array<{ operation: string; rawOperation: string; apiTask: Task; rawTask: Task; serverPid: number | undefined; kind: Kind }> = [];
    const row = async (operation: string, rawOperation: string, apiTask: Task, rawTask: Task, kind: Kind = {}) => {
      pairs.push({ operation, rawOperation, apiTask, rawTask, serverPid: kind.floor ? proxy.pid : app.pid, kind });
    };

    const key = (it: SeededItem) => marshall({ pk: `USER#${it.userId}`, sk: `ITEM#${it.itemId}` });
    const getItem: Task = (w, n) => {
      const it = pick(items, w * 100_003 + n);
      return gql(it.userId, 'query($id: ID!) { getItem(itemId: $id) { itemId title status version } }', { id: it.itemId });
    };
    await row('getItem', 'GetItem', getItem, (w, n) => client.send(new GetItemCommand({ TableName: table, Key: key(pick(items, w * 100_003 + n)) })));
    // The same API requests against the engine's ceiling from this machine: the
    // raw side on the leanest client there is, the server's own wire transport.
    await row('getItem', 'GetItem, wire', getItem, (w, n) => wire.call('GetItem', { TableName: table, Key: key(pick(items, w * 100_003 + n)) }), { wireBaseline: true });
    await row(
      'getItem, bare proxy',
      'GetItem',
      (w, n) => {
        const it = pick(items, w * 100_003 + n);
        // The same headers as the API request (the token too), so only the work differs.
        return proxyHttp.post(tokens.get(it.userId)!, 'getItem', { pk: `USER#${it.userId}`, sk: `ITEM#${it.itemId}` });
      },
      (w, n) => client.send(new GetItemCommand({ TableName: table, Key: key(pick(items, w * 100_003 + n)) })),
      { floor: true },
    );
    const queryInput = (user: string, limit: number) => ({
      TableName: table,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :p)',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: marshall({ ':pk': `USER#${user}`, ':p': 'ITEM#' }),
      ScanIndexForward: false,
      Limit: limit,
    });
    await row(
      'listItems(limit 20)',
      'Query(20)',
      (w, n) => gql(pick(users, w + n), '{ listItems(limit: 20) { items { itemId title status } nextToken } }'),
      (w, n) => client.send(new QueryCommand(queryInput(pick(users, w + n), 20))),
    );
    let seq = 10_000_000;
    // The raw side does what createItem does since the item quota: the conditional put and the
    // counter increment in one transaction (resolvers/lib/quota.ts), on a counter of its own.
    await row(
      'createItem',
      'TransactWrite(Put+Update)',
      (w, n) => gql(pick(users, w + n), 'mutation { createItem(input: { title: "bench" }) { itemId version } }'),
      (w, n) => {
        const user = pick(users, w + n);
        seq += 1;
        const id = ulidAt(Date.now(), seq);
        return client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: table, Item: marshall(itemRecord(user, id, seq)), ConditionExpression: 'attribute_not_exists(pk)' } },
              {
                Update: {
                  TableName: table,
                  Key: marshall({ pk: `USER#${user}`, sk: 'QUOTA#raw' }),
                  UpdateExpression: 'SET #c = if_not_exists(#c, :zero) + :one',
                  ConditionExpression: 'attribute_not_exists(#c) OR #c < :max',
                  ExpressionAttributeNames: { '#c': 'itemCount' },
                  ExpressionAttributeValues: marshall({ ':zero': 0, ':one': 1, ':max': 1_000_000 }),
                },
              },
            ],
          }),
        );
      },
    );
    // Each worker updates items of its own user, so optimistic locking never conflicts.
    const versions = new Map<string, number>();
    await row(
      'updateItem',
      'UpdateItem',
      async (w, n) => {
        const user = users[w % users.length];
        const it = byUser.get(user)![n % PER_USER];
        const expected = versions.get(it.itemId) ?? 1;
        const data = await gql(user, 'mutation($in: UpdateItemInput!) { updateItem(input: $in) { version } }', {
          in: { itemId: it.itemId, expectedVersion: expected, title: `t${n}` },
        });
        versions.set(it.itemId, data.updateItem.version);
      },
      (w, n) => {
        const user = users[(w + 50) % users.length];
        const it = byUser.get(user)![n % PER_USER];
        return client.send(
          new UpdateItemCommand({
            TableName: table,
            Key: key(it),
            UpdateExpression: 'SET #t = :t, #v = #v + :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#t': 'title', '#v': 'version' },
            ExpressionAttributeValues: marshall({ ':t': `t${n}`, ':one': 1 }),
          }),
        );
      },
    );
    await row(
      'me { items(limit 10) }',
      'Get+Query(10)',
      (w, n) => gql(pick(users, w + n), '{ me { userId items(limit: 10) { items { itemId title } } } }'),
      async (w, n) => {
        const user = pick(users, w + n);
        await client.send(new GetItemCommand({ TableName: table, Key: marshall({ pk: `USER#${user}`, sk: 'PROFILE' }) }));
        await client.send(new QueryCommand(queryInput(user, 10)));
      },
    );
    const warm = (task: (w: number, n: number) => Promise<unknown>) =>
      runLoad({ concurrency: opts.concurrency, durationMs: (opts.warmupSeconds * 1000) / (pairs.length * 2), task: async (w, n) => void (await task(w, n)) });
    for (const p of pairs) {
      await warm(p.rawTask);
      await warm(p.apiTask);
    }
    // Raw and API alternate in rounds, so the engine's drift (it keeps
    // speeding up for minutes) does not favour whichever side runs second.
    const rows: LoadRow[] = [];
    for (const p of pairs) {
      const rawSamples: LoadSample[] = [];
      const apiSamples: LoadSample[] = [];
      cpu.api = {};
      cpu.raw = {};
      for (let round = 0; round < ROUNDS; round += 1) {
        rawSamples.push(await sample('raw', p.rawTask, undefined));
        apiSamples.push(await sample('api', p.apiTask, p.serverPid));
      }
      const raw = summarize(rawSamples);
      const apiResult = summarize(apiSamples);
      rows.push({
        operation: p.operation,
        rawOperation: p.rawOperation,
        api: apiResult,
        raw,
        ratio: apiResult.rps / raw.rps,
        cpuMsPerRequest: { api: perRequest(cpu.api, apiResult.requests), raw: perRequest(cpu.raw, raw.requests) },
        ...p.kind,
      });
    }
    return { users: USERS, seededItems: items.length, warmupSeconds: opts.warmupSeconds, rows };
  } finally {
    http.close();
    proxyHttp.close();
    await proxy.stop();
    await app.stop();
    (client as DynamoDBClient).destroy();
    wire.destroy();
    await engine.stop();
  }
}
