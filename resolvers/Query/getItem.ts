// Query.getItem: one of the caller's items (GetItem under the caller's partition), or null.
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { Item, QueryGetItemArgs } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';
import { failOnDataSourceError } from '../lib/errors.js';
import { itemSk, userPk } from '../lib/keys.js';

export function request(ctx: Context<QueryGetItemArgs>): DynamoDBGetItemRequest {
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues({ pk: userPk(callerId(ctx)), sk: itemSk(ctx.args.itemId) }),
  };
}

export function response(ctx: Context<QueryGetItemArgs>): Item | null {
  failOnDataSourceError(ctx);
  return (ctx.result as Item | null) ?? null;
}
