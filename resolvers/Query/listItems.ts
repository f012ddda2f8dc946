// Query.listItems: the caller's items, newest first, optionally by status (Query, never Scan).
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { ItemConnection, QueryListItemsArgs } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';
import { listItemsRequest, listItemsResponse } from '../lib/list-items.js';

export function request(ctx: Context<QueryListItemsArgs>): DynamoDBQueryRequest {
  return listItemsRequest(callerId(ctx), ctx.args);
}

export function response(ctx: Context<QueryListItemsArgs>): ItemConnection {
  return listItemsResponse(ctx);
}
