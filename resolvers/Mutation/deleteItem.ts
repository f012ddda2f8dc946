// Mutation.deleteItem (pipeline: readItemToDelete → deleteItem → explainItemCondition).
import type { Context } from '@aws-appsync/utils';
import type { Item, MutationDeleteItemArgs } from '../generated/schema-types.js';
import { stashItemTarget } from '../lib/item-write.js';

export function request(ctx: Context<MutationDeleteItemArgs>): Record<string, never> {
  stashItemTarget(ctx, ctx.args.itemId);
  return {};
}

export function response(ctx: Context<MutationDeleteItemArgs>): Item {
  return ctx.prev.result;
}
