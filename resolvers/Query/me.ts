// Query.me: the caller's profile (GetItem), null before createProfile.
import { util, type Context } from '@aws-appsync/utils';
import type { DynamoDBGetItemRequest } from '@aws-appsync/utils/lib/resolver-return-types';
import { callerId } from '../lib/caller';
import { failOnDataSourceError } from '../lib/errors';
import { PROFILE_SK, userPk } from '../lib/keys';

export function request(ctx: Context): DynamoDBGetItemRequest {
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues({ pk: userPk(callerId(ctx)), sk: PROFILE_SK }),
  };
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx);
  return ctx.result ?? null;
}
