// Escape attempts against the APPSYNC_JS sandbox. Every attempt is code the
// language check accepts (compileCode passes it); each must end in AppSync's
// field-error shape (or a harmless value) without reaching the host realm,
// without changing what the next evaluation sees, and without stopping the
// process. The limits themselves are the local server's own: AWS documents
// none for memory or built-in sizes ("Supported runtime features" and the
// AppSync quotas are silent), only the 32,768-character code limit (API
// reference: Resolver.code, EvaluateCode.code).
import { afterEach, describe, expect, it } from 'vitest';
import { compileCode, evaluateCode, runUnitResolver, type FieldOutcome } from '../../local/runtime/index.js';
import { createHost } from '../../local/runtime/host.js';
import { toFactorySource } from '../../local/runtime/module.js';
import { makeCtx } from './helpers.js';

const IMPORTS = `import { util, runtime, extensions } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import * as rdsModule from '@aws-appsync/utils/rds';
import * as aiModule from '@aws-appsync/utils/ai';
`;
const code = (body: string, top = '') => `${IMPORTS}${top}\nexport function request(ctx) { ${body} }\nexport function response(ctx) { return ctx.result; }\n`;

let serial = 0;
/** Runs request(ctx) as a unit resolver: the outcome the GraphQL layer would get. */
async function run(body: string, opts: { top?: string; args?: Record<string, unknown>; timeoutMs?: number } = {}): Promise<FieldOutcome & { ms: number }> {
  serial += 1;
  const compiled = compileCode(code(body, opts.top), `escape${serial}.js`);
  const t0 = performance.now();
  const out = await runUnitResolver({ code: compiled, ctx: makeCtx({ arguments: opts.args ?? {} }), invoke: async (req) => ({ result: req }), timeoutMs: opts.timeoutMs });
  return Object.assign(out, { ms: performance.now() - t0 });
}

/** AppSync's shape for a field that failed in resolver code. */
const fieldError = (message: RegExp) => ({ message: expect.stringMatching(message), errorType: 'Code', data: null, errorInfo: null });

const host = globalThis as { sandboxEscape?: unknown };
// Each attempt tries to run this through a Function constructor: only the host
// realm's constructor could run it, and then the host would carry the mark.
const MARK = `"globalThis.sandboxEscape = 1; return typeof process"`;
afterEach(() => {
  const mark = host.sandboxEscape;
  delete host.sandboxEscape;
  expect(mark).toBeUndefined();
});

describe('nothing from the host realm is reachable', () => {
  it('every value reachable from globals, modules, console, ctx and util results belongs to the sandbox realm', async () => {
    // Walks own properties (accessor functions included) and prototypes: a host
    // object does not inherit from the sandbox's Object.prototype, a host
    // function not from its Function.prototype (APPSYNC_JS has no instanceof).
    const walker = `
      const bad = [];
      const seen = new Set();
      const visit = (v, path, depth) => {
        if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) return;
        seen.add(v);
        const own = typeof v === 'function' ? v === Function.prototype || Function.prototype.isPrototypeOf(v) : Object.prototype.isPrototypeOf(v) || Object.getPrototypeOf(v) === null;
        if (!own) bad.push(path);
        if (depth > 8) return;
        for (const k of Reflect.ownKeys(v)) {
          const d = Object.getOwnPropertyDescriptor(v, k);
          const name = path + '.' + String(k);
          visit(d.get, name + '[get]', depth + 1);
          visit(d.set, name + '[set]', depth + 1);
          visit(d.value, name, depth + 1);
        }
        visit(Object.getPrototypeOf(v), path + '.[[Prototype]]', depth + 1);
      };`;
    const out = await run(
      `${walker}
      const roots = {
        console, util, runtime, extensions, ddb, rdsModule, aiModule, ctx, globalThis,
        bare: { constructor, hasOwnProperty, isPrototypeOf, propertyIsEnumerable, toString, valueOf, toLocaleString, __lookupGetter__, __lookupSetter__, __defineGetter__, __defineSetter__ },
        results: [
          util.dynamodb.toMapValues({ a: 1, b: [1, { c: 'x' }] }),
          util.transform.toDynamoDBFilterExpression({ a: { eq: 1 } }),
          util.transform.toSubscriptionFilter({ a: { eq: 1 } }),
          ddb.get({ key: { id: '1' } }),
          ddb.update({ key: { id: '1' }, update: { n: ddb.operations.increment(1) } }),
          util.http.copyHeaders({ a: 'b' }),
          util.time.nowISO8601(), util.autoId(), util.base64Encode('x'),
        ],
      };
      visit(roots, 'roots', 0);
      return bad;`,
      { args: { nested: { list: [{ deep: true }] } } },
    );
    expect(out.error).toBeUndefined();
    expect(out.data).toEqual([]);
  });

  it.each([
    ['console.log', `console.log.constructor(${MARK})()`],
    ['a bare global lookup (constructor)', `constructor.constructor(${MARK})()`],
    ['a bare global lookup (__lookupGetter__)', `__lookupGetter__.constructor(${MARK})()`],
    ['a util function', `util.time.nowISO8601.constructor(${MARK})()`],
    ['a util namespace', `util.dynamodb.constructor.constructor(${MARK})()`],
    ['a dynamodb module function', `ddb.get.constructor(${MARK})()`],
    ['runtime.earlyReturn', `runtime.earlyReturn.constructor(${MARK})()`],
    ['extensions', `extensions.setSubscriptionFilter.constructor(${MARK})()`],
    ['ctx', `ctx.constructor.constructor(${MARK})()`],
    ['a nested ctx value', `ctx.arguments.list.map.constructor(${MARK})()`],
    ['a util result', `util.dynamodb.toMapValues({ a: 1 }).a.constructor.constructor(${MARK})()`],
    ['globalThis', `globalThis.constructor.constructor(${MARK})()`],
    ['an accessor of Object.prototype', `Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').get.constructor(${MARK})()`],
  ])('a constructor chain from %s ends in a field error', async (_from, expr) => {
    const out = await run(`return ${expr};`, { args: { list: [1] } });
    expect(out.error).toEqual(fieldError(/^EvalError: Code generation from strings disallowed/));
  });

  it('util.time.parseFormattedToEpochMilliSeconds hands the host no object to call back with its own (a RegExp)', async () => {
    // The host's parser once called pattern[i].replace(regexp, …) on whatever it was given.
    const out = await run(`
      let received = 'nothing';
      const char = { replace: (re) => { received = RegExp.prototype.isPrototypeOf(re) ? 'a sandbox RegExp' : 'a host object'; return 'x'; } };
      const pattern = { length: 1, 0: char, startsWith: () => false, toString: () => 'yyyy' };
      const ms = util.time.parseFormattedToEpochMilliSeconds('2020', pattern, 'UTC');
      return [received, ms];`);
    expect(out.data).toEqual(['nothing', Date.UTC(2020, 0, 1)]);
  });

  it.each([
    ['util.base64Encode', 'util.base64Encode(arg)'],
    ['util.base64Decode', 'util.base64Decode(arg)'],
    ['util.time.parseFormattedToEpochMilliSeconds', "util.time.parseFormattedToEpochMilliSeconds(arg, arg, 'UTC')"],
    ['util.time.epochMilliSecondsToISO8601', 'util.time.epochMilliSecondsToISO8601(arg)'],
    ['util.time.epochMilliSecondsToFormatted', "util.time.epochMilliSecondsToFormatted(arg, 'yyyy', 'UTC')"],
    ['util.matches', 'util.matches(arg, arg)'],
  ])('arguments of %s are coerced inside the sandbox: toString, valueOf, Symbol.toPrimitive, getters and Proxy traps never run under host code', async (_name, call) => {
    // A coercion hook records whether a frame of host.ts (the host's side) is on the stack.
    const out = await run(`
      const seen = [];
      const note = (v) => { seen.push(new Error('probe').stack.includes('host.ts')); return v; };
      const hooks = [
        { toString: () => note('1') },
        { valueOf: () => note(1), toString: undefined },
        { [Symbol.toPrimitive]: () => note('1') },
        new Proxy({}, { get: (t, k) => (k === Symbol.toPrimitive ? () => note('1') : undefined) }),
      ];
      const results = [];
      for (const arg of hooks) { results.push(${call}); }
      return { seen, n: results.length };`);
    expect(out.error).toBeUndefined();
    const answer = out.data as { seen: boolean[]; n: number };
    expect(answer.n).toBe(4);
    expect(answer.seen.length).toBeGreaterThan(0);
    expect(answer.seen).not.toContain(true);
  });

  it('the host side refuses anything but primitives and never throws its own errors', () => {
    const h = createHost();
    expect(h.base64Encode({ toString: () => 'abc' })).toBeUndefined();
    expect(JSON.parse(h.lastError())).toEqual({ name: 'TypeError', message: 'host capabilities take primitives only' });
    expect(h.zoneOffset(0, 'Not/AZone')).toBeUndefined();
    expect(JSON.parse(h.lastError())).toMatchObject({ name: 'RangeError' });
    expect(h.base64Encode('abc')).toBe('YWJj');
  });

  it("a host failure reaches resolver code as the sandbox's own error, with the host's message", async () => {
    const out = await run("return util.time.nowFormatted('yyyy', 'Not/AZone');");
    expect(out.error).toEqual(fieldError(/^RangeError: Invalid time zone specified: Not\/AZone$/));
  });
});

describe('nothing runs after the evaluation', () => {
  it('Promise is absent, even when looked up by a computed name', async () => {
    const out = await run("const P = globalThis['Pro' + 'mise']; P.reject(1); return 1;");
    expect(out.error).toEqual(fieldError(/^TypeError/));
  });
  it('dynamic import() is refused by the language check', () => {
    expect(() => compileCode(code("import('node:fs'); return 1;"), 'import.js')).toThrow(/no-dynamic-import/);
  });
  it('the module transform refuses import(), import.meta, await, async and generators even unchecked', () => {
    for (const body of ["return import('x');", 'return import.meta;', 'const f = async () => 1; return f;', 'function* g() {} return g;']) {
      expect(() => toFactorySource(`export function request(ctx) { ${body} }`, 'raw.js')).toThrow(/not supported in APPSYNC_JS/);
    }
  });
  it('nothing that schedules or shares memory exists: WeakRef, FinalizationRegistry, Atomics, SharedArrayBuffer, WebAssembly, typed arrays', async () => {
    const names = ['WeakRef', 'FinalizationRegistry', 'Atomics', 'SharedArrayBuffer', 'WebAssembly', 'ArrayBuffer', 'Uint8Array', 'Float64Array', 'DataView'];
    const out = await run(`return ${JSON.stringify(names)}.map((n) => typeof globalThis[n]);`);
    expect(out.data).toEqual(names.map(() => 'undefined'));
  });
});

describe('stack traces', () => {
  it('Error.prepareStackTrace cannot be set, so stack frames are never handed to resolver code', async () => {
    // The runtime's own prepareStackTrace (sandbox.ts) is installed before the
    // lockdown and frozen with Error: a resolver can neither add nor replace it.
    const out = await run('Error.prepareStackTrace = (e, frames) => frames; return new Error("x").stack;');
    expect(out.error).toEqual(fieldError(/^TypeError: Cannot (add|assign to read only) property '?prepareStackTrace/));
    const stack = await run('return new Error("x").stack;');
    expect(typeof stack.data).toBe('string');
  });
  it('error.stack lists resolver frames by file base name, never a host path or the runtime', async () => {
    const out = await run('const f = () => new Error("boom").stack; return [f(), (() => { const o = {}; Error.captureStackTrace(o); return o.stack; })()];');
    const [own, captured] = out.data as string[];
    expect(own).toMatch(/^Error: boom\n {4}at f \(escape\d+\.js:\d+:\d+\)/);
    for (const s of [own, captured]) {
      expect(s).not.toMatch(/[\\/]|node:|appsync-builtins/);
    }
  });
  it('a captured stack is plain text', async () => {
    const out = await run('const o = {}; Error.captureStackTrace(o); return typeof o.stack;');
    expect(out.data).toBe('string');
  });
});

describe('prototype pollution does not reach the next evaluation', () => {
  it.each([
    ['a util result', "const r = util.dynamodb.toMapValues({ a: 1 }); r.__proto__.polluted = 'yes'; return 1;"],
    ['a util result (string)', "const s = util.time.nowISO8601(); s.constructor.prototype.polluted = 'yes'; return 1;"],
    ['ctx', "ctx.arguments.__proto__.polluted = 'yes'; return 1;"],
    ['a nested ctx array', "ctx.arguments.list.constructor.prototype.polluted = 'yes'; return 1;"],
    ['a util function', "util.time.nowISO8601 = () => 'forged'; return 1;"],
    ['a dynamodb module function', "ddb.get = () => 'forged'; return 1;"],
    ['console', "console.log = () => 'forged'; return 1;"],
    ['an accessor of Object.prototype', "Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').get.polluted = 'yes'; return 1;"],
    ['a getter of a built-in prototype', "Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get.polluted = 'yes'; return 1;"],
  ])('through %s: refused with a field error', async (_via, body) => {
    const out = await run(body, { args: { list: [1] } });
    expect(out.error).toEqual(fieldError(/^TypeError: Cannot (add|assign)/));
    const next = await run(`return [
      ({}).polluted, [].polluted, ''.polluted,
      Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').get.polluted,
      Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get.polluted,
      util.time.nowISO8601().length, typeof ddb.get({ key: { id: 'a' } }), typeof console.log,
    ];`);
    expect(next.data).toEqual([null, null, null, null, null, 24, 'object', 'function']);
  });
  it('a __proto__ key in ctx stays an own property', async () => {
    const a = evaluateCode({ code: code('return [({}).polluted, Object.keys(ctx.arguments)];'), function: 'request', context: '{"arguments":{"__proto__":{"polluted":true}}}' });
    expect(JSON.parse(a.evaluationResult!)).toEqual([null, ['__proto__']]);
  });
});

describe('time and memory', () => {
  it('Array.from({ length: 2e7 }) fails fast with a size error', async () => {
    const out = await run('return Array.from({ length: 2e7 }).length;');
    expect(out.error).toEqual(fieldError(/^Execution exceeded a size limit: Array\.from/));
    expect(out.ms).toBeLessThan(500);
  });
  it("'x'.repeat(2 ** 28) fails with a size error", async () => {
    const out = await run("return 'x'.repeat(2 ** 28).length;");
    expect(out.error).toEqual(fieldError(/^Execution exceeded a size limit: String\.prototype\.repeat/));
  });
  it('a sparse array of 2^32-1 elements cannot be spread, destructured, joined or serialised', async () => {
    const uses = [
      'return [...a].length;',
      'return Math.max(...a);',
      'const [x, ...rest] = a; return rest.length;',
      'let rest = []; let x = 0; [x, ...rest] = a; return rest.length;',
      'return a.join().length;',
      'return JSON.stringify(a).length;',
      'return a.includes(1);',
      'return a.fill(0).length;',
    ];
    for (const use of uses) {
      const out = await run(`const a = []; a.length = 2 ** 32 - 1; ${use}`);
      expect(out.error, use).toEqual(fieldError(/^Execution exceeded a size limit/));
      expect(out.ms, use).toBeLessThan(500);
    }
  });
  it('ordinary spreads and rest elements still work', async () => {
    const out = await run("const a = [1, 2, 3]; const [x, ...rest] = a; return [...a, ...rest, Math.max(...a), x, ...'ab', ...new Set([1, 1]), ...(0, a)];");
    expect(out.data).toEqual([1, 2, 3, 2, 3, 3, 1, 'a', 'b', 1, 1, 2, 3]);
  });
  it('an answer holding a sparse array of 1e8 elements is refused before it is serialised', async () => {
    // Plain JSON.stringify would write "null," 1e8 times: 73 s and 2 GB measured on the old runtime.
    const out = await run('const a = []; a.length = 1e8; return { list: a };');
    expect(out.error).toEqual(fieldError(/^Execution exceeded a size limit: answer: array of 100000000 elements/));
    expect(out.ms).toBeLessThan(500);
  });
  it('a huge array-like spread into arguments fails fast with a size error', async () => {
    for (const use of ['String.fromCharCode.apply(null, { length: 1e8 })', 'Reflect.apply(Math.max, null, { length: 1e8 })', 'Reflect.construct(Array, { length: 1e8 })']) {
      const out = await run(`return ${use};`);
      expect(out.error, use).toEqual(fieldError(/^Execution exceeded a size limit/));
      expect(out.ms, use).toBeLessThan(500);
    }
  });
  it('a huge JSON.stringify fails with a size error', async () => {
    const out = await run("const s = 'x'.repeat(1e6); return JSON.stringify([s, s, s, s, s, s, s, s, s, s]).length;");
    expect(out.error).toEqual(fieldError(/^Execution exceeded a size limit: JSON\.stringify/));
  });
  it('a string doubled with + is refused when it passes 8 Mi characters, before V8 flattens it', async () => {
    const out = await run("let s = 'x'; for (const i of Array.from({ length: 27 }, (_, i) => i)) { s = s + s; } return [s];");
    expect(out.error).toEqual(fieldError(/^Execution exceeded a size limit: string concatenation: string of 16777216 characters/));
    for (const body of ["let s = 'x'; for (const i of Array(27).fill(0)) { s += s; } return 1;", "let s = 'x'; for (const i of Array(27).fill(0)) { s = `${s}${s}`; } return 1;"]) {
      expect((await run(body)).error).toEqual(fieldError(/^Execution exceeded a size limit: string concatenation/));
    }
  });
  it('an answer past 64 Mi characters (eight strings of 8 Mi) is refused before it is serialised', async () => {
    const out = await run("const s = 'x'.repeat(8 * 1024 * 1024); return Array(9).fill(s);", { timeoutMs: 5000 });
    expect(out.error).toEqual(fieldError(/^Execution exceeded a size limit: answer/));
  });
  it('deep recursion ends in a field error', async () => {
    const out = await run('const f = (n) => f(n + 1) + 1; return f(0);');
    expect(out.error).toEqual(fieldError(/^RangeError: Maximum call stack size exceeded$/));
  });
  it('heap kept past the memory limit ends the evaluation', async () => {
    // 200 × 4 MB kept; a generous time limit so that only memory can end it (slow on a loaded machine).
    const out = await run("const keep = []; for (const i of Array.from({ length: 200 }, (_, i) => i)) { keep.push(('y'.repeat(4e6) + i).slice(1)); } return keep.length;", { timeoutMs: 90_000 });
    expect(out.error).toEqual(fieldError(/^Execution exceeded the memory limit of 256 MB$/));
  }, 120_000);
  it('the time limit holds for work done inside built-ins', async () => {
    const out = await run('let n = 0; for (const i of Array.from({ length: 200 }, (_, i) => i)) { n = n + Array.from({ length: 9e5 }).length + i; } return n;', { timeoutMs: 100 });
    expect(out.error).toEqual(fieldError(/^Execution timed out after 100 ms$/));
    expect(out.ms).toBeLessThan(1_000);
  });
  it('a coercion hook that loops is stopped by the time limit', async () => {
    const out = await run(
      "const big = Array.from({ length: 1e5 }, (_, i) => i); const arg = { toString: () => { let s = 0; for (const a of big) { for (const b of big) { s = s + a * b; } } return String(s); } }; return util.base64Encode(arg);",
      { timeoutMs: 100 },
    );
    expect(out.error).toEqual(fieldError(/^Execution timed out after 100 ms$/));
  });
  it('catastrophic regexp backtracking in util.matches returns quickly', async () => {
    const out = await run("return util.matches('(a+)+$', 'a'.repeat(32) + 'b');");
    expect(out.data).toBe(false);
    expect(out.ms).toBeLessThan(1_000);
  });
  it('code over 32,768 characters is refused (API reference: Resolver.code, EvaluateCode.code)', () => {
    expect(() => compileCode(code(`return ${JSON.stringify('x'.repeat(33_000))};`), 'big.js')).toThrow(/at most 32768/);
  });
  it('after every attempt above the runtime still answers', async () => {
    const out = await run('return { ok: util.isString(util.autoId()), n: [1, 2, 3].map((x) => x * 2) };');
    expect(out.data).toEqual({ ok: true, n: [2, 4, 6] });
  });
});
