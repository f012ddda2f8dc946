// Pipeline function: applies the profile update read by getProfile. A new
// email moves the email guard in the same transaction as the profile, and
// every write is conditioned on what getProfile saw, so a concurrent change
// makes this fail with Conflict instead of being overwritten. Both forms are
// transactions that check the account is not being deleted (lib/account.ts).
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { MutationUpdateProfileArgs } from '../generated/schema-types.js';
import { failOnDataSourceError, isTransactionCanceled, transactionConditionFailed } from '../lib/errors.js';
import { accountDeleting, notLeaving } from '../lib/account.js';
import { EMAIL_SK, emailPk, PROFILE_SK } from '../lib/keys.js';
import type { ProfileRecord } from '../lib/profile.js';

export function request(ctx: Context<MutationUpdateProfileArgs>): DynamoDBTransactWriteItemsRequest {
  const current = ctx.prev.result as ProfileRecord;
  const { displayName } = ctx.args.input;
  const now = util.time.nowISO8601();
  const next = {
    ...current,
    email: ctx.stash.email as string,
    displayName: displayName ?? current.displayName,
    updatedAt: now,
  };
  ctx.stash.profile = next;
  const key = util.dynamodb.toMapValues({ pk: current.pk, sk: PROFILE_SK });
  const update = {
    expression: 'SET #email = :email, #displayName = :displayName, #updatedAt = :updatedAt',
    expressionNames: { '#email': 'email', '#displayName': 'displayName', '#updatedAt': 'updatedAt' },
    expressionValues: util.dynamodb.toMapValues({
      ':email': next.email,
      ':displayName': next.displayName,
      ':updatedAt': now,
    }),
  };
  const unchanged = {
    expression: 'attribute_exists(pk) AND #email = :was AND #updatedAt = :wasUpdated',
    expressionNames: { '#email': 'email', '#updatedAt': 'updatedAt' },
    expressionValues: util.dynamodb.toMapValues({ ':was': current.email, ':wasUpdated': current.updatedAt }),
  };
  const table = ctx.env.TABLE_NAME;
  const userId = current.userId;
  // Items: the leaving check, the profile update, then (when the email moves)
  // the old guard's delete and the new guard's put.
  const transactItems: DynamoDBTransactWriteItemsRequest['transactItems'] = [
    notLeaving(ctx, userId),
    { table, operation: 'UpdateItem', key, update, condition: { ...unchanged, returnValuesOnConditionCheckFailure: false } },
  ];
  if (emailPk(next.email) !== emailPk(current.email)) {
    transactItems.push(
      {
        table,
        operation: 'DeleteItem',
        key: util.dynamodb.toMapValues({ pk: emailPk(current.email), sk: EMAIL_SK }),
        condition: {
          expression: '#userId = :userId',
          expressionNames: { '#userId': 'userId' },
          expressionValues: util.dynamodb.toMapValues({ ':userId': userId }),
          returnValuesOnConditionCheckFailure: false,
        },
      },
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues({ pk: emailPk(next.email), sk: EMAIL_SK }),
        attributeValues: util.dynamodb.toMapValues({ userId }),
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      },
    );
  }
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context<MutationUpdateProfileArgs>): ProfileRecord {
  if (isTransactionCanceled(ctx)) {
    if (transactionConditionFailed(ctx, 0)) accountDeleting();
    if (transactionConditionFailed(ctx, 3)) {
      util.error('This email is already in use', 'Conflict', null, { reason: 'EMAIL_TAKEN' });
    }
    util.error('The profile changed while it was being updated; read it again', 'Conflict', null, {
      reason: 'CONCURRENT_UPDATE',
    });
  }
  failOnDataSourceError(ctx);
  // A transaction answers with keys only.
  return ctx.stash.profile;
}
