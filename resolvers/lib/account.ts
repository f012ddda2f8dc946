// Account deletion (Mutation.deleteAccount: markLeaving → readAccountPage →
// deleteAccountPage). The account is marked as leaving with an item of its own
// (pk USER#<sub>, sk LEAVING). Every write that could add to the account
// (createItem, createProfile, updateProfile) carries a ConditionCheck that the
// mark is absent, in its own transaction; every deletion carries one that it is
// present. DynamoDB serializes transactions against other writes to the same
// items, so once the mark is written nothing new appears under the account, and
// a deletion never runs against an account that is not leaving (DynamoDB
// Developer Guide, "Isolation levels for DynamoDB transactions").
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { LEAVING_SK, PROFILE_SK, QUOTA_SK, userPk } from './keys.js';

type TransactItem = DynamoDBTransactWriteItemsRequest['transactItems'][number];

/**
 * Records read per deleteAccount call, and so records deleted per call at most.
 * DynamoDB takes 100 actions per transaction; 50 deletes plus the mark's check
 * keep each transaction well inside that and each call short.
 */
export const ACCOUNT_PAGE = 50;

/** The account's own records, deleted together last; everything else in the partition is a child. */
export const ACCOUNT_RECORDS = [LEAVING_SK, PROFILE_SK, QUOTA_SK];

export const leavingKey = (userId: string) => util.dynamodb.toMapValues({ pk: userPk(userId), sk: LEAVING_SK });

function leavingCheck(ctx: Context, userId: string, expression: string): TransactItem {
  return {
    table: ctx.env.TABLE_NAME,
    operation: 'ConditionCheck',
    key: leavingKey(userId),
    condition: { expression, returnValuesOnConditionCheckFailure: false },
  };
}

/** Holds only while the account is not being deleted. */
export function notLeaving(ctx: Context, userId: string): TransactItem {
  return leavingCheck(ctx, userId, 'attribute_not_exists(pk)');
}

/** Holds only while the account is being deleted. */
export function stillLeaving(ctx: Context, userId: string): TransactItem {
  return leavingCheck(ctx, userId, 'attribute_exists(pk)');
}

export function accountDeleting(): never {
  return util.error('This account is being deleted: call deleteAccount until it answers done', 'AccountDeleting');
}
