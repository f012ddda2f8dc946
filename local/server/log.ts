// The terminal output: one line per request, and with --verbose the
// field-level detail AppSync's ALL-level field logging gives (request and
// response objects, console output, errors).
import type { GraphQLRequestInfo } from './http.js';
import { redact } from './redact.js';
import type { RequestTrace } from './types.js';

function time(): string {
  return new Date().toISOString().slice(11, 23);
}

/** How many field errors a request line names before it counts the rest by type. */
const ERRORS_NAMED = 10;

/**
 * `errorType@path` of each error in an answer's errors[] (`errorType` alone for
 * request errors). A path reads like an address (`X@list.24.sub`), so the
 * request line is not passed through redact() as a whole: its free-text parts
 * (error types a resolver chose, the operation name a client sent) are redacted
 * here, and a path holds only field names and indices.
 */
export function errorRefs(errors: readonly unknown[] | undefined): string[] {
  const refs: string[] = [];
  for (const e of errors ?? []) {
    const o = (e && typeof e === 'object' ? e : {}) as { errorType?: unknown; path?: unknown };
    const type = typeof o.errorType === 'string' && o.errorType ? redact(o.errorType) : 'Error';
    refs.push(Array.isArray(o.path) && o.path.length ? `${type}@${o.path.join('.')}` : type);
  }
  return refs;
}

/** errors=A@x,B@y (the first ERRORS_NAMED distinct ones; the rest counted by type). */
export function formatErrors(refs: readonly string[]): string {
  const distinct = [...new Set(refs)];
  const named = distinct.slice(0, ERRORS_NAMED);
  const rest = new Map<string, number>();
  for (const r of distinct.slice(ERRORS_NAMED)) {
    const type = r.split('@')[0];
    rest.set(type, (rest.get(type) ?? 0) + 1);
  }
  const more = [...rest].map(([t, n]) => `+${n} ${t}`);
  return `errors=${[...named, ...more].join(',')}`;
}

/** The request line, already redacted: print it as it is. */
export function formatRequestLine(info: GraphQLRequestInfo, trace?: RequestTrace): string {
  const op = redact(trace ? `${trace.operationType ?? 'operation'} ${trace.operationName ?? '(anonymous)'}` : (info.operationName ?? '-'));
  const work = trace ? ` resolvers=${trace.resolvers} ds=${trace.dataSourceCalls}` : '';
  const err = info.errorType ? ` ${redact(info.errorType)}` : '';
  const refs = errorRefs(info.errors);
  return `${time()} ${info.status} ${op}${work}${err}${refs.length ? ` ${formatErrors(refs)}` : ''} ${info.ms.toFixed(1)}ms`;
}

function compact(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 2000 ? `${s.slice(0, 2000)}…` : s;
}

export function formatVerbose(trace: RequestTrace): string[] {
  const lines: string[] = [];
  for (const f of trace.fields) {
    lines.push(`  ▸ ${f.path} (${f.resolver}) ${f.ms.toFixed(1)}ms`);
    for (const l of f.logs) lines.push(`    log: ${l}`);
    for (const inv of f.invocations) {
      lines.push(`    request: ${compact(inv.request)}`);
      lines.push(`    result (${inv.ms.toFixed(1)}ms): ${compact(inv.result)}`);
    }
    if (f.error) lines.push(`    error: ${compact(f.error)}${f.errorAt ? ` at ${f.errorAt}` : ''}`);
  }
  return lines;
}
