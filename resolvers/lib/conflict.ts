import { util, type Context } from '@aws-appsync/utils';
import { isConditionFailure, storedItem } from './errors.js';

/**
 * A conditional write on an item failed: NotFound when the item is not there
 * (or belongs to someone else — it is simply not under the caller's key),
 * Conflict when it is there but at another version than the caller expected.
 */
export function failOnItemCondition(ctx: Context, itemId: string): void {
  if (!isConditionFailure(ctx)) return;
  const current = storedItem(ctx);
  if (!current) {
    util.error(`Item ${itemId} not found`, 'NotFound', null, { itemId });
  }
  util.error(`Item ${itemId} was changed by someone else (now at version ${current.version})`, 'Conflict', null, {
    itemId,
    currentVersion: current.version,
  });
}
