// The oracle's record/replay, without AWS: the client is pointed at the twin's
// own EvaluateCode endpoint (same API shape as AppSync's), records fixtures,
// then the twin is stopped and the answers replay offline.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppSyncClient } from '@aws-sdk/client-appsync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCode } from '../../local/runtime/index.js';
import type { LocalAppSync } from '../../local/server/index.js';
import {
  checkAgainstOracle,
  compareWithOracle,
  evaluateWithOracle,
  MissingFixtureError,
  OracleRejectedError,
  oracleKey,
  oracleModeFromEnv,
  type OracleCase,
  type OracleFixture,
} from '../../local/testing/oracle.js';
import { startFixture } from '../server/support.js';

const code = `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  console.log('asked for', ctx.args.id);
  ctx.stash.asked = ctx.args.id;
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) };
}
export function response(ctx) {
  if (!ctx.result) util.error('Not found', 'NotFound');
  return ctx.result;
}
`;
const get: OracleCase = { name: 'get by id', code, function: 'request', context: { arguments: { id: 'a1' } } };
const notFound: OracleCase = { code, function: 'response', context: { arguments: {}, result: null } };
const badCode: OracleCase = { code: 'export function request(ctx) {\n  let i = 0;\n  i++;\n  return i;\n}\nexport function response(ctx) { return null; }\n', function: 'request', context: '{}' };
const tooLong: OracleCase = { code: `${code}//${'x'.repeat(32_768)}`, function: 'request', context: '{}' };
const neverRecorded: OracleCase = { name: 'never recorded', code, function: 'request', context: { arguments: { id: 'zzz' } } };

let app: LocalAppSync | undefined;
let twin: AppSyncClient;
const fixturesDir = mkdtempSync(join(tmpdir(), 'appsync-oracle-'));
const recorded = new Map<OracleCase, unknown>();

beforeAll(async () => {
  app = await startFixture();
  twin = new AppSyncClient({ endpoint: new URL(app.url).origin, region: app.keys.region, credentials: app.keys.iam, maxAttempts: 1 });
});
afterAll(async () => {
  twin?.destroy();
  await app?.stop();
  rmSync(fixturesDir, { recursive: true, force: true });
});

describe('oracle keys', () => {
  it('are stable over context key order and change with code, function, context or runtime', () => {
    const k = oracleKey(get);
    expect(k).toMatch(/^[0-9a-f]{20}$/);
    expect(oracleKey({ ...get, name: 'another label' })).toBe(k);
    expect(oracleKey({ ...get, context: JSON.parse('{"arguments":{"id":"a1"}}') })).toBe(k);
    expect(oracleKey({ ...get, context: '{"arguments":{"id":"a1"}}' })).toBe(k);
    expect(oracleKey({ ...get, function: 'response' })).not.toBe(k);
    expect(oracleKey({ ...get, code: `${code}\n` })).not.toBe(k);
    expect(oracleKey({ ...get, context: { arguments: { id: 'a2' } } })).not.toBe(k);
    expect(oracleKey({ ...get, runtime: { name: 'APPSYNC_JS', runtimeVersion: '2.0.0' } })).not.toBe(k);
  });
  it('mode comes from APPSYNC_ORACLE', () => {
    expect(oracleModeFromEnv({})).toBe('replay');
    expect(oracleModeFromEnv({ APPSYNC_ORACLE: 'record' })).toBe('record');
    expect(() => oracleModeFromEnv({ APPSYNC_ORACLE: 'always' })).toThrow(/replay, record or auto/);
  });
});

describe('record, then replay offline', () => {
  it('records answers from the EvaluateCode endpoint as fixtures named by the case key', async () => {
    for (const c of [get, notFound, badCode]) {
      const r = await evaluateWithOracle(c, { mode: 'record', fixturesDir, client: twin });
      expect(r.from).toBe('aws');
      expect(r.fixturePath).toBe(join(fixturesDir, `${oracleKey(c)}.json`));
      const ctx = typeof c.context === 'string' ? c.context : JSON.stringify(c.context);
      expect(r.answer).toEqual(evaluateCode({ code: c.code, function: c.function, context: ctx }));
      recorded.set(c, r.answer);
    }
    expect(JSON.parse((recorded.get(get) as { evaluationResult: string }).evaluationResult)).toEqual({
      operation: 'GetItem',
      key: { id: { S: 'a1' } },
    });
    expect((recorded.get(notFound) as { error: { message: string } }).error.message).toBe('Not found');
    expect((recorded.get(badCode) as { error: { codeErrors: Array<{ location: { line: number } }> } }).error.codeErrors[0].location.line).toBe(3);
    const fixture = JSON.parse(readFileSync(join(fixturesDir, `${oracleKey(get)}.json`), 'utf8')) as OracleFixture;
    expect(fixture).toMatchObject({
      version: 1,
      key: oracleKey(get),
      name: 'get by id',
      case: { runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' }, function: 'request', code, context: '{"arguments":{"id":"a1"}}' },
      endpoint: new URL(app!.url).origin,
    });
    expect(Object.keys(fixture.answer!).sort()).toEqual(['evaluationResult', 'logs', 'outErrors', 'stash']);
    // 'auto' with credentials asks again (and rewrites the same fixture).
    const again = await evaluateWithOracle(get, { mode: 'auto', fixturesDir, client: twin });
    expect(again.from).toBe('aws');
    expect(again.answer).toEqual(recorded.get(get));
  });

  it('records a refusal (BadRequestException) and throws it as OracleRejectedError', async () => {
    const e = await evaluateWithOracle(tooLong, { mode: 'record', fixturesDir, client: twin }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(OracleRejectedError);
    expect((e as OracleRejectedError).rejection).toMatchObject({ name: 'BadRequestException', status: 400 });
    expect(readdirSync(fixturesDir)).toContain(`${oracleKey(tooLong)}.json`);
  });

  it('does not record what is not the service answering (no fixture on a network failure)', async () => {
    const nowhere = new AppSyncClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: app!.keys.iam, maxAttempts: 1 });
    const e = await evaluateWithOracle(neverRecorded, { mode: 'record', fixturesDir, client: nowhere }).catch((err: unknown) => err);
    nowhere.destroy();
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(OracleRejectedError);
    expect(readdirSync(fixturesDir)).not.toContain(`${oracleKey(neverRecorded)}.json`);
  });

  it('replays the same answers with the server stopped', async () => {
    await app!.stop();
    app = undefined;
    for (const [c, answer] of recorded) {
      const r = await evaluateWithOracle(c, { mode: 'replay', fixturesDir });
      expect(r.from).toBe('fixture');
      expect(r.answer).toEqual(answer);
    }
    await expect(evaluateWithOracle(tooLong, { mode: 'replay', fixturesDir })).rejects.toMatchObject({ name: 'OracleRejectedError', rejection: { name: 'BadRequestException' } });
  });

  it("'auto' replays when the client has no credentials (the twin is stopped, so asking would fail)", async () => {
    const noCredentials = new AppSyncClient({
      region: 'us-east-1',
      credentials: () => Promise.reject(new Error('no credentials here')),
    });
    const r = await evaluateWithOracle(get, { mode: 'auto', fixturesDir, client: noCredentials });
    noCredentials.destroy();
    expect(r.from).toBe('fixture');
    expect(r.answer).toEqual(recorded.get(get));
  });

  it('names the missing case and how to record it', async () => {
    const e = (await evaluateWithOracle(neverRecorded, { mode: 'replay', fixturesDir }).catch((err: unknown) => err)) as MissingFixtureError;
    expect(e).toBeInstanceOf(MissingFixtureError);
    expect(e.message).toContain('"never recorded"');
    expect(e.message).toContain(oracleKey(neverRecorded));
    expect(e.message).toContain(join(fixturesDir, `${oracleKey(neverRecorded)}.json`));
    expect(e.message).toMatch(/mode 'record'.*APPSYNC_ORACLE=record/);
    // Without a name, the message shows the handler and its first line of code.
    const unnamed = (await evaluateWithOracle({ ...neverRecorded, name: undefined }, { mode: 'replay', fixturesDir }).catch((err: unknown) => err)) as Error;
    expect(unnamed.message).toContain('request of "export function request(ctx) {"');
  });

  it('refuses a fixture that holds another case', async () => {
    const path = join(fixturesDir, `${oracleKey(get)}.json`);
    const original = readFileSync(path, 'utf8');
    const edited = JSON.parse(original) as OracleFixture;
    edited.case.context = '{"arguments":{"id":"other"}}';
    writeFileSync(path, JSON.stringify(edited));
    await expect(evaluateWithOracle(get, { mode: 'replay', fixturesDir })).rejects.toThrow(/holds another EvaluateCode case/);
    writeFileSync(path, original);
  });
});

describe('comparing the local runtime with recorded answers', () => {
  it('finds no difference where the runtime answers as recorded', async () => {
    for (const c of [get, notFound, badCode]) {
      const r = await checkAgainstOracle(c, { mode: 'replay', fixturesDir });
      expect(r.from).toBe('fixture');
      expect(r.differences).toEqual([]);
    }
  });

  it('names each field that differs, and leaves out ignored ones', () => {
    const aws = recorded.get(get) as ReturnType<typeof evaluateCode>;
    const local = { ...aws, evaluationResult: JSON.stringify({ operation: 'GetItem', key: { id: { S: 'a2' } } }), logs: ['something else'] };
    const diff = compareWithOracle(local, aws);
    expect(diff.map((d) => d.field)).toEqual(['evaluationResult', 'logs']);
    expect(diff[0]).toMatchObject({ local: { key: { id: { S: 'a2' } } }, aws: { key: { id: { S: 'a1' } } } });
    expect(compareWithOracle(local, aws, { ignore: ['logs'] }).map((d) => d.field)).toEqual(['evaluationResult']);
    // Key order inside JSON-valued fields is not a difference.
    expect(compareWithOracle({ ...aws, stash: '{"b":1,"a":2}' }, { ...aws, stash: '{"a":2,"b":1}' })).toEqual([]);
    expect(compareWithOracle({ ...aws, error: { message: 'x' } }, aws).map((d) => d.field)).toEqual(['error']);
  });
});
