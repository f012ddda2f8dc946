// Item mutations and the subscription guard, run from their bundles through the local runtime.
import { describe, expect, it } from 'vitest';
import { call, cognito, conditionFailed } from '../support/resolver-harness.js';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('Mutation.createItem', () => {
  it('puts a new item under the caller partition, refusing to overwrite', async () => {
    const { requests, outcome } = await call('Mutation', 'createItem', {
      args: { input: { title: 'Buy milk', priority: 2, tags: ['home'] } },
      answers: [(req) => ({ result: { echoed: req.attributeValues.title.S } })],
    });
    const req = requests[0];
    expect(req.operation).toBe('PutItem');
    expect(req.condition).toEqual({ expression: 'attribute_not_exists(pk)' });
    const itemId = req.attributeValues.itemId.S as string;
    expect(itemId).toMatch(ULID);
    expect(req.key).toEqual({ pk: { S: 'USER#alice' }, sk: { S: `ITEM#${itemId}` } });
    expect(req.attributeValues).toMatchObject({
      userId: { S: 'alice' },
      title: { S: 'Buy milk' },
      status: { S: 'TODO' },
      priority: { N: 2 },
      version: { N: 1 },
      gsi1pk: { S: 'USER#alice#STATUS#TODO' },
      gsi1sk: { S: itemId },
      tags: { L: [{ S: 'home' }] },
    });
    expect(req.attributeValues.dueDate).toBeUndefined();
    expect(outcome.data).toEqual({ echoed: 'Buy milk' });
  });

  it('gives ids that sort by creation time', async () => {
    const a = await call('Mutation', 'createItem', { args: { input: { title: 'a' } } });
    await new Promise((r) => setTimeout(r, 3));
    const b = await call('Mutation', 'createItem', { args: { input: { title: 'b' } } });
    const idA = a.requests[0].attributeValues.itemId.S;
    const idB = b.requests[0].attributeValues.itemId.S;
    expect(idA < idB).toBe(true);
  });

  it.each([
    [{ title: '' }, 'title must not be blank'],
    [{ title: '   ' }, 'title must not be blank'],
    [{ title: 'x'.repeat(201) }, 'title must be at most 200 characters'],
    [{ title: 'ok', priority: 11 }, 'priority must be between 0 and 10'],
    [{ title: 'ok', priority: -1 }, 'priority must be between 0 and 10'],
    [{ title: 'ok', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'at most 20 tags are allowed'],
    [{ title: 'ok', tags: ['x'.repeat(51)] }, 'tags must be at most 50 characters'],
  ])('rejects %j without writing', async (input, message) => {
    const { outcome, requests } = await call('Mutation', 'createItem', { args: { input } });
    expect(requests).toHaveLength(0);
    expect(outcome.error).toMatchObject({ errorType: 'ValidationError', message });
  });

  it('accepts a title of exactly 200 characters', async () => {
    const { requests, outcome } = await call('Mutation', 'createItem', { args: { input: { title: 'x'.repeat(200) } } });
    expect(outcome.error).toBeUndefined();
    expect(requests).toHaveLength(1);
  });
});

describe('Mutation.updateItem', () => {
  const itemId = '01J0000000000000000000000A';

  it('updates only at the expected version and bumps it', async () => {
    const { requests } = await call('Mutation', 'updateItem', {
      args: { input: { itemId, expectedVersion: 3, title: 'New', status: 'DONE' } },
      answers: [{ result: { itemId, version: 4 } }],
    });
    const req = requests[0];
    expect(req.operation).toBe('UpdateItem');
    expect(req.key).toEqual({ pk: { S: 'USER#alice' }, sk: { S: `ITEM#${itemId}` } });
    expect(req.condition).toEqual({
      expression: 'attribute_exists(pk) AND #version = :expected',
      expressionNames: { '#version': 'version' },
      expressionValues: { ':expected': { N: 3 } },
    });
    expect(req.update.expression).toContain('#version = #version + :one');
    expect(req.update.expression).toContain('#title = :title');
    expect(req.update.expression).toContain('#gsi1pk = :gsi1pk');
    expect(req.update.expressionValues[':gsi1pk']).toEqual({ S: 'USER#alice#STATUS#DONE' });
    expect(req.update.expressionValues[':title']).toEqual({ S: 'New' });
  });

  it('removes an optional field given as null', async () => {
    const { requests } = await call('Mutation', 'updateItem', {
      args: { input: { itemId, expectedVersion: 1, priority: null } },
    });
    expect(requests[0].update.expression).toMatch(/ REMOVE #priority$/);
  });

  it('rejects an empty update without writing', async () => {
    const { outcome, requests } = await call('Mutation', 'updateItem', { args: { input: { itemId, expectedVersion: 1 } } });
    expect(requests).toHaveLength(0);
    expect(outcome.error?.errorType).toBe('ValidationError');
  });

  it('rejects null for a required field', async () => {
    const { outcome, requests } = await call('Mutation', 'updateItem', {
      args: { input: { itemId, expectedVersion: 1, title: null } },
    });
    expect(requests).toHaveLength(0);
    expect(outcome.error).toMatchObject({ errorType: 'ValidationError', message: 'title cannot be null' });
  });

  it('passes the updated item on without reading again', async () => {
    const { outcome, requests } = await call('Mutation', 'updateItem', {
      args: { input: { itemId, expectedVersion: 1, title: 'x' } },
      answers: [{ result: { itemId, version: 2, title: 'x' } }],
    });
    expect(requests).toHaveLength(1);
    expect(outcome.data).toEqual({ itemId, version: 2, title: 'x' });
  });

  // Whatever ctx.result holds after a failed condition (AWS's example handler reads the current
  // item there; nothing promises it), the resolver reads the item itself to tell the outcomes apart.
  it.each([
    ['the current item in ctx.result', conditionFailed({ itemId, version: 2 })],
    ['an empty ctx.result', conditionFailed()],
  ])('answers Conflict with the current version when the item moved on (%s)', async (_, failure) => {
    const { outcome, requests } = await call('Mutation', 'updateItem', {
      args: { input: { itemId, expectedVersion: 1, title: 'x' } },
      answers: [failure, { result: { itemId, version: 2 } }],
    });
    expect(requests[1]).toEqual({
      operation: 'GetItem',
      key: { pk: { S: 'USER#alice' }, sk: { S: `ITEM#${itemId}` } },
      consistentRead: true,
    });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { itemId, currentVersion: 2 } });
  });

  it.each([
    ['a null ctx.result', conditionFailed(null)],
    ['an empty ctx.result', conditionFailed()],
  ])('answers NotFound when there is no such item of the caller (%s)', async (_, failure) => {
    const { outcome, requests } = await call('Mutation', 'updateItem', {
      args: { input: { itemId, expectedVersion: 1, title: 'x' } },
      answers: [failure, { result: null }],
    });
    expect(requests.map((r) => r.operation)).toEqual(['UpdateItem', 'GetItem']);
    expect(outcome.error).toMatchObject({ errorType: 'NotFound', message: `Item ${itemId} not found`, errorInfo: { itemId } });
  });
});

describe('Mutation.deleteItem', () => {
  const itemId = '01J0000000000000000000000B';

  it('deletes only an existing item of the caller', async () => {
    const { requests, outcome } = await call('Mutation', 'deleteItem', {
      args: { itemId },
      answers: [{ result: { itemId, version: 1 } }],
    });
    expect(requests[0]).toEqual({
      operation: 'DeleteItem',
      key: { pk: { S: 'USER#alice' }, sk: { S: `ITEM#${itemId}` } },
      condition: { expression: 'attribute_exists(pk)' },
    });
    expect(outcome.data).toEqual({ itemId, version: 1 });
  });

  it('checks the version when one is expected', async () => {
    const { requests } = await call('Mutation', 'deleteItem', { args: { itemId, expectedVersion: 7 } });
    expect(requests[0].condition).toEqual({
      expression: 'attribute_exists(pk) AND #version = :expected',
      expressionNames: { '#version': 'version' },
      expressionValues: { ':expected': { N: 7 } },
    });
  });

  // AWS: "Handling a condition check failure" — a conditional DeleteItem whose item is gone counts as
  // a success; the twin may also see the plain failure. Either way the answer is NotFound.
  it.each([
    ['a success with no item (AWS documented)', { result: null }],
    ['a condition failure', conditionFailed(null)],
  ])('answers NotFound for a missing item, with and without expectedVersion (%s)', async (_, answer) => {
    for (const args of [{ itemId }, { itemId, expectedVersion: 3 }]) {
      const { outcome, requests } = await call('Mutation', 'deleteItem', { args, answers: [answer, { result: null }] });
      expect(requests.map((r) => r.operation)).toEqual(['DeleteItem', 'GetItem']);
      expect(outcome.error).toMatchObject({ errorType: 'NotFound', errorInfo: { itemId } });
    }
  });

  it('answers Conflict for another version', async () => {
    const { outcome } = await call('Mutation', 'deleteItem', {
      args: { itemId, expectedVersion: 1 },
      answers: [conditionFailed(), { result: { itemId, version: 5 } }],
    });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { itemId, currentVersion: 5 } });
  });
});

describe('Subscription guards', () => {
  it.each(['onCreateItem', 'onUpdateItem', 'onDeleteItem'])('%s refuses another user', async (field) => {
    const { outcome } = await call('Subscription', field, { args: { userId: 'alice' }, identity: cognito('bob') });
    expect(outcome.error).toMatchObject({
      errorType: 'Unauthorized',
      message: `Not Authorized to access ${field} on type Subscription`,
    });
  });

  it.each(['onCreateItem', 'onUpdateItem', 'onDeleteItem'])('%s lets the owner in with a filter on userId', async (field) => {
    const { outcome } = await call('Subscription', field, { args: { userId: 'alice' } });
    expect(outcome.error).toBeUndefined();
    expect(outcome.data ?? null).toBeNull();
    expect(outcome.extensions.subscriptionFilter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'userId', operator: 'eq', value: 'alice' }] }],
    });
  });
});
