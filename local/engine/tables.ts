// Creates the definition's tables in a DynamoDB engine (or adds GSIs that are
// missing), so the local twin has exactly the keys and indexes the CDK stack has.
import {
  CreateTableCommand,
  UpdateTimeToLiveCommand,
  DescribeTimeToLiveCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type Projection,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { ApiDefinition, IndexDefinition, KeyAttribute, TableDefinition } from '../definition.js';

/** Physical name of a table: its localName (or key in the definition), with an optional prefix. */
export function physicalTableName(key: string, table: TableDefinition, prefix = ''): string {
  return prefix + (table.localName ?? key);
}

function keySchema(pk: KeyAttribute, sk?: KeyAttribute): KeySchemaElement[] {
  return sk
    ? [
        { AttributeName: pk.name, KeyType: 'HASH' },
        { AttributeName: sk.name, KeyType: 'RANGE' },
      ]
    : [{ AttributeName: pk.name, KeyType: 'HASH' }];
}

function projection(index: Pick<IndexDefinition, 'projection' | 'nonKeyAttributes'>): Projection {
  const type = index.projection ?? 'ALL';
  return type === 'INCLUDE' ? { ProjectionType: type, NonKeyAttributes: index.nonKeyAttributes ?? [] } : { ProjectionType: type };
}

function gsi(index: IndexDefinition): GlobalSecondaryIndex {
  return {
    IndexName: index.indexName,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: projection(index),
  };
}

function lsi(table: TableDefinition, index: NonNullable<TableDefinition['localSecondaryIndexes']>[number]): LocalSecondaryIndex {
  return { IndexName: index.indexName, KeySchema: keySchema(table.partitionKey, index.sortKey), Projection: projection(index) };
}

function attributeDefinitions(keys: (KeyAttribute | undefined)[]): AttributeDefinition[] {
  const seen = new Map<string, AttributeDefinition>();
  for (const k of keys) {
    if (!k) continue;
    const prev = seen.get(k.name);
    if (prev && prev.AttributeType !== k.type) {
      throw new Error(`attribute "${k.name}" is declared both as ${prev.AttributeType} and ${k.type}`);
    }
    seen.set(k.name, { AttributeName: k.name, AttributeType: k.type });
  }
  return [...seen.values()];
}

function allKeys(table: TableDefinition): KeyAttribute[] {
  return [
    table.partitionKey,
    ...(table.sortKey ? [table.sortKey] : []),
    ...(table.globalSecondaryIndexes ?? []).flatMap((i) => [i.partitionKey, ...(i.sortKey ? [i.sortKey] : [])]),
    ...(table.localSecondaryIndexes ?? []).flatMap((i) => (i.sortKey ? [i.sortKey] : [])),
  ];
}

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (e) {
    if (e instanceof ResourceNotFoundException || (e as Error).name === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

/** Waits until the table and all its indexes are ACTIVE (instant locally; seconds to minutes on AWS). */
async function waitActive(client: DynamoDBClient, name: string): Promise<TableDescription> {
  for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
    const t = await describe(client, name);
    if (t && t.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')) {
      return t;
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

function sameKeys(a: KeySchemaElement[] | undefined, b: KeySchemaElement[]): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b);
}

async function ensureTable(client: DynamoDBClient, name: string, table: TableDefinition): Promise<void> {
  const wanted = keySchema(table.partitionKey, table.sortKey);
  let existing = await describe(client, name);
  if (!existing) {
    const indexes = (table.globalSecondaryIndexes ?? []).map(gsi);
    const locals = (table.localSecondaryIndexes ?? []).map((i) => lsi(table, i));
    try {
      await client.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: wanted,
          AttributeDefinitions: attributeDefinitions(allKeys(table)),
          ...(indexes.length ? { GlobalSecondaryIndexes: indexes } : {}),
          ...(locals.length ? { LocalSecondaryIndexes: locals } : {}),
        }),
      );
    } catch (e) {
      // Someone else created it meanwhile: fall through to the comparison below.
      if (!(e instanceof ResourceInUseException || (e as Error).name === 'ResourceInUseException')) throw e;
    }
    existing = await waitActive(client, name);
  }
  if (!sameKeys(existing.KeySchema, wanted)) {
    throw new Error(
      `table "${name}" exists with key ${JSON.stringify(existing.KeySchema)} but the definition says ${JSON.stringify(wanted)}; ` +
        'keys cannot be changed in place: delete the table (or the local data folder) and start again',
    );
  }
  const present = new Map((existing.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i]));
  for (const index of table.globalSecondaryIndexes ?? []) {
    const have = present.get(index.indexName);
    if (have) {
      if (!sameKeys(have.KeySchema, keySchema(index.partitionKey, index.sortKey))) {
        throw new Error(`index "${index.indexName}" of table "${name}" has other keys than the definition; delete and recreate it`);
      }
      continue;
    }
    // DynamoDB adds one GSI per UpdateTable call.
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: attributeDefinitions([...allKeys(table)]),
        GlobalSecondaryIndexUpdates: [{ Create: gsi(index) }],
      }),
    );
    await waitActive(client, name);
  }
  if (table.timeToLiveAttribute) await ensureTimeToLive(client, name, table.timeToLiveAttribute);
}

/**
 * Turns TTL on for `attribute` (DynamoDB API Reference, UpdateTimeToLive).
 * DynamoDB Local accepts the setting and reports it back (DescribeTimeToLive).
 * When it deletes expired items AWS does not document for the local engine;
 * on AWS deletion is best effort, typically within two days, and expired items
 * not yet deleted still show in reads (same page), so code must not rely on it.
 */
async function ensureTimeToLive(client: DynamoDBClient, name: string, attribute: string): Promise<void> {
  const current = (await client.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription;
  if (current?.TimeToLiveStatus === 'ENABLED' && current.AttributeName === attribute) return;
  if (current?.TimeToLiveStatus === 'ENABLED') {
    await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: current.AttributeName!, Enabled: false } }));
  }
  await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: attribute, Enabled: true } }));
}

/**
 * Makes every table of `def` exist with its keys and GSIs (PAY_PER_REQUEST).
 * Returns logical table name → physical table name.
 */
export async function ensureTables(
  client: DynamoDBClient,
  def: Pick<ApiDefinition, 'tables'>,
  opts: { prefix?: string } = {},
): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const [key, table] of Object.entries(def.tables)) {
    const name = physicalTableName(key, table, opts.prefix);
    await ensureTable(client, name, table);
    names[key] = name;
  }
  return names;
}
