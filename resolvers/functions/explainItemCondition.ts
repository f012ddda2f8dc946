// Pipeline function after a conditional item write (updateItem, deleteItem).
// When the write went through it passes its item on without touching the
// table. When the condition failed it reads the item as stored now (strongly
// consistent): absent → NotFound, present → Conflict with its version.
//
// Why a read of our own: AWS documents that a failed condition reaches the
// response handler as a DynamoDB:ConditionalCheckFailedException, and that a
// DeleteItem whose item is gone counts as a success ("Condition expressions ›
// Handling a condition check failure"), but not in a form the resolver can
// rely on to see the stored item. This read depends on nothing undocumented.
import { runtime, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { Item } from '../generated/schema-types.js';
import { failOnDataSourceError } from '../lib/errors.js';
import { itemChanged, itemNotFound } from '../lib/item-write.js';

export function request(ctx: Context): DynamoDBGetItemRequest {
  if (!ctx.stash.conditionFailed) {
    runtime.earlyReturn(ctx.prev.result);
  }
  return { operation: 'GetItem', key: ctx.stash.itemKey, consistentRead: true };
}

export function response(ctx: Context): Item {
  failOnDataSourceError(ctx);
  const itemId = ctx.stash.itemId as string;
  const current = ctx.result as Item | null;
  if (!current) itemNotFound(itemId);
  return itemChanged(itemId, current.version);
}
