import { util, type Context } from '@aws-appsync/utils';
import { callerId } from './caller.js';
import { failOnDataSourceError, isConditionFailure } from './errors.js';
import { itemSk, userPk } from './keys.js';

/** Fields of an item its owner may change. */
export const EDITABLE_ITEM_FIELDS = ['title', 'status', 'priority', 'dueDate', 'tags'];

/** Before step of a conditional item write: who, which item, its key. */
export function stashItemTarget(ctx: Context, itemId: string): void {
  const userId = callerId(ctx);
  ctx.stash.userId = userId;
  ctx.stash.itemId = itemId;
  ctx.stash.itemKey = util.dynamodb.toMapValues({ pk: userPk(userId), sk: itemSk(itemId) });
}

/**
 * Response of a conditional UpdateItem. A failed condition — or a "success"
 * that names no item, which the docs leave open — is marked for
 * explainItemCondition to look into.
 */
export function noteFailedCondition<T extends { itemId: string }>(ctx: Context): T | null {
  if (isConditionFailure(ctx)) {
    ctx.stash.conditionFailed = true;
    return null;
  }
  failOnDataSourceError(ctx);
  if (!ctx.result || !(ctx.result as Partial<T>).itemId) {
    ctx.stash.conditionFailed = true;
    return null;
  }
  return ctx.result as T;
}

/** The item is not under the caller's key (absent, or someone else's). */
export function itemNotFound(itemId: string): never {
  util.error(`Item ${itemId} not found`, 'NotFound', null, { itemId });
}

/** The item is there, at another version than the caller expected. */
export function itemChanged(itemId: string, currentVersion: number): never {
  util.error(`Item ${itemId} was changed by someone else (now at version ${currentVersion})`, 'Conflict', null, { itemId, currentVersion });
}
