import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../../local/datasources/index.js';
import { closeFixture, dataSources, setUpTables, typed, type Fixture } from './support.js';

let f: Fixture;
let ds: DataSource;
let main: string;
let other: string;

beforeAll(async () => {
  f = await setUpTables('tx');
  ds = dataSources(f).mainTable;
  main = f.tables.main;
  other = f.tables.other;
});
afterAll(() => closeFixture(f));

describe('TransactWriteItems', () => {
  it('writes across two tables atomically and returns the keys in request order', async () => {
    const res = await ds.invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: main, operation: 'PutItem', key: typed({ pk: 'U#1', sk: 'PROFILE' }), attributeValues: typed({ email: 'a@x' }), condition: { expression: 'attribute_not_exists(pk)' } },
        { table: other, operation: 'PutItem', key: typed({ id: 'EMAIL#a@x' }), attributeValues: typed({ owner: 'U#1' }), condition: { expression: 'attribute_not_exists(id)' } },
      ],
    });
    expect(res).toEqual({ result: { keys: [{ pk: 'U#1', sk: 'PROFILE' }, { id: 'EMAIL#a@x' }], cancellationReasons: null } });
  });

  it('updates, deletes and checks conditions in one transaction', async () => {
    const res = await ds.invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: main, operation: 'UpdateItem', key: typed({ pk: 'U#1', sk: 'PROFILE' }), update: { expression: 'SET #e = :e', expressionNames: { '#e': 'email' }, expressionValues: typed({ ':e': 'b@x' }) } },
        { table: other, operation: 'DeleteItem', key: typed({ id: 'EMAIL#a@x' }) },
        { table: other, operation: 'ConditionCheck', key: typed({ id: 'EMAIL#b@x' }), condition: { expression: 'attribute_not_exists(id)' } },
      ],
    });
    expect(res.error).toBeUndefined();
    expect((await ds.invoke({ operation: 'GetItem', key: typed({ pk: 'U#1', sk: 'PROFILE' }) })).result).toEqual({ pk: 'U#1', sk: 'PROFILE', email: 'b@x' });
  });

  it('cancels the whole transaction and reports a reason per item, with the item that failed its check', async () => {
    await ds.invoke({ operation: 'PutItem', key: typed({ pk: 'TAKEN', sk: 'X' }), attributeValues: typed({ owner: 'someone' }) });
    const res = await ds.invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: other, operation: 'PutItem', key: typed({ id: 'NEW' }), attributeValues: typed({}) },
        { table: main, operation: 'PutItem', key: typed({ pk: 'TAKEN', sk: 'X' }), attributeValues: typed({ owner: 'me' }), condition: { expression: 'attribute_not_exists(pk)' } },
      ],
    });
    expect(res.error?.type).toBe('DynamoDB:TransactionCanceledException');
    expect(res.error?.message).toMatch(/^Transaction cancelled, please refer cancellation reasons for specific reasons \[None, ConditionalCheckFailed\] \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    expect(res.result).toEqual({
      keys: null,
      cancellationReasons: [
        { type: 'None', message: null },
        { type: 'ConditionalCheckFailed', message: 'The conditional request failed', item: { pk: 'TAKEN', sk: 'X', owner: 'someone' } },
      ],
    });
    const notWritten = await dataSources(f).otherTable.invoke({ operation: 'GetItem', key: typed({ id: 'NEW' }) });
    expect(notWritten.result).toBeNull();
  });

  it('leaves the item out of the reason when returnValuesOnConditionCheckFailure is false', async () => {
    const res = await ds.invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: main, operation: 'ConditionCheck', key: typed({ pk: 'TAKEN', sk: 'X' }), condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false } },
      ],
    });
    expect(res.result).toEqual({ keys: null, cancellationReasons: [{ type: 'ConditionalCheckFailed', message: expect.stringMatching(/^The conditional request failed/) }] });
  });
});

describe('TransactGetItems', () => {
  it('reads items from two tables in request order, null for missing ones', async () => {
    const res = await ds.invoke({
      operation: 'TransactGetItems',
      transactItems: [
        { table: main, key: typed({ pk: 'U#1', sk: 'PROFILE' }) },
        { table: other, key: typed({ id: 'missing' }) },
        { table: main, key: typed({ pk: 'TAKEN', sk: 'X' }), projection: { expression: '#o', expressionNames: { '#o': 'owner' } } },
      ],
    });
    expect(res).toEqual({ result: { items: [{ pk: 'U#1', sk: 'PROFILE', email: 'b@x' }, null, { owner: 'someone' }], cancellationReasons: null } });
  });

  it('reports DynamoDB errors of the whole request', async () => {
    const res = await ds.invoke({ operation: 'TransactGetItems', transactItems: [{ table: 'no_such_table_here', key: typed({ id: 'x' }) }] });
    expect(res.error?.type).toMatch(/^DynamoDB:/);
    expect(res.result).toBeUndefined();
  });
});
