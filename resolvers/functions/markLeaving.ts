// Pipeline function: marks the caller's account as leaving (lib/account.ts).
// Idempotent: a later call keeps the first call's time.
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { leavingKey } from '../lib/account.js';
import { failOnDataSourceError } from '../lib/errors.js';

export function request(ctx: Context): DynamoDBUpdateItemRequest {
  return {
    operation: 'UpdateItem',
    key: leavingKey(ctx.stash.userId),
    update: {
      expression: 'SET #since = if_not_exists(#since, :now)',
      expressionNames: { '#since': 'since' },
      expressionValues: util.dynamodb.toMapValues({ ':now': util.time.nowISO8601() }),
    },
  };
}

export function response(ctx: Context): Record<string, unknown> {
  failOnDataSourceError(ctx);
  return ctx.result;
}
