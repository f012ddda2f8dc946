import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDataSource, type DataSource } from '../../local/datasources/index.js';
import { closeFixture, dataSources, setUpTables, typed, type Fixture } from './support.js';

let f: Fixture;
let ds: DataSource;
const N = 23;

interface Page {
  items: Record<string, unknown>[];
  nextToken: string | null;
  scannedCount: number;
}

beforeAll(async () => {
  f = await setUpTables('query');
  ds = dataSources(f).mainTable;
  for (let i = 0; i < N; i++) {
    const id = String(i).padStart(3, '0');
    const status = i % 3 === 0 ? 'DONE' : 'OPEN';
    const res = await ds.invoke({
      operation: 'PutItem',
      key: typed({ pk: 'U#1', sk: `ITEM#${id}` }),
      attributeValues: typed({ n: i, status, gsi1pk: `U#1#${status}`, gsi1sk: id, body: `body ${i}` }),
    });
    expect(res.error).toBeUndefined();
  }
  await ds.invoke({ operation: 'PutItem', key: typed({ pk: 'U#2', sk: 'ITEM#000' }), attributeValues: typed({ n: 100 }) });
});
afterAll(() => closeFixture(f));

const byUser = (pk: string) => ({
  expression: '#pk = :pk AND begins_with(#sk, :p)',
  expressionNames: { '#pk': 'pk', '#sk': 'sk' },
  expressionValues: typed({ ':pk': pk, ':p': 'ITEM#' }),
});

async function run(req: Record<string, unknown>, on: DataSource = ds): Promise<Page> {
  const res = await on.invoke(req);
  expect(res.error).toBeUndefined();
  return res.result as Page;
}

describe('Query', () => {
  it('pages through every item exactly once with opaque tokens', async () => {
    const seen: unknown[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await run({ operation: 'Query', query: byUser('U#1'), limit: 5, ...(nextToken ? { nextToken } : {}) });
      pages++;
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((it) => it.n));
      if (page.nextToken) {
        expect(page.nextToken).not.toContain('ITEM#');
        expect(Buffer.from(page.nextToken, 'base64').toString()).not.toContain('ITEM#');
      }
      nextToken = page.nextToken ?? undefined;
    } while (nextToken);
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it('answers with items, nextToken and scannedCount, newest first when asked', async () => {
    const page = await run({ operation: 'Query', query: byUser('U#1'), limit: 3, scanIndexForward: false });
    expect(Object.keys(page).sort()).toEqual(['items', 'nextToken', 'scannedCount']);
    expect(page.items.map((it) => it.n)).toEqual([22, 21, 20]);
    expect(page.scannedCount).toBe(3);
    expect(typeof page.nextToken).toBe('string');
    const last = await run({ operation: 'Query', query: byUser('U#2') });
    expect(last.nextToken).toBeNull();
  });

  it('counts filtered-out items in scannedCount but not in items, and projects', async () => {
    const page = await run({
      operation: 'Query',
      query: byUser('U#1'),
      filter: { expression: '#s = :s', expressionNames: { '#s': 'status' }, expressionValues: typed({ ':s': 'DONE' }) },
      projection: { expression: '#n, #s', expressionNames: { '#n': 'n', '#s': 'status' } },
    });
    expect(page.scannedCount).toBe(N);
    expect(page.items).toEqual([0, 3, 6, 9, 12, 15, 18, 21].map((n) => ({ n, status: 'DONE' })));
  });

  it('queries a global secondary index, paginated', async () => {
    const q = { expression: 'gsi1pk = :g', expressionValues: typed({ ':g': 'U#1#OPEN' }) };
    const first = await run({ operation: 'Query', index: 'byStatus', query: q, limit: 10, scanIndexForward: false });
    expect(first.items).toHaveLength(10);
    expect(first.items.every((it) => it.status === 'OPEN')).toBe(true);
    const second = await run({ operation: 'Query', index: 'byStatus', query: q, limit: 10, scanIndexForward: false, nextToken: first.nextToken });
    const all = [...first.items, ...second.items].map((it) => it.n);
    expect(all).toEqual(Array.from({ length: N }, (_, i) => i).filter((i) => i % 3 !== 0).reverse().slice(0, all.length));
    expect(all.length).toBe(15);
  });

  it('rejects a tampered token instead of returning a wrong page', async () => {
    const page = await run({ operation: 'Query', query: byUser('U#1'), limit: 5 });
    const outer = JSON.parse(Buffer.from(page.nextToken!, 'base64').toString()) as { token: string };
    const raw = Buffer.from(outer.token, 'base64');
    raw[raw.length - 20] ^= 1;
    const tampered = Buffer.from(JSON.stringify({ ...outer, token: raw.toString('base64') })).toString('base64');
    for (const nextToken of [tampered, 'garbage', page.nextToken!.slice(0, -4)]) {
      const res = await ds.invoke({ operation: 'Query', query: byUser('U#1'), limit: 5, nextToken });
      expect(res.result).toBeUndefined();
      expect(res.error).toEqual({
        type: 'DynamoDB:UserIllegalArgumentException',
        message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
      });
    }
  });

  it('rejects a token issued for another query, another index or another server', async () => {
    const page = await run({ operation: 'Query', query: byUser('U#1'), limit: 5 });
    const otherQuery = await ds.invoke({ operation: 'Query', query: byUser('U#2'), nextToken: page.nextToken });
    expect(otherQuery.error?.type).toBe('DynamoDB:UserIllegalArgumentException');
    const otherIndex = await ds.invoke({
      operation: 'Query', index: 'byStatus', query: { expression: 'gsi1pk = :g', expressionValues: typed({ ':g': 'U#1#OPEN' }) }, nextToken: page.nextToken,
    });
    expect(otherIndex.error?.type).toBe('DynamoDB:UserIllegalArgumentException');
    const otherServer = createDynamoDbDataSource({ transport: f.transport, tableName: f.tables.main, tokenSecret: randomBytes(32) });
    const res = await otherServer.invoke({ operation: 'Query', query: byUser('U#1'), limit: 5, nextToken: page.nextToken });
    expect(res.error?.type).toBe('DynamoDB:UserIllegalArgumentException');
    const scan = await ds.invoke({ operation: 'Scan', nextToken: page.nextToken });
    expect(scan.error?.type).toBe('DynamoDB:UserIllegalArgumentException');
  });

  it('accepts the same token twice (tokens are not single-use) and may change the page size', async () => {
    const page = await run({ operation: 'Query', query: byUser('U#1'), limit: 5 });
    const a = await run({ operation: 'Query', query: byUser('U#1'), limit: 5, nextToken: page.nextToken });
    const b = await run({ operation: 'Query', query: byUser('U#1'), limit: 2, nextToken: page.nextToken });
    expect(a.items.map((i) => i.n)).toEqual([5, 6, 7, 8, 9]);
    expect(b.items.map((i) => i.n)).toEqual([5, 6]);
  });
});

describe('Scan', () => {
  it('pages through the whole table with a filter', async () => {
    const seen: unknown[] = [];
    let nextToken: string | null = null;
    let scanned = 0;
    do {
      const page: Page = await run({
        operation: 'Scan',
        limit: 7,
        filter: { expression: 'begins_with(pk, :u)', expressionValues: typed({ ':u': 'U#1' }) },
        ...(nextToken ? { nextToken } : {}),
      });
      scanned += page.scannedCount;
      seen.push(...page.items.map((it) => it.n));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(scanned).toBe(N + 1);
    expect([...seen].sort((a, b) => (a as number) - (b as number))).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it('splits the table into parallel segments that together cover it once', async () => {
    const all: unknown[] = [];
    for (const segment of [0, 1]) {
      const page = await run({ operation: 'Scan', segment, totalSegments: 2 });
      all.push(...page.items.map((it) => `${it.pk}/${it.sk}`));
    }
    expect(new Set(all).size).toBe(N + 1);
    expect(all).toHaveLength(N + 1);
  });

  it('scans an index with a projection', async () => {
    const page = await run({ operation: 'Scan', index: 'byStatus', projection: { expression: 'gsi1sk' } });
    expect(page.items).toHaveLength(N);
    expect(page.items.every((it) => Object.keys(it).join() === 'gsi1sk')).toBe(true);
  });
});

describe('Sync', () => {
  it('pages through the base table and says when it started', async () => {
    const before = Date.now();
    const first = await ds.invoke({ operation: 'Sync', limit: 20 });
    const page = first.result as Page & { startedAt: number };
    expect(page.startedAt).toBeGreaterThanOrEqual(before);
    expect(page.items).toHaveLength(20);
    const rest = (await ds.invoke({ operation: 'Sync', limit: 20, nextToken: page.nextToken })).result as Page;
    expect(page.items.length + rest.items.length).toBe(N + 1);
  });

  it('returns only items changed since lastSync', async () => {
    await ds.invoke({ operation: 'PutItem', key: typed({ pk: 'U#9', sk: 'S' }), attributeValues: typed({ _lastChangedAt: 2000 }) });
    await ds.invoke({ operation: 'PutItem', key: typed({ pk: 'U#9', sk: 'T' }), attributeValues: typed({ _lastChangedAt: 1000 }) });
    const page = (await ds.invoke({ operation: 'Sync', lastSync: 1500 })).result as Page;
    expect(page.items.map((it) => it.sk)).toEqual(['S']);
  });
});
