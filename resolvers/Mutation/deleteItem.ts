// Mutation.deleteItem: DeleteItem of one of the caller's items; with
// expectedVersion, only while the item is still at that version.
import { util, type Context, type DynamoDBDeleteItemRequest } from '@aws-appsync/utils';
import type { Item, MutationDeleteItemArgs } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';
import { failOnItemCondition } from '../lib/conflict.js';
import { failOnDataSourceError } from '../lib/errors.js';
import { itemSk, userPk } from '../lib/keys.js';

export function request(ctx: Context<MutationDeleteItemArgs>): DynamoDBDeleteItemRequest {
  const userId = callerId(ctx);
  const { itemId, expectedVersion } = ctx.args;
  const key = util.dynamodb.toMapValues({ pk: userPk(userId), sk: itemSk(itemId) });
  if (expectedVersion === undefined || expectedVersion === null) {
    return { operation: 'DeleteItem', key, condition: { expression: 'attribute_exists(pk)' } };
  }
  return {
    operation: 'DeleteItem',
    key,
    condition: {
      expression: 'attribute_exists(pk) AND #version = :expected',
      expressionNames: { '#version': 'version' },
      expressionValues: util.dynamodb.toMapValues({ ':expected': expectedVersion }),
    },
  };
}

export function response(ctx: Context<MutationDeleteItemArgs>): Item {
  failOnItemCondition(ctx, ctx.args.itemId);
  failOnDataSourceError(ctx);
  return ctx.result;
}
