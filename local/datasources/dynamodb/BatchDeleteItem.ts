// BatchDeleteItem: deletes items by key from one or more tables
// → { data: { table: [key | null] }, unprocessedKeys: { table: [key] } }.
import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import type { DataSourceResult } from '../types.js';
import { batchFailure, listOfTable, tablePath, tablesField } from './batch.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { fromItem, sameItem, toAttributeMap, type SdkItem } from './values.js';
import { onlyFields, type Obj } from './validate.js';

export function parseBatchDeleteItem(req: Obj): Record<string, SdkItem[]> {
  onlyFields(req, ['version', 'operation', 'tables']);
  const tables = tablesField(req);
  return Object.fromEntries(
    Object.keys(tables).map((table) => [table, listOfTable(tables, table).map((k, i) => toAttributeMap(k, `${tablePath(table)}[${i}]`))]),
  );
}

export async function batchDeleteItem(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const r = parseBatchDeleteItem(req);
  const shape = (unprocessed: Record<string, SdkItem[]>) => {
    const data: Record<string, unknown[]> = {};
    const unprocessedKeys: Record<string, unknown[]> = {};
    for (const [table, keys] of Object.entries(r)) {
      const left = unprocessed[table] ?? [];
      data[table] = keys.map((k) => (left.some((u) => sameItem(u, k)) ? null : fromItem(k)));
      unprocessedKeys[table] = left.map(fromItem);
    }
    return { data, unprocessedKeys };
  };
  const requestItems: Record<string, WriteRequest[]> = {};
  for (const [table, keys] of Object.entries(r)) {
    if (keys.length) requestItems[table] = keys.map((Key) => ({ DeleteRequest: { Key } }));
  }
  if (Object.keys(requestItems).length === 0) return { result: shape({}) };
  try {
    const out = await ctx.transport.call('BatchWriteItem', { RequestItems: requestItems, ...capacityInput(ctx) });
    reportCapacity(ctx, 'BatchDeleteItem', out.ConsumedCapacity);
    const unprocessed = Object.fromEntries(
      Object.entries(out.UnprocessedItems ?? {}).map(([t, reqs]) => [t, reqs.flatMap((w) => (w.DeleteRequest?.Key ? [w.DeleteRequest.Key] : []))]),
    );
    return { result: shape(unprocessed) };
  } catch (e) {
    return batchFailure(e, () => shape(r));
  }
}
