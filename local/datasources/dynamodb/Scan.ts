// Scan: every item of the table or an index, optionally one parallel segment
// → { items, nextToken, scannedCount }.
import type { DataSourceResult } from '../types.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { dynamoDbError, INVALID_TOKEN_ERROR, InvalidTokenError } from './errors.js';
import { nextTokenFor, openPage } from './pagination.js';
import { fromItem } from './values.js';
import { booleanField, expressionField, integerField, onlyFields, Placeholders, stringField, type Obj } from './validate.js';

export function parseScan(req: Obj) {
  onlyFields(req, ['version', 'operation', 'index', 'limit', 'consistentRead', 'nextToken', 'totalSegments', 'segment', 'filter', 'projection']);
  return {
    index: stringField(req, 'index', '$'),
    limit: integerField(req, 'limit', '$'),
    consistentRead: booleanField(req, 'consistentRead', '$'),
    nextToken: stringField(req, 'nextToken', '$'),
    totalSegments: integerField(req, 'totalSegments', '$'),
    segment: integerField(req, 'segment', '$'),
    filter: expressionField(req, 'filter', '$'),
    projection: expressionField(req, 'projection', '$', { values: false }),
  };
}

export async function scan(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const r = parseScan(req);
  const ph = new Placeholders();
  const filter = ph.add(r.filter);
  const projection = ph.add(r.projection);
  try {
    const page = openPage(
      ctx,
      { op: 'Scan', table: ctx.tableName, index: r.index, segment: r.segment, totalSegments: r.totalSegments },
      r.nextToken,
    );
    const out = await ctx.transport.call('Scan', {
      TableName: ctx.tableName,
      ...(r.index ? { IndexName: r.index } : {}),
      ...(filter ? { FilterExpression: filter } : {}),
      ...(projection ? { ProjectionExpression: projection } : {}),
      ...(r.limit !== undefined ? { Limit: r.limit } : {}),
      ...(r.consistentRead !== undefined ? { ConsistentRead: r.consistentRead } : {}),
      ...(r.segment !== undefined ? { Segment: r.segment } : {}),
      ...(r.totalSegments !== undefined ? { TotalSegments: r.totalSegments } : {}),
      ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
      ...ph.sdk(),
      ...capacityInput(ctx),
    });
    reportCapacity(ctx, 'Scan', out.ConsumedCapacity);
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
