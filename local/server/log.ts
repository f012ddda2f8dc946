// The terminal output: one line per request, and with --verbose the
// field-level detail AppSync's ALL-level field logging gives (request and
// response objects, console output, errors).
import type { GraphQLRequestInfo } from './http.js';
import type { RequestTrace } from './types.js';

function time(): string {
  return new Date().toISOString().slice(11, 23);
}

export function formatRequestLine(info: GraphQLRequestInfo, trace?: RequestTrace): string {
  const op = trace ? `${trace.operationType ?? 'operation'} ${trace.operationName ?? '(anonymous)'}` : (info.operationName ?? '-');
  const work = trace ? ` resolvers=${trace.resolvers} ds=${trace.dataSourceCalls}` : '';
  const err = info.errorType ? ` ${info.errorType}` : '';
  const fieldErrors = trace ? trace.fields.filter((f) => f.error).length : 0;
  return `${time()} ${info.status} ${op}${work}${err}${fieldErrors ? ` fieldErrors=${fieldErrors}` : ''} ${info.ms.toFixed(1)}ms`;
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
