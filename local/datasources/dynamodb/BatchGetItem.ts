// BatchGetItem: items by key from one or more tables
// → { data: { table: [item | null, in key order] }, unprocessedKeys: { table: [key] } }.
import type { KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import type { DataSourceResult } from '../types.js';
import { batchFailure, listOfTable, matchesKey, tablePath, tablesField } from './batch.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { fromItem, toAttributeMap, type SdkItem } from './values.js';
import { at, booleanField, expressionField, isObject, onlyFields, Placeholders, type Obj } from './validate.js';
import { MappingTemplateError, jsonType } from './errors.js';

/** Top-level attribute names a projection expression asks for. */
function projectedNames(p: NonNullable<ReturnType<typeof expressionField>>): Set<string> {
  return new Set(
    p.expression.split(',').map((path) => {
      const first = path.trim().split(/[.[]/)[0];
      return p.names?.[first] ?? first;
    }),
  );
}

interface TableRequest {
  keys: SdkItem[];
  consistentRead?: boolean;
  projection?: ReturnType<typeof expressionField>;
}

export function parseBatchGetItem(req: Obj): Record<string, TableRequest> {
  onlyFields(req, ['version', 'operation', 'tables']);
  const tables = tablesField(req);
  const out: Record<string, TableRequest> = {};
  for (const [table, spec] of Object.entries(tables)) {
    const p = tablePath(table);
    if (!isObject(spec)) throw new MappingTemplateError(`Expected JSON object for field '${p}' but got '${jsonType(spec)}' instead.`);
    onlyFields(spec, ['keys', 'consistentRead', 'projection'], p);
    const keys = listOfTable(spec, 'keys').map((k, i) => toAttributeMap(k, `${at(p, 'keys')}[${i}]`));
    out[table] = {
      keys,
      consistentRead: booleanField(spec, 'consistentRead', p),
      projection: expressionField(spec, 'projection', p, { values: false }),
    };
  }
  return out;
}

export async function batchGetItem(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const r = parseBatchGetItem(req);
  const requestItems: Record<string, KeysAndAttributes> = {};
  // Results come back unordered and are matched to keys by their key attributes,
  // so a projection gets the key attributes added and stripped again afterwards.
  const extra: Record<string, string[]> = {};
  for (const [table, t] of Object.entries(r)) {
    if (t.keys.length === 0) continue;
    const ph = new Placeholders();
    let projection = ph.add(t.projection);
    if (projection && t.projection) {
      const wanted = projectedNames(t.projection);
      extra[table] = Object.keys(t.keys[0]).filter((k) => !wanted.has(k));
      const added = extra[table].map((k, i) => ph.add({ expression: `#appsyncLocalKey${i}`, names: { [`#appsyncLocalKey${i}`]: k } }));
      projection = [projection, ...added].join(', ');
    }
    requestItems[table] = {
      Keys: t.keys,
      ...(t.consistentRead !== undefined ? { ConsistentRead: t.consistentRead } : {}),
      ...(projection ? { ProjectionExpression: projection } : {}),
      ...(ph.sdk().ExpressionAttributeNames ? { ExpressionAttributeNames: ph.sdk().ExpressionAttributeNames } : {}),
    };
  }
  const shape = (found: Record<string, SdkItem[]>, unprocessed: Record<string, SdkItem[]>) => {
    const data: Record<string, unknown[]> = {};
    const unprocessedKeys: Record<string, unknown[]> = {};
    for (const [table, t] of Object.entries(r)) {
      const left = unprocessed[table] ?? [];
      data[table] = t.keys.map((key) => {
        if (left.some((u) => matchesKey(u, key))) return null;
        const item = (found[table] ?? []).find((it) => matchesKey(it, key));
        if (!item) return null;
        const plain = fromItem(item);
        for (const k of extra[table] ?? []) delete plain[k];
        return plain;
      });
      unprocessedKeys[table] = left.map(fromItem);
    }
    return { data, unprocessedKeys };
  };
  if (Object.keys(requestItems).length === 0) return { result: shape({}, {}) };
  try {
    const out = await ctx.transport.call('BatchGetItem', { RequestItems: requestItems, ...capacityInput(ctx) });
    reportCapacity(ctx, 'BatchGetItem', out.ConsumedCapacity);
    const unprocessed = Object.fromEntries(Object.entries(out.UnprocessedKeys ?? {}).map(([t, ka]) => [t, ka.Keys ?? []]));
    return { result: shape(out.Responses ?? {}, unprocessed) };
  } catch (e) {
    return batchFailure(e, () => shape({}, Object.fromEntries(Object.entries(r).map(([t, x]) => [t, x.keys]))));
  }
}
