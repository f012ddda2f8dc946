// Mutation.updateItem: UpdateItem with optimistic locking — the write happens
// only if the item exists and is still at expectedVersion; version is bumped.
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { Item, MutationUpdateItemArgs } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';
import { failOnItemCondition } from '../lib/conflict.js';
import { failOnDataSourceError } from '../lib/errors.js';
import { itemSk, statusPk, userPk } from '../lib/keys.js';
import { checkPriority, checkTags, checkText, LIMITS } from '../lib/validate.js';

const EDITABLE = ['title', 'status', 'priority', 'dueDate', 'tags'];
const REQUIRED = ['title', 'status'];

export function request(ctx: Context<MutationUpdateItemArgs>): DynamoDBUpdateItemRequest {
  const userId = callerId(ctx);
  const input = ctx.args.input as Record<string, unknown>;
  const given = EDITABLE.filter((f) => input[f] !== undefined);
  if (given.length === 0) {
    util.error('Nothing to update: give at least one of title, status, priority, dueDate, tags', 'ValidationError', null, {
      field: 'input',
    });
  }
  for (const field of REQUIRED) {
    if (input[field] === null) util.error(`${field} cannot be null`, 'ValidationError', null, { field });
  }
  checkText(input.title as string | null | undefined, 'title', LIMITS.titleMax);
  checkPriority(input.priority as number | null | undefined);
  checkTags(input.tags as string[] | null | undefined);

  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = {
    ':expected': ctx.args.input.expectedVersion,
    ':one': 1,
    ':now': util.time.nowISO8601(),
  };
  const sets = ['#version = #version + :one', '#updatedAt = :now'];
  const removes: string[] = [];
  for (const field of given) {
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
    values[':gsi1pk'] = statusPk(userId, input.status as string);
    sets.push('#gsi1pk = :gsi1pk');
  }
  const expression = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ pk: userPk(userId), sk: itemSk(ctx.args.input.itemId) }),
    update: { expression, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    condition: {
      expression: 'attribute_exists(pk) AND #version = :expected',
      expressionNames: { '#version': 'version' },
      expressionValues: util.dynamodb.toMapValues({ ':expected': ctx.args.input.expectedVersion }),
    },
  };
}

export function response(ctx: Context<MutationUpdateItemArgs>): Item {
  failOnItemCondition(ctx, ctx.args.input.itemId);
  failOnDataSourceError(ctx);
  return ctx.result;
}
