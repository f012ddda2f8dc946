// Each transport handler turns bad input into AppSync's protocol error and the
// server keeps serving: HTTP requests, WebSocket connects and frames. Each of
// these once threw out of a handler (an unhandled rejection or an 'error'
// event nobody listened to), which kills a Node process; under vitest it fails
// the run. The token mint answers only local callers.
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LocalAppSync } from '../../local/server/index.js';
import { isLocalRequest, isLoopbackHost } from '../../local/server/loopback.js';
import { post, startFixture } from '../server/support.js';

let app: LocalAppSync;
const logged: string[] = [];
beforeAll(async () => {
  app = await startFixture({ log: (l) => logged.push(l) });
});
afterAll(async () => app?.stop());

const SUBSCRIBE = 'subscription { onPutNote { id } }';

/** A WebSocket to the real-time endpoint with the given connection auth headers, and its received frames. */
async function connect(auth: Record<string, string>): Promise<{ ws: WebSocket; next: () => Promise<any>; closed: Promise<number> }> {
  const header = Buffer.from(JSON.stringify({ host: new URL(app.url).host, ...auth })).toString('base64url');
  const ws = new WebSocket(app.realtimeUrl, ['graphql-ws', `header-${header}`]);
  const frames: any[] = [];
  const waiters: Array<(m: any) => void> = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    const w = waiters.shift();
    if (w) w(m);
    else frames.push(m);
  });
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = () =>
    new Promise<any>((resolve, reject) => {
      const f = frames.shift();
      if (f) return resolve(f);
      const t = setTimeout(() => reject(new Error('no frame within 5 s')), 5000);
      waiters.push((m) => {
        clearTimeout(t);
        resolve(m);
      });
    });
  return { ws, next, closed };
}

async function stillServing(): Promise<void> {
  const r = await post(app.url, { query: '{ whoami }' }, { 'x-api-key': app.apiKey });
  expect(r.status).toBe(200);
  expect(r.body.data).toBeDefined();
}

describe('WebSocket start frames with wrong types', () => {
  it('answers variables that are not an object with an error frame, then still starts a good subscription', async () => {
    const c = await connect({ 'x-api-key': app.apiKey });
    c.ws.send(JSON.stringify({ type: 'connection_init' }));
    expect((await c.next()).type).toBe('connection_ack');
    const auth = { 'x-api-key': app.apiKey, host: new URL(app.url).host };
    const bad: unknown[] = ['x', 5, [1, 2], true, 'null-ish'];
    for (const [i, variables] of bad.entries()) {
      c.ws.send(JSON.stringify({ id: `bad${i}`, type: 'start', payload: { data: JSON.stringify({ query: SUBSCRIBE, variables }), extensions: { authorization: auth } } }));
      const m = await c.next();
      expect(m).toMatchObject({ type: 'error', id: `bad${i}`, payload: { errors: [{ errorType: 'BadRequestException' }] } });
    }
    // Wrong types at every level of the frame.
    for (const frame of [
      { id: 'p1', type: 'start', payload: 7 },
      { id: 'p2', type: 'start', payload: { data: 7 } },
      { id: 'p3', type: 'start', payload: { data: '[]' } },
      { id: 'p4', type: 'start', payload: { data: 'null' } },
      { id: 'p5', type: 'start', payload: { data: JSON.stringify({ query: 5 }) } },
      { id: 'p6', type: 'start', payload: { data: JSON.stringify({ query: SUBSCRIBE }), extensions: 'x' } },
      { id: 'p7', type: 'start', payload: { data: JSON.stringify({ query: SUBSCRIBE, operationName: {} }), extensions: { authorization: [] } } },
    ]) {
      c.ws.send(JSON.stringify(frame));
      const m = await c.next();
      expect(m.type, JSON.stringify(frame)).toBe('error');
      expect(m.payload.errors[0].message, JSON.stringify(frame)).toEqual(expect.any(String));
    }
    c.ws.send(JSON.stringify({ id: 'good', type: 'start', payload: { data: JSON.stringify({ query: SUBSCRIBE, variables: {} }), extensions: { authorization: auth } } }));
    expect(await c.next()).toEqual({ type: 'start_ack', id: 'good' });
    c.ws.close();
    await stillServing();
  });

  it('closes a connection that sends a frame over the size limit, and keeps serving', async () => {
    const c = await connect({ 'x-api-key': app.apiKey });
    c.ws.send(JSON.stringify({ type: 'connection_init' }));
    expect((await c.next()).type).toBe('connection_ack');
    c.ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await c.closed).toBeGreaterThan(0);
    await stillServing();
  });
});

describe('SigV4 headers naming Object.prototype members', () => {
  const forged = (amzDate: string) =>
    `AWS4-HMAC-SHA256 Credential=${app.keys.iam.accessKeyId}/${amzDate.slice(0, 8)}/${app.keys.region}/appsync/aws4_request, SignedHeaders=constructor;host;x-amz-date, Signature=${'0'.repeat(64)}`;
  const now = () => new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');

  it('are refused over HTTP with 401, not 500', async () => {
    const date = now();
    const r = await post(app.url, { query: '{ whoami }' }, { authorization: forged(date), 'x-amz-date': date });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].errorType).toBe('UnauthorizedException');
    await stillServing();
  });

  it('are refused on the WebSocket connect with connection_error', async () => {
    const date = now();
    const c = await connect({ authorization: forged(date), 'x-amz-date': date });
    const m = await c.next();
    expect(m).toMatchObject({ type: 'connection_error', payload: { errors: [{ errorType: 'UnauthorizedException' }] } });
    await c.closed;
    await stillServing();
  });
});

describe('GET requests', () => {
  it('refuses variables that are not a JSON object with 400 MalformedHttpRequestException', async () => {
    for (const variables of ['5', '"x"', '[1]', 'true']) {
      const url = `${app.url}?query=${encodeURIComponent('{ whoami }')}&variables=${encodeURIComponent(variables)}`;
      const res = await fetch(url, { headers: { 'x-api-key': app.apiKey } });
      expect(res.status, variables).toBe(400);
      expect(await res.json()).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }] });
    }
    await stillServing();
  });
});

describe('the token mint', () => {
  const tokenUrl = () => app.url.replace(/\/graphql$/, '/token?user=alice&group=admin');
  const get = async (headers: Record<string, string>) => {
    const { request } = await import('node:http');
    const u = new URL(tokenUrl());
    return new Promise<{ status: number; body: any }>((resolve, reject) => {
      const r = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      r.on('error', reject);
      r.end();
    });
  };

  it('answers a loopback caller that names the server localhost, 127.0.0.1 or [::1]', async () => {
    const port = new URL(app.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      const r = await get({ host });
      expect(r.status, host).toBe(200);
      expect(r.body.token).toMatch(/^ey/);
    }
  });

  it('refuses another Host name (DNS rebinding) and a foreign Origin', async () => {
    const port = new URL(app.url).port;
    const refused: Array<Record<string, string>> = [{ host: `attacker.example:${port}` }, { host: `127.0.0.1.nip.io:${port}` }, { host: `localhost:${port}`, origin: 'http://attacker.example' }];
    for (const headers of refused) {
      const r = await get(headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body.errors[0].errorType).toBe('AccessDeniedException');
      expect(r.body.token).toBeUndefined();
    }
  });

  it('counts as local only loopback peers, loopback Host names and loopback bind addresses', () => {
    const fake = (remoteAddress: string, headers: Record<string, string>) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;
    expect(isLocalRequest(fake('127.0.0.1', { host: 'localhost:4000' }))).toBe(true);
    expect(isLocalRequest(fake('::ffff:127.0.0.1', { host: '127.0.0.1:4000' }))).toBe(true);
    expect(isLocalRequest(fake('::1', { host: '[::1]:4000', origin: 'http://localhost:4000' }))).toBe(true);
    expect(isLocalRequest(fake('192.168.1.20', { host: 'localhost:4000' }))).toBe(false);
    expect(isLocalRequest(fake('127.0.0.1', {}))).toBe(false);
    expect(isLocalRequest(fake('127.0.0.1', { host: 'localhost:4000', origin: 'null' }))).toBe(false);
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.20', 'example.com', '']) expect(isLoopbackHost(h), h).toBe(false);
  });
});
