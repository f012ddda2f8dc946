// Query: a key condition on the table or an index → { items, nextToken, scannedCount }.
import type { DataSourceResult } from '../types.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { dynamoDbError, INVALID_TOKEN_ERROR, InvalidTokenError } from './errors.js';
import { nextTokenFor, openPage } from './pagination.js';
import { fromItem } from './values.js';
import { booleanField, enumField, expressionField, integerField, onlyFields, Placeholders, stringField, type Obj } from './validate.js';

export function parseQuery(req: Obj) {
  onlyFields(req, ['version', 'operation', 'query', 'index', 'nextToken', 'limit', 'scanIndexForward', 'consistentRead', 'select', 'filter', 'projection']);
  return {
    query: expressionField(req, 'query', '$', { required: true })!,
    index: stringField(req, 'index', '$'),
    nextToken: stringField(req, 'nextToken', '$'),
    limit: integerField(req, 'limit', '$'),
    scanIndexForward: booleanField(req, 'scanIndexForward', '$'),
    consistentRead: booleanField(req, 'consistentRead', '$'),
    select: enumField(req, 'select', '$', ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES'] as const),
    filter: expressionField(req, 'filter', '$'),
    projection: expressionField(req, 'projection', '$', { values: false }),
  };
}

export async function query(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const r = parseQuery(req);
  const ph = new Placeholders();
  const keyCondition = ph.add(r.query)!;
  const filter = ph.add(r.filter);
  const projection = ph.add(r.projection);
  try {
    // A token only continues the very query (table, index, key condition, direction) that issued it.
    const page = openPage(
      ctx,
      { op: 'Query', table: ctx.tableName, index: r.index, query: r.query, forward: r.scanIndexForward !== false },
      r.nextToken,
    );
    const out = await ctx.transport.call('Query', {
      TableName: ctx.tableName,
      ...(r.index ? { IndexName: r.index } : {}),
      KeyConditionExpression: keyCondition,
      ...(filter ? { FilterExpression: filter } : {}),
      ...(projection ? { ProjectionExpression: projection } : {}),
      ...(r.limit !== undefined ? { Limit: r.limit } : {}),
      ...(r.scanIndexForward !== undefined ? { ScanIndexForward: r.scanIndexForward } : {}),
      ...(r.consistentRead !== undefined ? { ConsistentRead: r.consistentRead } : {}),
      ...(r.select ? { Select: r.select } : {}),
      ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
      ...ph.sdk(),
      ...capacityInput(ctx),
    });
    reportCapacity(ctx, 'Query', out.ConsumedCapacity);
    return {
      result: {
        items: (out.Items ?? []).map(fromItem),
        nextToken: nextTokenFor(ctx, page, out.LastEvaluatedKey),
        scannedCount: out.ScannedCount ?? 0,
      },
    };
  } catch (e) {
    if (e instanceof InvalidTokenError) return { error: { ...INVALID_TOKEN_ERROR } };
    return { error: dynamoDbError(e) };
  }
}
