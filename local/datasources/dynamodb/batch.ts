// Shared by the Batch* operations: the `tables` map, matching DynamoDB's
// unordered answers back to the request order, and partial failures.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DataSourceResult } from '../types.js';
import { dynamoDbError, MappingTemplateError } from './errors.js';
import { sameAttributeValue, type SdkItem } from './values.js';
import { arrayField, at, objectField, type Obj } from './validate.js';

export function tablesField(req: Obj): Obj {
  const tables = objectField(req, 'tables', '$', true);
  if (Object.keys(tables).length === 0) throw new MappingTemplateError(`At least one table must be given in '$[tables]'.`);
  return tables;
}

export function listOfTable(tables: Obj, table: string): unknown[] {
  return arrayField(tables, table, '$[tables]', true)!;
}

export const tablePath = (table: string): string => at('$[tables]', table);

/** True when `item` has exactly the key's values for the key's attributes. */
export function matchesKey(item: SdkItem, key: SdkItem): boolean {
  return Object.entries(key).every(([k, v]) => item[k] !== undefined && sameAttributeValue(item[k] as AttributeValue, v));
}

/** Throttling-type failures leave the whole batch unprocessed (AppSync still reports the shape). */
export function isThrottle(e: unknown): boolean {
  const name = (e as { name?: string })?.name;
  return name === 'ProvisionedThroughputExceededException' || name === 'ThrottlingException' || name === 'RequestLimitExceeded';
}

export function batchFailure(e: unknown, everythingUnprocessed: () => unknown): DataSourceResult {
  return isThrottle(e) ? { result: everythingUnprocessed(), error: dynamoDbError(e) } : { error: dynamoDbError(e) };
}
