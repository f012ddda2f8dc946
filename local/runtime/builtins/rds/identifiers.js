// Identifiers, table references and column lists. Facts from the recorded
// EvaluateCode answers (resolvers.test.js.snap, "rds resolvers …"):
// - a name is split on '.' and each part quoted: "private"."persons",
//   `domain`.`item` ("schema-qualified identifiers …"), "persons"."*" too;
// - a bare '*' column, a '*' column list and an absent or null one are *;
// - an alias is a one-entry object { alias: name } written `name as alias`
//   ("table names and aliases …": { persons: 'p' } → "p" as "persons").
// The d.ts says statements are "quoted and escaped" with the dialect's quote
// character; AWS does not show the escape, the twin doubles the character as
// both PostgreSQL and MySQL read it.
import { reject } from './errors.js';
import { dataOf, isAggregate, isPlain, isStatement } from './values.js';

export function quoteName(ctx, name) {
  const q = ctx.quote;
  return String(name)
    .split('.')
    .map((part) => q + part.split(q).join(q + q) + q)
    .join('.');
}

const present = (v) => v !== undefined && v !== null;

/**
 * The table a statement works on. select() takes `table` or its synonym
 * `from` (not both); insert/update/remove read `table` only and ignore `from`
 * ("from as a table alias …" cases).
 */
export function tableOf(ctx, payload, allowFrom, render) {
  const hasTable = present(payload.table);
  const hasFrom = allowFrom && present(payload.from);
  if (hasTable && hasFrom) reject("'from' and 'table' keys cannot be used together");
  if (!hasTable && !hasFrom) reject("'table' or 'from' key is required.");
  return hasTable ? tableRef(ctx, payload.table, 'table', render) : tableRef(ctx, payload.from, 'from', render);
}

function tableRef(ctx, t, key, render) {
  if (typeof t === 'string') return quoteName(ctx, t);
  // The d.ts lets `from` be a statement (a subquery); AWS shows no example.
  if (key === 'from' && isStatement(t)) return `(${render(t, ctx)})`;
  if (isPlain(t)) return aliased(ctx, t, render, 'Table alias value is expected to be a string.');
  reject(key === 'from' ? "'from' value is expected to be string or object." : 'table name is expected to be a string or alias.');
}

/** { alias: expression } → `expression as "alias"`. */
function aliased(ctx, obj, render, badValue) {
  const keys = Object.keys(obj);
  if (keys.length > 1) reject('table alias is allowed only one key-value pair.');
  // AWS answers its own implementation's exception here ("rejects an empty alias").
  if (keys.length === 0) reject('java.util.NoSuchElementException');
  const alias = keys[0];
  const v = obj[alias];
  let expr;
  if (typeof v === 'string') expr = quoteName(ctx, v);
  else if (isStatement(v)) expr = `(${render(v, ctx)})`;
  else if (isAggregate(v)) expr = aggregateSql(ctx, v);
  else reject(badValue);
  return `${expr} as ${quoteName(ctx, alias)}`;
}

/**
 * `columns` of select and `returning` of insert/update/remove: '*', or an
 * array of names ('*' kept bare), aliases and aggregates. Returns the text.
 */
export function columnList(ctx, columns, render) {
  if (!present(columns) || columns === '*') return '*';
  if (!Array.isArray(columns)) reject('Expected column to be * or an array.');
  return columns
    .map((c) => {
      if (typeof c === 'string') return c === '*' ? '*' : quoteName(ctx, c);
      if (isAggregate(c)) return aggregateSql(ctx, c);
      if (isPlain(c)) return aliased(ctx, c, render, 'Invalid type in column array.');
      return reject('Invalid type in column array.');
    })
    .join(', ');
}

/**
 * An aggregate column, e.g. agg.count('id'). Not documented or recorded: the
 * twin writes `COUNT ("id")` / `COUNT (DISTINCT "id")`, spaced like the
 * recorded `LENGTH ("name")` of the size condition.
 */
export function aggregateSql(ctx, a) {
  const { fn, distinct, column } = dataOf(a);
  return functionCall(ctx, fn, distinct, column);
}

export function functionCall(ctx, fn, distinct, column) {
  const target = column === '*' ? '*' : quoteName(ctx, column);
  return `${fn} (${distinct ? 'DISTINCT ' : ''}${target})`;
}
