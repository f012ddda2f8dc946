// DeleteItem: removes an item (optionally conditional) → the deleted item, or null if there was none.
import type { DataSourceResult } from '../types.js';
import { conditionFailure, parseCondition, returnOldOnFailure } from './condition.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { fromItemOrNull } from './values.js';
import { keyField, onlyFields, Placeholders, type Obj } from './validate.js';
import { rejectVersioning, VERSIONING_FIELDS } from './versioning.js';

export function parseDeleteItem(req: Obj) {
  onlyFields(req, ['version', 'operation', 'key', 'condition', ...VERSIONING_FIELDS]);
  rejectVersioning(req);
  return { key: keyField(req, '$'), condition: parseCondition(req) };
}

export async function deleteItem(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const r = parseDeleteItem(req);
  const ph = new Placeholders();
  const condition = ph.add(r.condition);
  try {
    const out = await ctx.transport.call('DeleteItem', {
      TableName: ctx.tableName,
      Key: r.key,
      ReturnValues: 'ALL_OLD',
      ...(condition ? { ConditionExpression: condition, ...returnOldOnFailure } : {}),
      ...ph.sdk(),
      ...capacityInput(ctx),
    });
    reportCapacity(ctx, 'DeleteItem', out.ConsumedCapacity);
    return { result: fromItemOrNull(out.Attributes) };
  } catch (e) {
    return conditionFailure(e, { operation: 'DeleteItem' }, r.condition);
  }
}
