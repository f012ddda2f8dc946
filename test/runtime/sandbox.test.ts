// The sandbox: what resolver code cannot reach, cannot keep, and cannot do.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CodeCheckError, compileCode, evaluateCode, runPipelineResolver, runUnitResolver } from '../../local/runtime/index.js';
import type { ResolverContextInput } from '../../local/runtime/types.js';
import { js } from './support.js';

const ctx = (args: Record<string, unknown> = {}): ResolverContextInput => ({
  arguments: args,
  identity: null,
  source: null,
  info: { fieldName: 'f', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
  request: { headers: {}, domainName: null },
});

describe('isolation', () => {
  it('exposes no Node globals, no clock and no code generation', () => {
    expect(js(`[typeof process, typeof require, typeof Buffer, typeof setTimeout, typeof fetch, typeof Date].join()`)).toBe(
      'undefined,undefined,undefined,undefined,undefined,undefined',
    );
    const a = evaluateCode({ code: `export function request(ctx) { return Function("return 1")(); } export function response() {}`, function: 'request', context: {} });
    expect(a.error?.message).toMatch(/Code generation from strings disallowed/);
  });

  it('cannot reach the host through built-ins', () => {
    const a = evaluateCode({
      code: `import { util } from '@aws-appsync/utils';
export function request(ctx) { return util.time.nowISO8601.constructor("return typeof process")(); }
export function response() {}`,
      function: 'request',
      context: {},
    });
    expect(a.error?.message).toMatch(/Code generation from strings disallowed/);
  });

  it('keeps no module state between evaluations', async () => {
    const code = compileCode(
      `let calls = 0;
export function request(ctx) { calls += 1; return { payload: calls }; }
export function response(ctx) { return ctx.result; }`,
      'counter.js',
    );
    const invoke = async (req: any) => ({ result: req.payload });
    const first = await runUnitResolver({ code, ctx: ctx(), invoke });
    const second = await runUnitResolver({ code, ctx: ctx(), invoke });
    expect(first.data).toBe(1);
    expect(second.data).toBe(1);
  });

  it('cannot change built-ins for later evaluations', () => {
    const a = evaluateCode({
      code: `import { util } from '@aws-appsync/utils';
export function request(ctx) { Array.prototype.push = null; util.time = null; return 1; }
export function response() {}`,
      function: 'request',
      context: {},
    });
    expect(a.error?.message).toMatch(/read only|Cannot assign|not extensible/);
    expect(js(`[1].concat([2]).length`)).toBe(2);
  });

  it('stops code that runs past the time limit', async () => {
    const code = compileCode(
      `export function request(ctx) {
  const a = Array(20000).fill(1);
  let n = 0;
  for (const x of a) { for (const y of a) { n += x * y; } }
  return { payload: n };
}
export function response(ctx) { return ctx.result; }`,
      'slow.js',
    );
    const t0 = Date.now();
    const out = await runUnitResolver({ code, ctx: ctx(), invoke: async () => ({ result: null }), timeoutMs: 100 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(out.error?.message).toBe('Execution timed out after 100 ms');
  });
});

describe('language rules (the verdict of @aws-appsync/eslint-plugin)', () => {
  it.each([
    ['try/catch', `export function request(ctx) {\n  try { return 1; } catch (e) { return 2; }\n}`, 2, 3, '@aws-appsync/no-try'],
    ['while', `export function request(ctx) {\n  let i = 0;\n  while (i < 3) { i = i + 1; }\n  return i;\n}`, 3, 3, '@aws-appsync/no-while'],
    ['++', `export function request(ctx) {\n  let i = 0;\n  i++;\n  return i;\n}`, 3, 3, '@aws-appsync/no-disallowed-unary-operators'],
    ['class', `class A {}\nexport function request(ctx) { return new A(); }`, 1, 1, '@aws-appsync/no-classes'],
    ['async', `export async function request(ctx) { return 1; }`, 1, 8, '@aws-appsync/no-async'],
  ])('rejects %s with file:line:column and the rule', (_name, body, line, column, rule) => {
    let err: unknown;
    try {
      compileCode(`${body}\nexport function response(ctx) { return null; }`, 'resolvers/bad.js');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CodeCheckError);
    expect((err as Error).message).toContain(`resolvers/bad.js:${line}:${column} ${rule}`);
  });
});

describe('pipelines — "JavaScript resolvers overview" (pipeline resolvers, runtime.earlyReturn)', () => {
  const before = compileCode(
    `export function request(ctx) { ctx.stash.trail = ["before"]; return { from: "before" }; }
export function response(ctx) { ctx.stash.trail.push("after"); return { prev: ctx.prev.result, trail: ctx.stash.trail }; }`,
    'pipeline.js',
  );
  const step = (name: string) =>
    compileCode(
      `export function request(ctx) { ctx.stash.trail.push("${name}"); return { payload: ctx.prev.result }; }
export function response(ctx) { return { ${name}: ctx.result }; }`,
      `${name}.js`,
    );
  const invoke = async (req: any) => ({ result: req.payload });

  it('runs before → functions → after with ctx.prev.result and a shared stash', async () => {
    const out = await runPipelineResolver({ code: before, functions: [{ code: step('one'), invoke }, { code: step('two'), invoke }], ctx: ctx() });
    expect(out.error).toBeUndefined();
    expect(out.data).toEqual({
      prev: { two: { one: { from: 'before' } } },
      trail: ['before', 'one', 'two', 'after'],
    });
  });

  it('earlyReturn in a function skips its data source and response', async () => {
    const early = compileCode(
      `import { runtime } from '@aws-appsync/utils';
export function request(ctx) { runtime.earlyReturn({ skipped: true }); }
export function response(ctx) { return "not reached"; }`,
      'early.js',
    );
    let calls = 0;
    const counting = async (req: any) => {
      calls += 1;
      return { result: req.payload };
    };
    const out = await runPipelineResolver({ code: before, functions: [{ code: early, invoke: counting }, { code: step('two'), invoke }], ctx: ctx() });
    expect(calls).toBe(0);
    expect(out.data).toMatchObject({ prev: { two: { skipped: true } } });
  });

  it('util.error in a function ends the field', async () => {
    const failing = compileCode(
      `import { util } from '@aws-appsync/utils';
export function request(ctx) { util.error("nope", "Stop"); }
export function response(ctx) { return null; }`,
      'fail.js',
    );
    const out = await runPipelineResolver({ code: before, functions: [{ code: failing, invoke }, { code: step('two'), invoke }], ctx: ctx() });
    expect(out.error).toMatchObject({ message: 'nope', errorType: 'Stop' });
  });
});

describe('appsync-local evaluate (the EvaluateCode twin)', () => {
  it('prints evaluationResult, logs, stash and outErrors as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evaluate-'));
    writeFileSync(
      join(dir, 'code.js'),
      `export function request(ctx) { console.log("hi"); ctx.stash.seen = true; return { id: ctx.args.id }; }\nexport function response(ctx) { return ctx.result; }`,
    );
    writeFileSync(join(dir, 'ctx.json'), JSON.stringify({ arguments: { id: '7' } }));
    const bin = fileURLToPath(new URL('../../local/cli/bin.js', import.meta.url));
    const out = JSON.parse(
      execFileSync(process.execPath, [bin, 'evaluate', '--code', join(dir, 'code.js'), '--function', 'request', '--context', join(dir, 'ctx.json')], {
        encoding: 'utf8',
      }),
    );
    expect(out).toEqual({ evaluationResult: '{"id":"7"}', logs: ['hi'], stash: '{"seen":true}', outErrors: '[]' });
  });
});
