// Mutation.updateItem (pipeline: updateItem → explainItemCondition). The
// before step validates, so nothing is written for a bad request.
import { util, type Context } from '@aws-appsync/utils';
import type { Item, MutationUpdateItemArgs } from '../generated/schema-types.js';
import { EDITABLE_ITEM_FIELDS, stashItemTarget } from '../lib/item-write.js';
import { checkPriority, checkTags, checkText, LIMITS } from '../lib/validate.js';

const REQUIRED = ['title', 'status'];

export function request(ctx: Context<MutationUpdateItemArgs>): Record<string, never> {
  const input = ctx.args.input as Record<string, unknown>;
  if (EDITABLE_ITEM_FIELDS.every((f) => input[f] === undefined)) {
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
  stashItemTarget(ctx, ctx.args.input.itemId);
  return {};
}

export function response(ctx: Context<MutationUpdateItemArgs>): Item {
  return ctx.prev.result;
}
