// Unit and pipeline resolvers. Doc: "AWS AppSync JavaScript resolvers overview"
// (request → data source → response, pipelines, runtime.earlyReturn).
import { describe, expect, it } from 'vitest';
import { compileCode, runPipelineResolver, runUnitResolver } from '../../local/runtime/index.js';
import type { Invoke } from '../../local/runtime/types.js';
import { makeCtx } from './helpers.js';

const mod = (request: string, response: string) =>
  compileCode(
    `import { util, runtime } from '@aws-appsync/utils';\nimport * as ddb from '@aws-appsync/utils/dynamodb';\nexport function request(ctx) { ${request} }\nexport function response(ctx) { ${response} }\n`,
    'mod.js',
  );

describe('unit resolver', () => {
  it('hands request()\'s object to the data source and returns response()', async () => {
    const seen: unknown[] = [];
    const invoke: Invoke = async (req) => {
      seen.push(req);
      return { result: { id: 'a', n: 1 } };
    };
    const code = mod('return ddb.get({ key: { id: ctx.args.id } });', 'return { ...ctx.result, who: ctx.identity.sub };');
    const out = await runUnitResolver({ code, ctx: makeCtx({ arguments: { id: 'a' } }), invoke });
    expect(seen).toEqual([{ operation: 'GetItem', key: { id: { S: 'a' } } }]);
    expect(out.data).toEqual({ id: 'a', n: 1, who: 'u1' });
    expect(out.error).toBeUndefined();
    expect(out.invocations).toHaveLength(1);
  });
  it('runtime.earlyReturn skips the data source and response', async () => {
    let called = false;
    const code = mod('runtime.earlyReturn({ cached: true }); return {};', 'return "response ran";');
    const out = await runUnitResolver({ code, ctx: makeCtx(), invoke: async () => ((called = true), { result: null }) });
    expect(called).toBe(false);
    expect(out.data).toEqual({ cached: true });
  });
  it('a data-source error reaches response as ctx.error; util.error there ends the field', async () => {
    const code = mod('return {};', 'if (ctx.error) { util.error(ctx.error.message, ctx.error.type); } return ctx.result;');
    const out = await runUnitResolver({
      code,
      ctx: makeCtx(),
      invoke: async () => ({ error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' } }),
    });
    expect(out.error).toMatchObject({ message: 'The conditional request failed', errorType: 'DynamoDB:ConditionalCheckFailedException' });
  });
  it('a data-source error the response ignores is not reported', async () => {
    const code = mod('return {};', 'return "fine";');
    const out = await runUnitResolver({ code, ctx: makeCtx(), invoke: async () => ({ error: { message: 'x', type: 'T' } }) });
    expect(out.error).toBeUndefined();
    expect(out.data).toBe('fine');
  });
  it('util.unauthorized gives errorType Unauthorized for the field', async () => {
    const code = mod('util.unauthorized(); return {};', 'return 1;');
    const out = await runUnitResolver({ code, ctx: makeCtx({ info: { fieldName: 'secret', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' } }), invoke: async () => ({}) });
    expect(out.error).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access secret on type Query' });
  });
  it('ctx.args aliases ctx.arguments; env, request and source are present', async () => {
    const code = mod('return {};', 'return [ctx.args === ctx.arguments, ctx.env.TABLE, ctx.request.headers.h, ctx.source.id, ctx.info.fieldName];');
    const out = await runUnitResolver({
      code,
      ctx: makeCtx({ env: { TABLE: 't' }, request: { headers: { h: 'v' }, domainName: null }, source: { id: 's' } }),
      invoke: async () => ({ result: null }),
    });
    expect(out.data).toEqual([true, 't', 'v', 's', 'getThing']);
  });
});

describe('pipeline resolver', () => {
  const before = mod('ctx.stash.trail = ["before"]; return {};', 'return { prev: ctx.prev.result, trail: ctx.stash.trail };');
  const step = (name: string) =>
    mod(`ctx.stash.trail.push("${name}.req"); return { name: "${name}", prev: ctx.prev.result };`, `ctx.stash.trail.push("${name}.res"); return ctx.result;`);
  const echo: Invoke = async (req) => ({ result: req });

  it('runs before → functions → after with ctx.prev.result and a shared stash', async () => {
    const out = await runPipelineResolver({ code: before, functions: [{ code: step('f1'), invoke: echo }, { code: step('f2'), invoke: echo }], ctx: makeCtx() });
    expect(out.data).toEqual({
      prev: { name: 'f2', prev: { name: 'f1', prev: {} } },
      trail: ['before', 'f1.req', 'f1.res', 'f2.req', 'f2.res'],
    });
    expect(out.invocations).toHaveLength(2);
  });
  it('earlyReturn in a function skips its data source and response; the value becomes ctx.prev.result', async () => {
    let calls = 0;
    const early = mod('runtime.earlyReturn("skipped"); return {};', 'return "not this";');
    const out = await runPipelineResolver({
      code: before,
      functions: [{ code: early, invoke: async () => ((calls += 1), { result: null }) }],
      ctx: makeCtx(),
    });
    expect(calls).toBe(0);
    expect((out.data as { prev: unknown }).prev).toBe('skipped');
  });
  it('util.error in a function stops the pipeline', async () => {
    let calls = 0;
    const failing = mod('util.error("nope", "Conflict"); return {};', 'return 1;');
    const counting: Invoke = async (req) => ((calls += 1), { result: req });
    const out = await runPipelineResolver({ code: before, functions: [{ code: failing, invoke: counting }, { code: step('f2'), invoke: counting }], ctx: makeCtx() });
    expect(out.error).toMatchObject({ message: 'nope', errorType: 'Conflict' });
    expect(calls).toBe(0);
  });
});
