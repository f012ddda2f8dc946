// WHERE (and HAVING) clauses from a condition object, or a sql template.
// Every rule here is read off AWS's recorded EvaluateCode answers
// (localstack/appsync-utils resolvers.test.js.snap, "rds resolvers …"):
// - the keys of a condition object render in order, joined by AND; a column's
//   operators too: "id" >= :P0 AND "id" <= :P1 AND "id" != :P2;
// - and/or render each member in parentheses, joined by AND/OR, with no
//   parentheses around the group: ("id" = :P0) OR ("id" = :P1);
// - a member or operator that renders nothing stays an empty string between
//   the joins, so AWS can emit `WHERE  OR` or a trailing AND; a clause that is
//   empty as a whole is left out ("empty, null and repeated clause inputs");
// - a direct comparison rejects null; under `size` null is the NULL literal;
// - contains binds %v%, beginsWith v%, notContains v as given;
// - `in`/`notIn` are not rds operators ("rejects the in operator").
import { bind } from './context.js';
import { reject } from './errors.js';
import { functionCall, quoteName } from './identifiers.js';
import { AGGREGATE_NAMES, aggregateOf, dataOf, isPlain, isStatement } from './values.js';

const COMPARISONS = { eq: '=', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=' };
const LIKES = { contains: ['LIKE', (v) => `%${v}%`], notContains: ['NOT LIKE', (v) => v], beginsWith: ['LIKE', (v) => `${v}%`] };
const GROUPS = { and: ' AND ', or: ' OR ', not: ' AND ' };

/** The text after WHERE, '' for none. */
export function whereClause(ctx, where, render) {
  if (where === undefined || where === null) return '';
  if (isStatement(where) && dataOf(where).kind === 'SQL') return render(where, ctx);
  if (!isPlain(where)) reject('WHERE values are expected to be SQL templates or a condition object.');
  return conditionObject(ctx, where, render);
}

export function conditionObject(ctx, cond, render) {
  return Object.keys(cond)
    .map((key) => (key in GROUPS ? group(ctx, key, cond[key], render) : column(ctx, key, cond[key], render)))
    .join(' AND ');
}

function group(ctx, key, members, render) {
  if (!Array.isArray(members)) reject(`${key} expects conditions to be an array`);
  const text = members
    .map((m) => {
      if (!isPlain(m)) reject(`Expected ${key} to be an Object.`);
      const s = conditionObject(ctx, m, render);
      return s === '' ? '' : `(${s})`;
    })
    .join(GROUPS[key]);
  // `not`: "Built-in modules › Amazon RDS module functions › Filters" shows
  // NOT ("name" = :NAME AND "id" > :ID); no answer is recorded, so the members
  // get the parentheses the recorded and/or groups give them.
  if (key === 'not') return text === '' ? '' : `NOT (${text})`;
  return text;
}

function column(ctx, name, ops, render) {
  if (!isPlain(ops)) reject('Expected condition to be an Object.');
  const target = quoteName(ctx, name);
  return Object.keys(ops)
    .map((op) => operator(ctx, name, target, op, ops[op], render))
    .join(' AND ');
}

function operator(ctx, name, target, op, value, render) {
  const known = op in COMPARISONS || op in LIKES || op === 'between' || op === 'attributeExists' || op === 'size' || AGGREGATE_NAMES.includes(op);
  if (!known) reject(`Unsupported condition ${name}.${op}.`);
  if (value === null || value === undefined) reject(`Value for ${name}.${op} can't be null.`);
  if (op in COMPARISONS) return `${target} ${COMPARISONS[op]} ${bind(ctx, value, render)}`;
  if (op in LIKES) {
    if (typeof value !== 'string') reject(`${name}.${op} expects a string value to be passed.`);
    const [keyword, pattern] = LIKES[op];
    return `${target} ${keyword} ${bind(ctx, pattern(value), render)}`;
  }
  if (op === 'between') return `${target} ${between(ctx, `${name}.between`, value, render)}`;
  if (op === 'attributeExists') {
    if (typeof value !== 'boolean') reject(`${name}.attributeExists expects a boolean value to be passed.`);
    return `${target} ${value ? 'IS NOT NULL' : 'IS NULL'}`;
  }
  // size: LENGTH ("name") compared, one comparison per operator
  // ("size with two comparisons on one column"). The aggregate operators the
  // d.ts declares (max, count, …; meant for HAVING) follow the same pattern;
  // AWS documents and records none of them.
  const fn = op === 'size' ? functionCall(ctx, 'LENGTH', false, name) : functionCall(ctx, aggregateOf(op).fn, aggregateOf(op).distinct, name);
  return measured(ctx, name, op, fn, value, render);
}

function between(ctx, label, value, render) {
  if (!Array.isArray(value)) reject(`${label} condition expects an array with length of 2.`);
  if (value.length !== 2) reject(`${label} condition expects an array with 2 values but received an array with length ${value.length}.`);
  return `BETWEEN ${bind(ctx, value[0], render)} AND ${bind(ctx, value[1], render)}`;
}

function measured(ctx, name, op, fn, ops, render) {
  if (!isPlain(ops)) reject(`Expected ${name}.${op} to be an Object.`);
  return Object.keys(ops)
    .map((k) => {
      const v = ops[k];
      if (k in COMPARISONS) return `${fn} ${COMPARISONS[k]} ${bind(ctx, v, render)}`;
      // The recorded message names the size condition, not size.between.
      if (k === 'between') return `${fn} ${between(ctx, `${name}.${op}`, v, render)}`;
      return reject(`${name}.${op} has invalid size operator.`);
    })
    .join(' AND ');
}
