// Pipeline function before deleteItem: reads the item (strongly consistent)
// so the mutation can answer with what it deletes and delete exactly that
// version. NotFound and a stale expectedVersion end here, before any write.
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { Item, MutationDeleteItemArgs } from '../generated/schema-types.js';
import { failOnDataSourceError } from '../lib/errors.js';
import { itemChanged, itemNotFound } from '../lib/item-write.js';

export function request(ctx: Context<MutationDeleteItemArgs>): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: ctx.stash.itemKey, consistentRead: true };
}

export function response(ctx: Context<MutationDeleteItemArgs>): Item {
  failOnDataSourceError(ctx);
  const { itemId, expectedVersion } = ctx.args;
  const current = ctx.result as Item | null;
  if (!current) itemNotFound(itemId);
  if (expectedVersion !== undefined && expectedVersion !== null && current.version !== expectedVersion) {
    itemChanged(itemId, current.version);
  }
  return current;
}
