// PutItem: writes key + attributeValues (optionally conditional) → the item written.
import type { DataSourceResult } from '../types.js';
import { conditionFailure, parseCondition, returnOldOnFailure } from './condition.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { MappingTemplateError } from './errors.js';
import { fromItem, toAttributeMap } from './values.js';
import { keyField, missing, onlyFields, Placeholders, type Obj } from './validate.js';
import { rejectVersioning, VERSIONING_FIELDS } from './versioning.js';

export function parsePutItem(req: Obj) {
  onlyFields(req, ['version', 'operation', 'key', 'attributeValues', 'condition', ...VERSIONING_FIELDS]);
  rejectVersioning(req);
  const key = keyField(req, '$');
  const attributes = req.attributeValues === undefined || req.attributeValues === null ? missing('$[attributeValues]') : toAttributeMap(req.attributeValues, '$[attributeValues]');
  for (const k of Object.keys(key)) {
    if (k in attributes) throw new MappingTemplateError(`Key attribute '${k}' must not also be in '$[attributeValues]'.`);
  }
  return { key, item: { ...attributes, ...key }, condition: parseCondition(req) };
}

export async function putItem(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const r = parsePutItem(req);
  const ph = new Placeholders();
  const condition = ph.add(r.condition);
  try {
    const out = await ctx.transport.call('PutItem', {
      TableName: ctx.tableName,
      Item: r.item,
      ...(condition ? { ConditionExpression: condition, ...returnOldOnFailure } : {}),
      ...ph.sdk(),
      ...capacityInput(ctx),
    });
    reportCapacity(ctx, 'PutItem', out.ConsumedCapacity);
    return { result: fromItem(r.item) };
  } catch (e) {
    return conditionFailure(e, { operation: 'PutItem', desired: r.item }, r.condition);
  }
}
