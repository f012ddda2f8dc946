// Where the local server's data lives: DynamoDB Local started here (in memory
// or persisted to a folder), or any DynamoDB endpoint given by URL — a real AWS
// table included — through the option or the AWS SDK's standard variables.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient, endpointFromEnvironment } from './client.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';

export { createDynamoDbClient, endpointFromEnvironment, isAwsEndpoint } from './client.js';
export { startDynamoDbLocal, type DynamoDbLocal, type DynamoDbLocalOptions } from './dynamodb-local.js';
export { ensureTables, physicalTableName } from './tables.js';
export { JAVA_MISSING_MESSAGE } from './java.js';
export { EngineStartError, type EngineStartProblem } from './errors.js';

export interface DataStoreOptions {
  /** Use this DynamoDB endpoint instead of starting DynamoDB Local. */
  endpoint?: string;
  /** Start DynamoDB Local in memory (tests). */
  inMemory?: boolean;
  /** Folder DynamoDB Local persists to (ignored with inMemory). */
  dbPath?: string;
  port?: number;
  log?: (line: string) => void;
}

export interface DataStore {
  endpoint: string | undefined;
  client: DynamoDBClient;
  /** The engine started for this store, if one was. */
  engine?: DynamoDbLocal;
  stop(): Promise<void>;
}

/**
 * An explicit endpoint (or AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL) wins;
 * otherwise DynamoDB Local starts, in memory or on `dbPath`.
 */
export async function openDataStore(opts: DataStoreOptions): Promise<DataStore> {
  const external = opts.endpoint ?? endpointFromEnvironment();
  if (external) {
    const client = createDynamoDbClient(external);
    return { endpoint: external, client, stop: async () => client.destroy() };
  }
  if (!opts.inMemory && !opts.dbPath) throw new Error('openDataStore: give inMemory: true or a dbPath to persist to');
  const engine = await startDynamoDbLocal({
    ...(opts.inMemory ? { inMemory: true } : { dbPath: opts.dbPath }),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  const client = createDynamoDbClient(engine.endpoint);
  return {
    endpoint: engine.endpoint,
    client,
    engine,
    stop: async () => {
      client.destroy();
      await engine.stop();
    },
  };
}
