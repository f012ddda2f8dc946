// util.transform: filter/condition objects to DynamoDB expressions, and to
// subscription filters.
import { toDynamoDB } from './dynamodb-values.js';
import { fail } from './state.js';

// Placeholders follow AppSync's documented shape: #field and :field_operator
// (e.g. contains(#title, :title_contains)); repeats get a numeric suffix.
export function expressionFrom(filter) {
  const names = {};
  const values = {};
  const safe = (p) => String(p).replace(/[^A-Za-z0-9_]/g, '_');
  const name = (field) => String(field).split('.').map((p) => { const k = `#${safe(p)}`; names[k] = p; return k; }).join('.');
  const value = (field, op, v) => {
    let k = `:${safe(field)}_${op}`;
    for (let i = 1; values[k] !== undefined; i += 1) k = `:${safe(field)}_${op}_${i}`;
    values[k] = toDynamoDB(v);
    return k;
  };
  const CMP = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };
  function group(obj) {
    const parts = [];
    for (const key of Object.keys(obj)) {
      const c = obj[key];
      if (key === 'and' || key === 'or') {
        parts.push(`(${c.map((x) => group(x)).join(key === 'and' ? ' AND ' : ' OR ')})`);
        continue;
      }
      if (key === 'not') { parts.push(`(NOT ${group(c)})`); continue; }
      const f = name(key);
      for (const op of Object.keys(c)) {
        const v = c[op];
        if (CMP[op]) parts.push(`${f} ${CMP[op]} ${value(key, op, v)}`);
        else if (op === 'between') parts.push(`${f} BETWEEN ${value(key, 'between', v[0])} AND ${value(key, 'between', v[1])}`);
        else if (op === 'contains') parts.push(`contains(${f}, ${value(key, op, v)})`);
        else if (op === 'notContains') parts.push(`NOT contains(${f}, ${value(key, op, v)})`);
        else if (op === 'beginsWith') parts.push(`begins_with(${f}, ${value(key, op, v)})`);
        else if (op === 'attributeExists') parts.push(v ? `attribute_exists(${f})` : `attribute_not_exists(${f})`);
        else if (op === 'attributeType') parts.push(`attribute_type(${f}, ${value(key, op, v)})`);
        else if (op === 'in') parts.push(`${f} IN (${v.map((x) => value(key, 'in', x)).join(', ')})`);
        else if (op === 'size') {
          for (const sop of Object.keys(v)) parts.push(`size(${f}) ${CMP[sop]} ${value(key, `size_${sop}`, v[sop])}`);
        } else fail(`Unsupported operator ${op}`);
      }
    }
    return parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' AND ');
  }
  const expression = group(filter);
  const out = { expression };
  if (Object.keys(names).length) out.expressionNames = names;
  if (Object.keys(values).length) out.expressionValues = values;
  return out;
}

const SUB_OPS = ['eq', 'ne', 'le', 'lt', 'ge', 'gt', 'contains', 'notContains', 'beginsWith', 'in', 'notIn', 'between', 'containsAny'];

function toSubscriptionFilter(obj, ignoredFields, rules) {
  const skip = new Set(ignoredFields || []);
  const filters = [];
  for (const field of Object.keys(obj)) {
    if (skip.has(field)) continue;
    const cond = obj[field];
    for (const op of Object.keys(cond)) {
      if (SUB_OPS.indexOf(op) < 0) fail(`Unsupported subscription filter operator ${op}`);
      filters.push({ fieldName: field, operator: op, value: cond[op] });
    }
  }
  const groups = [{ filters }];
  if (rules) for (const r of [].concat(rules)) groups.push(toSubscriptionFilter(r).filterGroup[0]);
  return { filterGroup: groups };
}

export const transform = {
  toDynamoDBFilterExpression: (f) => JSON.stringify(expressionFrom(f)),
  toDynamoDBConditionExpression: (f) => JSON.stringify(expressionFrom(f)),
  toSubscriptionFilter,
  toElasticsearchQueryDSL: () => fail('not supported locally: util.transform.toElasticsearchQueryDSL'),
};
