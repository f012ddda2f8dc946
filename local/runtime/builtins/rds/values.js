// The values the rds module hands to resolver code: type hints, aggregates and
// statements. Statements and aggregates are opaque: their content lives in a
// WeakMap, so resolver code can neither forge nor alter one, and nothing leaks
// from one evaluation to the next through a shared prototype.
//
// A type hint is a plain { type, value } object: that is what EvaluateCode
// answers for `rds.typeHint.UUID('abc123')` (resolvers.test.js.snap, "rds
// resolvers typehints UUID 1" and "… TIMESTAMP 1": the value is passed through
// unchecked). It is recognised by identity (WeakSet), not by shape.

const hints = new WeakSet();
const internals = new WeakMap();

// "Built-in modules › Amazon RDS module functions › Casting" (Available type
// hints): the six RDS Data API type hints.
const HINT_TYPES = ['DATE', 'DECIMAL', 'JSON', 'TIME', 'TIMESTAMP', 'UUID'];

export const typeHint = {};
for (const type of HINT_TYPES) {
  typeHint[type] = (value) => {
    const h = { type, value };
    hints.add(h);
    return h;
  };
}

export const isTypeHint = (v) => v !== null && typeof v === 'object' && hints.has(v);

// Aggregates (`agg.*`, declared by @aws-appsync/utils rds-helpers.d.ts). AWS
// documents neither their SQL nor how they render; see aggregateSql().
const AGGREGATES = {
  avg: ['AVG', false], avgDistinct: ['AVG', true],
  count: ['COUNT', false], countDistinct: ['COUNT', true],
  max: ['MAX', false], maxDistinct: ['MAX', true],
  min: ['MIN', false], minDistinct: ['MIN', true],
  sum: ['SUM', false], sumDistinct: ['SUM', true],
};

export const AGGREGATE_NAMES = Object.keys(AGGREGATES);

export const agg = {};
for (const name of AGGREGATE_NAMES) {
  agg[name] = (column) => opaque({ kind: 'AGGREGATE', fn: AGGREGATES[name][0], distinct: AGGREGATES[name][1], column });
}

export function aggregateOf(name) {
  const [fn, distinct] = AGGREGATES[name];
  return { fn, distinct };
}

/** A statement (kind SQL, SELECT, INSERT, UPDATE, DELETE) or an aggregate. */
export function opaque(data) {
  const o = {};
  internals.set(o, data);
  return Object.freeze(o);
}

export const dataOf = (v) => (v !== null && typeof v === 'object' ? internals.get(v) : undefined);

export const isStatement = (v) => {
  const d = dataOf(v);
  return d !== undefined && d.kind !== 'AGGREGATE';
};

export const isAggregate = (v) => dataOf(v)?.kind === 'AGGREGATE';

/** A plain object as a condition, payload or alias: not null, not an array, not one of ours. */
export const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && dataOf(v) === undefined;
