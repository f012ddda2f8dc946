// Mutation.createItem: the new item under the caller's partition and one more
// on the caller's item count, in one transaction (lib/quota.ts). The id is a
// ULID (sortable by creation time, which gives "newest first" for free) and
// the write refuses to replace anything that already has that key.
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { Item, MutationCreateItemArgs } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';
import { failOnDataSourceError, isTransactionCanceled, transactionConditionFailed } from '../lib/errors.js';
import { itemSk, statusPk, userPk } from '../lib/keys.js';
import { accountDeleting, notLeaving } from '../lib/account.js';
import { itemsPerUser, takeQuota } from '../lib/quota.js';
import { checkPriority, checkTags, checkText, LIMITS } from '../lib/validate.js';

export function request(ctx: Context<MutationCreateItemArgs>): DynamoDBTransactWriteItemsRequest {
  const userId = callerId(ctx);
  const { title, status, priority, dueDate, tags } = ctx.args.input;
  checkText(title, 'title', LIMITS.titleMax);
  checkPriority(priority);
  checkTags(tags);
  const itemId = util.autoUlid();
  const now = util.time.nowISO8601();
  const state = status ?? 'TODO';
  const item: Record<string, unknown> = {
    userId,
    itemId,
    title,
    status: state,
    createdAt: now,
    updatedAt: now,
    version: 1,
    gsi1pk: statusPk(userId, state),
    gsi1sk: itemId,
  };
  // Absent optional fields are not stored (rather than stored as NULL).
  if (priority !== undefined && priority !== null) item.priority = priority;
  if (dueDate !== undefined && dueDate !== null) item.dueDate = dueDate;
  if (tags !== undefined && tags !== null) item.tags = tags;
  ctx.stash.item = item;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: ctx.env.TABLE_NAME,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues({ pk: userPk(userId), sk: itemSk(itemId) }),
        attributeValues: util.dynamodb.toMapValues(item),
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      },
      takeQuota(ctx, userId),
      notLeaving(ctx, userId),
    ],
  };
}

export function response(ctx: Context<MutationCreateItemArgs>): Item {
  if (isTransactionCanceled(ctx)) {
    if (transactionConditionFailed(ctx, 2)) accountDeleting();
    if (transactionConditionFailed(ctx, 1)) {
      const limit = itemsPerUser(ctx);
      util.error(`You have reached the limit of ${limit} items: delete some to make room`, 'QuotaExceeded', null, { limit });
    }
    if (transactionConditionFailed(ctx, 0)) {
      util.error('An item with this id already exists', 'Conflict', null, { reason: 'ID_TAKEN' });
    }
    // TransactionConflict: another write to the item count was in flight.
    util.error('Your items changed while this one was being created; try again', 'Conflict', null, { reason: 'CONCURRENT_UPDATE' });
  }
  failOnDataSourceError(ctx);
  // A transaction answers with keys only; the item is the one just written.
  return ctx.stash.item;
}
