// Mutation.createItem: PutItem under the caller's partition. The id is a ULID
// (sortable by creation time, which gives "newest first" for free) and the
// write refuses to replace anything that already has that key.
import { util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { Item, MutationCreateItemArgs } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';
import { failOnDataSourceError, isConditionFailure } from '../lib/errors.js';
import { itemSk, statusPk, userPk } from '../lib/keys.js';
import { checkPriority, checkTags, checkText, LIMITS } from '../lib/validate.js';

export function request(ctx: Context<MutationCreateItemArgs>): DynamoDBPutItemRequest {
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
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ pk: userPk(userId), sk: itemSk(itemId) }),
    attributeValues: util.dynamodb.toMapValues(item),
    condition: { expression: 'attribute_not_exists(pk)' },
  };
}

export function response(ctx: Context<MutationCreateItemArgs>): Item {
  if (isConditionFailure(ctx)) {
    util.error('An item with this id already exists', 'Conflict');
  }
  failOnDataSourceError(ctx);
  return ctx.result;
}
