// Which published mutation payloads reach which subscription: AppSync's basic
// argument filtering and its enhanced filters (extensions.setSubscriptionFilter).

/**
 * Basic filtering: every argument the subscriber gave must equal the payload's
 * same-named top-level field. An omitted argument filters nothing; one given
 * as an explicit null matches only payloads where that field is null or
 * absent (AppSync's documented behaviour). graphql-js leaves an argument out
 * when its variable was declared but not supplied, so that counts as omitted.
 */
export function argumentsMatch(args: Record<string, unknown>, payload: unknown): boolean {
  for (const [name, expected] of Object.entries(args)) {
    if (expected === undefined) continue;
    const actual = isObject(payload) ? payload[name] : undefined;
    if (expected === null ? actual !== null && actual !== undefined : !deepEqual(actual, expected)) return false;
  }
  return true;
}

interface Rule {
  fieldName: string;
  operator: string;
  value?: unknown;
}

// AppSync ignores rules on paths nested deeper than five levels.
const MAX_DEPTH = 5;

/**
 * Enhanced filter: `{ filterGroup: [{ filters: [rule, …] }, …] }` — rules of one
 * group are AND'ed, groups are OR'ed. A bare `{ filters: […] }` is one group.
 */
export function filterMatches(filter: unknown, payload: unknown): boolean {
  if (filter === null || filter === undefined) return true;
  const groups: unknown[] = isObject(filter) && Array.isArray(filter.filterGroup)
    ? filter.filterGroup
    : [filter];
  if (groups.length === 0) return true;
  return groups.some((g) => {
    const rules = isObject(g) && Array.isArray(g.filters) ? (g.filters as Rule[]) : [];
    return rules.every((r) => ruleMatches(r, payload));
  });
}

function ruleMatches(rule: Rule, payload: unknown): boolean {
  const path = String(rule.fieldName ?? '').split('.');
  if (path.length > MAX_DEPTH) return true;
  let present = true;
  let v: unknown = payload;
  for (const key of path) {
    if (isObject(v) && key in v) v = v[key];
    else {
      present = false;
      v = undefined;
      break;
    }
  }
  const x = rule.value;
  switch (rule.operator) {
    case 'eq':
      return deepEqual(v ?? null, x ?? null);
    case 'ne':
      return !deepEqual(v ?? null, x ?? null);
    case 'gt':
      return compare(v, x) > 0;
    case 'ge':
    case 'gte':
      return compare(v, x) >= 0;
    case 'lt':
      return compare(v, x) < 0;
    case 'le':
    case 'lte':
      return compare(v, x) <= 0;
    case 'between':
      return Array.isArray(x) && x.length === 2 && compare(v, x[0]) >= 0 && compare(v, x[1]) <= 0;
    case 'in':
      return Array.isArray(x) && x.some((e) => deepEqual(v, e));
    case 'notIn':
      return Array.isArray(x) && !x.some((e) => deepEqual(v, e));
    case 'contains':
      return contains(v, x);
    case 'notContains':
      return v !== undefined && v !== null && !contains(v, x);
    case 'containsAny':
      return Array.isArray(x) && x.some((e) => contains(v, e));
    case 'beginsWith':
      return typeof v === 'string' && typeof x === 'string' && v.startsWith(x);
    case 'attributeExists':
      return present === Boolean(x);
    default:
      // An operator AppSync would have rejected when the filter was set: match nothing.
      return false;
  }
}

/** NaN when not comparable, so every ordered comparison is false. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return Number.NaN;
}

function contains(haystack: unknown, needle: unknown): boolean {
  if (typeof haystack === 'string') return typeof needle === 'string' && haystack.includes(needle);
  if (Array.isArray(haystack)) return haystack.some((e) => deepEqual(e, needle));
  return false;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
