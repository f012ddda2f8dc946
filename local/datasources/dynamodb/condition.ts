// The `condition` block of PutItem/UpdateItem/DeleteItem, and what AppSync does
// when it fails: for PutItem, if the stored item already equals the item being
// written (attributes in equalsIgnore aside) the write counts as a success;
// otherwise ctx.error is DynamoDB:ConditionalCheckFailedException and carries
// the current item as its data.
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

/**
 * Maps a failed conditional write. `desired` is the item the write would have
 * produced when AppSync can know it (PutItem); otherwise undefined.
 */
export function conditionFailure(e: unknown, desired: SdkItem | undefined, condition: Condition | undefined): DataSourceResult {
  if (!isSdkError(e, 'ConditionalCheckFailedException')) return { error: dynamoDbError(e) };
  const current = (e as { Item?: SdkItem }).Item;
  if (desired && current && sameItem(current, desired, new Set(condition?.equalsIgnore ?? []))) {
    return { result: fromItem(current) };
  }
  return { error: dynamoDbError(e, fromItemOrNull(current)) };
}
