// util.transform: filter/condition objects to DynamoDB expressions, and to
// subscription filters.
//
// Every rule below is read off answers AWS's EvaluateCode gave (recorded in
// localstack/appsync-utils, __tests__/__snapshots__/transform.test.js.snap and
// transform-subscription.test.js.snap; cases in test/conformance/transform.test.ts):
// - a field is named `#<field>` verbatim (dots included); a value placeholder is
//   `:` + the nesting path joined by `_`: the and/or groups with their index,
//   `not`, the field, one `size` per size level, the operator
//   (`:and_0_or_1_title_eq`);
// - every comparison or function is parenthesised, functions take no space after
//   the comma (`(contains(#t,:t_contains))`), IN takes one (`(:v_in_0, :v_in_1)`);
// - the top level is joined by AND unwrapped; a field with several operators and
//   a group with several members are wrapped;
// - a filter AWS cannot render (unknown operator, wrong operand type, a group
//   that is not a list, a non-object) gives null, not an error.
import { toDynamoDB } from './dynamodb-values.js';
import { unsupported } from './state.js';

const CMP = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const FN = { contains: 'contains', notContains: 'NOT contains', beginsWith: 'begins_with' };
// attributeType takes a friendly type name, not the type code.
const TYPE_CODE = { _null: 'NULL', string: 'S', stringSet: 'SS', number: 'N', numberSet: 'NS', binary: 'B', binarySet: 'BS', boolean: 'BOOL', list: 'L', map: 'M' };

const INVALID = { invalid: true };
const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

function join(parts, joiner, wrap) {
  const s = parts.join(` ${joiner} `);
  return wrap && parts.length > 1 ? `(${s})` : s;
}

function operator(out, target, op, operand, v) {
  if (own(CMP, op)) {
    out.values[v] = toDynamoDB(operand);
    return `(${target} ${CMP[op]} ${v})`;
  }
  if (own(FN, op)) {
    out.values[v] = toDynamoDB(operand);
    return `(${FN[op]}(${target},${v}))`;
  }
  if (op === 'between') {
    // Needs both bounds; anything past the second is ignored.
    if (!Array.isArray(operand) || operand.length < 2) throw INVALID;
    out.values[`${v}_start`] = toDynamoDB(operand[0]);
    out.values[`${v}_end`] = toDynamoDB(operand[1]);
    return `(${target} BETWEEN ${v}_start AND ${v}_end)`;
  }
  if (op === 'in') {
    if (!Array.isArray(operand)) throw INVALID;
    if (!operand.length) return '(null)';
    const names = operand.map((x, i) => {
      out.values[`${v}_${i}`] = toDynamoDB(x);
      return `${v}_${i}`;
    });
    return `(${target} IN (${names.join(', ')}))`;
  }
  if (op === 'attributeExists') {
    if (typeof operand !== 'boolean') throw INVALID;
    return `(${operand ? 'attribute_exists' : 'attribute_not_exists'}(${target}))`;
  }
  if (op === 'attributeType') {
    if (typeof operand !== 'string' || !own(TYPE_CODE, operand)) throw INVALID;
    out.values[v] = toDynamoDB(TYPE_CODE[operand]);
    return `(attribute_type(${target},${v}))`;
  }
  throw INVALID;
}

function field(out, name, ops, path, sized) {
  if (!isMap(ops)) throw INVALID;
  const ref = `#${name}`;
  // A field names itself even when it carries no operator.
  out.names[ref] = name;
  const target = sized ? `size(${ref})` : ref;
  const parts = Object.keys(ops).map((op) =>
    op === 'size' ? field(out, name, ops[op], `${path}_size`, true) : operator(out, target, op, ops[op], `${path}_${op}`),
  );
  return join(parts, 'AND', true);
}

function filterObject(out, f, prefix, wrap) {
  if (!isMap(f)) throw INVALID;
  const parts = Object.keys(f).map((key) => {
    const v = f[key];
    if (key === 'and' || key === 'or') {
      // Only the list form is accepted, though the type definitions also allow a map.
      if (!Array.isArray(v)) throw INVALID;
      return join(v.map((m, i) => filterObject(out, m, `${prefix}${key}_${i}_`, false)), key === 'or' ? 'OR' : 'AND', true);
    }
    if (key === 'not') return `(NOT ${filterObject(out, v, `${prefix}not_`, true)})`;
    return field(out, key, v, `:${prefix}${key}`, false);
  });
  return join(parts, 'AND', wrap);
}

/** { expression, expressionNames, expressionValues } for a filter object, or null if AWS cannot render it. */
export function buildExpression(filter) {
  const out = { names: {}, values: {} };
  try {
    const expression = filterObject(out, filter, '', false);
    return { expression, expressionNames: out.names, expressionValues: out.values };
  } catch (e) {
    if (e === INVALID) return null;
    throw e;
  }
}

function toJson(filter) {
  const e = buildExpression(filter);
  return e === null ? null : JSON.stringify(e);
}

// toSubscriptionFilter: groups of filters (each group an AND, the groups OR-ed).
// Every operator of a field, every member of an `or` and every rule is an
// alternative, so groups multiply out; operators are not validated and `not` is
// an ordinary field name (recorded, transform-subscription.test.js.snap).
const cross = (groups, alternatives) => {
  const out = [];
  for (const g of groups) for (const a of alternatives) out.push(g.concat(a));
  return out;
};

function alternativesOf(name, ops) {
  if (!isMap(ops)) throw INVALID;
  return Object.keys(ops).map((op) => [{ fieldName: name, operator: op, value: ops[op] }]);
}

function expand(f, ignored) {
  if (!isMap(f)) throw INVALID;
  let groups = [[]];
  for (const key of Object.keys(f)) {
    const v = f[key];
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(v)) throw INVALID;
      if (key === 'and') for (const m of v) groups = cross(groups, expand(m, ignored));
      else {
        let alts = [];
        for (const m of v) alts = alts.concat(expand(m, ignored));
        groups = cross(groups, alts);
      }
    } else if (ignored.indexOf(key) < 0) groups = cross(groups, alternativesOf(key, v));
  }
  return groups;
}

function toSubscriptionFilter(filter, ignoredFields, rules) {
  try {
    let groups = expand(filter, Array.isArray(ignoredFields) ? ignoredFields : []);
    if (isMap(rules)) {
      let alts = [];
      for (const k of Object.keys(rules)) alts = alts.concat(alternativesOf(k, rules[k]));
      if (alts.length) groups = cross(groups, alts);
    }
    return { filterGroup: groups.filter((g) => g.length).map((filters) => ({ filters })) };
  } catch (e) {
    if (e === INVALID) return null;
    throw e;
  }
}

export const transform = {
  toDynamoDBFilterExpression: toJson,
  toDynamoDBConditionExpression: toJson,
  toSubscriptionFilter,
  // Only the OpenSearch data source consumes it, and none is emulated.
  toElasticsearchQueryDSL: unsupported('util.transform.toElasticsearchQueryDSL'),
};
