// Errors as AppSync reports them to ctx.error: a request object AppSync would
// not accept, and DynamoDB failures (typed "DynamoDB:<Exception>", message in
// the Java SDK's "(Service: DynamoDb, Status Code: …, Request ID: …)" form).
import type { DataSourceResult } from '../types.js';

/** A request object AppSync rejects before calling DynamoDB. */
export class MappingTemplateError extends Error {
  readonly type = 'MappingTemplate';
}

/** A nextToken that was not issued by this server for this very query. */
export const INVALID_TOKEN_ERROR = {
  type: 'DynamoDB:UserIllegalArgumentException',
  message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
} as const;

export class InvalidTokenError extends Error {
  constructor() {
    super(INVALID_TOKEN_ERROR.message);
  }
}

/** Jackson's names for JSON node types, which AppSync's messages use. */
export function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return 'ARRAY';
  switch (typeof v) {
    case 'string':
      return 'STRING';
    case 'number':
      return 'NUMBER';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'OBJECT';
  }
}

/** Exceptions the DynamoDB Java SDK models by name; anything else surfaces as its base exception. */
const MODELED = new Set([
  'ConditionalCheckFailedException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ResourceNotFoundException',
  'ItemCollectionSizeLimitExceededException',
  'TransactionCanceledException',
  'TransactionConflictException',
  'TransactionInProgressException',
  'IdempotentParameterMismatchException',
  'InternalServerErrorException',
  'LimitExceededException',
  'ResourceInUseException',
  'ThrottlingException',
]);

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** ctx.error for a failed DynamoDB call. */
export function dynamoDbError(e: unknown): NonNullable<DataSourceResult['error']> {
  const err = e as SdkError;
  const name = err?.name ?? 'Error';
  const status = err?.$metadata?.httpStatusCode;
  if (status === undefined) {
    // No HTTP answer at all: the engine is down or unreachable.
    return { type: 'DynamoDB:SdkClientException', message: `Unable to execute HTTP request: ${err?.message ?? String(e)}` };
  }
  const requestId = err.$metadata?.requestId ?? 'local';
  const type = MODELED.has(name) ? `DynamoDB:${name}` : 'DynamoDB:DynamoDbException';
  const message = `${err.message ?? name} (Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`;
  return { type, message };
}

export function isSdkError(e: unknown, name: string): boolean {
  return (e as SdkError)?.name === name;
}
