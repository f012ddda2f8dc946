// The `condition` block of PutItem/UpdateItem/DeleteItem, and what AppSync does
// when it fails. AWS: "AWS AppSync JavaScript resolver function reference for
// DynamoDB › Condition expressions › Handling a condition check failure":
// AppSync reads the current item, then
// - PutItem: if it equals the item being written (equalsIgnore aside), the
//   write counts as a success and returns the stored item;
// - DeleteItem: if there is no stored item, the delete counts as a success;
// - UpdateItem: never compares;
// and otherwise follows the strategy. Reject ("Following the reject strategy")
// gives ctx.error (DynamoDB:ConditionalCheckFailedException) while the
// response handler reads the current item from ctx.result, as AWS's example
// handler does. Nothing in the docs puts the item in ctx.error.data, so the
// twin does not. The current item comes with the failed write itself
// (ReturnValuesOnConditionCheckFailure: ALL_OLD): the same item AppSync's own
// strongly consistent GetItem would read, without a second round trip.
import type { DataSourceResult } from '../types.js';
import { dynamoDbError, isSdkError, MappingTemplateError } from './errors.js';
import { fromItem, fromItemOrNull, sameItem, type SdkItem } from './values.js';
import { at, booleanField, enumField, expressionField, objectField, onlyFields, stringField, stringList, type Expression, type Obj } from './validate.js';

export interface Condition extends Expression {
  equalsIgnore: string[];
}

export function parseCondition(req: Obj, path = '$'): Condition | undefined {
  const c = objectField(req, 'condition', path);
  if (!c) return undefined;
  const p = at(path, 'condition');
  onlyFields(c, ['expression', 'expressionNames', 'expressionValues', 'equalsIgnore', 'consistentRead', 'conditionalCheckFailedHandler'], p);
  const e = expressionField(req, 'condition', path, { required: true, extra: ['equalsIgnore', 'consistentRead', 'conditionalCheckFailedHandler'] })!;
  booleanField(c, 'consistentRead', p);
  const handler = objectField(c, 'conditionalCheckFailedHandler', p);
  if (handler) {
    const hp = at(p, 'conditionalCheckFailedHandler');
    onlyFields(handler, ['strategy', 'lambdaArn'], hp);
    const strategy = enumField(handler, 'strategy', hp, ['Custom', 'Reject'] as const);
    stringField(handler, 'lambdaArn', hp);
    if (strategy === 'Custom') {
      throw new MappingTemplateError(
        `'${at(hp, 'strategy')}' Custom (a Lambda deciding on condition failures) is not supported by the local server; use Reject.`,
      );
    }
  }
  return { ...e, equalsIgnore: stringList(c, 'equalsIgnore', p) ?? [] };
}

/** The SDK fields that make DynamoDB return the stored item when the condition fails. */
export const returnOldOnFailure = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } as const;

/** Which comparison AppSync makes before following the strategy. */
export type FailedWrite = { operation: 'PutItem'; desired: SdkItem } | { operation: 'UpdateItem' } | { operation: 'DeleteItem' };

/** Maps a failed conditional write to what the response handler sees. */
export function conditionFailure(e: unknown, write: FailedWrite, condition: Condition | undefined): DataSourceResult {
  if (!isSdkError(e, 'ConditionalCheckFailedException')) return { error: dynamoDbError(e) };
  const current = (e as { Item?: SdkItem }).Item;
  if (write.operation === 'PutItem' && current && sameItem(current, write.desired, new Set(condition?.equalsIgnore ?? []))) {
    return { result: fromItem(current) };
  }
  if (write.operation === 'DeleteItem' && !current) return { result: null };
  return { result: fromItemOrNull(current), error: dynamoDbError(e) };
}
