// Pipeline function: reads the profile of ctx.stash.userId; fails with NotFound
// when there is none, so later functions can rely on ctx.prev.result.
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { failOnDataSourceError } from '../lib/errors.js';
import { PROFILE_SK, userPk } from '../lib/keys.js';
import type { ProfileRecord } from '../lib/profile.js';

export function request(ctx: Context): DynamoDBGetItemRequest {
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues({ pk: userPk(ctx.stash.userId), sk: PROFILE_SK }),
    consistentRead: true,
  };
}

export function response(ctx: Context): ProfileRecord {
  failOnDataSourceError(ctx);
  if (!ctx.result) {
    util.error('No profile yet: call createProfile first', 'NotFound');
  }
  return ctx.result;
}
