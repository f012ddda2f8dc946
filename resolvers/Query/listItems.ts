// Query.listItems: the caller's items, newest first, optionally by status (Query, never Scan).
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { ItemConnection, QueryListItemsArgs } from '../generated/schema-types';
import { callerId } from '../lib/caller';
import { listItemsRequest, listItemsResponse } from '../lib/list-items';

export function request(ctx: Context<QueryListItemsArgs>): DynamoDBQueryRequest {
  return listItemsRequest(callerId(ctx), ctx.args);
}

export function response(ctx: Context<QueryListItemsArgs>): ItemConnection {
  return listItemsResponse(ctx);
}
