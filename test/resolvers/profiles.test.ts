// Profile mutations (unit createProfile, pipeline updateProfile) from their bundles.
import { describe, expect, it } from 'vitest';
import { call, conditionFailed, TABLE } from '../support/resolver-harness.js';

const canceled = (reasons: string[]) => ({
  result: { keys: null, cancellationReasons: reasons.map((type) => ({ type, message: type === 'None' ? null : 'failed' })) },
  error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' },
});

describe('Mutation.createProfile', () => {
  it('writes the profile and the email guard in one conditional transaction', async () => {
    const { requests, outcome } = await call('Mutation', 'createProfile', {
      args: { input: { email: 'Alice@Example.com', displayName: 'Alice' } },
      answers: [{ result: { keys: [], cancellationReasons: null } }],
    });
    const req = requests[0];
    expect(req.operation).toBe('TransactWriteItems');
    expect(req.transactItems).toHaveLength(2);
    expect(req.transactItems[0]).toMatchObject({
      table: TABLE,
      operation: 'PutItem',
      key: { pk: { S: 'USER#alice' }, sk: { S: 'PROFILE' } },
      condition: { expression: 'attribute_not_exists(pk)' },
    });
    expect(req.transactItems[1]).toMatchObject({
      table: TABLE,
      operation: 'PutItem',
      key: { pk: { S: 'EMAIL#alice@example.com' }, sk: { S: 'EMAIL' } },
      attributeValues: { userId: { S: 'alice' } },
      condition: { expression: 'attribute_not_exists(pk)' },
    });
    expect(outcome.data).toMatchObject({ userId: 'alice', email: 'Alice@Example.com', displayName: 'Alice' });
  });

  it('answers Conflict PROFILE_EXISTS when the caller already has a profile', async () => {
    const { outcome } = await call('Mutation', 'createProfile', {
      args: { input: { email: 'a@b.co', displayName: 'A' } },
      answers: [canceled(['ConditionalCheckFailed', 'None'])],
    });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'PROFILE_EXISTS' } });
  });

  it('answers Conflict EMAIL_TAKEN when another user holds the email', async () => {
    const { outcome } = await call('Mutation', 'createProfile', {
      args: { input: { email: 'a@b.co', displayName: 'A' } },
      answers: [canceled(['None', 'ConditionalCheckFailed'])],
    });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', message: 'This email is already in use' });
  });

  it('rejects a blank or over-long display name without writing', async () => {
    for (const displayName of ['  ', 'x'.repeat(101)]) {
      const { outcome, requests } = await call('Mutation', 'createProfile', {
        args: { input: { email: 'a@b.co', displayName } },
      });
      expect(requests).toHaveLength(0);
      expect(outcome.error?.errorType).toBe('ValidationError');
    }
  });
});

describe('Mutation.updateProfile (pipeline)', () => {
  const stored = {
    pk: 'USER#alice',
    sk: 'PROFILE',
    userId: 'alice',
    email: 'a@example.com',
    displayName: 'Alice',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
  };

  it('rejects an empty update before reading anything', async () => {
    const { outcome, requests } = await call('Mutation', 'updateProfile', { args: { input: {} } });
    expect(requests).toHaveLength(0);
    expect(outcome.error?.errorType).toBe('ValidationError');
  });

  it('answers NotFound before createProfile', async () => {
    const { outcome, requests } = await call('Mutation', 'updateProfile', {
      args: { input: { displayName: 'B' } },
      answers: [{ result: null }],
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ operation: 'GetItem', consistentRead: true });
    expect(outcome.error?.errorType).toBe('NotFound');
  });

  it('updates the name conditioned on the profile it read', async () => {
    const { outcome, requests } = await call('Mutation', 'updateProfile', {
      args: { input: { displayName: 'Alicia' } },
      answers: [{ result: stored }, (req) => ({ result: { ...stored, displayName: req.update.expressionValues[':displayName'].S } })],
    });
    expect(requests[1]).toMatchObject({
      operation: 'UpdateItem',
      key: { pk: { S: 'USER#alice' }, sk: { S: 'PROFILE' } },
      condition: {
        expression: 'attribute_exists(pk) AND #email = :was AND #updatedAt = :wasUpdated',
        expressionValues: { ':was': { S: 'a@example.com' }, ':wasUpdated': { S: stored.updatedAt } },
      },
    });
    expect(outcome.data).toMatchObject({ displayName: 'Alicia', email: 'a@example.com' });
  });

  it('moves the email guard in the same transaction as the profile', async () => {
    const { outcome, requests } = await call('Mutation', 'updateProfile', {
      args: { input: { email: 'new@example.com' } },
      answers: [{ result: stored }, { result: { keys: [], cancellationReasons: null } }],
    });
    const tx = requests[1];
    expect(tx.operation).toBe('TransactWriteItems');
    expect(tx.transactItems.map((t: any) => t.operation)).toEqual(['UpdateItem', 'DeleteItem', 'PutItem']);
    expect(tx.transactItems[1].key.pk).toEqual({ S: 'EMAIL#a@example.com' });
    expect(tx.transactItems[2].key.pk).toEqual({ S: 'EMAIL#new@example.com' });
    expect(tx.transactItems[2].condition).toEqual({ expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false });
    expect(outcome.data).toMatchObject({ email: 'new@example.com', userId: 'alice' });
  });

  it('answers Conflict EMAIL_TAKEN when the new email belongs to someone else', async () => {
    const { outcome } = await call('Mutation', 'updateProfile', {
      args: { input: { email: 'taken@example.com' } },
      answers: [{ result: stored }, canceled(['None', 'None', 'ConditionalCheckFailed'])],
    });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EMAIL_TAKEN' } });
  });

  it('answers Conflict when the profile changed between read and write', async () => {
    const { outcome } = await call('Mutation', 'updateProfile', {
      args: { input: { displayName: 'X' } },
      answers: [{ result: stored }, conditionFailed(stored)],
    });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'CONCURRENT_UPDATE' } });
  });
});
