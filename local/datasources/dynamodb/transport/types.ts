// What every transport implements: index.ts picks one, sdk.ts and wire.ts
// provide them. Kept apart so neither implementation imports the module that
// imports it.
import type * as Ddb from '@aws-sdk/client-dynamodb';

export interface DynamoDbCalls {
  GetItem: [Ddb.GetItemInput, Ddb.GetItemOutput];
  PutItem: [Ddb.PutItemInput, Ddb.PutItemOutput];
  UpdateItem: [Ddb.UpdateItemInput, Ddb.UpdateItemOutput];
  DeleteItem: [Ddb.DeleteItemInput, Ddb.DeleteItemOutput];
  Query: [Ddb.QueryInput, Ddb.QueryOutput];
  Scan: [Ddb.ScanInput, Ddb.ScanOutput];
  BatchGetItem: [Ddb.BatchGetItemInput, Ddb.BatchGetItemOutput];
  BatchWriteItem: [Ddb.BatchWriteItemInput, Ddb.BatchWriteItemOutput];
  TransactGetItems: [Ddb.TransactGetItemsInput, Ddb.TransactGetItemsOutput];
  TransactWriteItems: [Ddb.TransactWriteItemsInput, Ddb.TransactWriteItemsOutput];
}

export type DynamoDbCallName = keyof DynamoDbCalls;

export interface DynamoDbTransport {
  call<K extends DynamoDbCallName>(operation: K, input: DynamoDbCalls[K][0]): Promise<DynamoDbCalls[K][1]>;
  /** Closes pooled connections (the SDK transport leaves its client to its owner). */
  destroy(): void;
}
