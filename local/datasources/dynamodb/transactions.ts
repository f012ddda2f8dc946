// Shared by TransactGetItems/TransactWriteItems: a cancelled transaction becomes
// ctx.error (DynamoDB:TransactionCanceledException) plus, in ctx.result, the
// cancellation reasons in request order ({ type, message, item? }).
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import type { DataSourceResult } from '../types.js';
import { dynamoDbError, isSdkError } from './errors.js';
import { fromItem } from './values.js';

export function cancellationReasons(e: unknown): unknown[] {
  const reasons = ((e as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? []) as CancellationReason[];
  return reasons.map((r) => ({
    type: r.Code ?? 'None',
    message: r.Message ?? null,
    ...(r.Item ? { item: fromItem(r.Item) } : {}),
  }));
}

export function transactionFailure(e: unknown, emptyField: 'items' | 'keys'): DataSourceResult {
  if (!isSdkError(e, 'TransactionCanceledException')) return { error: dynamoDbError(e) };
  return { result: { [emptyField]: null, cancellationReasons: cancellationReasons(e) }, error: dynamoDbError(e) };
}
