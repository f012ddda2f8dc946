// Mutation.createProfile: the caller's profile and a guard item that reserves
// the email, written in one transaction so an email can never belong to two users.
// The email is the caller's verified Cognito email (lib/email.ts).
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { MutationCreateProfileArgs, User } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';
import { failOnDataSourceError, isTransactionCanceled, transactionConditionFailed } from '../lib/errors.js';
import { EMAIL_SK, emailPk, PROFILE_SK, userPk } from '../lib/keys.js';
import { verifiedEmail } from '../lib/email.js';
import { accountDeleting, notLeaving } from '../lib/account.js';
import { checkText, LIMITS } from '../lib/validate.js';

export function request(ctx: Context<MutationCreateProfileArgs>): DynamoDBTransactWriteItemsRequest {
  const userId = callerId(ctx);
  const { displayName } = ctx.args.input;
  const email = verifiedEmail(ctx, ctx.args.input.email);
  checkText(displayName, 'displayName', LIMITS.displayNameMax);
  const now = util.time.nowISO8601();
  const profile = { userId, email, displayName, createdAt: now, updatedAt: now };
  ctx.stash.profile = profile;
  const table = ctx.env.TABLE_NAME;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues({ pk: userPk(userId), sk: PROFILE_SK }),
        attributeValues: util.dynamodb.toMapValues(profile),
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      },
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues({ pk: emailPk(email), sk: EMAIL_SK }),
        attributeValues: util.dynamodb.toMapValues({ userId }),
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      },
      notLeaving(ctx, userId),
    ],
  };
}

export function response(ctx: Context<MutationCreateProfileArgs>): Omit<User, 'items'> {
  if (isTransactionCanceled(ctx)) {
    if (transactionConditionFailed(ctx, 2)) accountDeleting();
    if (transactionConditionFailed(ctx, 0)) {
      util.error('A profile already exists for this user', 'Conflict', null, { reason: 'PROFILE_EXISTS' });
    }
    if (transactionConditionFailed(ctx, 1)) {
      util.error('This email is already in use', 'Conflict', null, { reason: 'EMAIL_TAKEN' });
    }
    util.error('Your account changed while the profile was being created; try again', 'Conflict', null, { reason: 'CONCURRENT_UPDATE' });
  }
  failOnDataSourceError(ctx);
  return ctx.stash.profile;
}
