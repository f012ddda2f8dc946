// GetItem: one item by key → the item or null.
import type { DataSourceResult } from '../types.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { dynamoDbError } from './errors.js';
import { fromItemOrNull } from './values.js';
import { booleanField, expressionField, keyField, onlyFields, Placeholders, type Obj } from './validate.js';

export function parseGetItem(req: Obj) {
  onlyFields(req, ['version', 'operation', 'key', 'consistentRead', 'projection']);
  return {
    key: keyField(req, '$'),
    consistentRead: booleanField(req, 'consistentRead', '$'),
    projection: expressionField(req, 'projection', '$', { values: false }),
  };
}

export async function getItem(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const r = parseGetItem(req);
  const ph = new Placeholders();
  const projection = ph.add(r.projection);
  try {
    const out = await ctx.transport.call('GetItem', {
      TableName: ctx.tableName,
      Key: r.key,
      ...(r.consistentRead !== undefined ? { ConsistentRead: r.consistentRead } : {}),
      ...(projection ? { ProjectionExpression: projection } : {}),
      ...ph.sdk(),
      ...capacityInput(ctx),
    });
    reportCapacity(ctx, 'GetItem', out.ConsumedCapacity);
    return { result: fromItemOrNull(out.Item) };
  } catch (e) {
    return { error: dynamoDbError(e) };
  }
}
