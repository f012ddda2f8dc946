// Pipeline function: DeleteItem of one of the caller's items; with
// expectedVersion, only while the item is still at that version. A failed
// condition is left to explainItemCondition (the next function).
import { util, type Context, type DynamoDBDeleteItemRequest } from '@aws-appsync/utils';
import type { Item, MutationDeleteItemArgs } from '../generated/schema-types.js';
import { noteFailedCondition } from '../lib/item-write.js';

export function request(ctx: Context<MutationDeleteItemArgs>): DynamoDBDeleteItemRequest {
  const { expectedVersion } = ctx.args;
  const key = ctx.stash.itemKey;
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

export function response(ctx: Context<MutationDeleteItemArgs>): Item | null {
  return noteFailedCondition<Item>(ctx);
}
