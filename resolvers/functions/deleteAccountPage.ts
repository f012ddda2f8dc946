// Pipeline function: deletes what readAccountPage found, in one transaction
// that holds only while the account is still marked as leaving.
// - Children on the page (items, and whatever else lives in the partition) are
//   deleted, each only if it still exists, so concurrent calls never count a
//   record twice. When the page is the partition's last, the account's own
//   records go in the same transaction.
// - The account's own records (mark, profile, quota counter) and the email
//   guard go together, so no call can leave a counter or a guard behind.
// A cancelled transaction (another call got there first, or a conflict) answers
// done: false with nothing deleted; the next call picks up whatever is left.
import { runtime, util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { AccountDeletion } from '../generated/schema-types.js';
import { ACCOUNT_RECORDS, stillLeaving } from '../lib/account.js';
import { failOnDataSourceError, isTransactionCanceled, transactionConditionFailed } from '../lib/errors.js';
import { EMAIL_SK, emailPk, LEAVING_SK, PROFILE_SK } from '../lib/keys.js';
import type { AccountPage, AccountRecord } from './readAccountPage.js';

type TransactItem = DynamoDBTransactWriteItemsRequest['transactItems'][number];

const keyOf = (r: AccountRecord) => util.dynamodb.toMapValues({ pk: r.pk, sk: r.sk });

export function request(ctx: Context): DynamoDBTransactWriteItemsRequest {
  const { records, more } = ctx.prev.result as AccountPage;
  const userId = ctx.stash.userId as string;
  const table = ctx.env.TABLE_NAME;
  const children = records.filter((r) => ACCOUNT_RECORDS.indexOf(r.sk) < 0);
  const own = records.filter((r) => ACCOUNT_RECORDS.indexOf(r.sk) >= 0);
  const marked = own.some((r) => r.sk === LEAVING_SK);
  const last = !more;
  if (records.length === 0) {
    // Nothing under the account at all: an earlier call finished it.
    runtime.earlyReturn({ done: true, deletedItems: 0 });
  }
  if (last && !marked) {
    // Another call finished while this one read: call again to be sure.
    runtime.earlyReturn({ done: false, deletedItems: 0 });
  }
  const transactItems: TransactItem[] = children.map((r) => ({
    table,
    operation: 'DeleteItem',
    key: keyOf(r),
    condition: { expression: 'attribute_exists(pk)', returnValuesOnConditionCheckFailure: false },
  }));
  ctx.stash.deleting = children.length;
  ctx.stash.finishing = last;
  ctx.stash.guardIndex = -1;
  if (!last) {
    transactItems.push(stillLeaving(ctx, userId));
    return { operation: 'TransactWriteItems', transactItems };
  }
  own.forEach((r) => {
    if (r.sk === PROFILE_SK && r.email) {
      ctx.stash.guardIndex = transactItems.length;
      transactItems.push({
        table,
        operation: 'DeleteItem',
        key: util.dynamodb.toMapValues({ pk: emailPk(r.email), sk: EMAIL_SK }),
        condition: {
          expression: 'attribute_not_exists(pk) OR #userId = :me',
          expressionNames: { '#userId': 'userId' },
          expressionValues: util.dynamodb.toMapValues({ ':me': userId }),
          returnValuesOnConditionCheckFailure: false,
        },
      });
    }
    // The mark's own delete is conditioned on its existence, standing in for
    // the check (a transaction may not name one item twice).
    const condition = r.sk === LEAVING_SK ? { expression: 'attribute_exists(pk)', returnValuesOnConditionCheckFailure: false } : undefined;
    transactItems.push({ table, operation: 'DeleteItem', key: keyOf(r), ...(condition ? { condition } : {}) });
  });
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context): AccountDeletion {
  if (isTransactionCanceled(ctx)) {
    if (ctx.stash.guardIndex >= 0 && transactionConditionFailed(ctx, ctx.stash.guardIndex)) {
      // Only a damaged table gets here: the guard of this profile's email names another user.
      util.error('The email guard of this account belongs to another user', 'Conflict', null, { reason: 'EMAIL_GUARD_MISMATCH' });
    }
    return { done: false, deletedItems: 0 };
  }
  failOnDataSourceError(ctx);
  return { done: ctx.stash.finishing, deletedItems: ctx.stash.deleting };
}
