// UpdateItem: applies an update expression (optionally conditional) → the item after the update.
import type { DataSourceResult } from '../types.js';
import { conditionFailure, parseCondition, returnOldOnFailure } from './condition.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { fromItemOrNull } from './values.js';
import { expressionField, keyField, onlyFields, Placeholders, type Obj } from './validate.js';
import { rejectVersioning, VERSIONING_FIELDS } from './versioning.js';

export function parseUpdateItem(req: Obj) {
  onlyFields(req, ['version', 'operation', 'key', 'update', 'condition', ...VERSIONING_FIELDS]);
  rejectVersioning(req);
  return {
    key: keyField(req, '$'),
    update: expressionField(req, 'update', '$', { required: true })!,
    condition: parseCondition(req),
  };
}

export async function updateItem(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const r = parseUpdateItem(req);
  const ph = new Placeholders();
  const update = ph.add(r.update)!;
  const condition = ph.add(r.condition);
  try {
    const out = await ctx.transport.call('UpdateItem', {
      TableName: ctx.tableName,
      Key: r.key,
      UpdateExpression: update,
      ReturnValues: 'ALL_NEW',
      ...(condition ? { ConditionExpression: condition, ...returnOldOnFailure } : {}),
      ...ph.sdk(),
      ...capacityInput(ctx),
    });
    reportCapacity(ctx, 'UpdateItem', out.ConsumedCapacity);
    return { result: fromItemOrNull(out.Attributes) };
  } catch (e) {
    return conditionFailure(e, { operation: 'UpdateItem' }, r.condition);
  }
}
