// The select() clauses beyond WHERE / ORDER BY / LIMIT: joins, GROUP BY and
// HAVING. `render` renders a nested statement (see statements.js).
import { reject } from './errors.js';
import { columnList, quoteName, tableOf } from './identifiers.js';
import { isPlain } from './values.js';
import { conditionObject, whereClause } from './where.js';

const present = (v) => v !== undefined && v !== null;

// GROUP BY, HAVING and the joins are declared by the d.ts (SelectPayload) but
// neither documented nor recorded by AWS. The twin writes the standard SQL:
// GROUP BY "a", 2 · HAVING <condition object> · <KIND> JOIN <table> ON <cond> |
// USING ("col").
const JOIN_KINDS = {
  join: 'JOIN', innerJoin: 'INNER JOIN', leftJoin: 'LEFT JOIN', leftOuterJoin: 'LEFT OUTER JOIN',
  rightJoin: 'RIGHT JOIN', rightOuterJoin: 'RIGHT OUTER JOIN', fullOuterJoin: 'FULL OUTER JOIN', crossJoin: 'CROSS JOIN',
  joinNatural: 'NATURAL JOIN', innerJoinNatural: 'NATURAL INNER JOIN', leftJoinNatural: 'NATURAL LEFT JOIN',
  leftOuterJoinNatural: 'NATURAL LEFT OUTER JOIN', rightJoinNatural: 'NATURAL RIGHT JOIN',
  rightOuterJoinNatural: 'NATURAL RIGHT OUTER JOIN', fullOuterJoinNatural: 'NATURAL FULL OUTER JOIN',
};

export function joins(ctx, p, render) {
  const out = [];
  for (const key of Object.keys(p)) {
    if (!(key in JOIN_KINDS) || !present(p[key])) continue;
    if (!Array.isArray(p[key])) reject(`${key} expects an array.`);
    for (const j of p[key]) {
      if (!isPlain(j)) reject(`${key} item expected to be an object.`);
      out.push(JOIN_KINDS[key], tableOf(ctx, j, true, render));
      if (present(j.using)) {
        if (!Array.isArray(j.using)) reject(`${key} using expects an array.`);
        out.push(`USING (${columnList(ctx, j.using, render)})`);
      } else if (present(j.on)) {
        out.push('ON', whereClause(ctx, j.on, render));
      }
    }
  }
  return out;
}

export function groupAndHaving(ctx, p, render) {
  const out = [];
  if (present(p.groupBy)) {
    if (!Array.isArray(p.groupBy)) reject('groupBy expects an array.');
    const list = p.groupBy.map((g) => (typeof g === 'number' ? String(g) : quoteName(ctx, g))).join(', ');
    if (list !== '') out.push('GROUP BY', list);
  }
  if (present(p.having)) {
    if (!isPlain(p.having)) reject('Expected having to be an Object.');
    const having = conditionObject(ctx, p.having, render);
    if (having !== '') out.push('HAVING', having);
  }
  return out;
}
