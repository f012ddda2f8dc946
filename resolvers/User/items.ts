// User.items: the items of the user being resolved (the parent's userId), same
// pagination as listItems. The parent is the caller's own profile (me) or, for
// admins and back-end jobs, any profile (getUser).
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { ItemConnection, User, UserItemsArgs } from '../generated/schema-types';
import { listItemsRequest, listItemsResponse } from '../lib/list-items';

export function request(ctx: Context<UserItemsArgs, Record<string, unknown>, unknown, User>): DynamoDBQueryRequest {
  return listItemsRequest(ctx.source.userId, ctx.args);
}

export function response(ctx: Context<UserItemsArgs>): ItemConnection {
  return listItemsResponse(ctx);
}
