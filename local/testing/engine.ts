// A real DynamoDB for integration tests: DynamoDB Local, started once per test
// run by the kit's global setup (testing/global-setup.ts) and shared by every
// test file through an environment variable, so the JVM starts once. Each
// table gets a unique name, so test files never see each other's data.
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { invokeDynamoDb } from '../datasources/dynamodb/index.js';
import { wireTransport } from '../datasources/dynamodb/transport/index.js';
import type { TableDefinition } from '../definition.js';
import { createDynamoDbClient, ensureTables } from '../engine/index.js';
import type { Invoke } from '../runtime/types.js';
import type { SentRequest } from './datasources.js';

/** Set by the global setup; any DynamoDB endpoint (e.g. one you run yourself) works. */
export const ENDPOINT_VARIABLE = 'APPSYNC_LOCAL_DYNAMODB_ENDPOINT';

export function sharedEndpoint(): string {
  const endpoint = process.env[ENDPOINT_VARIABLE];
  if (!endpoint) {
    throw new Error(`no DynamoDB for tests: add 'appsync-local/testing/global-setup' to vitest's globalSetup (or set ${ENDPOINT_VARIABLE})`);
  }
  return endpoint;
}

export interface TestTable {
  /** The table's unique physical name (what ctx.env should name in transactions). */
  name: string;
  endpoint: string;
  client: DynamoDBClient;
  /** A DynamoDB data source on this table: runs AppSync request objects as AppSync's would. */
  invoke: Invoke;
  /** Every request the data source was handed, in order. */
  requests: SentRequest[];
  destroy(): Promise<void>;
}

export async function createTestTable(table: TableDefinition, opts: { endpoint?: string; name?: string } = {}): Promise<TestTable> {
  const endpoint = opts.endpoint ?? sharedEndpoint();
  const client = createDynamoDbClient(endpoint);
  const key = opts.name ?? 'table';
  const names = await ensureTables(client, { tables: { [key]: { ...table, localName: undefined } } }, { prefix: `t${randomUUID().slice(0, 8)}_` });
  const name = names[key];
  const transport = wireTransport(endpoint);
  const dataSource = { transport, tableName: name, tokenSecret: new Uint8Array(32).map(() => Math.floor(Math.random() * 256)) };
  const requests: SentRequest[] = [];
  return {
    name,
    endpoint,
    client,
    requests,
    invoke: (request) => {
      requests.push(request);
      return invokeDynamoDb(dataSource, request);
    },
    async destroy() {
      await client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
      client.destroy();
    },
  };
}
