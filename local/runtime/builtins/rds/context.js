// One createPgStatement / createMySQLStatement call: the dialect's quote
// character and the variables bound so far. Placeholders are :P0, :P1, … in
// the order they appear, numbered across both statements of the call
// (resolvers.test.js.snap, "rds resolvers postgresql sql tagged template 1":
// the second statement's value is :P2).
import { dataOf, isStatement, isTypeHint } from './values.js';

export function newContext(dialect) {
  return { dialect, quote: dialect === 'mysql' ? '`' : '"', variableMap: {}, variableTypeHintMap: {}, next: 0 };
}

/**
 * A value in the statement text. A nullish value is written as the NULL
 * literal, not bound ("… null value in insert values 1": VALUES (NULL), empty
 * variableMap); a type hint binds its value and records its type in
 * variableTypeHintMap ("… null alongside a type hint 1"); false and 0 are
 * ordinary values ("… false and zero values are bound 1").
 */
export function bind(ctx, value, render) {
  if (value === null || value === undefined) return 'NULL';
  if (isStatement(value)) {
    // A statement inside a statement (a sql template in a sql template or in
    // a value). AWS does not document this; the template's text is inlined and
    // a select becomes a parenthesised subquery, sharing the numbering.
    const text = render(value, ctx);
    return dataOf(value).kind === 'SQL' ? text : `(${text})`;
  }
  const name = `:P${ctx.next}`;
  ctx.next += 1;
  if (isTypeHint(value)) {
    ctx.variableMap[name] = value.value === undefined ? null : value.value;
    ctx.variableTypeHintMap[name] = value.type;
  } else ctx.variableMap[name] = value;
  return name;
}
