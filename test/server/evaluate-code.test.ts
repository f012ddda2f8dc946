// The twin answers AppSync's control-plane EvaluateCode ("EvaluateCode", AWS
// AppSync API Reference: POST /v1/dataplane-evaluatecode, the response fields
// evaluationResult, error { message, codeErrors[{ errorType, value, location }] },
// logs, stash, outErrors; BadRequestException for a request that is not well
// formed). Exercised with the AWS SDK's EvaluateCodeCommand, as the CLI would
// call it, and with a raw SigV4-signed fetch to pin the wire format.
import { Sha256 } from '@aws-crypto/sha256-js';
import { AppSyncClient, EvaluateCodeCommand, type EvaluateCodeCommandInput } from '@aws-sdk/client-appsync';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCode } from '../../local/runtime/index.js';
import type { LocalAppSync } from '../../local/server/index.js';
import { startFixture } from './support.js';

let app: LocalAppSync;
let origin: string;
let client: AppSyncClient;

beforeAll(async () => {
  app = await startFixture();
  origin = new URL(app.url).origin;
  client = new AppSyncClient({ endpoint: origin, region: app.keys.region, credentials: app.keys.iam, maxAttempts: 1 });
});
afterAll(async () => {
  client?.destroy();
  await app?.stop();
});

const RUNTIME = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;
const code = `import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) {
  console.log('getting', ctx.args.id);
  ctx.stash.seen = ctx.args.id;
  return ddb.get({ key: { id: ctx.args.id } });
}
export function response(ctx) {
  if (!ctx.result) util.error('Not found', 'NotFound');
  util.appendError('partial', 'Warning');
  return ctx.result;
}
`;

function input(over: Partial<EvaluateCodeCommandInput> = {}): EvaluateCodeCommandInput {
  return { runtime: RUNTIME, code, context: JSON.stringify({ arguments: { id: '7' } }), function: 'request', ...over };
}

/** Sends `body` to the twin's EvaluateCode, signed as the SDK signs (service appsync). */
async function signedFetch(body: string, o: { secret?: string; accessKeyId?: string; region?: string; service?: string } = {}): Promise<Response> {
  const url = new URL('/v1/dataplane-evaluatecode', origin);
  const signer = new SignatureV4({
    service: o.service ?? 'appsync',
    region: o.region ?? app.keys.region,
    credentials: { accessKeyId: o.accessKeyId ?? app.keys.iam.accessKeyId, secretAccessKey: o.secret ?? app.keys.iam.secretAccessKey },
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, 'content-type': 'application/json' },
    body,
  });
  return fetch(url, { method: 'POST', headers: signed.headers as Record<string, string>, body });
}

async function sdkError(over: Partial<EvaluateCodeCommandInput>): Promise<{ name: string; message: string; status?: number }> {
  const e = (await client.send(new EvaluateCodeCommand(input(over))).then(
    () => undefined,
    (err: unknown) => err,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
  expect(e, 'the request should have been refused').toBeDefined();
  return { name: e!.name, message: e!.message, status: e!.$metadata?.httpStatusCode };
}

describe('EvaluateCode served by the twin', () => {
  it('answers EvaluateCodeCommand with the runtime answer: evaluationResult, logs, stash, outErrors', async () => {
    const out = await client.send(new EvaluateCodeCommand(input()));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(JSON.parse(out.evaluationResult!)).toEqual({ operation: 'GetItem', key: { id: { S: '7' } } });
    expect(out.logs).toEqual(['getting 7']);
    expect(JSON.parse(out.stash!)).toEqual({ seen: '7' });
    expect(JSON.parse(out.outErrors!)).toEqual([]);
    expect(out.error).toBeUndefined();
    // Field for field what the runtime's evaluateCode answers.
    const fields: Record<string, unknown> = { ...out };
    delete fields.$metadata;
    expect(fields).toEqual(evaluateCode({ code, function: 'request', context: { arguments: { id: '7' } } }));
  });

  it('answers the response handler with appended errors in outErrors', async () => {
    const out = await client.send(new EvaluateCodeCommand(input({ function: 'response', context: JSON.stringify({ arguments: {}, result: { id: '7' } }) })));
    expect(JSON.parse(out.evaluationResult!)).toEqual({ id: '7' });
    expect(JSON.parse(out.outErrors!)).toEqual([{ message: 'partial', errorType: 'Warning', data: null, errorInfo: null }]);
  });

  it('answers util.error as a 200 with error.message and no evaluationResult', async () => {
    const out = await client.send(new EvaluateCodeCommand(input({ function: 'response', context: JSON.stringify({ arguments: {}, result: null }) })));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.evaluationResult).toBeUndefined();
    expect(out.error?.message).toBe('Not found');
  });

  it('answers code that breaks the APPSYNC_JS rules with codeErrors at their locations', async () => {
    const bad = 'export function request(ctx) {\n  let i = 0;\n  i++;\n  return i;\n}\nexport function response(ctx) { return null; }\n';
    const out = await client.send(new EvaluateCodeCommand(input({ code: bad })));
    expect(out.evaluationResult).toBeUndefined();
    expect(out.error?.codeErrors?.length).toBeGreaterThan(0);
    expect(out.error?.codeErrors?.[0]).toMatchObject({ location: { line: 3, column: 3 } });
    expect(typeof out.error?.codeErrors?.[0].errorType).toBe('string');
    expect(typeof out.error?.codeErrors?.[0].value).toBe('string');
  });

  it('speaks restJson1 on the wire: a raw signed POST gets the JSON body and AWS headers', async () => {
    const body = JSON.stringify(input());
    const res = await signedFetch(body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const json = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['evaluationResult', 'logs', 'outErrors', 'stash']);
    expect(JSON.parse(json.evaluationResult as string)).toEqual({ operation: 'GetItem', key: { id: { S: '7' } } });
  });
});

describe('EvaluateCode refusals', () => {
  it('refuses a runtime other than APPSYNC_JS 1.0.0 with BadRequestException', async () => {
    expect(await sdkError({ runtime: { name: 'VTL' as never, runtimeVersion: '1.0.0' } })).toMatchObject({ name: 'BadRequestException', status: 400, message: expect.stringMatching(/APPSYNC_JS/) });
    expect(await sdkError({ runtime: { name: 'APPSYNC_JS', runtimeVersion: '2.0.0' } })).toMatchObject({ name: 'BadRequestException', status: 400, message: expect.stringMatching(/1\.0\.0/) });
  });

  it('refuses a body without runtime, code or context (raw request: the SDK would not send it)', async () => {
    for (const drop of ['runtime', 'code', 'context'] as const) {
      const rest: Record<string, unknown> = { ...input() };
      delete rest[drop];
      const res = await signedFetch(JSON.stringify(rest));
      expect(res.status, drop).toBe(400);
      expect(res.headers.get('x-amzn-errortype'), drop).toBe('BadRequestException');
      expect(((await res.json()) as { message: string }).message, drop).toMatch(new RegExp(drop));
    }
    const res = await signedFetch('{not json');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('BadRequestException');
  });

  it('refuses code over 32,768 characters and a context outside 2..28,000 characters', async () => {
    const long = `${code}\n//${'x'.repeat(32_768 - code.length)}`;
    expect(long.length).toBeGreaterThan(32_768);
    expect(await sdkError({ code: long })).toMatchObject({ name: 'BadRequestException', status: 400, message: expect.stringMatching(/32768/) });
    expect(await sdkError({ context: '{' })).toMatchObject({ name: 'BadRequestException', message: expect.stringMatching(/context/) });
    expect(await sdkError({ context: JSON.stringify({ arguments: { s: 'y'.repeat(28_000) } }) })).toMatchObject({ name: 'BadRequestException', message: expect.stringMatching(/28000/) });
  });

  it('refuses a context that is not a JSON object, and a function other than request/response', async () => {
    expect(await sdkError({ context: '{"arguments": ' })).toMatchObject({ name: 'BadRequestException', message: expect.stringMatching(/context is not valid JSON/) });
    expect(await sdkError({ context: '[1, 2]' })).toMatchObject({ name: 'BadRequestException', message: expect.stringMatching(/JSON object/) });
    expect(await sdkError({ function: 'handler' })).toMatchObject({ name: 'BadRequestException', message: expect.stringMatching(/request or response/) });
  });

  it('refuses unsigned and wrongly signed requests before looking at the body', async () => {
    const unsigned = await fetch(new URL('/v1/dataplane-evaluatecode', origin), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input()) });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    const wrongSecret = await signedFetch(JSON.stringify(input()), { secret: 'x'.repeat(40) });
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    const unknownKey = await signedFetch(JSON.stringify(input()), { accessKeyId: 'AKIAUNKNOWNUNKNOWN00' });
    expect(unknownKey.status).toBe(403);
    expect(unknownKey.headers.get('x-amzn-errortype')).toBe('UnrecognizedClientException');
    const otherService = await signedFetch(JSON.stringify(input()), { service: 'lambda' });
    expect(otherService.status).toBe(403);
    expect(((await otherService.json()) as { message: string }).message).toMatch(/'appsync'/);
    // The SDK in another region than the twin's: the scope names the wrong region.
    const elsewhere = new AppSyncClient({ endpoint: origin, region: 'eu-west-3', credentials: app.keys.iam, maxAttempts: 1 });
    const e = (await elsewhere.send(new EvaluateCodeCommand(input())).catch((err: unknown) => err)) as { name: string; message: string };
    elsewhere.destroy();
    expect(e.name).toBe('InvalidSignatureException');
    expect(e.message).toMatch(new RegExp(app.keys.region));
  });

  it('keeps serving GraphQL beside it', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': app.apiKey }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.status).toBe(200);
  });
});
