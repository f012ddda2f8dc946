// Sync (Delta Sync): pages through the base table → { items, nextToken, startedAt }.
// The local server has no delta table: with lastSync it filters the base table
// on _lastChangedAt (the attribute versioned data sources maintain) instead.
import type { DataSourceResult } from '../types.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { dynamoDbError, INVALID_TOKEN_ERROR, InvalidTokenError } from './errors.js';
import { nextTokenFor, openPage } from './pagination.js';
import { fromItem } from './values.js';
import { expressionField, integerField, onlyFields, Placeholders, stringField, type Obj } from './validate.js';

export function parseSync(req: Obj) {
  onlyFields(req, ['version', 'operation', 'basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync', 'filter']);
  return {
    basePartitionKey: stringField(req, 'basePartitionKey', '$'),
    deltaIndexName: stringField(req, 'deltaIndexName', '$'),
    limit: integerField(req, 'limit', '$'),
    nextToken: stringField(req, 'nextToken', '$'),
    lastSync: integerField(req, 'lastSync', '$'),
    filter: expressionField(req, 'filter', '$'),
  };
}

export async function sync(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const r = parseSync(req);
  const startedAt = Date.now();
  const ph = new Placeholders();
  const userFilter = ph.add(r.filter);
  const since =
    r.lastSync !== undefined
      ? ph.add({ expression: '#appsyncLocalLastChangedAt >= :appsyncLocalLastSync', names: { '#appsyncLocalLastChangedAt': '_lastChangedAt' }, values: { ':appsyncLocalLastSync': { N: String(r.lastSync) } } })
      : undefined;
  const filter = [userFilter, since].filter(Boolean).map((f) => `(${f})`).join(' AND ');
  try {
    const page = openPage(ctx, { op: 'Sync', table: ctx.tableName, lastSync: r.lastSync }, r.nextToken);
    const out = await ctx.transport.call('Scan', {
      TableName: ctx.tableName,
      ...(filter ? { FilterExpression: filter } : {}),
      ...(r.limit !== undefined ? { Limit: r.limit } : {}),
      ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
      ConsistentRead: true,
      ...ph.sdk(),
      ...capacityInput(ctx),
    });
    reportCapacity(ctx, 'Sync', out.ConsumedCapacity);
    return {
      result: {
        items: (out.Items ?? []).map(fromItem),
        nextToken: nextTokenFor(ctx, page, out.LastEvaluatedKey),
        startedAt,
      },
    };
  } catch (e) {
    if (e instanceof InvalidTokenError) return { error: { ...INVALID_TOKEN_ERROR } };
    return { error: dynamoDbError(e) };
  }
}
