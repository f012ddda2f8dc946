import type { BatchGetItemInput, BatchWriteItemInput } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource, DynamoDbTransport } from '../../local/datasources/index.js';
import { closeFixture, dataSources, setUpTables, typed, type Fixture } from './support.js';

let f: Fixture;
let ds: DataSource;
let main: string;
let other: string;

beforeAll(async () => {
  f = await setUpTables('batch');
  ds = dataSources(f).mainTable;
  main = f.tables.main;
  other = f.tables.other;
});
afterAll(() => closeFixture(f));

/**
 * A transport that forwards batch calls to DynamoDB Local but holds back the
 * first request of each table, reporting it unprocessed — as DynamoDB does
 * under throttling, which the local engine never does on its own.
 */
function withheld(real: DynamoDbTransport): DynamoDbTransport {
  const call: DynamoDbTransport['call'] = async (operation, input) => {
    if (operation === 'BatchWriteItem') {
      const { RequestItems = {} } = input as BatchWriteItemInput;
      const held: BatchWriteItemInput['RequestItems'] = {};
      const sent: BatchWriteItemInput['RequestItems'] = {};
      for (const [t, reqs] of Object.entries(RequestItems)) {
        held[t] = reqs.slice(0, 1);
        if (reqs.length > 1) sent[t] = reqs.slice(1);
      }
      if (Object.keys(sent).length) await real.call('BatchWriteItem', { RequestItems: sent });
      return { UnprocessedItems: held } as never;
    }
    if (operation === 'BatchGetItem') {
      const { RequestItems = {} } = input as BatchGetItemInput;
      const held: NonNullable<BatchGetItemInput['RequestItems']> = {};
      const sent: NonNullable<BatchGetItemInput['RequestItems']> = {};
      for (const [t, ka] of Object.entries(RequestItems)) {
        held[t] = { ...ka, Keys: ka.Keys!.slice(0, 1) };
        if (ka.Keys!.length > 1) sent[t] = { ...ka, Keys: ka.Keys!.slice(1) };
      }
      const out = Object.keys(sent).length ? await real.call('BatchGetItem', { RequestItems: sent }) : {};
      return { Responses: out.Responses ?? {}, UnprocessedKeys: held } as never;
    }
    return real.call(operation, input);
  };
  return { call, destroy: () => {} };
}

describe('BatchPutItem, BatchGetItem, BatchDeleteItem over two tables', () => {
  it('puts items into two tables and reports what it wrote per table', async () => {
    const res = await ds.invoke({
      operation: 'BatchPutItem',
      tables: {
        [main]: [typed({ pk: 'P', sk: '1', v: 1 }), typed({ pk: 'P', sk: '2', v: 2 })],
        [other]: [typed({ id: 'a', name: 'A' })],
      },
    });
    expect(res.error).toBeUndefined();
    expect(res.result).toEqual({
      data: { [main]: [{ pk: 'P', sk: '1', v: 1 }, { pk: 'P', sk: '2', v: 2 }], [other]: [{ id: 'a', name: 'A' }] },
      unprocessedItems: { [main]: [], [other]: [] },
    });
  });

  it('gets items in the order of the keys, with null for missing ones, and projects per table', async () => {
    const res = await ds.invoke({
      operation: 'BatchGetItem',
      tables: {
        [main]: { keys: [typed({ pk: 'P', sk: '2' }), typed({ pk: 'P', sk: 'nope' }), typed({ pk: 'P', sk: '1' })], consistentRead: true },
        [other]: { keys: [typed({ id: 'a' })], projection: { expression: '#n', expressionNames: { '#n': 'name' } } },
      },
    });
    expect(res.error).toBeUndefined();
    expect(res.result).toEqual({
      data: { [main]: [{ pk: 'P', sk: '2', v: 2 }, null, { pk: 'P', sk: '1', v: 1 }], [other]: [{ name: 'A' }] },
      unprocessedKeys: { [main]: [], [other]: [] },
    });
  });

  it('deletes by key in two tables and reports the deleted keys', async () => {
    const res = await ds.invoke({
      operation: 'BatchDeleteItem',
      tables: { [main]: [typed({ pk: 'P', sk: '1' })], [other]: [typed({ id: 'a' })] },
    });
    expect(res).toEqual({ result: { data: { [main]: [{ pk: 'P', sk: '1' }], [other]: [{ id: 'a' }] }, unprocessedKeys: { [main]: [], [other]: [] } } });
    const left = await ds.invoke({ operation: 'BatchGetItem', tables: { [main]: { keys: [typed({ pk: 'P', sk: '1' }), typed({ pk: 'P', sk: '2' })] } } });
    expect((left.result as { data: Record<string, unknown[]> }).data[main]).toEqual([null, { pk: 'P', sk: '2', v: 2 }]);
  });
});

describe('unprocessed items and keys', () => {
  it('returns unprocessed puts as null in data and lists them in unprocessedItems', async () => {
    const partial = dataSources(f, withheld(f.transport)).mainTable;
    const res = await partial.invoke({
      operation: 'BatchPutItem',
      tables: { [main]: [typed({ pk: 'Q', sk: '1' }), typed({ pk: 'Q', sk: '2' })], [other]: [typed({ id: 'q' })] },
    });
    expect(res.error).toBeUndefined();
    expect(res.result).toEqual({
      data: { [main]: [null, { pk: 'Q', sk: '2' }], [other]: [null] },
      unprocessedItems: { [main]: [{ pk: 'Q', sk: '1' }], [other]: [{ id: 'q' }] },
    });
    const stored = await ds.invoke({ operation: 'GetItem', key: typed({ pk: 'Q', sk: '2' }) });
    expect(stored.result).toEqual({ pk: 'Q', sk: '2' });
    expect((await ds.invoke({ operation: 'GetItem', key: typed({ pk: 'Q', sk: '1' }) })).result).toBeNull();
  });

  it('returns unprocessed gets as null in data and lists their keys in unprocessedKeys', async () => {
    await ds.invoke({ operation: 'PutItem', key: typed({ pk: 'Q', sk: '1' }), attributeValues: typed({ v: 1 }) });
    const partial = dataSources(f, withheld(f.transport)).mainTable;
    const res = await partial.invoke({ operation: 'BatchGetItem', tables: { [main]: { keys: [typed({ pk: 'Q', sk: '1' }), typed({ pk: 'Q', sk: '2' })] } } });
    expect(res.result).toEqual({ data: { [main]: [null, { pk: 'Q', sk: '2' }] }, unprocessedKeys: { [main]: [{ pk: 'Q', sk: '1' }] } });
  });

  it('returns unprocessed deletes in unprocessedKeys and leaves those items in place', async () => {
    const partial = dataSources(f, withheld(f.transport)).mainTable;
    const res = await partial.invoke({ operation: 'BatchDeleteItem', tables: { [main]: [typed({ pk: 'Q', sk: '1' }), typed({ pk: 'Q', sk: '2' })] } });
    expect(res.result).toEqual({ data: { [main]: [null, { pk: 'Q', sk: '2' }] }, unprocessedKeys: { [main]: [{ pk: 'Q', sk: '1' }] } });
    expect((await ds.invoke({ operation: 'GetItem', key: typed({ pk: 'Q', sk: '1' }) })).result).not.toBeNull();
  });
});
