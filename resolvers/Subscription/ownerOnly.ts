// Subscription.onCreateItem / onUpdateItem / onDeleteItem (NONE data source):
// only the owner may subscribe to a user's item events. The server-side filter
// repeats the rule on every event, so nothing reaches a connection for another user.
import { extensions, util, type Context, type NONERequest } from '@aws-appsync/utils';
import type { SubscriptionOnCreateItemArgs } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';

export function request(ctx: Context<SubscriptionOnCreateItemArgs>): NONERequest {
  if (ctx.args.userId !== callerId(ctx)) {
    util.unauthorized();
  }
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnCreateItemArgs>): null {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ userId: { eq: ctx.args.userId } }));
  return null;
}
