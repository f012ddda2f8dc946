// Pipeline function: UpdateItem with optimistic locking — the write happens
// only if the item exists and is still at expectedVersion; version is bumped.
// A failed condition is left to explainItemCondition (the next function),
// which reads the item to tell NotFound from Conflict.
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { Item, MutationUpdateItemArgs } from '../generated/schema-types.js';
import { EDITABLE_ITEM_FIELDS, noteFailedCondition } from '../lib/item-write.js';
import { statusPk } from '../lib/keys.js';

export function request(ctx: Context<MutationUpdateItemArgs>): DynamoDBUpdateItemRequest {
  const input = ctx.args.input as Record<string, unknown>;
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':one': 1, ':now': util.time.nowISO8601() };
  const sets = ['#version = #version + :one', '#updatedAt = :now'];
  const removes: string[] = [];
  for (const field of EDITABLE_ITEM_FIELDS.filter((f) => input[f] !== undefined)) {
    names[`#${field}`] = field;
    if (input[field] === null) {
      removes.push(`#${field}`);
    } else {
      values[`:${field}`] = input[field];
      sets.push(`#${field} = :${field}`);
    }
  }
  if (input.status) {
    // Keep the byStatus index in step with the item's status.
    names['#gsi1pk'] = 'gsi1pk';
    values[':gsi1pk'] = statusPk(ctx.stash.userId, input.status as string);
    sets.push('#gsi1pk = :gsi1pk');
  }
  const expression = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
  return {
    operation: 'UpdateItem',
    key: ctx.stash.itemKey,
    update: { expression, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    condition: {
      expression: 'attribute_exists(pk) AND #version = :expected',
      expressionNames: { '#version': 'version' },
      expressionValues: util.dynamodb.toMapValues({ ':expected': ctx.args.input.expectedVersion }),
    },
  };
}

export function response(ctx: Context<MutationUpdateItemArgs>): Item | null {
  return noteFailedCondition<Item>(ctx);
}
