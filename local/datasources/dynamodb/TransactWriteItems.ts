// TransactWriteItems: up to 100 puts/updates/deletes/condition checks, all or none
// → { keys: [key, in request order], cancellationReasons: null }.
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { DataSourceResult } from '../types.js';
import { capacityInput, reportCapacity, type OperationContext } from './context.js';
import { MappingTemplateError, jsonType } from './errors.js';
import { transactionFailure } from './transactions.js';
import { fromItem, toAttributeMap, type SdkItem } from './values.js';
import {
  arrayField,
  at,
  booleanField,
  enumField,
  expressionField,
  isObject,
  keyField,
  missing,
  objectField,
  onlyFields,
  Placeholders,
  stringField,
  type Expression,
  type Obj,
} from './validate.js';

const FIELDS = {
  PutItem: ['table', 'operation', 'key', 'attributeValues', 'condition'],
  UpdateItem: ['table', 'operation', 'key', 'update', 'condition'],
  DeleteItem: ['table', 'operation', 'key', 'condition'],
  ConditionCheck: ['table', 'operation', 'key', 'condition'],
} as const;

interface WriteItem {
  table: string;
  operation: keyof typeof FIELDS;
  key: SdkItem;
  attributes?: SdkItem;
  update?: Expression;
  condition?: Expression & { returnOld: boolean };
}

function parseCondition(it: Obj, p: string, required: boolean): WriteItem['condition'] {
  const c = required ? objectField(it, 'condition', p, true) : objectField(it, 'condition', p);
  if (!c) return undefined;
  const e = expressionField(it, 'condition', p, { required: true, extra: ['returnValuesOnConditionCheckFailure'] })!;
  // AppSync returns the item that failed the check unless told not to.
  return { ...e, returnOld: booleanField(c, 'returnValuesOnConditionCheckFailure', at(p, 'condition')) ?? true };
}

export function parseTransactWriteItems(req: Obj): WriteItem[] {
  onlyFields(req, ['version', 'operation', 'transactItems']);
  const list = arrayField(req, 'transactItems', '$', true)!;
  return list.map((it, i) => {
    const p = `$[transactItems][${i}]`;
    if (!isObject(it)) throw new MappingTemplateError(`Expected JSON object for field '${p}' but got '${jsonType(it)}' instead.`);
    const operation = enumField(it, 'operation', p, Object.keys(FIELDS) as (keyof typeof FIELDS)[]) ?? missing(at(p, 'operation'));
    onlyFields(it, FIELDS[operation], p);
    const w: WriteItem = { table: stringField(it, 'table', p, true), operation, key: keyField(it, p) };
    if (operation === 'PutItem') {
      if (it.attributeValues === undefined || it.attributeValues === null) missing(at(p, 'attributeValues'));
      w.attributes = toAttributeMap(it.attributeValues, at(p, 'attributeValues'));
    }
    if (operation === 'UpdateItem') w.update = expressionField(it, 'update', p, { required: true });
    w.condition = parseCondition(it, p, operation === 'ConditionCheck');
    return w;
  });
}

function toSdk(w: WriteItem): TransactWriteItem {
  const ph = new Placeholders();
  const update = ph.add(w.update);
  const condition = ph.add(w.condition);
  const common = {
    TableName: w.table,
    ...(condition ? { ConditionExpression: condition } : {}),
    ...(condition && w.condition?.returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
    ...ph.sdk(),
  };
  switch (w.operation) {
    case 'PutItem':
      return { Put: { ...common, Item: { ...w.attributes, ...w.key } } };
    case 'UpdateItem':
      return { Update: { ...common, Key: w.key, UpdateExpression: update! } };
    case 'DeleteItem':
      return { Delete: { ...common, Key: w.key } };
    default:
      return { ConditionCheck: { ...common, Key: w.key, ConditionExpression: condition! } };
  }
}

export async function transactWriteItems(ctx: OperationContext, req: Obj): Promise<DataSourceResult> {
  const items = parseTransactWriteItems(req);
  try {
    const out = await ctx.transport.call('TransactWriteItems', { TransactItems: items.map(toSdk), ...capacityInput(ctx) });
    reportCapacity(ctx, 'TransactWriteItems', out.ConsumedCapacity);
    return { result: { keys: items.map((w) => fromItem(w.key)), cancellationReasons: null } };
  } catch (e) {
    return transactionFailure(e, 'keys');
  }
}
