import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { Item, ItemConnection, ItemStatus } from '../generated/schema-types.js';
import { failOnDataSourceError } from './errors.js';
import { ITEM_PREFIX, STATUS_INDEX, statusPk, userPk } from './keys.js';
import { pageLimit } from './validate.js';

export interface ListArgs {
  status?: ItemStatus | null;
  limit?: number | null;
  nextToken?: string | null;
}

/**
 * A user's items, newest first: a Query on the user's partition (ULID sort
 * keys sort by creation time), or on the byStatus index when a status is given.
 */
export function listItemsRequest(userId: string, args: ListArgs): DynamoDBQueryRequest {
  const limit = pageLimit(args.limit);
  const base = { operation: 'Query' as const, limit, scanIndexForward: false, nextToken: args.nextToken ?? undefined };
  if (args.status) {
    return {
      ...base,
      index: STATUS_INDEX,
      query: {
        expression: '#pk = :pk',
        expressionNames: { '#pk': 'gsi1pk' },
        expressionValues: util.dynamodb.toMapValues({ ':pk': statusPk(userId, args.status) }),
      },
    };
  }
  return {
    ...base,
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :prefix)',
      expressionNames: { '#pk': 'pk', '#sk': 'sk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': userPk(userId), ':prefix': ITEM_PREFIX }),
    },
  };
}

export function listItemsResponse(ctx: Context): ItemConnection {
  failOnDataSourceError(ctx);
  const result = ctx.result as { items: Item[]; nextToken?: string | null };
  return { items: result.items, nextToken: result.nextToken ?? null };
}
