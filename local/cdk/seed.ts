// --seed TABLE=FILE: a JSON array of items put into a table in file order
// with PutItem, so the last write of a key wins (DynamoDB API Reference,
// PutItem: a new item replaces an existing one with the same key). An item
// is DynamoDB attribute-value JSON (as `aws dynamodb put-item --item` takes)
// when every attribute is one {<type>: value}; otherwise plain JSON.
import { readFile } from 'node:fs/promises';
import { PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../definition.js';
import { fail } from './errors.js';

export interface SeedSpec {
  /** Physical TableName or logical id. */
  table: string;
  file: string;
}

export function parseSeedOption(value: string): SeedSpec {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) fail({ message: `--seed ${value}: expected TABLE=FILE` });
  return { table: value.slice(0, eq), file: value.slice(eq + 1) };
}

const AV_TYPES = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);

function isAttributeValue(v: unknown): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && AV_TYPES.has(keys[0]);
}

function marshal(v: unknown): AttributeValue {
  if (v === null || v === undefined) return { NULL: true };
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') return { N: String(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (Array.isArray(v)) return { L: v.map(marshal) };
  return { M: Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, marshal(x)])) };
}

/** The item as attribute values: kept as they are when the item already is attribute-value JSON. */
export function toAttributeValues(item: Record<string, unknown>): Record<string, AttributeValue> {
  const values = Object.values(item);
  if (values.length && values.every(isAttributeValue)) return item as Record<string, AttributeValue>;
  return (marshal(item) as { M: Record<string, AttributeValue> }).M;
}

/**
 * Puts each seed file's items. `tables` maps logical ids to definitions,
 * `tableNames` logical ids to the physical names in use.
 */
export async function seedTables(
  client: DynamoDBClient,
  seeds: SeedSpec[],
  tables: Record<string, TableDefinition>,
  tableNames: Record<string, string>,
): Promise<Array<{ table: string; items: number }>> {
  const done: Array<{ table: string; items: number }> = [];
  for (const seed of seeds) {
    const id = Object.keys(tables).find((k) => tables[k].localName === seed.table) ?? (tables[seed.table] ? seed.table : undefined);
    if (!id) fail({ file: seed.file, message: `--seed ${seed.table}: no such table (tables: ${Object.entries(tables).map(([k, t]) => t.localName ?? k).join(', ')})` });
    let items: unknown;
    try {
      items = JSON.parse(await readFile(seed.file, 'utf8'));
    } catch (e) {
      fail({ file: seed.file, message: `cannot read the seed file: ${(e as Error).message}` });
    }
    if (!Array.isArray(items) || !items.every((i) => i && typeof i === 'object' && !Array.isArray(i))) {
      fail({ file: seed.file, message: 'a seed file holds a JSON array of items (objects)' });
    }
    for (const [n, item] of (items as Record<string, unknown>[]).entries()) {
      try {
        await client.send(new PutItemCommand({ TableName: tableNames[id], Item: toAttributeValues(item) }));
      } catch (e) {
        fail({ file: seed.file, message: `item ${n + 1}: ${(e as Error).message}` });
      }
    }
    done.push({ table: tableNames[id], items: (items as unknown[]).length });
  }
  return done;
}
