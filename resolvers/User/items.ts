// User.items: the items of the user being resolved (the parent's userId), same
// pagination as listItems. The parent is the caller's own profile (me) or, for
// admins and back-end jobs, any profile (getUser).
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { ItemConnection, User, UserItemsArgs } from '../generated/schema-types.js';
import { listItemsRequest, listItemsResponse } from '../lib/list-items.js';

export function request(ctx: Context<UserItemsArgs, Record<string, unknown>, Record<string, unknown>, User>): DynamoDBQueryRequest {
  // AppSync always sets the parent for a nested field.
  return listItemsRequest((ctx.source as User).userId, ctx.args);
}

export function response(ctx: Context<UserItemsArgs>): ItemConnection {
  return listItemsResponse(ctx);
}
