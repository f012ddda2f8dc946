// AWS::DynamoDB::Table and AWS::DynamoDB::GlobalTable as the twin's
// TableDefinition: keys from KeySchema typed by AttributeDefinitions, GSIs and
// LSIs with their projections (ALL, KEYS_ONLY, INCLUDE + NonKeyAttributes), and
// TimeToLiveSpecification. AWS: CloudFormation resource reference,
// AWS::DynamoDB::Table (KeySchema, AttributeDefinitions, GlobalSecondaryIndexes,
// LocalSecondaryIndexes, Projection, TimeToLiveSpecification, TableName) and
// AWS::DynamoDB::GlobalTable (the same properties; replicas are one table locally).
import type { IndexDefinition, KeyAttribute, KeyType, TableDefinition } from '../definition.js';
import { fail } from './errors.js';

export const TABLE_TYPES = new Set(['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);

type KeySchema = Array<{ AttributeName: string; KeyType: 'HASH' | 'RANGE' }>;
interface IndexProps {
  IndexName: string;
  KeySchema: KeySchema;
  Projection?: { ProjectionType?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
}

/**
 * The table of resource `id` (its properties already resolved). `localName`
 * is its fixed TableName, or the logical id when CloudFormation would name it.
 */
export function tableFromResource(id: string, props: Record<string, unknown>, file: string): TableDefinition {
  const types = new Map<string, KeyType>();
  for (const a of (props.AttributeDefinitions ?? []) as Array<{ AttributeName: string; AttributeType: KeyType }>) types.set(a.AttributeName, a.AttributeType);
  const attr = (name: string): KeyAttribute => {
    const type = types.get(name);
    if (!type) fail({ file, logicalId: id, message: `key attribute "${name}" has no entry in AttributeDefinitions` });
    return { name, type };
  };
  const keys = (schema: KeySchema | undefined, what: string): { partitionKey: KeyAttribute; sortKey?: KeyAttribute } => {
    const hash = schema?.find((k) => k.KeyType === 'HASH');
    if (!hash) fail({ file, logicalId: id, message: `${what} has no HASH key in KeySchema` });
    const range = schema?.find((k) => k.KeyType === 'RANGE');
    return { partitionKey: attr(hash.AttributeName), ...(range ? { sortKey: attr(range.AttributeName) } : {}) };
  };
  const projection = (p: IndexProps['Projection']): Pick<IndexDefinition, 'projection' | 'nonKeyAttributes'> => ({
    projection: p?.ProjectionType ?? 'ALL',
    ...(p?.ProjectionType === 'INCLUDE' ? { nonKeyAttributes: p.NonKeyAttributes ?? [] } : {}),
  });
  const table: TableDefinition = { ...keys(props.KeySchema as KeySchema, 'the table'), localName: typeof props.TableName === 'string' ? props.TableName : id };
  const gsis = (props.GlobalSecondaryIndexes ?? []) as IndexProps[];
  if (gsis.length) table.globalSecondaryIndexes = gsis.map((g) => ({ indexName: g.IndexName, ...keys(g.KeySchema, `index ${g.IndexName}`), ...projection(g.Projection) }));
  const lsis = (props.LocalSecondaryIndexes ?? []) as IndexProps[];
  if (lsis.length) {
    table.localSecondaryIndexes = lsis.map((l) => {
      const k = keys(l.KeySchema, `index ${l.IndexName}`);
      return { indexName: l.IndexName, ...(k.sortKey ? { sortKey: k.sortKey } : {}), ...projection(l.Projection) };
    });
  }
  const ttl = props.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  if (ttl?.Enabled && ttl.AttributeName) table.timeToLiveAttribute = ttl.AttributeName;
  return table;
}
