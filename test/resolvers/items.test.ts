// Item mutations and the subscription guard, run from their bundles through the local runtime.
import { describe, expect, it } from 'vitest';
import { call, cognito, conditionFailed, TABLE } from '../support/resolver-harness.js';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('Mutation.createItem', () => {
  it('puts a new item under the caller partition and counts it against the quota, in one transaction', async () => {
    const { requests, outcome } = await call('Mutation', 'createItem', {
      args: { input: { title: 'Buy milk', priority: 2, tags: ['home'] } },
      answers: [{ result: { keys: [], cancellationReasons: null } }],
    });
    const req = requests[0];
    expect(req.operation).toBe('TransactWriteItems');
    const [put, quota, leaving] = req.transactItems;
    expect(put).toMatchObject({ table: TABLE, operation: 'PutItem', condition: { expression: 'attribute_not_exists(pk)' } });
    const itemId = put.attributeValues.itemId.S as string;
    expect(itemId).toMatch(ULID);
    expect(put.key).toEqual({ pk: { S: 'USER#alice' }, sk: { S: `ITEM#${itemId}` } });
    expect(put.attributeValues).toMatchObject({
      userId: { S: 'alice' },
      title: { S: 'Buy milk' },
      status: { S: 'TODO' },
      priority: { N: 2 },
      version: { N: 1 },
      gsi1pk: { S: 'USER#alice#STATUS#TODO' },
      gsi1sk: { S: itemId },
      tags: { L: [{ S: 'home' }] },
    });
    expect(put.attributeValues.dueDate).toBeUndefined();
    expect(quota).toMatchObject({
      table: TABLE,
      operation: 'UpdateItem',
      key: { pk: { S: 'USER#alice' }, sk: { S: 'QUOTA' } },
      update: { expression: 'SET #count = if_not_exists(#count, :zero) + :one' },
      condition: { expression: 'attribute_not_exists(#count) OR #count < :max', expressionValues: { ':max': { N: 1000 } } },
    });
    expect(leaving).toMatchObject({
      table: TABLE,
      operation: 'ConditionCheck',
      key: { pk: { S: 'USER#alice' }, sk: { S: 'LEAVING' } },
      condition: { expression: 'attribute_not_exists(pk)' },
    });
    expect(outcome.data).toMatchObject({ itemId, title: 'Buy milk', version: 1 });
  });

  it('answers QuotaExceeded when the count is at the cap, Conflict when the id exists', async () => {
    const cancelled = (reasons: string[]) => ({
      result: { keys: null, cancellationReasons: reasons.map((type) => ({ type, message: type === 'None' ? null : 'The conditional request failed' })) },
      error: { type: 'DynamoDB:TransactionCanceledException', message: 'Transaction cancelled' },
    });
    const full = await call('Mutation', 'createItem', { args: { input: { title: 'x' } }, answers: [cancelled(['None', 'ConditionalCheckFailed'])] });
    expect(full.outcome.error).toMatchObject({ errorType: 'QuotaExceeded', errorInfo: { limit: 1000 } });
    const taken = await call('Mutation', 'createItem', { args: { input: { title: 'x' } }, answers: [cancelled(['ConditionalCheckFailed', 'None'])] });
    expect(taken.outcome.error).toMatchObject({ errorType: 'Conflict' });
    const leaving = await call('Mutation', 'createItem', { args: { input: { title: 'x' } }, answers: [cancelled(['None', 'None', 'ConditionalCheckFailed'])] });
    expect(leaving.outcome.error).toMatchObject({ errorType: 'AccountDeleting' });
  });

  it('gives ids that sort by creation time', async () => {
    const a = await call('Mutation', 'createItem', { args: { input: { title: 'a' } } });
    await new Promise((r) => setTimeout(r, 3));
    const b = await call('Mutation', 'createItem', { args: { input: { title: 'b' } } });
    const idA = a.requests[0].transactItems[0].attributeValues.itemId.S;
    const idB = b.requests[0].transactItems[0].attributeValues.itemId.S;
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
  const key = { pk: { S: 'USER#alice' }, sk: { S: `ITEM#${itemId}` } };
  const deleted = { result: { keys: [], cancellationReasons: null } };

  it('reads the item, then deletes exactly that version and releases its quota, in one transaction', async () => {
    const { requests, outcome } = await call('Mutation', 'deleteItem', {
      args: { itemId },
      answers: [{ result: { itemId, version: 3, title: 't' } }, deleted],
    });
    expect(requests[0]).toEqual({ operation: 'GetItem', key, consistentRead: true });
    expect(requests[1].operation).toBe('TransactWriteItems');
    expect(requests[1].transactItems[0]).toEqual({
      table: TABLE,
      operation: 'DeleteItem',
      key,
      condition: {
        expression: 'attribute_exists(pk) AND #version = :seen',
        expressionNames: { '#version': 'version' },
        expressionValues: { ':seen': { N: 3 } },
        returnValuesOnConditionCheckFailure: false,
      },
    });
    expect(requests[1].transactItems[1]).toMatchObject({ operation: 'UpdateItem', key: { pk: { S: 'USER#alice' }, sk: { S: 'QUOTA' } } });
    expect(requests).toHaveLength(2);
    expect(outcome.data).toEqual({ itemId, version: 3, title: 't' });
  });

  it.each([[{ itemId }], [{ itemId, expectedVersion: 3 }]])('answers NotFound for a missing item without writing (%j)', async (args) => {
    const { outcome, requests } = await call('Mutation', 'deleteItem', { args, answers: [{ result: null }] });
    expect(requests.map((r) => r.operation)).toEqual(['GetItem']);
    expect(outcome.error).toMatchObject({ errorType: 'NotFound', errorInfo: { itemId } });
  });

  it('answers Conflict for another version without writing', async () => {
    const { outcome, requests } = await call('Mutation', 'deleteItem', { args: { itemId, expectedVersion: 1 }, answers: [{ result: { itemId, version: 5 } }] });
    expect(requests).toHaveLength(1);
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { itemId, currentVersion: 5 } });
  });

  it('reads again when the item changed or went away between the read and the delete', async () => {
    const cancelled = { result: { keys: null, cancellationReasons: [{ type: 'ConditionalCheckFailed' }, { type: 'None' }] }, error: { type: 'DynamoDB:TransactionCanceledException', message: 'Transaction cancelled' } };
    const moved = await call('Mutation', 'deleteItem', { args: { itemId }, answers: [{ result: { itemId, version: 1 } }, cancelled, { result: { itemId, version: 2 } }] });
    expect(moved.requests.map((r) => r.operation)).toEqual(['GetItem', 'TransactWriteItems', 'GetItem']);
    expect(moved.outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { currentVersion: 2 } });
    const gone = await call('Mutation', 'deleteItem', { args: { itemId }, answers: [{ result: { itemId, version: 1 } }, cancelled, { result: null }] });
    expect(gone.outcome.error).toMatchObject({ errorType: 'NotFound' });
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
