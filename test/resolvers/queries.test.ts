// Query resolvers and User.items, run from their bundles through the local runtime.
import { describe, expect, it } from 'vitest';
import { call, cognito } from '../support/resolver-harness.js';

describe('Query.me', () => {
  it('reads the caller profile by key', async () => {
    const profile = { userId: 'alice', email: 'a@example.com', displayName: 'Alice' };
    const { outcome, requests } = await call('Query', 'me', { answers: [{ result: profile }] });
    expect(requests).toEqual([{ operation: 'GetItem', key: { pk: { S: 'USER#alice' }, sk: { S: 'PROFILE' } } }]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.data).toEqual(profile);
  });

  it('is null before the profile exists', async () => {
    const { outcome } = await call('Query', 'me', { answers: [{ result: null }] });
    expect(outcome.error).toBeUndefined();
    expect(outcome.data ?? null).toBeNull();
  });

  it('refuses callers without a user identity, before reading anything', async () => {
    const { outcome, requests } = await call('Query', 'me', { identity: null });
    expect(requests).toHaveLength(0);
    expect(outcome.error?.errorType).toBe('Unauthorized');
  });

  it('surfaces a data source error with its DynamoDB type', async () => {
    const { outcome } = await call('Query', 'me', {
      answers: [{ error: { message: 'Throughput exceeded', type: 'DynamoDB:ProvisionedThroughputExceededException' } }],
    });
    expect(outcome.error).toMatchObject({
      message: 'Throughput exceeded',
      errorType: 'DynamoDB:ProvisionedThroughputExceededException',
    });
  });
});

describe('Query.getItem', () => {
  it('reads only under the caller partition', async () => {
    const { requests } = await call('Query', 'getItem', { args: { itemId: '01J0000000000000000000000A' } });
    expect(requests[0]).toEqual({
      operation: 'GetItem',
      key: { pk: { S: 'USER#alice' }, sk: { S: 'ITEM#01J0000000000000000000000A' } },
    });
  });

  it('returns null when the caller has no such item', async () => {
    const { outcome } = await call('Query', 'getItem', { args: { itemId: 'x' }, answers: [{ result: null }] });
    expect(outcome.error).toBeUndefined();
    expect(outcome.data ?? null).toBeNull();
  });
});

describe('Query.listItems', () => {
  it('queries the caller partition newest first with the default page size', async () => {
    const { requests } = await call('Query', 'listItems', { answers: [{ result: { items: [], nextToken: null } }] });
    expect(requests[0]).toMatchObject({
      operation: 'Query',
      limit: 20,
      scanIndexForward: false,
      query: {
        expression: '#pk = :pk AND begins_with(#sk, :prefix)',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk': { S: 'USER#alice' }, ':prefix': { S: 'ITEM#' } },
      },
    });
    expect(requests[0].index).toBeUndefined();
    expect(requests[0].operation).not.toBe('Scan');
  });

  it('uses the byStatus index for a status and passes the page token through', async () => {
    const { requests, outcome } = await call('Query', 'listItems', {
      args: { status: 'DONE', limit: 5, nextToken: 'tok' },
      answers: [{ result: { items: [{ itemId: '1' }], nextToken: 'next' } }],
    });
    expect(requests[0]).toMatchObject({
      operation: 'Query',
      index: 'byStatus',
      limit: 5,
      nextToken: 'tok',
      scanIndexForward: false,
      query: { expressionValues: { ':pk': { S: 'USER#alice#STATUS#DONE' } } },
    });
    expect(outcome.data).toEqual({ items: [{ itemId: '1' }], nextToken: 'next' });
  });

  it('answers a last page with nextToken null', async () => {
    const { outcome } = await call('Query', 'listItems', { answers: [{ result: { items: [] } }] });
    expect(outcome.data).toEqual({ items: [], nextToken: null });
  });

  it.each([0, -1, 101])('rejects limit %i without querying', async (limit) => {
    const { outcome, requests } = await call('Query', 'listItems', { args: { limit } });
    expect(requests).toHaveLength(0);
    expect(outcome.error).toMatchObject({ errorType: 'ValidationError', message: 'limit must be between 1 and 100' });
  });

  it('accepts the largest page', async () => {
    const { requests } = await call('Query', 'listItems', { args: { limit: 100 }, answers: [{ result: { items: [] } }] });
    expect(requests[0].limit).toBe(100);
  });
});

describe('Query.getUser', () => {
  it('reads the named user profile', async () => {
    const { requests } = await call('Query', 'getUser', { args: { userId: 'bob' }, identity: cognito('admin1', ['admin']) });
    expect(requests[0]).toEqual({ operation: 'GetItem', key: { pk: { S: 'USER#bob' }, sk: { S: 'PROFILE' } } });
  });
});

describe('User.items', () => {
  it("lists the parent user's items, not the caller's", async () => {
    const { requests } = await call('User', 'items', {
      source: { userId: 'bob' },
      args: { limit: 10 },
      answers: [{ result: { items: [] } }],
    });
    expect(requests[0]).toMatchObject({
      operation: 'Query',
      limit: 10,
      query: { expressionValues: { ':pk': { S: 'USER#bob' } } },
    });
  });
});
