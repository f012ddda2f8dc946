// @aws-appsync/utils/dynamodb: request objects for the DynamoDB data source.
import { toDynamoDB, toMapValues } from './dynamodb-values.js';
import { expressionFrom } from './transform.js';
import { fail } from './state.js';

function keyOf(key) { return toMapValues(key); }

function projectionOf(p) {
  if (!p || !p.length) return undefined;
  const names = {};
  const expr = p.map((f) => String(f).split('.').map((part) => { const k = `#${part.replace(/[^A-Za-z0-9_]/g, '_')}`; names[k] = part; return k; }).join('.')).join(', ');
  return { expression: expr, expressionNames: names };
}

function keyCondition(query) {
  const names = {};
  const values = {};
  const parts = [];
  for (const field of Object.keys(query)) {
    const k = `#${field}`;
    names[k] = field;
    const cond = query[field];
    for (const op of Object.keys(cond)) {
      const v = `:${field}_${op}`;
      const ops = { eq: '=', le: '<=', lt: '<', ge: '>=', gt: '>' };
      if (ops[op]) { values[v] = toDynamoDB(cond[op]); parts.push(`${k} ${ops[op]} ${v}`); }
      else if (op === 'beginsWith') { values[v] = toDynamoDB(cond[op]); parts.push(`begins_with(${k}, ${v})`); }
      else if (op === 'between') { values[`${v}_0`] = toDynamoDB(cond[op][0]); values[`${v}_1`] = toDynamoDB(cond[op][1]); parts.push(`${k} BETWEEN ${v}_0 AND ${v}_1`); }
      else fail(`Unsupported key condition ${op}`);
    }
  }
  return { expression: parts.join(' AND '), expressionNames: names, expressionValues: values };
}

function clean(o) {
  const out = {};
  for (const k of Object.keys(o)) if (o[k] !== undefined && o[k] !== null) out[k] = o[k];
  return out;
}

const opTag = (type, value) => ({ __op: type, value });

function updateExpression(update) {
  const names = {};
  const values = {};
  const sets = [];
  const removes = [];
  const adds = [];
  const deletes = [];
  let n = 0;
  for (const field of Object.keys(update)) {
    const k = `#${field.replace(/[^A-Za-z0-9_]/g, '_')}`;
    names[k] = field;
    const u = update[field];
    n += 1;
    const v = `:${field.replace(/[^A-Za-z0-9_]/g, '_')}_${n}`;
    if (u && u.__op) {
      if (u.__op === 'remove') removes.push(k);
      else if (u.__op === 'add') { values[v] = toDynamoDB(u.value); adds.push(`${k} ${v}`); }
      else if (u.__op === 'delete') { values[v] = toDynamoDB(u.value); deletes.push(`${k} ${v}`); }
      else if (u.__op === 'increment') { values[v] = toDynamoDB(u.value); sets.push(`${k} = ${k} + ${v}`); }
      else if (u.__op === 'decrement') { values[v] = toDynamoDB(u.value); sets.push(`${k} = ${k} - ${v}`); }
      else if (u.__op === 'append') { values[v] = toDynamoDB(u.value); sets.push(`${k} = list_append(${k}, ${v})`); }
      else if (u.__op === 'prepend') { values[v] = toDynamoDB(u.value); sets.push(`${k} = list_append(${v}, ${k})`); }
      else if (u.__op === 'replace') { values[v] = toDynamoDB(u.value); sets.push(`${k} = ${v}`); }
      else if (u.__op === 'updateListItem') { values[v] = toDynamoDB(u.value); sets.push(`${k}[${u.index}] = ${v}`); }
    } else if (u === null || u === undefined) removes.push(k);
    else { values[v] = toDynamoDB(u); sets.push(`${k} = ${v}`); }
  }
  const clauses = [];
  if (sets.length) clauses.push(`SET ${sets.join(', ')}`);
  if (removes.length) clauses.push(`REMOVE ${removes.join(', ')}`);
  if (adds.length) clauses.push(`ADD ${adds.join(', ')}`);
  if (deletes.length) clauses.push(`DELETE ${deletes.join(', ')}`);
  const out = { expression: clauses.join(' ') };
  if (Object.keys(names).length) out.expressionNames = names;
  if (Object.keys(values).length) out.expressionValues = values;
  return out;
}

const cond = (c) => (c ? expressionFrom(c) : undefined);
const filt = (f) => (f ? expressionFrom(f) : undefined);

export const dynamodb = {
  get: (p) => clean({ operation: 'GetItem', key: keyOf(p.key), consistentRead: p.consistentRead, projection: projectionOf(p.projection) }),
  put: (p) => clean({ operation: 'PutItem', key: keyOf(p.key), attributeValues: toMapValues(p.item), condition: cond(p.condition), _version: p._version }),
  remove: (p) => clean({ operation: 'DeleteItem', key: keyOf(p.key), condition: cond(p.condition), _version: p._version }),
  update: (p) => clean({ operation: 'UpdateItem', key: keyOf(p.key), update: updateExpression(p.update), condition: cond(p.condition), _version: p._version }),
  query: (p) => clean({ operation: 'Query', query: keyCondition(p.query), filter: filt(p.filter), index: p.index, nextToken: p.nextToken, limit: p.limit, scanIndexForward: p.scanIndexForward, consistentRead: p.consistentRead, select: p.select, projection: projectionOf(p.projection) }),
  scan: (p) => clean({ operation: 'Scan', filter: filt(p.filter), index: p.index, nextToken: p.nextToken, limit: p.limit, consistentRead: p.consistentRead, segment: p.segment, totalSegments: p.totalSegments, select: p.select, projection: projectionOf(p.projection) }),
  sync: (p) => clean({ operation: 'Sync', basePartitionKey: p.basePartitionKey, deltaIndexName: p.deltaIndexName, limit: p.limit, nextToken: p.nextToken, lastSync: p.lastSync, filter: filt(p.filter) }),
  batchGet: (p) => ({ operation: 'BatchGetItem', tables: Object.fromEntries(Object.keys(p.tables).map((t) => { const v = p.tables[t]; const keys = Array.isArray(v) ? v : v.keys; return [t, clean({ keys: keys.map((k) => keyOf(k)), consistentRead: v.consistentRead, projection: projectionOf(v.projection) })]; })) }),
  batchPut: (p) => ({ operation: 'BatchPutItem', tables: Object.fromEntries(Object.keys(p.tables).map((t) => [t, p.tables[t].map((i) => toMapValues(i))])) }),
  batchDelete: (p) => ({ operation: 'BatchDeleteItem', tables: Object.fromEntries(Object.keys(p.tables).map((t) => [t, p.tables[t].map((k) => keyOf(k))])) }),
  transactGet: (p) => ({ operation: 'TransactGetItems', transactItems: p.items.map((i) => clean({ table: i.table, key: keyOf(i.key), projection: projectionOf(i.projection) })) }),
  transactWrite: (p) => ({ operation: 'TransactWriteItems', transactItems: p.items.map((i) => {
    const base = { table: i.table, key: keyOf(i.key) };
    if (i.operation === 'PutItem') return clean({ ...base, operation: 'PutItem', attributeValues: toMapValues(i.item), condition: cond(i.condition) });
    if (i.operation === 'UpdateItem') return clean({ ...base, operation: 'UpdateItem', update: updateExpression(i.update), condition: cond(i.condition) });
    if (i.operation === 'DeleteItem') return clean({ ...base, operation: 'DeleteItem', condition: cond(i.condition) });
    return clean({ ...base, operation: 'ConditionCheck', condition: cond(i.condition) });
  }) }),
  toStringSet: (v) => ({ SS: v }),
  toNumberSet: (v) => ({ NS: v }),
  toBinarySet: (v) => ({ BS: v }),
  operations: {
    add: (v) => opTag('add', v),
    remove: () => opTag('remove'),
    replace: (v) => opTag('replace', v),
    increment: (v) => opTag('increment', v),
    decrement: (v) => opTag('decrement', v),
    append: (v) => opTag('append', v),
    prepend: (v) => opTag('prepend', v),
    updateListItem: (v, index) => ({ __op: 'updateListItem', value: v, index }),
    delete: (v) => opTag('delete', v),
  },
};
