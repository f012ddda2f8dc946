// The typed client against a fake AppSync: what goes on the wire per auth mode,
// how AppSync's errors surface, and the real-time protocol step by step.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import WebSocket from 'ws';
import { AppSyncError, createClient, type FrontendConfig, type IamCredentials } from '../../client/index.js';
import {
  CreateItemDocument,
  GetItemDocument,
  MeDocument,
  OnCreateItemDocument,
} from '../../client/generated/graphql.js';
import { startFakeAppSync, type FakeAppSync } from './fake-appsync.js';

const creds: IamCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session-token' };
const region = 'eu-west-1';

let fake: FakeAppSync;
let config: FrontendConfig;

beforeAll(async () => {
  fake = await startFakeAppSync();
  config = {
    graphqlEndpoint: fake.graphqlEndpoint,
    realtimeEndpoint: fake.realtimeEndpoint,
    region,
    defaultAuthMode: 'AMAZON_COGNITO_USER_POOLS',
    additionalAuthModes: ['AWS_IAM'],
  };
});
afterAll(() => fake.close());
afterEach(() => {
  fake.requests.length = 0;
  fake.connections.length = 0;
  for (const key of Object.keys(fake.realtime)) delete (fake.realtime as Record<string, unknown>)[key];
});

function amzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`bad x-amz-date ${value}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/** Recomputes the SigV4 signature for the signed headers and compares it. */
async function expectValidSignature(headers: Record<string, string>, url: URL, body: string): Promise<void> {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const signedNames = /SignedHeaders=([^,]+)/.exec(lower.authorization)?.[1].split(';') ?? [];
  expect(signedNames).toContain('host');
  const toSign = Object.fromEntries(signedNames.map((n) => [n, lower[n]]));
  const signer = new SignatureV4({ credentials: creds, region, service: 'appsync', sha256: Sha256 });
  const again = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: toSign,
      body,
    },
    { signingDate: amzDate(lower['x-amz-date']) },
  );
  expect(lower.authorization).toBe(again.headers.authorization);
  expect(lower.authorization).toMatch(new RegExp(`/${region}/appsync/aws4_request`));
}

const item = {
  userId: 'u1',
  itemId: '01J0000000000000000000000A',
  title: 'Buy milk',
  status: 'TODO',
  priority: null,
  dueDate: null,
  tags: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

describe('request over HTTP', () => {
  it('posts the printed document, its operation name and variables with the API key, and returns data', async () => {
    fake.setHandler(() => ({ body: { data: { getItem: item } } }));
    const client = createClient(config, { apiKey: 'da2-key' });
    const data = await client.request(GetItemDocument, { itemId: item.itemId });
    expect(data.getItem?.title).toBe('Buy milk');
    const [req] = fake.requests;
    expect(req.path).toBe('/graphql');
    expect(req.headers['x-api-key']).toBe('da2-key');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.body.operationName).toBe('GetItem');
    expect(req.body.variables).toEqual({ itemId: item.itemId });
    expect(req.body.query).toMatch(/query GetItem\(\$itemId: ID!\)/);
    // The fragment the operation spreads travels with it.
    expect(req.body.query).toMatch(/fragment ItemFields on Item/);
  });

  it('sends the JWT as Authorization and asks a token function afresh for every request', async () => {
    fake.setHandler(() => ({ body: { data: { me: null } } }));
    let n = 0;
    const client = createClient(config, { jwt: async () => `token-${++n}` });
    await client.request(MeDocument);
    await client.request(MeDocument, {});
    expect(fake.requests.map((r) => r.headers.authorization)).toEqual(['token-1', 'token-2']);
  });

  it('signs requests with SigV4 for service appsync, including the session token', async () => {
    fake.setHandler(() => ({ body: { data: { createItem: item } } }));
    const client = createClient(config, { iam: creds });
    await client.request(CreateItemDocument, { input: { title: 'Buy milk' } });
    const [req] = fake.requests;
    expect(req.headers['x-amz-security-token']).toBe('session-token');
    await expectValidSignature(req.headers, new URL(fake.graphqlEndpoint), req.rawBody);
  });

  it('throws AppSyncError carrying errorType, path and partial data for GraphQL errors', async () => {
    fake.setHandler(() => ({
      body: {
        data: { getItem: null },
        errors: [
          {
            path: ['getItem'],
            data: null,
            errorType: 'NotFound',
            errorInfo: null,
            locations: [{ line: 2, column: 3, sourceName: null }],
            message: 'Item not found',
          },
        ],
      },
    }));
    const client = createClient(config, { apiKey: 'k' });
    const err = await client.request(GetItemDocument, { itemId: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppSyncError);
    const e = err as AppSyncError;
    expect(e.errorType).toBe('NotFound');
    expect(e.message).toBe('Item not found');
    expect(e.errors[0].path).toEqual(['getItem']);
    expect(e.data).toEqual({ getItem: null });
    expect(e.status).toBe(200);
    expect(e.hasType('NotFound')).toBe(true);
  });

  it('execute returns partial data together with the errors instead of throwing', async () => {
    fake.setHandler(() => ({
      body: { data: { getItem: null }, errors: [{ message: 'nope', errorType: 'Unauthorized', path: ['getItem'] }] },
    }));
    const client = createClient(config, { apiKey: 'k' });
    const result = await client.execute(GetItemDocument, { itemId: 'x' });
    expect(result.data).toEqual({ getItem: null });
    expect(result.errors?.[0].errorType).toBe('Unauthorized');
  });

  it('surfaces a 401 refusal as AppSyncError with status 401 and UnauthorizedException', async () => {
    fake.setHandler(() => ({
      status: 401,
      body: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] },
    }));
    const client = createClient(config, { apiKey: 'bad' });
    const err = (await client.request(MeDocument).catch((e: unknown) => e)) as AppSyncError;
    expect(err).toBeInstanceOf(AppSyncError);
    expect(err.status).toBe(401);
    expect(err.errorType).toBe('UnauthorizedException');
  });

  it('reports a non-JSON answer as AppSyncError with the HTTP status', async () => {
    fake.setHandler(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    const client = createClient(config, { apiKey: 'k' });
    const err = (await client.request(MeDocument).catch((e: unknown) => e)) as AppSyncError;
    expect(err).toBeInstanceOf(AppSyncError);
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/HTTP 502/);
  });
});

describe('subscribe over the real-time protocol', () => {
  it('connects with graphql-ws and base64 header/payload, starts after connection_ack, and delivers data', async () => {
    const client = createClient(config, { apiKey: 'da2-key' }, { WebSocket });
    const received: unknown[] = [];
    const sub = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, { next: (d) => received.push(d) });
    await sub.started;

    const [conn] = fake.connections;
    expect(conn.protocol).toBe('graphql-ws');
    expect(conn.header).toEqual({ host: new URL(fake.graphqlEndpoint).host, 'x-api-key': 'da2-key' });
    expect(conn.payload).toEqual({});
    expect(conn.messages.map((m) => m.type).slice(0, 2)).toEqual(['connection_init', 'start']);

    const [start] = conn.starts;
    expect(typeof start.payload.data).toBe('string');
    const data = JSON.parse(start.payload.data);
    expect(data.variables).toEqual({ userId: 'u1' });
    expect(data.query).toMatch(/subscription OnCreateItem/);
    expect(start.payload.extensions.authorization).toEqual(conn.header);

    fake.push(start.id, { type: 'data', payload: { data: { onCreateItem: item } } });
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toEqual({ onCreateItem: item });

    sub.unsubscribe();
    await fake.waitFor('stop', start.id);
  });

  it('shares one connection between subscriptions and closes it after the last one stops', async () => {
    const client = createClient(config, { jwt: 'jwt-token' }, { WebSocket });
    const a = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, { next: () => {} });
    const b = client.subscribe(OnCreateItemDocument, { userId: 'u2' }, { next: () => {} });
    await Promise.all([a.started, b.started]);
    expect(fake.connections).toHaveLength(1);
    expect(fake.connections[0].header.Authorization).toBe('jwt-token');
    const socket = fake.connections[0].socket;
    a.unsubscribe();
    b.unsubscribe();
    await expect.poll(() => socket.readyState).toBe(WebSocket.CLOSED);
  });

  it('signs the handshake (POST <endpoint>/connect, body {}) and each start (body = data) for IAM', async () => {
    const client = createClient(config, { iam: creds }, { WebSocket });
    const sub = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, { next: () => {} });
    await sub.started;
    const [conn] = fake.connections;
    const endpoint = new URL(fake.graphqlEndpoint);
    expect(conn.header.host).toBe(endpoint.host);
    expect(conn.header['X-Amz-Security-Token'] ?? conn.header['x-amz-security-token']).toBe('session-token');
    await expectValidSignature(conn.header, new URL('/graphql/connect', endpoint), '{}');
    const [start] = conn.starts;
    await expectValidSignature(start.payload.extensions.authorization, endpoint, start.payload.data);
    sub.unsubscribe();
  });

  it('reports an error frame for a start as AppSyncError and rejects `started`', async () => {
    fake.realtime.startError = () => ({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access onCreateItem on type Subscription',
    });
    const client = createClient(config, { apiKey: 'k' }, { WebSocket });
    const errors: unknown[] = [];
    const sub = client.subscribe(OnCreateItemDocument, { userId: 'someone-else' }, {
      next: () => {},
      error: (e) => errors.push(e),
    });
    await expect(sub.started).rejects.toBeInstanceOf(AppSyncError);
    expect(errors).toHaveLength(1);
    expect((errors[0] as AppSyncError).errorType).toBe('Unauthorized');
  });

  it('fails the subscription on connection_error', async () => {
    fake.realtime.connectionError = {
      errorType: 'UnauthorizedException',
      message: 'You are not authorized to make this call.',
      errorCode: 401,
    };
    const client = createClient(config, { apiKey: 'bad' }, { WebSocket });
    const sub = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, { next: () => {} });
    const err = (await sub.started.catch((e: unknown) => e)) as AppSyncError;
    expect(err).toBeInstanceOf(AppSyncError);
    expect(err.errorType).toBe('UnauthorizedException');
  });

  it('ends subscriptions when no keep-alive arrives within connectionTimeoutMs', async () => {
    fake.realtime.connectionTimeoutMs = 300;
    const client = createClient(config, { apiKey: 'k' }, { WebSocket });
    const errors: Error[] = [];
    const sub = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, {
      next: () => {},
      error: (e) => errors.push(e),
    });
    await sub.started;
    await expect.poll(() => errors.length, { timeout: 3000 }).toBe(1);
    expect(errors[0].message).toMatch(/keep-alive/);
  });

  it('stays connected while ka frames keep arriving', async () => {
    fake.realtime.connectionTimeoutMs = 300;
    const client = createClient(config, { apiKey: 'k' }, { WebSocket });
    const errors: Error[] = [];
    const sub = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, {
      next: () => {},
      error: (e) => errors.push(e),
    });
    await sub.started;
    const socket = fake.connections[0].socket;
    for (let i = 0; i < 6; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      socket.send(JSON.stringify({ type: 'ka' }));
    }
    expect(errors).toEqual([]);
    sub.unsubscribe();
  });

  it('calls complete when the server ends a subscription', async () => {
    const client = createClient(config, { apiKey: 'k' }, { WebSocket });
    let completed = false;
    const sub = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, {
      next: () => {},
      complete: () => {
        completed = true;
      },
    });
    await sub.started;
    fake.push(fake.connections[0].starts[0].id, { type: 'complete' });
    await expect.poll(() => completed).toBe(true);
  });

  it('passes errors that come with data to next, and data-less error events to error', async () => {
    const client = createClient(config, { apiKey: 'k' }, { WebSocket });
    const seen: Array<{ data: unknown; errors?: unknown[] }> = [];
    const errors: Error[] = [];
    const sub = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, {
      next: (data, errs) => seen.push({ data, errors: errs }),
      error: (e) => errors.push(e),
    });
    await sub.started;
    const id = fake.connections[0].starts[0].id;
    fake.push(id, { type: 'data', payload: { data: { onCreateItem: item }, errors: [{ message: 'partial' }] } });
    fake.push(id, { type: 'data', payload: { data: null, errors: [{ message: 'boom', errorType: 'X' }] } });
    await expect.poll(() => errors.length).toBe(1);
    expect(seen).toEqual([{ data: { onCreateItem: item }, errors: [{ message: 'partial' }] }]);
    expect((errors[0] as AppSyncError).errorType).toBe('X');
    sub.unsubscribe();
  });

  it('explains that Node 20 needs a WebSocket implementation when there is no global one', async () => {
    const g = globalThis as { WebSocket?: unknown };
    const saved = g.WebSocket;
    delete g.WebSocket;
    try {
      const client = createClient(config, { apiKey: 'k' });
      const sub = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, { next: () => {} });
      await expect(sub.started).rejects.toThrow(/WebSocket implementation/);
    } finally {
      if (saved) g.WebSocket = saved;
    }
  });
});
