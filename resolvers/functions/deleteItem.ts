// Pipeline function: deletes the item readItemToDelete saw — only while it is
// still at that version — and takes it off the caller's item count, in one
// transaction. A cancelled transaction (the item changed or went away in
// between) is left to explainItemCondition (the next function).
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { Item, MutationDeleteItemArgs } from '../generated/schema-types.js';
import { failOnDataSourceError, isTransactionCanceled } from '../lib/errors.js';
import { releaseQuota } from '../lib/quota.js';

export function request(ctx: Context<MutationDeleteItemArgs>): DynamoDBTransactWriteItemsRequest {
  const seen = ctx.prev.result as Item;
  ctx.stash.deleting = seen;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: ctx.env.TABLE_NAME,
        operation: 'DeleteItem',
        key: ctx.stash.itemKey,
        condition: {
          expression: 'attribute_exists(pk) AND #version = :seen',
          expressionNames: { '#version': 'version' },
          expressionValues: util.dynamodb.toMapValues({ ':seen': seen.version }),
          returnValuesOnConditionCheckFailure: false,
        },
      },
      releaseQuota(ctx, ctx.stash.userId),
    ],
  };
}

export function response(ctx: Context<MutationDeleteItemArgs>): Item | null {
  if (isTransactionCanceled(ctx)) {
    ctx.stash.conditionFailed = true;
    return null;
  }
  failOnDataSourceError(ctx);
  return ctx.stash.deleting;
}
