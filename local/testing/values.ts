// DynamoDB-typed values ({ S: "x" }, { N: 2 }, …) as plain JavaScript, so a
// test can say what a request holds without spelling out attribute types.
const TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);

function isTyped(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && TYPES.has(keys[0]);
}

export function plainValue(v: unknown): unknown {
  if (!isTyped(v)) return v;
  const [type, inner] = Object.entries(v)[0];
  switch (type) {
    case 'N':
      return Number(inner);
    case 'NULL':
      return null;
    case 'M':
      return plainMap(inner as Record<string, unknown>);
    case 'L':
      return (inner as unknown[]).map(plainValue);
    case 'NS':
      return (inner as unknown[]).map(Number);
    default:
      return inner;
  }
}

export function plainMap(m: Record<string, unknown> | null | undefined): Record<string, unknown> | null | undefined {
  if (!m) return m;
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, plainValue(v)]));
}

const VALUE_MAPS = new Set(['key', 'attributeValues', 'expressionValues']);

/** A request object with every key, attributeValues and expressionValues map made plain, at any depth. */
export function plainRequest(request: unknown): unknown {
  if (Array.isArray(request)) return request.map(plainRequest);
  if (request === null || typeof request !== 'object') return request;
  return Object.fromEntries(
    Object.entries(request).map(([k, v]) => [k, VALUE_MAPS.has(k) && v && typeof v === 'object' && !Array.isArray(v) ? plainMap(v as Record<string, unknown>) : plainRequest(v)]),
  );
}
