// Running resolver code under test: one handler as EvaluateCode runs it, or a
// whole unit or pipeline resolver against data sources, as the local server
// runs a field.
import { evaluateCode, runPipelineResolver, runUnitResolver, type CompiledCode, type EvaluateCodeResult } from '../runtime/index.js';
import type { FieldOutcome, Invoke } from '../runtime/types.js';
import { evaluateCodeContext, resolverContext, type TestContext } from './context.js';
import { scripted, type Answer, type ScriptedDataSource, type SentRequest } from './datasources.js';

/** A data source: scripted answers, a ScriptedDataSource, a test table, or any function of the request. */
export type DataSourceLike = Answer[] | ScriptedDataSource | { invoke: Invoke; requests?: SentRequest[] } | Invoke;

function asDataSource(ds: DataSourceLike | undefined): { invoke: Invoke; requests: SentRequest[] } {
  if (ds === undefined) return scripted();
  if (Array.isArray(ds)) return scripted(ds);
  if (typeof ds === 'function') {
    const requests: SentRequest[] = [];
    return { requests, invoke: (r) => (requests.push(r), ds(r)) };
  }
  if (ds.requests) return ds as ScriptedDataSource;
  const requests: SentRequest[] = [];
  return { requests, invoke: (r) => (requests.push(r), ds.invoke(r)) };
}

export interface PipelineFunction {
  code: CompiledCode;
  /** This function's own data source; default: the resolver's. */
  dataSource?: DataSourceLike;
}

export interface RunOptions<Args> extends TestContext<Args> {
  /** typeName/fieldName for ctx.info. */
  typeName?: string;
  fieldName?: string;
  /** The data source of a unit resolver, and of pipeline functions without their own. */
  dataSource?: DataSourceLike;
  /** Present: a pipeline resolver, `code` being its before/after handlers. */
  functions?: Array<CompiledCode | PipelineFunction>;
  timeoutMs?: number;
}

export interface ResolverRun extends FieldOutcome {
  /** Every request object sent to a data source, in order, across the pipeline. */
  requests: SentRequest[];
}

/** Runs a unit resolver (or, with `functions`, a pipeline resolver) for one field. */
export async function runResolver<Args = Record<string, unknown>>(code: CompiledCode, opts: RunOptions<Args> = {}): Promise<ResolverRun> {
  const ctx = resolverContext(opts, opts);
  const requests: SentRequest[] = [];
  const shared = asDataSource(opts.dataSource);
  const recorded = (ds: { invoke: Invoke }): Invoke => (r) => (requests.push(r), ds.invoke(r));
  const outcome = opts.functions
    ? await runPipelineResolver({
        code,
        ctx,
        timeoutMs: opts.timeoutMs,
        functions: opts.functions.map((f) => {
          const fn = 'factory' in f ? { code: f } : f;
          return { code: fn.code, invoke: recorded(fn.dataSource ? asDataSource(fn.dataSource) : shared) };
        }),
      })
    : await runUnitResolver({ code, ctx, invoke: recorded(shared), timeoutMs: opts.timeoutMs });
  return { ...outcome, requests };
}

export interface Evaluation {
  /** EvaluateCode's answer, fields as AWS names them (JSON strings). */
  raw: EvaluateCodeResult;
  /** evaluationResult, parsed; undefined when the handler failed. */
  result: unknown;
  /** The error's message (util.error, a runtime error), if any. */
  error?: string;
  stash: Record<string, unknown>;
  /** util.appendError entries. */
  outErrors: unknown[];
  logs: string[];
}

/**
 * One handler, as AWS's EvaluateCode runs it: `request` with the context, or
 * `response` with ctx.result / ctx.error / ctx.prev given in the context.
 */
export function evaluate<Args = Record<string, unknown>>(code: CompiledCode, fn: 'request' | 'response', context: RunOptions<Args> = {}): Evaluation {
  const raw = evaluateCode({ code: code.source, function: fn, context: evaluateCodeContext(context, context), filename: code.filename });
  return {
    raw,
    result: raw.evaluationResult === undefined ? undefined : JSON.parse(raw.evaluationResult),
    ...(raw.error ? { error: raw.error.message } : {}),
    stash: raw.stash ? JSON.parse(raw.stash) : {},
    outErrors: raw.outErrors ? JSON.parse(raw.outErrors) : [],
    logs: raw.logs,
  };
}
