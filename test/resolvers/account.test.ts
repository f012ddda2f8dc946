// Mutation.deleteAccount (pipeline markLeaving → readAccountPage → deleteAccountPage) from its bundles.
import { describe, expect, it } from 'vitest';
import { call, TABLE } from '../support/resolver-harness.js';

const ok = { result: { keys: [], cancellationReasons: null } };
const canceled = (reasons: string[]) => ({
  result: { keys: null, cancellationReasons: reasons.map((type) => ({ type, message: type === 'None' ? null : 'failed' })) },
  error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' },
});
const rec = (sk: string, extra: object = {}) => ({ pk: 'USER#alice', sk, ...extra });
const page = (records: object[], more: boolean) => ({ result: { items: records, nextToken: more ? 'next' : null, scannedCount: records.length } });
const items = (n: number) => Array.from({ length: n }, (_, i) => rec(`ITEM#${String(i).padStart(4, '0')}`));

describe('Mutation.deleteAccount', () => {
  it('marks the account, reads a page of keys, and deletes its children only while the mark stands', async () => {
    const { requests, outcome } = await call('Mutation', 'deleteAccount', { answers: [{ result: rec('LEAVING') }, page(items(50), true), ok] });
    expect(requests[0]).toMatchObject({
      operation: 'UpdateItem',
      key: { pk: { S: 'USER#alice' }, sk: { S: 'LEAVING' } },
      update: { expression: 'SET #since = if_not_exists(#since, :now)' },
    });
    expect(requests[1]).toMatchObject({ operation: 'Query', consistentRead: true, limit: 50, query: { expressionValues: { ':pk': { S: 'USER#alice' } } } });
    const tx = requests[2].transactItems;
    expect(tx).toHaveLength(51);
    expect(tx[0]).toMatchObject({ table: TABLE, operation: 'DeleteItem', key: { sk: { S: 'ITEM#0000' } }, condition: { expression: 'attribute_exists(pk)' } });
    expect(tx[50]).toMatchObject({ operation: 'ConditionCheck', key: { sk: { S: 'LEAVING' } }, condition: { expression: 'attribute_exists(pk)' } });
    expect(outcome.data).toEqual({ done: false, deletedItems: 50 });
  });

  it('deletes the last children with the mark, profile, counter and the email guard (if it is mine) in one transaction', async () => {
    const last = [...items(3), rec('LEAVING'), rec('PROFILE', { email: 'alice@example.com' }), rec('QUOTA')];
    const { requests, outcome } = await call('Mutation', 'deleteAccount', { answers: [{ result: rec('LEAVING') }, page(last, false), ok] });
    const tx = requests[2].transactItems;
    expect(tx.map((t: any) => `${t.operation} ${t.key.pk.S} ${t.key.sk.S}`)).toEqual([
      'DeleteItem USER#alice ITEM#0000',
      'DeleteItem USER#alice ITEM#0001',
      'DeleteItem USER#alice ITEM#0002',
      'DeleteItem USER#alice LEAVING',
      'DeleteItem EMAIL#alice@example.com EMAIL',
      'DeleteItem USER#alice PROFILE',
      'DeleteItem USER#alice QUOTA',
    ]);
    expect(tx[3].condition).toMatchObject({ expression: 'attribute_exists(pk)' });
    expect(tx[4].condition).toMatchObject({ expression: 'attribute_not_exists(pk) OR #userId = :me', expressionValues: { ':me': { S: 'alice' } } });
    expect(outcome.data).toEqual({ done: true, deletedItems: 3 });
  });

  it('answers done: false with nothing counted when another call got there first', async () => {
    const { outcome } = await call('Mutation', 'deleteAccount', { answers: [{ result: rec('LEAVING') }, page(items(2), true), canceled(['ConditionalCheckFailed', 'None', 'None'])] });
    expect(outcome.data).toEqual({ done: false, deletedItems: 0 });
    const finished = await call('Mutation', 'deleteAccount', { answers: [{ result: rec('LEAVING') }, page([], false)] });
    expect(finished.requests).toHaveLength(2);
    expect(finished.outcome.data).toEqual({ done: true, deletedItems: 0 });
  });

  it('refuses, without deleting, when the email guard names another user', async () => {
    const last = [rec('LEAVING'), rec('PROFILE', { email: 'alice@example.com' })];
    const { outcome } = await call('Mutation', 'deleteAccount', { answers: [{ result: rec('LEAVING') }, page(last, false), canceled(['None', 'ConditionalCheckFailed', 'None'])] });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EMAIL_GUARD_MISMATCH' } });
  });
});
