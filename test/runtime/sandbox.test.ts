// The sandbox: no Node capabilities, no state shared between evaluations, a
// time limit, and AppSync's language rules checked before anything runs.
import { describe, expect, it } from 'vitest';
import { CodeCheckError, compileCode, evaluateCode, runUnitResolver } from '../../local/runtime/index.js';
import { makeCtx } from './helpers.js';

const handler = (body: string, top = '') =>
  `import { util } from '@aws-appsync/utils';\n${top}\nexport function request(ctx) { ${body} }\nexport function response(ctx) { return ctx.result; }\n`;
const value = (body: string, top = '') => {
  const a = evaluateCode({ code: handler(body, top), function: 'request', context: {} });
  return a.error ? { error: a.error.message } : JSON.parse(a.evaluationResult!);
};

describe('sandbox isolation', () => {
  it('has no Node globals', () => {
    expect(value('return [typeof process, typeof require, typeof Buffer, typeof setTimeout, typeof fetch, typeof module];')).toEqual(
      Array(6).fill('undefined'),
    );
  });
  it('cannot build functions from strings', () => {
    expect(value('return Function.prototype.constructor("return 1")();')).toHaveProperty('error');
  });
  it('module-level state is fresh for every evaluation', () => {
    const code = compileCode(handler('counter.n = counter.n + 1; return counter.n;', 'const counter = { n: 0 };'), 'counter.js');
    const invoke = async () => ({ result: null });
    return Promise.all([1, 2, 3].map(() => runUnitResolver({ code, ctx: makeCtx(), invoke }))).then(() =>
      runUnitResolver({ code, ctx: makeCtx(), invoke: async (req) => ({ result: req }) }).then((o) => expect(o.data).toBe(1)),
    );
  });
  it('globalThis writes and prototype changes do not reach the next evaluation', () => {
    expect(value('globalThis.leak = 1; return 1;')).toHaveProperty('error');
    expect(value('globalThis.globalThis.leak = 1; return 1;')).toHaveProperty('error');
    expect(value('JSON = null; return 1;')).toHaveProperty('error');
    expect(value('Array.prototype.evil = 1; return 1;')).toHaveProperty('error');
    expect(value('return [typeof globalThis.leak, typeof [].evil, typeof JSON.parse];')).toEqual(['undefined', 'undefined', 'function']);
  });
  it('ctx is a copy: changing it does not change the caller\'s objects', async () => {
    const input = makeCtx({ arguments: { a: 1 } });
    const code = compileCode(handler('ctx.arguments.a = 2; return ctx.args.a;'), 'mut.js');
    const out = await runUnitResolver({ code, ctx: input, invoke: async (req) => ({ result: req }) });
    expect(out.data).toBe(2);
    expect(input.arguments.a).toBe(1);
  });
  it('stops code that runs past the time limit', async () => {
    const code = compileCode(
      handler('const a = Array.from({ length: 5000 }, (_, i) => i); let s = 0; a.forEach((x) => a.forEach((y) => { s = s + x * y; })); return s;'),
      'slow.js',
    );
    const t0 = Date.now();
    const out = await runUnitResolver({ code, ctx: makeCtx(), invoke: async () => ({ result: null }), timeoutMs: 50 });
    expect(out.error?.message).toMatch(/timed out/);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
  it('captures console output as logs', () => {
    const a = evaluateCode({ code: handler('console.log("hi", { a: 1 }); console.error("bad"); return 1;'), function: 'request', context: {} });
    expect(a.logs).toEqual(['hi {"a":1}', 'ERROR bad']);
  });
});

// Doc: "Supported runtime features" and @aws-appsync/eslint-plugin
describe('language limits', () => {
  const bundle = [
    "import { util } from '@aws-appsync/utils';",
    'function request(ctx) {',
    '  try { return 1; } catch (e) { return 2; }',
    '}',
    'function response(ctx) { return ctx.result; }',
    'export { request, response };',
  ].join('\n');
  it('rejects try/catch with file:line:column and the rule', () => {
    let err: unknown;
    try {
      compileCode(bundle, 'resolvers/bad.js');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CodeCheckError);
    const problems = (err as CodeCheckError).problems;
    expect(problems[0]).toMatchObject({ file: 'resolvers/bad.js', line: 3, column: 3, rule: '@aws-appsync/no-try' });
    expect((err as Error).message).toMatch(/^resolvers\/bad\.js:3:3 @aws-appsync\/no-try /);
  });
  it.each([
    ['while loop', 'let i = 0; while (i < 3) { i += 1; } return i;'],
    ['++ operator', 'let i = 0; i++; return i;'],
    ['in operator', 'return "a" in ctx;'],
    ['throw', 'throw new Error("x");'],
    ['class', 'class A {} return 1;'],
    ['async function', 'const f = async () => 1; return 1;'],
  ])('rejects %s', (_name, body) => {
    expect(() => compileCode(handler(body), 'x.js')).toThrow(CodeCheckError);
  });
  it('names the file being compiled even when the same code was checked before under another name', () => {
    const code = handler('let i = 0; i++; return i;');
    expect(() => compileCode(code, 'first.js')).toThrow(/^first\.js:3:43 /);
    expect(() => compileCode(code, 'second.js')).toThrow(/^second\.js:3:43 /);
  });
  it('accepts ordinary resolver code', () => {
    expect(() => compileCode(handler('const { a = 1, ...rest } = ctx.args; return [a, rest, [1, 2].map((x) => x * 2)];'), 'ok.js')).not.toThrow();
  });
});
