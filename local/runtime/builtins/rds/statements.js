// The statement builders (select, insert, update, remove, the sql tag) and
// createPgStatement / createMySQLStatement, which render them. Shapes from
// AWS's recorded EvaluateCode answers (localstack/appsync-utils
// resolvers.test.js.snap, "rds resolvers …"):
// - the request is { statements, variableMap, variableTypeHintMap };
// - a statement is its clauses joined by single spaces, an empty fragment
//   left out (an empty column list gives `SELECT FROM "t"`) and the end
//   trimmed; WHERE and ORDER BY go when empty, SET and RETURNING stay
//   (`UPDATE "persons" SET WHERE …`, `… RETURNING`);
// - LIMIT and OFFSET bind a number (a numeric string is converted) after the
//   WHERE values; null or absent leaves them out, 0 does not;
// - RETURNING is PostgreSQL only;
// - a plain string is a statement as it stands, with no variables.
// Joins, GROUP BY and HAVING are in select-clauses.js.
import { bind, newContext } from './context.js';
import { reject } from './errors.js';
import { columnList, quoteName, tableOf } from './identifiers.js';
import { groupAndHaving, joins } from './select-clauses.js';
import { whereClause } from './where.js';
import { dataOf, isPlain, isStatement, opaque } from './values.js';

const present = (v) => v !== undefined && v !== null;

/** The payload of select/insert/update/remove, checked when the builder is called. */
function payloadOf(name, args) {
  if (args.length === 0 || args[0] === undefined) reject(`An argument is expected to be passed to ${name}`);
  const p = args[0];
  if (p === null || typeof p !== 'object' || Array.isArray(p)) reject('Expected payload to be an Object.');
  return p;
}

const builder = (name, kind) => (...args) => opaque({ kind, payload: payloadOf(name, args) });

export const select = builder('select', 'SELECT');
export const insert = builder('insert', 'INSERT');
export const update = builder('update', 'UPDATE');
export const remove = builder('remove', 'DELETE');

/** The sql tag: the literal parts with each value bound in between. */
export function sql(strings, ...values) {
  // AWS answers its own implementation's exception when the parts and values
  // do not pair up ("rejects a malformed sql tagged template").
  if (!Array.isArray(strings) || strings.length !== values.length + 1) {
    reject('java.lang.IllegalArgumentException: Unexpected argument passed to sql tagged template');
  }
  return opaque({ kind: 'SQL', strings: strings.slice(), values });
}

function clauses(parts) {
  return parts.filter((p) => p !== '').join(' ').trim();
}

function numberOf(key, v) {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return reject(`${key} expects a number.`);
}

function orderByOf(ctx, orderBy) {
  if (!present(orderBy)) return '';
  if (!Array.isArray(orderBy)) reject('orderBy expects an array.');
  return orderBy
    .map((item) => {
      if (!isPlain(item)) reject('orderBy item expected to be an object.');
      if (typeof item.column !== 'string') reject('orderBy item expected to have property column.');
      // Only a string dir is checked; any other value sorts ascending
      // ("a numeric orderBy dir sorts ascending", "null orderBy dir …").
      let dir = 'ASC';
      if (typeof item.dir === 'string') {
        dir = item.dir.toUpperCase();
        if (dir !== 'ASC' && dir !== 'DESC') reject(`orderBy dir can have either ASC or DESC found ${item.dir}.`);
      }
      return `${quoteName(ctx, item.column)} ${dir}`;
    })
    .join(', ');
}

function returningOf(ctx, returning) {
  if (!present(returning)) return [];
  const list = columnList(ctx, returning, render);
  if (ctx.dialect === 'mysql') reject('returning is not supported in MySQL.');
  return ['RETURNING', list];
}

function valuesOf(kind, values) {
  if (!present(values)) reject(`values are expected to be passed to ${kind === 'INSERT' ? 'insert' : 'update'}`);
  if (!isPlain(values)) reject('Expected values to an Object.');
  return values;
}

function renderSelect(ctx, p) {
  const table = tableOf(ctx, p, true, render);
  const columns = columnList(ctx, p.columns, render);
  const parts = ['SELECT', columns, 'FROM', table, ...joins(ctx, p, render)];
  const where = whereClause(ctx, p.where, render);
  if (where !== '') parts.push('WHERE', where);
  parts.push(...groupAndHaving(ctx, p, render));
  const order = orderByOf(ctx, p.orderBy);
  if (order !== '') parts.push('ORDER BY', order);
  if (present(p.limit)) parts.push('LIMIT', bind(ctx, numberOf('limit', p.limit), render));
  if (present(p.offset)) parts.push('OFFSET', bind(ctx, numberOf('offset', p.offset), render));
  return clauses(parts);
}

function renderInsert(ctx, p) {
  const table = tableOf(ctx, p, false, render);
  const values = valuesOf('INSERT', p.values);
  const keys = Object.keys(values);
  const names = keys.map((k) => quoteName(ctx, k)).join(', ');
  const bound = keys.map((k) => bind(ctx, values[k], render)).join(', ');
  return clauses(['INSERT INTO', table, `(${names})`, 'VALUES', `(${bound})`, ...returningOf(ctx, p.returning)]);
}

function renderUpdate(ctx, p) {
  const table = tableOf(ctx, p, false, render);
  const values = valuesOf('UPDATE', p.values);
  const set = Object.keys(values)
    .map((k) => `${quoteName(ctx, k)} = ${bind(ctx, values[k], render)}`)
    .join(', ');
  const parts = ['UPDATE', table, 'SET', set];
  const where = whereClause(ctx, p.where, render);
  if (where !== '') parts.push('WHERE', where);
  return clauses([...parts, ...returningOf(ctx, p.returning)]);
}

function renderDelete(ctx, p) {
  const parts = ['DELETE FROM', tableOf(ctx, p, false, render)];
  const where = whereClause(ctx, p.where, render);
  if (where !== '') parts.push('WHERE', where);
  return clauses([...parts, ...returningOf(ctx, p.returning)]);
}

function renderSql(ctx, { strings, values }) {
  let text = strings[0];
  for (let i = 0; i < values.length; i += 1) text += bind(ctx, values[i], render) + strings[i + 1];
  return text;
}

const RENDERERS = { SQL: renderSql, SELECT: renderSelect, INSERT: renderInsert, UPDATE: renderUpdate, DELETE: renderDelete };

/** One statement's text (shared by nested statements: the same numbering). */
function render(statement, ctx) {
  const d = dataOf(statement);
  return d.kind === 'SQL' ? renderSql(ctx, d) : RENDERERS[d.kind](ctx, d.payload);
}

/** createPgStatement / createMySQLStatement: up to two statements, one variable numbering. */
function create(dialect, name, args) {
  const [first, second] = args;
  if (!present(first)) reject(`An argument is expected to be passed to ${name}`);
  const ctx = newContext(dialect);
  const text = (s) => {
    if (typeof s === 'string') return s;
    if (isStatement(s)) return render(s, ctx);
    return reject(`Unsupported type is passed as argument to ${name}`);
  };
  const statements = [text(first)];
  if (present(second)) statements.push(text(second));
  return { statements, variableMap: ctx.variableMap, variableTypeHintMap: ctx.variableTypeHintMap };
}

export const createPgStatement = (...args) => create('pg', 'createPgStatement', args);
export const createMySQLStatement = (...args) => create('mysql', 'createMySQLStatement', args);
