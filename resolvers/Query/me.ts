// Query.me: the caller's profile (GetItem), null before createProfile.
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { User } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';
import { failOnDataSourceError } from '../lib/errors.js';
import { PROFILE_SK, userPk } from '../lib/keys.js';

export function request(ctx: Context): DynamoDBGetItemRequest {
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues({ pk: userPk(callerId(ctx)), sk: PROFILE_SK }),
  };
}

export function response(ctx: Context): Omit<User, 'items'> | null {
  failOnDataSourceError(ctx);
  return ctx.result ?? null;
}
