// BatchPutItem: writes items to one or more tables
// → { data: { table: [item | null] }, unprocessedItems: { table: [item] } }.
import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import type { DataSourceResult } from '../types.js';
import { batchFailure, listOfTable, tablePath, tablesField } from './batch.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { fromItem, sameItem, toAttributeMap, type SdkItem } from './values.js';
import { onlyFields, type Obj } from './validate.js';

export function parseBatchPutItem(req: Obj): Record<string, SdkItem[]> {
  onlyFields(req, ['version', 'operation', 'tables']);
  const tables = tablesField(req);
  return Object.fromEntries(
    Object.keys(tables).map((table) => [table, listOfTable(tables, table).map((it, i) => toAttributeMap(it, `${tablePath(table)}[${i}]`))]),
  );
}

export async function batchPutItem(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const r = parseBatchPutItem(req);
  const shape = (unprocessed: Record<string, SdkItem[]>) => {
    const data: Record<string, unknown[]> = {};
    const unprocessedItems: Record<string, unknown[]> = {};
    for (const [table, items] of Object.entries(r)) {
      const left = unprocessed[table] ?? [];
      data[table] = items.map((it) => (left.some((u) => sameItem(u, it)) ? null : fromItem(it)));
      unprocessedItems[table] = left.map(fromItem);
    }
    return { data, unprocessedItems };
  };
  const requestItems: Record<string, WriteRequest[]> = {};
  for (const [table, items] of Object.entries(r)) {
    if (items.length) requestItems[table] = items.map((Item) => ({ PutRequest: { Item } }));
  }
  if (Object.keys(requestItems).length === 0) return { result: shape({}) };
  try {
    const out = await ctx.transport.call('BatchWriteItem', { RequestItems: requestItems, ...capacityInput(ctx) });
    reportCapacity(ctx, 'BatchPutItem', out.ConsumedCapacity);
    const unprocessed = Object.fromEntries(
      Object.entries(out.UnprocessedItems ?? {}).map(([t, reqs]) => [t, reqs.flatMap((w) => (w.PutRequest?.Item ? [w.PutRequest.Item] : []))]),
    );
    return { result: shape(unprocessed) };
  } catch (e) {
    return batchFailure(e, () => shape(r));
  }
}
