// The local APPSYNC_JS runtime. Stable API (the server and the tests rely on it):
//
//   compileCode(source, filename): CompiledCode
//       Checks the bundle against AppSync's language rules (throws CodeCheckError,
//       `file:line:column rule message` per problem), then compiles it once.
//   runUnitResolver({ code, ctx, invoke, timeoutMs? }): Promise<FieldOutcome>
//       request(ctx) → invoke(request object) → response(ctx with result/error).
//       runtime.earlyReturn in request skips the data source and response. A data
//       source error is only reported if response calls util.error/appendError.
//   runPipelineResolver({ code, functions: [{ code, invoke }], ctx, timeoutMs? })
//       before (request) → each function → after (response); shared ctx.stash,
//       ctx.prev.result; a function's earlyReturn becomes the next prev.result.
//   evaluateCode({ code, function, context }): EvaluateCodeResult  (EvaluateCode twin)
//
// All code runs in one sandbox context (see sandbox.ts) whose built-ins
// (builtins/, one module per namespace) live inside it; each evaluation gets fresh module state and a
// JSON copy of ctx, and its answer (console lines included) leaves the sandbox as JSON, like AppSync's.
import { builtinsScript } from './builtins.js';
import { CodeCheckError, checkCode, where, type CodeProblem } from './check.js';
import { createEvaluatorPool, SLICE_MS, type IsolatedResult } from './evaluator.js';
import { createHost } from './host.js';
import { toFactory } from './module.js';
import { sourceLocator, withOrigins } from './source-map.js';
import { createSandbox } from './sandbox.js';
import type { FieldError, FieldOutcome, Invoke, ResolverContextInput, ResolverExtensions } from './types.js';

export { checkCode, CodeCheckError, type CodeProblem };
export type * from './types.js';

const DEFAULT_TIMEOUT_MS = 1_000;
/** AppSync API reference (Resolver, FunctionConfiguration, EvaluateCode): `code` is at most 32,768 characters. */
export const MAX_CODE_LENGTH = 32_768;

const builtins = builtinsScript();
const sandbox = createSandbox(builtins, createHost());
/** Escalated jobs run here, on worker threads (evaluator.ts). */
const pool = createEvaluatorPool(() => builtins);

export interface CompiledCode {
  readonly filename: string;
  readonly source: string;
  /** Returns a fresh instance of the module's exports (sandbox realm). */
  readonly factory: unknown;
  /** The factory's source, for the isolated evaluator's own sandbox. */
  readonly factoryText: string;
  /**
   * `file:line:column` of a (line, column) of the compiled factory: the
   * TypeScript source through the bundle's source map, else the bundle's own.
   */
  locate(line: number, column: number): string;
}

export function compileCode(source: string, filename: string): CompiledCode {
  if (source.length > MAX_CODE_LENGTH) throw new Error(`${filename}: code is ${source.length} characters; AppSync accepts at most ${MAX_CODE_LENGTH}`);
  const problems = checkCode(source, filename);
  if (problems.length) throw new CodeCheckError(withOrigins(problems, source, filename));
  const made = toFactory(source, filename);
  const factory = sandbox.compile(made.text, filename);
  const locate = (line: number, column: number): string => {
    const b = made.bundlePosition(line, column);
    const o = sourceLocator(source, filename)?.(b.line, b.column);
    return o ? `${o.file}:${o.line}:${o.column}` : `${filename}:${b.line}:${b.column}`;
  };
  return { filename, source, factory, factoryText: made.text, locate };
}

interface HandlerAnswer {
  ok?: boolean;
  value?: unknown;
  missing?: boolean;
  error?: FieldError;
  early?: { value: unknown; skipTo?: 'END' | 'NEXT' };
  thrown?: string;
  /** [line, column] in the factory where `error` was raised or `thrown` happened. */
  at?: [number, number];
  /** `at` as a source position (set on the host side). */
  site?: string;
  logs?: string[];
  errors: FieldError[];
  extensions: ResolverExtensions;
  stash: Record<string, unknown>;
}

type HandlerContext = Record<string, unknown>;

/**
 * Code whose jobs escalated runs on the pool directly, until it has finished
 * there quickly RETURN_AFTER times in a row (a slice can be lost to a GC pause).
 */
const isolated = new WeakMap<CompiledCode, number>();
const RETURN_AFTER = 16;

/**
 * The runner's JSON text from the host's thread; or, when the job must run
 * isolated, the ms of its time limit the attempt used (its slice: not timed,
 * to keep clock reads off the common path; 0 when there was no attempt).
 */
function runInProcess(code: CompiledCode, fn: string, ctxJson: string, timeoutMs: number): string | number {
  if (isolated.has(code)) return 0;
  sandbox.setJob(code.factory, fn, ctxJson, timeoutMs, SLICE_MS, 0);
  let text: unknown;
  try {
    text = sandbox.runJob();
  } catch {
    // Whatever was thrown belongs to the sandbox: it is not looked at here.
    return 'null';
  }
  if (typeof text !== 'string') return 'null';
  if (text.startsWith('{"escalate":')) {
    isolated.set(code, 0);
    return SLICE_MS;
  }
  return text;
}

function afterIsolated(code: CompiledCode, ms: number): void {
  if (!isolated.has(code)) return;
  const fast = ms < SLICE_MS / 2 ? (isolated.get(code) ?? 0) + 1 : 0;
  if (fast >= RETURN_AFTER) isolated.delete(code);
  else isolated.set(code, fast);
}

/**
 * Runs request or response of `code` against a JSON copy of ctx, with a time
 * limit: on the host's thread, or (answering a promise) on the isolated
 * evaluator when the job leaves its slice (evaluator.ts).
 */
function runHandler(code: CompiledCode, fn: 'request' | 'response', ctx: HandlerContext, logs: string[], timeoutMs: number): HandlerAnswer | Promise<HandlerAnswer> {
  const ctxJson = JSON.stringify(ctx);
  const text = runInProcess(code, fn, ctxJson, timeoutMs);
  if (typeof text === 'string') return toAnswer(code, text, ctx, logs);
  const job = isolatedJob(code, fn, ctxJson, timeoutMs, text);
  const t1 = performance.now();
  return pool.run(job).then((r) => {
    afterIsolated(code, performance.now() - t1);
    return toAnswer(code, r, ctx, logs);
  });
}

/** runHandler, blocking until an isolated job is done (for the synchronous evaluateCode). */
function runHandlerSync(code: CompiledCode, fn: 'request' | 'response', ctx: HandlerContext, logs: string[], timeoutMs: number): HandlerAnswer {
  const ctxJson = JSON.stringify(ctx);
  const text = runInProcess(code, fn, ctxJson, timeoutMs);
  if (typeof text === 'string') return toAnswer(code, text, ctx, logs);
  const job = isolatedJob(code, fn, ctxJson, timeoutMs, text);
  const t1 = performance.now();
  const r = pool.runSync(job);
  afterIsolated(code, performance.now() - t1);
  return toAnswer(code, r, ctx, logs);
}

/** The job again, whole, with what is left of its time limit. */
function isolatedJob(code: CompiledCode, fn: string, ctxJson: string, timeoutMs: number, spent: number) {
  const spentMs = Math.min(timeoutMs - 1, spent);
  return { text: code.factoryText, filename: code.filename.replace(/^.*[\\/]/, ''), fn, ctxJson, timeoutMs, spentMs };
}

function toAnswer(code: CompiledCode, r: string | IsolatedResult, ctx: HandlerContext, logs: string[]): HandlerAnswer {
  const text = typeof r === 'string' ? r : 'text' in r ? r.text : undefined;
  const parsed = text === undefined ? null : (JSON.parse(text) as HandlerAnswer | null);
  const a: HandlerAnswer = parsed ?? {
    thrown: typeof r !== 'string' && 'failure' in r ? r.failure : 'Execution failed',
    errors: [],
    extensions: {},
    stash: (ctx.stash ?? {}) as Record<string, unknown>,
  };
  for (const line of a.logs ?? []) logs.push(line);
  if (a.at && (a.error || a.thrown)) a.site = code.locate(a.at[0], a.at[1]);
  return a;
}

/** The error that ends the field, if the handler raised one, with where it was raised. */
function failure(a: HandlerAnswer): { error: FieldError; errorAt?: string } | undefined {
  const error = a.error ?? (a.thrown !== undefined ? runtimeError(a.thrown) : undefined);
  if (!error) return undefined;
  return a.site ? { error, errorAt: a.site } : { error };
}

function baseContext(input: ResolverContextInput, stash: Record<string, unknown>): HandlerContext {
  return {
    arguments: input.arguments,
    identity: input.identity,
    source: input.source ?? null,
    info: input.info,
    request: input.request,
    env: input.env ?? {},
    stash,
    prev: {},
  };
}

function runtimeError(message: string): FieldError {
  return { message, errorType: 'Code', data: null, errorInfo: null };
}

interface Step {
  code: CompiledCode;
  invoke?: Invoke;
}

/**
 * One request → data source → response round. `prev` is ctx.prev.result.
 * Returns the value, or an error that ends the field.
 */
async function runStep(step: Step, ctx: HandlerContext, out: FieldOutcome, timeoutMs: number): Promise<{ value?: unknown; error?: FieldError; errorAt?: string; early?: boolean; end?: boolean }> {
  const reqRun = runHandler(step.code, 'request', ctx, out.logs, timeoutMs);
  // Awaited only when it ran isolated: the common path stays synchronous.
  const req = reqRun instanceof Promise ? await reqRun : reqRun;
  collect(out, req);
  ctx.stash = req.stash;
  const failedRequest = failure(req);
  if (failedRequest) return failedRequest;
  if (req.early) return { value: req.early.value, early: true, end: req.early.skipTo === 'END' };
  if (req.missing) return { error: runtimeError(`${step.code.filename}: no request function exported`) };
  let result: unknown = null;
  let dsError: { message: string; type: string; data?: unknown } | undefined;
  if (step.invoke) {
    const t0 = performance.now();
    const answer = await step.invoke(req.value);
    out.invocations.push({ request: req.value, result: answer, ms: performance.now() - t0 });
    result = answer.result ?? null;
    dsError = answer.error;
  }
  const resCtx: HandlerContext = { ...ctx, result, ...(dsError ? { error: dsError } : {}) };
  const resRun = runHandler(step.code, 'response', resCtx, out.logs, timeoutMs);
  const res = resRun instanceof Promise ? await resRun : resRun;
  collect(out, res);
  ctx.stash = res.stash;
  const failedResponse = failure(res);
  if (failedResponse) return failedResponse;
  if (res.missing) return { error: runtimeError(`${step.code.filename}: no response function exported`) };
  return { value: res.value };
}

function collect(out: FieldOutcome, a: HandlerAnswer): void {
  out.appendedErrors.push(...a.errors);
  // Invalidations add up over a pipeline's steps; filters are last-one-wins.
  const invalidations = [...(out.extensions.invalidateSubscriptions ?? []), ...(a.extensions.invalidateSubscriptions ?? [])];
  Object.assign(out.extensions, a.extensions);
  if (invalidations.length) out.extensions.invalidateSubscriptions = invalidations;
}

function newOutcome(stash: Record<string, unknown>): FieldOutcome {
  return { data: null, appendedErrors: [], logs: [], invocations: [], extensions: {}, stash };
}

export async function runUnitResolver(opts: { code: CompiledCode; ctx: ResolverContextInput; invoke: Invoke; timeoutMs?: number }): Promise<FieldOutcome> {
  const stash = { ...(opts.ctx.stash ?? {}) };
  const out = newOutcome(stash);
  const ctx = baseContext(opts.ctx, stash);
  const r = await runStep({ code: opts.code, invoke: opts.invoke }, ctx, out, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  out.stash = ctx.stash as Record<string, unknown>;
  if (r.error) {
    out.error = r.error;
    if (r.errorAt) out.errorAt = r.errorAt;
  } else out.data = r.value;
  return out;
}

export async function runPipelineResolver(opts: {
  code: CompiledCode;
  functions: Array<{ code: CompiledCode; invoke: Invoke }>;
  ctx: ResolverContextInput;
  timeoutMs?: number;
}): Promise<FieldOutcome> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const out = newOutcome({ ...(opts.ctx.stash ?? {}) });
  const ctx = baseContext(opts.ctx, out.stash);
  // Before step: the resolver's request handler; earlyReturn skips to the end.
  const beforeRun = runHandler(opts.code, 'request', ctx, out.logs, timeoutMs);
  const before = beforeRun instanceof Promise ? await beforeRun : beforeRun;
  collect(out, before);
  ctx.stash = before.stash;
  const finish = (r: { value?: unknown; error?: FieldError; errorAt?: string }) => {
    out.stash = ctx.stash as Record<string, unknown>;
    if (r.error) {
      out.error = r.error;
      if (r.errorAt) out.errorAt = r.errorAt;
    } else out.data = r.value;
    return out;
  };
  const failedBefore = failure(before);
  if (failedBefore) return finish(failedBefore);
  // "Runtime utilities" › earlyReturn: in the pipeline's request handler it skips
  // the functions and calls the pipeline's response handler at once; in a
  // function it skips that function's data source and response, and with
  // { skipTo: 'END' } the remaining functions too. Its value becomes ctx.prev.result.
  ctx.prev = { result: before.early ? before.early.value : before.value };
  for (const fn of before.early ? [] : opts.functions) {
    const r = await runStep(fn, ctx, out, timeoutMs);
    if (r.error) return finish(r);
    ctx.prev = { result: r.value };
    if (r.end) break;
  }
  const afterRun = runHandler(opts.code, 'response', ctx, out.logs, timeoutMs);
  const after = afterRun instanceof Promise ? await afterRun : afterRun;
  collect(out, after);
  ctx.stash = after.stash;
  const failedAfter = failure(after);
  if (failedAfter) return finish(failedAfter);
  return finish({ value: after.value });
}

/** The answer of AppSync's EvaluateCode API, reproduced locally. */
export interface EvaluateCodeResult {
  evaluationResult?: string;
  error?: { message: string; codeErrors?: Array<{ errorType: string; value: string; location: { line: number; column: number; span: number } }> };
  logs: string[];
  stash?: string;
  outErrors?: string;
}

type EvaluateInput = { code: string; function: 'request' | 'response'; context: string | object; filename?: string };

export function evaluateCode(input: EvaluateInput): EvaluateCodeResult {
  return evaluateCodeWithSources(input).answer;
}

/**
 * evaluateCode, plus where its errors are in the TypeScript source (through
 * the bundle's source map: inline, or `FILE.map` beside a file named by
 * `filename`). The answer itself keeps EvaluateCode's fields and positions.
 */
export function evaluateCodeWithSources(input: EvaluateInput): { answer: EvaluateCodeResult; sources: string[] } {
  const sources: string[] = [];
  const answer = evaluate(input, sources);
  return { answer, sources };
}

function evaluate(input: EvaluateInput, sources: string[]): EvaluateCodeResult {
  const filename = input.filename ?? 'code.js';
  let compiled: CompiledCode;
  try {
    compiled = compileCode(input.code, filename);
  } catch (err) {
    if (err instanceof CodeCheckError) {
      for (const p of err.problems) sources.push(`${where(p)} ${p.rule} ${p.message}`);
      return {
        error: {
          message: 'Code validation failed',
          codeErrors: err.problems.map((p) => ({ errorType: p.rule, value: p.message, location: { line: p.line, column: p.column, span: 0 } })),
        },
        logs: [],
      };
    }
    return { error: { message: err instanceof Error ? err.message : String(err) }, logs: [] };
  }
  const ctx = (typeof input.context === 'string' ? JSON.parse(input.context) : input.context) as HandlerContext;
  ctx.arguments ??= ctx.args ?? {};
  ctx.stash ??= {};
  const logs: string[] = [];
  const a = runHandlerSync(compiled, input.function, ctx, logs, DEFAULT_TIMEOUT_MS);
  if (a.site) sources.push(`${a.site} ${a.error ? `${a.error.errorType ?? 'error'}: ${a.error.message}` : a.thrown}`);
  const base = { logs, stash: JSON.stringify(a.stash ?? {}), outErrors: JSON.stringify(a.errors ?? []) };
  // util.unauthorized() answers `Unauthorized` here, unlike its GraphQL field error (see builtins/util.js).
  if (a.error) return { ...base, error: { message: (a.error as FieldError & { evaluateMessage?: string }).evaluateMessage ?? a.error.message } };
  if (a.thrown) return { ...base, error: { message: a.thrown } };
  if (a.early) return { ...base, evaluationResult: JSON.stringify(a.early.value) };
  return { ...base, evaluationResult: JSON.stringify(a.value) };
}
