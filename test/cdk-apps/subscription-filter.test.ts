// aws-samples/serverless-patterns appsync-subscription-filter-cdk, synthesized
// by `cdk synth` (test/fixtures/cdk-apps/subscription-filter/SOURCE.md): an
// IAM-only API, stack environment unbound, three TypeScript resolvers bundled
// by the app's own esbuild step, all on a NONE data source. The subscription's
// resolver sets an enhanced filter from the subscriber's IAM identity, so a
// message reaches only the user it names. What it should answer follows from
// its code and AWS's documentation, cited at each test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';

const fixture = fileURLToPath(new URL('../fixtures/cdk-apps/subscription-filter/', import.meta.url));
let app: LocalAppSync;

/** SigV4 headers for a POST of `body` to `path` on the API's host, as AppSync's IAM mode wants them. */
async function sign(path: string, body: string): Promise<Record<string, string>> {
  const u = new URL(app.url);
  const signer = new SignatureV4({ service: 'appsync', region: app.keys.region, credentials: app.keys.iam, sha256: Sha256 });
  const req = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: u.hostname,
    port: Number(u.port),
    path,
    headers: { host: u.host, accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': 'application/json; charset=UTF-8' },
    body,
  });
  return req.headers as Record<string, string>;
}

async function signed(query: string, variables: Record<string, unknown> = {}) {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(app.url, { method: 'POST', headers: await sign('/graphql', body), body });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

/**
 * A real-time subscriber signed with IAM, as "Building a real-time WebSocket client" (AppSync
 * Developer Guide) describes it: the connection's `header` query parameter signs POST
 * /graphql/connect with body `{}`, each start signs the subscription's data on /graphql.
 */
async function subscribe(query: string): Promise<{ events: any[]; frames: any[]; close: () => void }> {
  const header = Buffer.from(JSON.stringify(await sign('/graphql/connect', '{}'))).toString('base64');
  const payload = Buffer.from('{}').toString('base64');
  const ws = new WebSocket(`${app.realtimeUrl}?header=${encodeURIComponent(header)}&payload=${encodeURIComponent(payload)}`, ['graphql-ws']);
  const frames: any[] = [];
  const events: any[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    frames.push(m);
    if (m.type === 'data') events.push(m.payload.data);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'connection_init' }));
  await expect.poll(() => frames.some((f) => f.type === 'connection_ack')).toBe(true);
  const data = JSON.stringify({ query, variables: {} });
  ws.send(JSON.stringify({ id: 'sub-1', type: 'start', payload: { data, extensions: { authorization: await sign('/graphql', data) } } }));
  await expect.poll(() => frames.find((f) => f.id === 'sub-1' && f.type !== 'ka')?.type).toBe('start_ack');
  return { events, frames, close: () => ws.close() };
}

beforeAll(async () => {
  app = await startLocalAppSync({
    root: fixture,
    cdkOut: { dir: 'cdk.out' },
    dataDir: mkdtempSync(join(tmpdir(), 'appsync-subfilter-')),
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    port: 0,
    watch: false,
    frontendConfigPath: false,
    log: () => {},
  });
});

afterAll(async () => {
  await app?.stop();
});

describe('serverless-patterns appsync-subscription-filter-cdk, served from its cdk.out', () => {
  it('serves its schema, `;` after fields included, IAM only, in us-east-1 (environment unbound)', () => {
    // The schema writes `accountId: String;`. AppSync deployed it: the sample's README shows the
    // deployed API answering `identity` with those fields listed (see local/server/graphql/schema.ts).
    expect(app.authModes).toEqual(['AWS_IAM']);
    expect(app.keys.region).toBe('us-east-1');
  });

  it('answers identity with the caller’s IAM identity', async () => {
    // "Resolver context object reference", identity for AWS_IAM: accountId, sourceIp (a list),
    // username and userArn of the caller. The request hands them to the NONE data source as its
    // payload, which comes back as ctx.result ("None data source" JavaScript reference).
    const { status, body } = await signed('{ identity { accountId sourceIp userArn username } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.identity).toEqual({
      accountId: app.keys.accountId,
      sourceIp: [expect.any(String)],
      userArn: expect.stringMatching(new RegExp(`^arn:aws:iam::${app.keys.accountId}:user/`)),
      username: app.keys.iam.principalId,
    });
  });

  it('sendResponse answers the message with a fresh id (util.autoId: a UUID)', async () => {
    const { body } = await signed('mutation ($r: ResponseInput!) { sendResponse(response: $r) { id userId message } }', { r: { userId: 'someone', message: 'hi' } });
    expect(body.data.sendResponse).toEqual({ id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), userId: 'someone', message: 'hi' });
  });

  it('delivers a message only to the subscriber whose username it names (the resolver’s enhanced filter)', async () => {
    // "Enhanced subscription filtering": extensions.setSubscriptionFilter with
    // util.transform.toSubscriptionFilter({ userId: { eq: identity.username } }) lets through only
    // the mutation results whose userId equals the subscriber's IAM username.
    const me = app.keys.iam.principalId;
    const sub = await subscribe('subscription { onResponseReceived { id userId message } }');
    try {
      const other = await signed('mutation ($r: ResponseInput!) { sendResponse(response: $r) { id userId message } }', { r: { userId: 'someone-else', message: 'not for me' } });
      const mine = await signed('mutation ($r: ResponseInput!) { sendResponse(response: $r) { id userId message } }', { r: { userId: me, message: 'for me' } });
      await expect.poll(() => sub.events.length).toBe(1);
      await new Promise((r) => setTimeout(r, 200)); // nothing else arrives
      expect(sub.events).toEqual([{ onResponseReceived: mine.body.data.sendResponse }]);
      expect(other.body.data.sendResponse.userId).toBe('someone-else');
    } finally {
      sub.close();
    }
  });

  it('refuses a caller that is not signed', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ identity { username } }' }) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].errorType).toBe('UnauthorizedException');
  });
});
