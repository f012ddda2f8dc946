// Per-user cap on stored items. A counter item (pk USER#<sub>, sk QUOTA)
// moves in the same transaction as the item it counts: createItem adds one
// only while the count is below the cap, deleteItem takes one away. DynamoDB
// evaluates a transaction's conditions atomically, so concurrent creates can
// never take a user past the cap, and a failed write leaves the count alone.
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { QUOTA_SK, userPk } from './keys.js';

type TransactItem = DynamoDBTransactWriteItemsRequest['transactItems'][number];

/** The default cap; the API definition can set another (ctx.env.ITEMS_PER_USER). */
export const DEFAULT_ITEMS_PER_USER = 1000;

export function itemsPerUser(ctx: Context): number {
  const configured = Number(ctx.env.ITEMS_PER_USER);
  return configured > 0 ? configured : DEFAULT_ITEMS_PER_USER;
}

const counterKey = (userId: string) => util.dynamodb.toMapValues({ pk: userPk(userId), sk: QUOTA_SK });

/** Counts one more item, refused (ConditionalCheckFailed) at the cap. */
export function takeQuota(ctx: Context, userId: string): TransactItem {
  return {
    table: ctx.env.TABLE_NAME,
    operation: 'UpdateItem',
    key: counterKey(userId),
    update: {
      expression: 'SET #count = if_not_exists(#count, :zero) + :one',
      expressionNames: { '#count': 'itemCount' },
      expressionValues: util.dynamodb.toMapValues({ ':zero': 0, ':one': 1 }),
    },
    condition: {
      expression: 'attribute_not_exists(#count) OR #count < :max',
      expressionNames: { '#count': 'itemCount' },
      expressionValues: util.dynamodb.toMapValues({ ':max': itemsPerUser(ctx) }),
      returnValuesOnConditionCheckFailure: false,
    },
  };
}

/** Counts one item less. Unconditional, so a delete is never refused over the count. */
export function releaseQuota(ctx: Context, userId: string): TransactItem {
  return {
    table: ctx.env.TABLE_NAME,
    operation: 'UpdateItem',
    key: counterKey(userId),
    update: {
      expression: 'SET #count = if_not_exists(#count, :one) - :one',
      expressionNames: { '#count': 'itemCount' },
      expressionValues: util.dynamodb.toMapValues({ ':one': 1 }),
    },
  };
}
