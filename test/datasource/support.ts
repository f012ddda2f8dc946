// Shared by the data source tests: uniquely named tables in the shared DynamoDB
// Local (see test/global-setup.ts) and data sources over them.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ApiDefinition } from '../../local/definition.js';
import { createDataSources, createDynamoDbTransport, type DynamoDbTransport } from '../../local/datasources/index.js';
import { createDynamoDbClient } from '../../local/engine/client.js';
import { ensureTables } from '../../local/engine/tables.js';

export const testDefinition: Pick<ApiDefinition, 'tables' | 'dataSources'> = {
  tables: {
    main: {
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      globalSecondaryIndexes: [
        { indexName: 'byStatus', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
      ],
    },
    other: { partitionKey: { name: 'id', type: 'S' } },
  },
  dataSources: {
    mainTable: { type: 'AMAZON_DYNAMODB', table: 'main' },
    otherTable: { type: 'AMAZON_DYNAMODB', table: 'other' },
    none: { type: 'NONE' },
  },
};

export interface Fixture {
  /** For set-up and checks beside the data source. */
  client: DynamoDBClient;
  /** What the data sources use: the one the server picks for this engine. */
  transport: DynamoDbTransport;
  tables: Record<string, string>;
  secret: Uint8Array;
}

/** Fresh tables whose names start with a prefix unique to this call. */
export async function setUpTables(label: string): Promise<Fixture> {
  const endpoint = inject('dynamodbEndpoint');
  const client = createDynamoDbClient(endpoint);
  const tables = await ensureTables(client, testDefinition, { prefix: `ds_${label}_${randomBytes(4).toString('hex')}_` });
  return { client, transport: createDynamoDbTransport(endpoint, client), tables, secret: randomBytes(32) };
}

export function closeFixture(f: Fixture): void {
  f.transport.destroy();
  f.client.destroy();
}

export function dataSources(f: Fixture, transport: DynamoDbTransport = f.transport, onConsumedCapacity?: (op: string, units: number) => void) {
  return createDataSources(testDefinition, {
    transport,
    tableNames: f.tables,
    tokenSecret: f.secret,
    ...(onConsumedCapacity ? { onConsumedCapacity } : {}),
  });
}

/** util.dynamodb.toMapValues as AppSync's JS runtime does it (numbers stay JSON numbers). */
export function typed(obj: Record<string, unknown>): Record<string, unknown> {
  const conv = (v: unknown): unknown => {
    if (v === null) return { NULL: true };
    if (typeof v === 'string') return { S: v };
    if (typeof v === 'number') return { N: v };
    if (typeof v === 'boolean') return { BOOL: v };
    if (Array.isArray(v)) return { L: v.map(conv) };
    return { M: typed(v as Record<string, unknown>) };
  };
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, conv(v)]));
}
