// TransactGetItems: up to 100 items, read atomically → { items: [item | null], cancellationReasons: null }.
import type { DataSourceResult } from '../types.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { MappingTemplateError, jsonType } from './errors.js';
import { transactionFailure } from './transactions.js';
import { fromItemOrNull } from './values.js';
import { arrayField, expressionField, isObject, keyField, onlyFields, Placeholders, stringField, type Obj } from './validate.js';

export function parseTransactGetItems(req: Obj) {
  onlyFields(req, ['version', 'operation', 'transactItems']);
  const list = arrayField(req, 'transactItems', '$', true)!;
  return list.map((it, i) => {
    const p = `$[transactItems][${i}]`;
    if (!isObject(it)) throw new MappingTemplateError(`Expected JSON object for field '${p}' but got '${jsonType(it)}' instead.`);
    onlyFields(it, ['table', 'key', 'projection'], p);
    return {
      table: stringField(it, 'table', p, true),
      key: keyField(it, p),
      projection: expressionField(it, 'projection', p, { values: false }),
    };
  });
}

export async function transactGetItems(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const items = parseTransactGetItems(req);
  try {
    const out = await ctx.transport.call('TransactGetItems', {
      TransactItems: items.map((it) => {
        const ph = new Placeholders();
        const projection = ph.add(it.projection);
        return {
          Get: {
            TableName: it.table,
            Key: it.key,
            ...(projection ? { ProjectionExpression: projection } : {}),
            ...(ph.sdk().ExpressionAttributeNames ? { ExpressionAttributeNames: ph.sdk().ExpressionAttributeNames } : {}),
          },
        };
      }),
      ...capacityInput(ctx),
    });
    reportCapacity(ctx, 'TransactGetItems', out.ConsumedCapacity);
    return { result: { items: (out.Responses ?? []).map((r) => fromItemOrNull(r.Item)), cancellationReasons: null } };
  } catch (e) {
    return transactionFailure(e, 'items');
  }
}
