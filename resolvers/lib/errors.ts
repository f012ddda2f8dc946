import { util, type Context } from '@aws-appsync/utils';

const CONDITION_FAILED = 'DynamoDB:ConditionalCheckFailedException';
const TRANSACTION_CANCELED = 'DynamoDB:TransactionCanceledException';

/** True when the data source refused a write because its condition did not hold. */
export function isConditionFailure(ctx: Context): boolean {
  return !!ctx.error && ctx.error.type === CONDITION_FAILED;
}

/** True when a transaction was cancelled (one of its conditions did not hold). */
export function isTransactionCanceled(ctx: Context): boolean {
  return !!ctx.error && ctx.error.type === TRANSACTION_CANCELED;
}

/** True when a cancelled transaction failed on the condition of its item number `index`. */
export function transactionConditionFailed(ctx: Context, index: number): boolean {
  const reasons = ((ctx.result ?? {}) as { cancellationReasons?: { type: string }[] | null }).cancellationReasons ?? [];
  return reasons.length > index && reasons[index].type === 'ConditionalCheckFailed';
}

/** Any other data source error surfaces as-is (message and DynamoDB type). */
export function failOnDataSourceError(ctx: Context): void {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
}
