// @aws-appsync/utils/dynamodb ("Amazon DynamoDB built-in module"): request
// objects for the DynamoDB data source. Shapes and placeholder names are those
// AWS's EvaluateCode answers (localstack/appsync-utils index.test.js.snap, and
// the cases in test/conformance/dynamodb-module.test.ts):
// - an optional argument that is absent or null is left out of the request;
// - condition, filter and the query's key condition are util.transform's
//   expression as an object, without expressionValues when none is bound;
// - update names attributes #expName_N and values :expValue_N, SET clauses
//   first then REMOVE, numbered in the order they come out;
// - operations.* are plain tagged values ({ type: 'OPERATION_INCREMENT', by }).
import { toDynamoDB, toMapValues } from './dynamodb-values.js';
import { buildExpression } from './transform.js';
import { fail } from './state.js';

const key = (k) => toMapValues(k);

function withOptional(request, optional) {
  for (const k of Object.keys(optional)) if (optional[k] !== undefined && optional[k] !== null) request[k] = optional[k];
  return request;
}

function expressionOf(filter) {
  if (filter === undefined || filter === null) return undefined;
  const e = buildExpression(filter);
  if (e === null) return undefined;
  const out = { expression: e.expression, expressionNames: e.expressionNames };
  if (Object.keys(e.expressionValues).length) out.expressionValues = e.expressionValues;
  return out;
}

// AppSync's name placeholders: #expName_N, one per distinct name, numbered in
// order of first use; a name used again keeps its placeholder.
function nameAliases() {
  const aliases = {};
  const names = {};
  let n = 0;
  const alias = (name) => {
    if (!Object.prototype.hasOwnProperty.call(aliases, name)) {
      n += 1;
      aliases[name] = `#expName_${n}`;
      names[aliases[name]] = name;
    }
    return aliases[name];
  };
  return { alias, names };
}

// Every path segment gets an alias.
function projectionOf(projection) {
  if (!Array.isArray(projection) || !projection.length) return undefined;
  const { alias, names } = nameAliases();
  const expression = projection.map((p) => String(p).split('.').map(alias).join('.')).join(', ');
  return { expression, expressionNames: names };
}

const OP = {
  add: 'OPERATION_ADD',
  append: 'OPERATION_APPEND',
  decrement: 'OPERATION_DECREMENT',
  increment: 'OPERATION_INCREMENT',
  prepend: 'OPERATION_PREPEND',
  remove: 'OPERATION_REMOVE',
  replace: 'OPERATION_REPLACE',
  updateListItem: 'OPERATION_UPDATE_LIST_ITEM',
};

const isOperation = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.type === 'string' && v.type.indexOf('OPERATION_') === 0;
const isListItems = (v) => Array.isArray(v) && v.length > 0 && v.every((x) => isOperation(x) && x.type === OP.updateListItem);
// increment()/decrement() with no step move by one.
const step = (by) => (by === undefined || by === null ? 1 : by);

function updateExpression(update) {
  const sets = []; // [field, render(name, value)]
  const removes = [];
  for (const f of Object.keys(update || {})) {
    const u = update[f];
    if (isListItems(u)) {
      for (const item of u) sets.push([f, (n, v) => `${n}[${item.index}] = ${v(item.value)}`]);
    } else if (!isOperation(u)) {
      // A bare value (null included) sets the attribute to it.
      sets.push([f, (n, v) => `${n} = ${v(u)}`]);
    } else if (u.type === OP.add || u.type === OP.replace) sets.push([f, (n, v) => `${n} = ${v(u.value)}`]);
    else if (u.type === OP.append) sets.push([f, (n, v) => `${n} = list_append(${n}, ${v(u.items)})`]);
    else if (u.type === OP.prepend) sets.push([f, (n, v) => `${n} = list_append(${v(u.items)}, ${n})`]);
    else if (u.type === OP.increment) sets.push([f, (n, v) => `${n} = ${n} + ${v(step(u.by))}`]);
    else if (u.type === OP.decrement) sets.push([f, (n, v) => `${n} = ${n} - ${v(step(u.by))}`]);
    else if (u.type === OP.updateListItem) sets.push([f, (n, v) => `${n}[${u.index}] = ${v(u.value)}`]);
    else if (u.type === OP.remove) removes.push(f);
    else fail(`Unsupported update operation ${u.type}`);
  }
  const { alias: name, names } = nameAliases();
  const values = {};
  let nv = 0;
  const value = (x) => {
    nv += 1;
    values[`:expValue_${nv}`] = toDynamoDB(x);
    return `:expValue_${nv}`;
  };
  const clauses = [];
  if (sets.length) clauses.push(`SET ${sets.map(([f, render]) => render(name(f), value)).join(', ')}`);
  if (removes.length) clauses.push(`REMOVE ${removes.map(name).join(', ')}`);
  return { expression: clauses.join(' '), expressionNames: names, expressionValues: values };
}

// updateListItem's marker: AWS's carries no enumerable key (localstack/appsync-utils
// index.test.js, "updateListItem" left unrecorded for that reason), so it
// serialises to {}; update() still reads it.
function listItemMarker(value, index) {
  const m = {};
  Object.defineProperty(m, 'type', { value: OP.updateListItem });
  Object.defineProperty(m, 'value', { value });
  Object.defineProperty(m, 'index', { value: index });
  return m;
}

function transactItem(i) {
  if (i.putItem) {
    const p = i.putItem;
    return withOptional({ table: p.table, operation: 'PutItem', key: key(p.key), attributeValues: toMapValues(p.item) }, { condition: expressionOf(p.condition) });
  }
  if (i.updateItem) {
    const p = i.updateItem;
    return withOptional({ table: p.table, operation: 'UpdateItem', key: key(p.key), update: updateExpression(p.update) }, { condition: expressionOf(p.condition) });
  }
  if (i.deleteItem) {
    const p = i.deleteItem;
    return withOptional({ table: p.table, operation: 'DeleteItem', key: key(p.key) }, { condition: expressionOf(p.condition) });
  }
  const p = i.conditionCheck || {};
  return withOptional({ table: p.table, operation: 'ConditionCheck', key: key(p.key) }, { condition: expressionOf(p.condition) });
}

const mapTables = (tables, fn) => {
  const out = {};
  for (const t of Object.keys(tables)) out[t] = fn(tables[t]);
  return out;
};

// Optional fields every single-item write (put, remove, update) accepts.
const writeOptions = (p) => ({
  condition: expressionOf(p.condition),
  _version: p._version,
  customPartitionKey: p.customPartitionKey,
  populateIndexFields: p.populateIndexFields,
});

export const dynamodb = {
  get: (p) => withOptional({ operation: 'GetItem', key: key(p.key) }, { consistentRead: p.consistentRead, projection: projectionOf(p.projection) }),
  put: (p) =>
    withOptional(
      { operation: 'PutItem', key: key(p.key), attributeValues: toMapValues(p.item) },
      writeOptions(p),
    ),
  remove: (p) =>
    withOptional(
      { operation: 'DeleteItem', key: key(p.key) },
      writeOptions(p),
    ),
  update: (p) =>
    withOptional(
      { operation: 'UpdateItem', key: key(p.key), update: updateExpression(p.update) },
      writeOptions(p),
    ),
  query: (p) =>
    withOptional(
      { operation: 'Query', query: expressionOf(p.query) },
      {
        index: p.index,
        limit: p.limit,
        nextToken: p.nextToken,
        consistentRead: p.consistentRead,
        scanIndexForward: p.scanIndexForward,
        select: p.select,
        filter: expressionOf(p.filter),
        projection: projectionOf(p.projection),
      },
    ),
  scan: (p = {}) =>
    withOptional(
      { operation: 'Scan' },
      {
        index: p.index,
        limit: p.limit,
        nextToken: p.nextToken,
        consistentRead: p.consistentRead,
        segment: p.segment,
        totalSegments: p.totalSegments,
        select: p.select,
        filter: expressionOf(p.filter),
        projection: projectionOf(p.projection),
      },
    ),
  sync: (p = {}) =>
    withOptional(
      { operation: 'Sync' },
      { basePartitionKey: p.basePartitionKey, deltaIndexName: p.deltaIndexName, limit: p.limit, nextToken: p.nextToken, lastSync: p.lastSync, filter: expressionOf(p.filter) },
    ),
  batchGet: (p) => ({
    operation: 'BatchGetItem',
    tables: mapTables(p.tables, (t) => withOptional({ keys: t.keys.map(key) }, { consistentRead: t.consistentRead, projection: projectionOf(t.projection) })),
  }),
  batchPut: (p) => ({ operation: 'BatchPutItem', tables: mapTables(p.tables, (items) => items.map((i) => toMapValues(i))) }),
  batchDelete: (p) => ({ operation: 'BatchDeleteItem', tables: mapTables(p.tables, (keys) => keys.map(key)) }),
  transactGet: (p) => ({
    operation: 'TransactGetItems',
    transactItems: p.items.map((i) => withOptional({ table: i.table, key: key(i.key) }, { projection: projectionOf(i.projection) })),
  }),
  transactWrite: (p) => ({ operation: 'TransactWriteItems', transactItems: p.items.map(transactItem) }),
  toStringSet: (v) => ({ SS: v }),
  toNumberSet: (v) => ({ NS: v }),
  toBinarySet: (v) => ({ BS: v }),
  operations: {
    add: (value) => ({ type: OP.add, value }),
    append: (items) => ({ type: OP.append, items }),
    decrement: (by) => ({ type: OP.decrement, by }),
    increment: (by) => ({ type: OP.increment, by }),
    prepend: (items) => ({ type: OP.prepend, items }),
    remove: () => ({ type: OP.remove }),
    replace: (value) => ({ type: OP.replace, value }),
    updateListItem: listItemMarker,
  },
};
