// The AMAZON_DYNAMODB data source: validates an AppSync DynamoDB request
// object, sends it to DynamoDB (transport/) and answers in AppSync's result format.
//
// Known differences from AppSync (kept deliberate and visible):
// - versioned data sources (_version, conflict detection, a Custom
//   conditionalCheckFailedHandler Lambda) are refused with a clear message;
// - Sync scans the base table (no delta table) and filters on _lastChangedAt;
// - request-shape messages follow AppSync's "$[field]" style, but only
//   "Unsupported element" is confirmed verbatim;
// - unmodeled DynamoDB errors (ValidationException…) are typed
//   DynamoDB:DynamoDbException after the Java SDK v2 AppSync uses today.
import type { DataSource, DataSourceResult } from '../types.js';
import { batchDeleteItem } from './BatchDeleteItem.js';
import { batchGetItem } from './BatchGetItem.js';
import { batchPutItem } from './BatchPutItem.js';
import type { DynamoDbDataSourceOptions, Operation } from './context.js';
import { deleteItem } from './DeleteItem.js';
import { MappingTemplateError } from './errors.js';
import { getItem } from './GetItem.js';
import { putItem } from './PutItem.js';
import { query } from './Query.js';
import { scan } from './Scan.js';
import { sync } from './Sync.js';
import { transactGetItems } from './TransactGetItems.js';
import { transactWriteItems } from './TransactWriteItems.js';
import { updateItem } from './UpdateItem.js';
import { normalizeRequest, stringField } from './validate.js';

export type { DynamoDbDataSourceOptions } from './context.js';

export const OPERATIONS: Record<string, Operation> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  Sync: sync,
  BatchGetItem: batchGetItem,
  BatchPutItem: batchPutItem,
  BatchDeleteItem: batchDeleteItem,
  TransactGetItems: transactGetItems,
  TransactWriteItems: transactWriteItems,
};

const VERSIONS = ['2017-02-28', '2018-05-29'];

export async function invokeDynamoDb(opts: DynamoDbDataSourceOptions, request: unknown): Promise<DataSourceResult> {
  try {
    const req = normalizeRequest(request);
    const operation = stringField(req, 'operation', '$', true);
    const version = stringField(req, 'version', '$');
    if (version !== undefined && !VERSIONS.includes(version)) {
      throw new MappingTemplateError(`Unsupported version '${version}' in '$[version]'; supported: ${VERSIONS.join(', ')}.`);
    }
    const run = OPERATIONS[operation];
    if (!run) throw new MappingTemplateError(`Unsupported operation '${operation}'. Supported: ${Object.keys(OPERATIONS).join(', ')}.`);
    return await run(opts, req);
  } catch (e) {
    if (e instanceof MappingTemplateError) return { error: { type: e.type, message: e.message } };
    throw e;
  }
}

export function createDynamoDbDataSource(opts: DynamoDbDataSourceOptions): DataSource {
  return { type: 'AMAZON_DYNAMODB', invoke: (request) => invokeDynamoDb(opts, request) };
}
