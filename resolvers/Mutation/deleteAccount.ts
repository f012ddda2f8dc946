// Mutation.deleteAccount (pipeline: markLeaving → readAccountPage → deleteAccountPage).
// Each call deletes one page of the caller's records; the call that finds only
// the account's own records left deletes them with the email guard and answers
// done. Clients call it until done (lib/account.ts explains the safety).
//
// No onDeleteItem events fire for the items it deletes: AppSync invokes a
// subscription only in response to the mutations its @aws_subscribe lists
// ("Using subscriptions for real-time data applications › GraphQL schema
// subscription directives"), and onDeleteItem lists deleteItem alone. That is
// the intent: a leaving user's other sessions need no flood of 1,000 events;
// they see AccountDeleting on their next write, and NotFound after done.
import type { Context } from '@aws-appsync/utils';
import type { AccountDeletion } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';

export function request(ctx: Context): Record<string, never> {
  ctx.stash.userId = callerId(ctx);
  return {};
}

export function response(ctx: Context): AccountDeletion {
  return ctx.prev.result;
}
