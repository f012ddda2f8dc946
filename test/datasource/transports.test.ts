// The data source answers the same through either transport: the SDK client
// (AWS endpoints) and DynamoDB's JSON protocol (local engines, what the other
// data-source tests and the server use). Every case runs on two sets of tables,
// one per transport, and the answers must be identical but for request ids.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource, DataSourceResult } from '../../local/datasources/index.js';
import { sdkTransport, wireTransport } from '../../local/datasources/index.js';
import { closeFixture, dataSources, setUpTables, typed, type Fixture } from './support.js';

const b64 = (...bytes: number[]) => Buffer.from(bytes).toString('base64');

type Tables = { main: string; other: string };
const cases: Array<[string, (t: Tables) => unknown]> = [
  [
    'PutItem of every attribute type, binary nested in maps and lists',
    () => ({
      operation: 'PutItem',
      key: typed({ pk: 'U#1', sk: 'A' }),
      attributeValues: {
        ...typed({ s: 'x', n: 1.5, yes: true, list: [1, 'a'], map: { deep: { n: 2 } } }),
        nil: { NULL: true },
        bin: { B: b64(0, 1, 255) },
        bins: { BS: [b64(1), b64(2, 3)] },
        strs: { SS: ['a', 'b'] },
        nums: { NS: ['1', '2.5'] },
        nested: { M: { b: { B: b64(9) }, l: { L: [{ B: b64(8) }, { S: 'B' }] } } },
      },
    }),
  ],
  ['GetItem of it', () => ({ operation: 'GetItem', key: typed({ pk: 'U#1', sk: 'A' }), consistentRead: true })],
  ['GetItem of a missing item', () => ({ operation: 'GetItem', key: typed({ pk: 'U#1', sk: 'nope' }) })],
  ['a binary key', () => ({ operation: 'PutItem', key: { pk: { S: 'U#1' }, sk: { S: 'BIN' } }, attributeValues: { k: { B: b64(7, 7) } } })],
  [
    'PutItem failing its condition (the stored item comes back, binary included)',
    () => ({ operation: 'PutItem', key: typed({ pk: 'U#1', sk: 'A' }), attributeValues: typed({ s: 'y' }), condition: { expression: 'attribute_not_exists(pk)' } }),
  ],
  [
    'UpdateItem returning the new item',
    () => ({
      operation: 'UpdateItem',
      key: typed({ pk: 'U#1', sk: 'A' }),
      update: { expression: 'SET #n = #n + :one, #b = :b', expressionNames: { '#n': 'n', '#b': 'bin' }, expressionValues: { ':one': { N: 1 }, ':b': { B: b64(4) } } },
    }),
  ],
  ['a validation error from the engine', () => ({ operation: 'GetItem', key: typed({ pk: 'U#1' }) })],
  ['DeleteItem returning the old item', () => ({ operation: 'DeleteItem', key: typed({ pk: 'U#1', sk: 'BIN' }) })],
  ['Query of a page', () => ({ operation: 'Query', query: { expression: 'pk = :pk', expressionValues: typed({ ':pk': 'U#1' }) }, limit: 1 })],
  ['Scan', () => ({ operation: 'Scan', limit: 10 })],
  [
    'BatchPutItem and BatchGetItem over two tables',
    (t) => ({ operation: 'BatchPutItem', tables: { [t.main]: [{ ...typed({ pk: 'U#2', sk: '1' }), b: { B: b64(5) } }], [t.other]: [typed({ id: 'o1' })] } }),
  ],
  [
    'BatchGetItem',
    (t) => ({ operation: 'BatchGetItem', tables: { [t.main]: { keys: [typed({ pk: 'U#2', sk: '1' }), typed({ pk: 'U#2', sk: 'x' })] }, [t.other]: { keys: [typed({ id: 'o1' })] } } }),
  ],
  ['BatchDeleteItem', (t) => ({ operation: 'BatchDeleteItem', tables: { [t.other]: [typed({ id: 'o1' })] } })],
  [
    'TransactWriteItems cancelled by a condition',
    (t) => ({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: t.other, operation: 'PutItem', key: typed({ id: 'new' }), attributeValues: typed({}) },
        { table: t.main, operation: 'ConditionCheck', key: typed({ pk: 'U#1', sk: 'A' }), condition: { expression: 'attribute_not_exists(pk)' } },
      ],
    }),
  ],
  [
    'TransactWriteItems that succeeds',
    (t) => ({ operation: 'TransactWriteItems', transactItems: [{ table: t.other, operation: 'PutItem', key: typed({ id: 'new' }), attributeValues: { b: { B: b64(6) } } }] }),
  ],
  ['TransactGetItems', (t) => ({ operation: 'TransactGetItems', transactItems: [{ table: t.other, key: typed({ id: 'new' }) }, { table: t.main, key: typed({ pk: 'U#1', sk: 'A' }) }] })],
];

let wire: Fixture;
let sdk: Fixture;
let viaWire: DataSource;
let viaSdk: DataSource;

beforeAll(async () => {
  [wire, sdk] = await Promise.all([setUpTables('wire'), setUpTables('sdk')]);
  for (const f of [wire, sdk]) f.transport.destroy();
  wire.transport = wireTransport(inject('dynamodbEndpoint'));
  sdk.transport = sdkTransport(sdk.client);
  viaWire = dataSources(wire).mainTable;
  viaSdk = dataSources(sdk).mainTable;
});
afterAll(() => {
  closeFixture(wire);
  closeFixture(sdk);
});

/** The answer without what differs by design: table names, request ids, nextTokens (random IVs). */
function comparable(res: DataSourceResult, f: Fixture): unknown {
  let text = JSON.stringify(res);
  for (const [logical, physical] of Object.entries(f.tables)) text = text.split(physical).join(`<${logical}>`);
  text = text.replace(/Request ID: [^)]+\)/g, 'Request ID: …)').replace(/"nextToken":"[^"]+"/g, '"nextToken":"…"');
  return JSON.parse(text);
}

describe('SDK and wire transports', () => {
  it.each(cases)('answer %s identically', async (_name, request) => {
    const [a, b] = await Promise.all([viaWire.invoke(request(wire.tables as Tables)), viaSdk.invoke(request(sdk.tables as Tables))]);
    expect(comparable(a, wire)).toEqual(comparable(b, sdk));
  });
});
