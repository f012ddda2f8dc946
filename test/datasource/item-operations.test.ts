import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../../local/datasources/index.js';
import { closeFixture, dataSources, setUpTables, typed, type Fixture } from './support.js';

let f: Fixture;
let ds: DataSource;

beforeAll(async () => {
  f = await setUpTables('items');
  ds = dataSources(f).mainTable;
});
afterAll(() => closeFixture(f));

const key = (pk: string, sk: string) => typed({ pk, sk });

describe('PutItem and GetItem', () => {
  it('writes an item and reads it back as plain JSON with numbers as numbers', async () => {
    const put = await ds.invoke({
      operation: 'PutItem',
      key: key('U#1', 'ITEM#1'),
      attributeValues: { ...typed({ title: 'first', count: 3, done: false, tags: ['a', 'b'], meta: { x: 1 } }), nothing: { NULL: true }, alsoNothing: { NULL: null }, set: { SS: ['x', 'y'] } },
    });
    expect(put.error).toBeUndefined();
    expect(put.result).toEqual({
      pk: 'U#1', sk: 'ITEM#1', title: 'first', count: 3, done: false, tags: ['a', 'b'], meta: { x: 1 }, nothing: null, alsoNothing: null, set: ['x', 'y'],
    });
    const got = await ds.invoke({ operation: 'GetItem', key: key('U#1', 'ITEM#1'), consistentRead: true });
    expect(got).toEqual({ result: put.result });
  });

  it('accepts numbers given as strings, as util.dynamodb.toDynamoDB may produce them', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('U#1', 'NUM'), attributeValues: { n: { N: '12.5' }, ns: { NS: [1, '2'] } } });
    const got = await ds.invoke({ operation: 'GetItem', key: key('U#1', 'NUM') });
    expect(got.result).toMatchObject({ n: 12.5 });
    expect((got.result as { ns: number[] }).ns.sort()).toEqual([1, 2]);
  });

  it('stores binary values and sets given as base64 and returns them as base64', async () => {
    const b1 = Buffer.from([0, 1, 2, 255]).toString('base64');
    const b2 = Buffer.from('hi').toString('base64');
    await ds.invoke({ operation: 'PutItem', key: key('U#1', 'BIN'), attributeValues: { b: { B: b1 }, bs: { BS: [b1, b2] }, l: { L: [{ N: 1 }, { S: 'x' }] } } });
    const got = (await ds.invoke({ operation: 'GetItem', key: key('U#1', 'BIN') })).result as { b: string; bs: string[]; l: unknown[] };
    expect(got.b).toBe(b1);
    expect(got.bs.sort()).toEqual([b1, b2].sort());
    expect(got.l).toEqual([1, 'x']);
  });

  it('returns null for an item that does not exist', async () => {
    expect(await ds.invoke({ operation: 'GetItem', key: key('U#1', 'MISSING') })).toEqual({ result: null });
  });

  it('returns only the projected attributes', async () => {
    const got = await ds.invoke({
      operation: 'GetItem',
      key: key('U#1', 'ITEM#1'),
      projection: { expression: '#t, #c', expressionNames: { '#t': 'title', '#c': 'count' } },
    });
    expect(got.result).toEqual({ title: 'first', count: 3 });
  });

  // AWS: "Condition expressions › Handling a condition check failure" (JS resolver reference for DynamoDB):
  // Reject gives the error, and the response handler reads the current item from ctx.result.
  it('fails a conditional put on an existing item with ConditionalCheckFailedException, the current item in result', async () => {
    const res = await ds.invoke({
      operation: 'PutItem',
      key: key('U#1', 'ITEM#1'),
      attributeValues: typed({ title: 'other' }),
      condition: { expression: 'attribute_not_exists(pk)' },
    });
    expect(res.result).toMatchObject({ pk: 'U#1', sk: 'ITEM#1', title: 'first' });
    expect(res.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(res.error?.message).toMatch(/^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    expect(res.error).not.toHaveProperty('data');
    const still = await ds.invoke({ operation: 'GetItem', key: key('U#1', 'ITEM#1') });
    expect(still.result).toMatchObject({ title: 'first' });
  });

  it('treats a failed conditional put as success when the stored item already equals the one being written', async () => {
    const attrs = typed({ title: 'same', version: 1 });
    const first = await ds.invoke({ operation: 'PutItem', key: key('U#2', 'A'), attributeValues: attrs, condition: { expression: 'attribute_not_exists(pk)' } });
    expect(first.error).toBeUndefined();
    const again = await ds.invoke({ operation: 'PutItem', key: key('U#2', 'A'), attributeValues: attrs, condition: { expression: 'attribute_not_exists(pk)' } });
    expect(again).toEqual({ result: { pk: 'U#2', sk: 'A', title: 'same', version: 1 } });
  });

  it('leaves attributes named in equalsIgnore out of that comparison', async () => {
    const cond = { expression: 'attribute_not_exists(pk)', equalsIgnore: ['version'] };
    const differentVersion = typed({ title: 'same', version: 2 });
    const ignored = await ds.invoke({ operation: 'PutItem', key: key('U#2', 'A'), attributeValues: differentVersion, condition: cond });
    expect(ignored.error).toBeUndefined();
    expect(ignored.result).toEqual({ pk: 'U#2', sk: 'A', title: 'same', version: 1 });

    const notIgnored = await ds.invoke({ operation: 'PutItem', key: key('U#2', 'A'), attributeValues: differentVersion, condition: { expression: 'attribute_not_exists(pk)' } });
    expect(notIgnored.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
  });
});

describe('UpdateItem', () => {
  it('applies the update and returns the whole new item', async () => {
    const res = await ds.invoke({
      operation: 'UpdateItem',
      key: key('U#1', 'ITEM#1'),
      update: { expression: 'SET #t = :t ADD #c :one', expressionNames: { '#t': 'title', '#c': 'count' }, expressionValues: typed({ ':t': 'renamed', ':one': 1 }) },
      condition: { expression: '#c = :three', expressionNames: { '#c': 'count' }, expressionValues: typed({ ':three': 3 }) },
    });
    expect(res.error).toBeUndefined();
    expect(res.result).toMatchObject({ pk: 'U#1', sk: 'ITEM#1', title: 'renamed', count: 4, done: false });
  });

  it('reports a failed optimistic lock with the current item, even if the update would change nothing', async () => {
    const res = await ds.invoke({
      operation: 'UpdateItem',
      key: key('U#1', 'ITEM#1'),
      update: { expression: 'SET #t = :t', expressionNames: { '#t': 'title' }, expressionValues: typed({ ':t': 'renamed' }) },
      condition: { expression: '#c = :v', expressionNames: { '#c': 'count' }, expressionValues: typed({ ':v': 99 }) },
    });
    // UpdateItem never compares: the strategy (Reject) applies, current item in result.
    expect(res.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(res.result).toMatchObject({ title: 'renamed', count: 4 });
  });

  it('passes DynamoDB validation errors on as DynamoDbException', async () => {
    const res = await ds.invoke({ operation: 'UpdateItem', key: typed({ pk: 'U#1' }), update: { expression: 'SET a = :a', expressionValues: typed({ ':a': 1 }) } });
    expect(res.error?.type).toBe('DynamoDB:DynamoDbException');
    expect(res.error?.message).toMatch(/ \(Service: DynamoDb, Status Code: 400, Request ID: [^)]+\)$/);
  });
});

describe('DeleteItem', () => {
  it('deletes and returns the deleted item', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('U#3', 'X'), attributeValues: typed({ v: 1 }) });
    const res = await ds.invoke({ operation: 'DeleteItem', key: key('U#3', 'X') });
    expect(res).toEqual({ result: { pk: 'U#3', sk: 'X', v: 1 } });
    expect((await ds.invoke({ operation: 'GetItem', key: key('U#3', 'X') })).result).toBeNull();
  });

  it('fails when the condition does not hold and keeps the item', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('U#3', 'Y'), attributeValues: typed({ version: 2 }) });
    const res = await ds.invoke({
      operation: 'DeleteItem',
      key: key('U#3', 'Y'),
      condition: { expression: 'version = :v', expressionValues: typed({ ':v': 1 }) },
    });
    expect(res.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(res.result).toEqual({ pk: 'U#3', sk: 'Y', version: 2 });
    expect((await ds.invoke({ operation: 'GetItem', key: key('U#3', 'Y') })).result).not.toBeNull();
  });

  // AWS: "Handling a condition check failure": for DeleteItem, no stored item means the operation succeeded.
  it('treats a failed conditional delete of a missing item as a success with no item', async () => {
    const res = await ds.invoke({ operation: 'DeleteItem', key: key('U#3', 'NONE'), condition: { expression: 'attribute_exists(pk)' } });
    expect(res).toEqual({ result: null });
  });

  it('rejects a failed conditional update of a missing item with no current item', async () => {
    const res = await ds.invoke({
      operation: 'UpdateItem',
      key: key('U#3', 'NONE'),
      update: { expression: 'SET #t = :t', expressionNames: { '#t': 'title' }, expressionValues: typed({ ':t': 'x' }) },
      condition: { expression: 'attribute_exists(pk)' },
    });
    expect(res.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(res.result).toBeNull();
  });
});
