// The test kit (local/testing, exported as `appsync-local/testing`) on
// resolvers that are not this API's: TypeScript sources bundled as the build
// bundles them, one handler as EvaluateCode runs it, unit and pipeline
// resolvers against scripted answers and against DynamoDB Local, identities of
// every auth mode, and the matchers.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  appsyncMatchers,
  bundleSource,
  createTestTable,
  dynamodb,
  evaluate,
  identity,
  loadCode,
  runResolver,
  scripted,
  type CompiledCode,
  type TestTable,
} from '../../local/testing/index.js';

expect.extend(appsyncMatchers);
declare module 'vitest' {
  interface Assertion {
    toBeValidAppSyncCode(filename?: string): void;
    toSendRequest(expected: Record<string, unknown>): void;
  }
}

const root = fileURLToPath(new URL('../fixtures/kit/', import.meta.url));
let increment: CompiledCode;
let pipeline: CompiledCode;
let readCounter: CompiledCode;

beforeAll(async () => {
  [increment, pipeline, readCounter] = await Promise.all(['incrementCounter.ts', 'pipeline.ts', 'readCounter.ts'].map((f) => loadCode(f, { root })));
});

describe('loading code', () => {
  it('bundles a TypeScript source as AppSync gets it: an ES module with @aws-appsync/utils left external', async () => {
    const text = await bundleSource('incrementCounter.ts', { root });
    expect(text).toMatch(/from "@aws-appsync\/utils"/);
    expect(text).toMatch(/export \{[^}]*request/);
    expect(text).toMatch(/sourceMappingURL=data:application\/json;base64,/);
    expect(text).toBeValidAppSyncCode();
  });

  it('refuses code AppSync refuses, at the TypeScript source line', async () => {
    await expect(loadCode('refused.ts', { root })).rejects.toThrow(/refused\.ts:5:3/);
    const text = await bundleSource('refused.ts', { root });
    expect(text).not.toBeValidAppSyncCode();
    expect(() => expect(text).toBeValidAppSyncCode()).toThrow(/refused\.ts:5:3 .*try/);
  });
});

describe('one handler, as EvaluateCode runs it', () => {
  it('evaluates request with typed arguments and an identity, and keeps the stash', () => {
    const out = evaluate<{ name: string; by?: number }>(increment, 'request', { arguments: { name: 'visits', by: 2 }, identity: identity.cognito({ sub: 'u-1' }) });
    expect(out.error).toBeUndefined();
    expect(out.result).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'COUNTER#visits' } },
      update: {
        expression: 'ADD #count :by SET #lastBy = :caller',
        expressionNames: { '#count': 'count', '#lastBy': 'lastBy' },
        expressionValues: { ':by': { N: 2 }, ':caller': { S: 'u-1' } },
      },
    });
    expect(out.stash).toEqual({ caller: 'u-1' });
    expect(out.result).toSendRequest({ key: { id: 'COUNTER#visits' }, update: { expressionValues: { ':by': 2 } } });
  });

  it('evaluates response with ctx.result, and ctx.error as util.error', () => {
    expect(evaluate(increment, 'response', { arguments: { name: 'v' }, result: { count: 3 } }).result).toEqual({ name: 'v', count: 3 });
    const failed = evaluate(increment, 'response', { arguments: { name: 'v' }, error: { message: 'Throughput exceeded', type: 'DynamoDB:ProvisionedThroughputExceededException' } });
    expect(failed.result).toBeUndefined();
    expect(failed.error).toBe('Throughput exceeded');
  });

  it('gives every auth mode its identity shape', () => {
    const sub = (id: unknown) => evaluate(increment, 'request', { arguments: { name: 'n' }, identity: id as never }).stash.caller;
    expect(sub(identity.cognito({ sub: 'c' }))).toBe('c');
    expect(sub(identity.oidc({ sub: 'o' }))).toBe('o');
    expect(sub(identity.apiKey())).toBe('anonymous');
    expect(sub(identity.iam())).toBe('anonymous');
    expect(identity.cognito({ groups: ['admin'] })).toMatchObject({ groups: ['admin'], claims: { 'cognito:groups': ['admin'] } });
    expect(identity.iam({ accountId: '111122223333' })).toMatchObject({ accountId: '111122223333', cognitoIdentityPoolId: null });
    expect(identity.lambda({ tenant: 't' })).toEqual({ resolverContext: { tenant: 't' } });
  });
});

describe('whole resolvers against scripted answers', () => {
  it('runs a unit resolver: the request it sends and what it makes of the answer', async () => {
    const run = await runResolver(increment, { arguments: { name: 'visits' }, dataSource: [dynamodb.ok({ id: 'COUNTER#visits', count: 8 })] });
    expect(run.data).toEqual({ name: 'visits', count: 8 });
    expect(run).toSendRequest({ operation: 'UpdateItem', key: { id: 'COUNTER#visits' } });
    expect(() => expect(run).toSendRequest({ operation: 'PutItem' })).toThrow(/expected a request holding/);
  });

  it('reports util.error before any request is sent, with the source line', async () => {
    const ds = scripted();
    const run = await runResolver(increment, { arguments: { name: '' }, dataSource: ds });
    expect(ds.requests).toEqual([]);
    expect(run.error).toMatchObject({ errorType: 'ValidationError', message: 'name must not be empty' });
    expect(run.errorAt).toMatch(/incrementCounter\.ts:12:/);
  });

  it('hands DynamoDB errors to the response handler', async () => {
    const run = await runResolver(increment, { arguments: { name: 'n' }, dataSource: [dynamodb.conditionFailed()] });
    expect(run.error).toMatchObject({ errorType: 'DynamoDB:ConditionalCheckFailedException' });
    const canceled = dynamodb.transactionCanceled(['None', 'ConditionalCheckFailed']);
    expect(canceled.result).toEqual({ keys: null, cancellationReasons: [{ type: 'None', message: null }, { type: 'ConditionalCheckFailed', message: 'ConditionalCheckFailed' }] });
  });

  it('runs a pipeline: stash across steps, ctx.prev.result, and an early return that skips the functions', async () => {
    const run = await runResolver(pipeline, { functions: [readCounter], dataSource: [dynamodb.ok({ id: 'COUNTER#visits', count: 2 })] });
    expect(run.data).toEqual({ from: 'functions', value: { id: 'COUNTER#visits', count: 2 }, steps: ['before', 'readCounter', 'after'] });
    expect(run.requests).toHaveLength(1);
    const early = await runResolver(pipeline, { arguments: { cached: 'hit' }, functions: [readCounter] });
    expect(early.data).toEqual({ from: 'cache', value: 'hit' });
    expect(early.requests).toEqual([]);
  });
});

describe('against a real DynamoDB (the run’s shared DynamoDB Local)', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable({ partitionKey: { name: 'id', type: 'S' } }, { endpoint: inject('dynamodbEndpoint') });
  });
  afterAll(() => table?.destroy());

  it('runs the same resolver against a table of its own', async () => {
    for (const by of [1, 2, 3]) await runResolver(increment, { arguments: { name: 'visits', by }, identity: identity.cognito({ sub: 'u-2' }), dataSource: table });
    const read = await runResolver(pipeline, { functions: [readCounter], dataSource: table });
    expect(read.data).toMatchObject({ value: { id: 'COUNTER#visits', count: 6, lastBy: 'u-2' } });
    expect(table.requests).toHaveLength(4);
  });
});
