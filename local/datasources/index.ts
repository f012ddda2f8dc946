// One data source per entry of the API definition, ready for the runtime.
import type { ApiDefinition } from '../definition.js';
import { createDynamoDbDataSource } from './dynamodb/index.js';
import type { DynamoDbTransport } from './dynamodb/transport/index.js';
import { createNoneDataSource } from './none.js';
import type { DataSource } from './types.js';

export { createDynamoDbDataSource, invokeDynamoDb, type DynamoDbDataSourceOptions } from './dynamodb/index.js';
export { createDynamoDbTransport, sdkTransport, wireTransport, type DynamoDbTransport } from './dynamodb/transport/index.js';
export { createNoneDataSource } from './none.js';
export type { DataSource, DataSourceResult } from './types.js';

export interface DataSourcesOptions {
  /** How every DynamoDB data source reaches the engine (createDynamoDbTransport). */
  transport: DynamoDbTransport;
  /** Logical table name (key of def.tables) → physical name, as ensureTables returns it. */
  tableNames: Record<string, string>;
  /** Key for nextToken encryption. */
  tokenSecret: Uint8Array;
  onConsumedCapacity?: (operation: string, units: number) => void;
}

export function createDataSources(def: Pick<ApiDefinition, 'dataSources'>, opts: DataSourcesOptions): Record<string, DataSource> {
  const out: Record<string, DataSource> = {};
  for (const [name, ds] of Object.entries(def.dataSources)) {
    if (ds.type === 'NONE') {
      out[name] = createNoneDataSource();
      continue;
    }
    const tableName = opts.tableNames[ds.table];
    if (!tableName) throw new Error(`data source "${name}" uses table "${ds.table}", which has no physical name in tableNames`);
    out[name] = createDynamoDbDataSource({
      transport: opts.transport,
      tableName,
      tokenSecret: opts.tokenSecret,
      ...(opts.onConsumedCapacity ? { onConsumedCapacity: opts.onConsumedCapacity } : {}),
    });
  }
  return out;
}
