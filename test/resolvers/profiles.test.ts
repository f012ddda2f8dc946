// Profile mutations (unit createProfile, pipeline updateProfile) from their bundles.
import { describe, expect, it } from 'vitest';
import { call, cognito, TABLE } from '../support/resolver-harness.js';

const canceled = (reasons: string[]) => ({
  result: { keys: null, cancellationReasons: reasons.map((type) => ({ type, message: type === 'None' ? null : 'failed' })) },
  error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' },
});

describe('Mutation.createProfile', () => {
  it('writes the profile and the guard of the verified email from the token in one conditional transaction', async () => {
    const { requests, outcome } = await call('Mutation', 'createProfile', {
      identity: cognito('alice', [], { email: 'Alice@Example.com' }),
      args: { input: { displayName: 'Alice' } },
      answers: [{ result: { keys: [], cancellationReasons: null } }],
    });
    const req = requests[0];
    expect(req.operation).toBe('TransactWriteItems');
    expect(req.transactItems).toHaveLength(3);
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
    // Nothing is created for an account that is being deleted (lib/account.ts).
    expect(req.transactItems[2]).toMatchObject({
      table: TABLE,
      operation: 'ConditionCheck',
      key: { pk: { S: 'USER#alice' }, sk: { S: 'LEAVING' } },
      condition: { expression: 'attribute_not_exists(pk)' },
    });
    expect(outcome.data).toMatchObject({ userId: 'alice', email: 'alice@example.com', displayName: 'Alice' });
  });

  it('answers AccountDeleting while the account is being deleted', async () => {
    const { outcome } = await call('Mutation', 'createProfile', {
      args: { input: { displayName: 'A' } },
      answers: [canceled(['ConditionalCheckFailed', 'None', 'ConditionalCheckFailed'])],
    });
    expect(outcome.error).toMatchObject({ errorType: 'AccountDeleting' });
  });

  it('accepts an input email only when it is the verified one', async () => {
    const same = await call('Mutation', 'createProfile', {
      args: { input: { email: 'ALICE@example.com', displayName: 'A' } },
      answers: [{ result: { keys: [], cancellationReasons: null } }],
    });
    expect(same.outcome.error).toBeUndefined();
    const squat = await call('Mutation', 'createProfile', { args: { input: { email: 'boss@corp.com', displayName: 'A' } } });
    expect(squat.requests).toHaveLength(0);
    expect(squat.outcome.error).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'email', reason: 'EMAIL_NOT_YOURS' } });
  });

  it.each([
    ['no email claim (an access token)', { email: undefined, email_verified: undefined }],
    ['an unverified email', { email_verified: false }],
    ['email_verified as the string "false"', { email_verified: 'false' }],
  ])('refuses %s without writing', async (_, claims) => {
    const { outcome, requests } = await call('Mutation', 'createProfile', { identity: cognito('mallory', [], claims), args: { input: { displayName: 'M' } } });
    expect(requests).toHaveLength(0);
    expect(outcome.error).toMatchObject({ errorType: 'ValidationError', errorInfo: { reason: 'EMAIL_NOT_VERIFIED' } });
  });

  it('keys the guard by the NFKC, lower-case form, so look-alikes collide with the real address', async () => {
    const { requests } = await call('Mutation', 'createProfile', {
      identity: cognito('mallory', [], { email: '\uFF41lice@Corp.com' }),
      args: { input: { displayName: 'M' } },
    });
    expect(requests[0].transactItems[1].key.pk).toEqual({ S: 'EMAIL#alice@corp.com' });
  });

  it.each(['alice\u200b@corp.com', 'alice@corp\u00ad.com', '\u202ealice@corp.com', 'alice\u0000@corp.com', '\ufeffalice@corp.com'])(
    'refuses an email with invisible or control characters (%j)',
    async (email) => {
      const { outcome, requests } = await call('Mutation', 'createProfile', { identity: cognito('mallory', [], { email }), args: { input: { displayName: 'M' } } });
      expect(requests).toHaveLength(0);
      expect(outcome.error).toMatchObject({ errorType: 'ValidationError', errorInfo: { reason: 'EMAIL_INVISIBLE_CHARACTERS' } });
    },
  );

  it('answers Conflict PROFILE_EXISTS when the caller already has a profile', async () => {
    const { outcome } = await call('Mutation', 'createProfile', {
      args: { input: { displayName: 'A' } },
      answers: [canceled(['ConditionalCheckFailed', 'None'])],
    });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'PROFILE_EXISTS' } });
  });

  it('answers Conflict EMAIL_TAKEN when another user holds the email', async () => {
    const { outcome } = await call('Mutation', 'createProfile', {
      args: { input: { displayName: 'A' } },
      answers: [canceled(['None', 'ConditionalCheckFailed'])],
    });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', message: 'This email is already in use' });
  });

  it('rejects a blank or over-long display name without writing', async () => {
    for (const displayName of ['  ', 'x'.repeat(101)]) {
      const { outcome, requests } = await call('Mutation', 'createProfile', {
        args: { input: { displayName } },
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
    email: 'alice@example.com',
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
      answers: [{ result: stored }, { result: { keys: [], cancellationReasons: null } }],
    });
    expect(requests[1].operation).toBe('TransactWriteItems');
    expect(requests[1].transactItems.map((t: any) => t.operation)).toEqual(['ConditionCheck', 'UpdateItem']);
    expect(requests[1].transactItems[0]).toMatchObject({ key: { sk: { S: 'LEAVING' } }, condition: { expression: 'attribute_not_exists(pk)' } });
    expect(requests[1].transactItems[1]).toMatchObject({
      operation: 'UpdateItem',
      key: { pk: { S: 'USER#alice' }, sk: { S: 'PROFILE' } },
      condition: {
        expression: 'attribute_exists(pk) AND #email = :was AND #updatedAt = :wasUpdated',
        expressionValues: { ':was': { S: 'alice@example.com' }, ':wasUpdated': { S: stored.updatedAt } },
      },
    });
    expect(outcome.data).toMatchObject({ displayName: 'Alicia', email: 'alice@example.com' });
  });

  it('follows a newly verified email: moves the email guard in the same transaction as the profile', async () => {
    const { outcome, requests } = await call('Mutation', 'updateProfile', {
      identity: cognito('alice', [], { email: 'new@example.com' }),
      args: { input: { displayName: 'Alice' } },
      answers: [{ result: stored }, { result: { keys: [], cancellationReasons: null } }],
    });
    const tx = requests[1];
    expect(tx.operation).toBe('TransactWriteItems');
    expect(tx.transactItems.map((t: any) => t.operation)).toEqual(['ConditionCheck', 'UpdateItem', 'DeleteItem', 'PutItem']);
    expect(tx.transactItems[2].key.pk).toEqual({ S: 'EMAIL#alice@example.com' });
    expect(tx.transactItems[2].condition).toMatchObject({ expression: '#userId = :userId', expressionValues: { ':userId': { S: 'alice' } } });
    expect(tx.transactItems[3].key.pk).toEqual({ S: 'EMAIL#new@example.com' });
    expect(tx.transactItems[3].condition).toEqual({ expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false });
    expect(outcome.data).toMatchObject({ email: 'new@example.com', userId: 'alice' });
  });

  it('refuses an email other than the verified one', async () => {
    const { outcome, requests } = await call('Mutation', 'updateProfile', { args: { input: { email: 'someone@else.com' } } });
    expect(requests).toHaveLength(0);
    expect(outcome.error).toMatchObject({ errorType: 'ValidationError', errorInfo: { reason: 'EMAIL_NOT_YOURS' } });
  });

  it('answers Conflict EMAIL_TAKEN when the new email belongs to someone else', async () => {
    const { outcome } = await call('Mutation', 'updateProfile', {
      identity: cognito('alice', [], { email: 'taken@example.com' }),
      args: { input: { email: 'taken@example.com' } },
      answers: [{ result: stored }, canceled(['None', 'None', 'None', 'ConditionalCheckFailed'])],
    });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EMAIL_TAKEN' } });
  });

  it('answers AccountDeleting while the account is being deleted', async () => {
    const { outcome } = await call('Mutation', 'updateProfile', {
      args: { input: { displayName: 'X' } },
      answers: [{ result: stored }, canceled(['ConditionalCheckFailed', 'None'])],
    });
    expect(outcome.error).toMatchObject({ errorType: 'AccountDeleting' });
  });

  it('answers Conflict when the profile changed between read and write', async () => {
    const { outcome } = await call('Mutation', 'updateProfile', {
      args: { input: { displayName: 'X' } },
      answers: [{ result: stored }, canceled(['None', 'ConditionalCheckFailed'])],
    });
    expect(outcome.error).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'CONCURRENT_UPDATE' } });
  });
});
