// Query.getUser: any user's profile, for admins (group "admin", enforced by the
// schema's @aws_cognito_user_pools directive) and IAM back-end jobs.
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { QueryGetUserArgs, User } from '../generated/schema-types.js';
import { failOnDataSourceError } from '../lib/errors.js';
import { PROFILE_SK, userPk } from '../lib/keys.js';

export function request(ctx: Context<QueryGetUserArgs>): DynamoDBGetItemRequest {
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues({ pk: userPk(ctx.args.userId), sk: PROFILE_SK }),
  };
}

export function response(ctx: Context<QueryGetUserArgs>): Omit<User, 'items'> | null {
  failOnDataSourceError(ctx);
  return ctx.result ?? null;
}
