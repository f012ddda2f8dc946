// Assertions for resolver tests, for vitest's or jest's expect.extend:
// - toBeValidAppSyncCode: the APPSYNC_JS check AppSync runs at deploy, with
//   every problem at its source line (through the bundle's source map);
// - toSendRequest: a request object (or the requests of a ResolverRun) holds
//   the given fields, with DynamoDB-typed values compared as plain values.
import { where } from '../runtime/check.js';
import { checkCode } from '../runtime/index.js';
import { withOrigins } from '../runtime/source-map.js';
import { plainRequest } from './values.js';

interface MatcherResult {
  pass: boolean;
  message(): string;
}

/** True when every field of `expected` is in `actual` with an equal value (objects compared the same way, arrays element by element). */
export function holds(actual: unknown, expected: unknown): boolean {
  if (expected === actual) return true;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => holds(actual[i], e));
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => holds((actual as Record<string, unknown>)[k], v));
  }
  return Number.isNaN(expected) && Number.isNaN(actual);
}

export function codeProblems(code: string, filename = 'code.js'): string[] {
  return withOrigins(checkCode(code, filename), code, filename).map((p) => `${where(p)} ${p.rule} ${p.message}`);
}

export const appsyncMatchers = {
  toBeValidAppSyncCode(received: unknown, filename?: string): MatcherResult {
    if (typeof received !== 'string') return { pass: false, message: () => 'expected resolver code as a string (bundle it with bundleSource first)' };
    const problems = codeProblems(received, filename);
    return {
      pass: problems.length === 0,
      message: () => (problems.length ? `expected valid APPSYNC_JS code, AppSync would refuse it:\n  ${problems.join('\n  ')}` : 'expected code AppSync refuses, but it passes the APPSYNC_JS check'),
    };
  },

  toSendRequest(received: unknown, expected: Record<string, unknown>): MatcherResult {
    const requests = received && typeof received === 'object' && Array.isArray((received as { requests?: unknown }).requests) ? (received as { requests: unknown[] }).requests : [received];
    const plain = requests.map(plainRequest);
    const pass = plain.some((r) => holds(r, expected));
    return {
      pass,
      message: () =>
        pass
          ? `expected no request holding ${JSON.stringify(expected)}`
          : `expected a request holding ${JSON.stringify(expected)}, got:\n  ${plain.map((r) => JSON.stringify(r)).join('\n  ')}`,
    };
  },
};
