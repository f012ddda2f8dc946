// The real-time endpoint's protocol against a fake GraphQL service, so it is
// tested on its own: handshake, auth, start/data/stop, fan-out and filtering.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachRealtime } from '../../local/server/realtime/index.js';
import type { Authenticator, GraphQLService, InvalidationEvent, MutationEvent, OperationRequest } from '../../local/server/types.js';

const KEY = 'da2-test';
const listeners = new Set<(e: MutationEvent) => void>();
const started: OperationRequest[] = [];

// Accepts x-api-key KEY; subscriptions `onItem(owner)` to createItem/updateItem, `secret` refused.
const authenticator: Authenticator = {
  async authenticate(req) {
    if (req.headers['x-api-key'] === KEY) return { ok: true, mode: 'API_KEY', identity: null, groups: [] };
    return { ok: false, status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] } };
  },
};
const service = {
  schema: undefined as never,
  async execute() {
    return { status: 200, body: {} };
  },
  async startSubscription(req: OperationRequest) {
    started.push(req);
    if (req.query.includes('secret')) {
      return { ok: false, errors: [{ message: 'Not Authorized to access secret on type Subscription', errorType: 'Unauthorized' }] } as never;
    }
    const vars = (req.variables ?? {}) as Record<string, unknown>;
    return {
      ok: true as const,
      subscriptionField: 'onItem',
      mutations: ['createItem', 'updateItem'],
      // As graphql-js gives them: an unsupplied variable leaves the argument out.
      arguments: vars.owner !== undefined ? { owner: vars.owner } : {},
      filter: vars.filter,
      invalidationFilter: vars.invalidationFilter,
      render: (p: unknown) => ({ data: { onItem: p } }),
    };
  },
  onMutation(l: (e: MutationEvent) => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  onInvalidation(l: (e: InvalidationEvent) => void) {
    invalidationListeners.add(l);
    return () => invalidationListeners.delete(l);
  },
} satisfies GraphQLService;
const publish = (mutationField: string, payload: unknown): void => listeners.forEach((l) => l({ mutationField, payload }));
const invalidationListeners = new Set<(e: InvalidationEvent) => void>();
const invalidate = (subscriptionField: string, payload: unknown): void => invalidationListeners.forEach((l) => l({ subscriptionField, payload }));

let server: Server;
let rt: { close(): Promise<void> };
let base: string;
beforeAll(async () => {
  server = createServer((_, res) => res.end());
  rt = attachRealtime(server, { service, authenticator, keepAliveMs: 100, connectionTimeoutMs: 300 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql/realtime`;
});
afterAll(async () => {
  await rt.close();
  await new Promise((r) => server.close(r));
});

const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const auth = { host: 'localhost', 'x-api-key': KEY };

/** Opens a socket and records frames; next(type) waits for the next frame of that type. */
function open(url: string, protocols: string[]) {
  const ws = new WebSocket(url, protocols);
  const frames: any[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (d) => {
    frames.push(JSON.parse(d.toString()));
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  async function next(type: string, id?: string): Promise<any> {
    for (;;) {
      const i = frames.findIndex((f) => f.type === type && (id === undefined || f.id === id));
      if (i >= 0) return frames.splice(i, 1)[0];
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${type} frame; got ${JSON.stringify(frames)}`)), 2000);
        waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }
  const send = (m: unknown): void => ws.send(JSON.stringify(m));
  return { ws, frames, next, send, closed, opened: new Promise((r) => ws.on('open', r)) };
}
async function connected() {
  const c = open(base, ['graphql-ws', `header-${b64url(auth)}`]);
  await c.opened;
  c.send({ type: 'connection_init' });
  await c.next('connection_ack');
  return c;
}
/** After a moment, no data frame beyond those already taken with next(). */
async function expectNoMoreData(c: { frames: Array<{ type: string }> }): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
  expect(c.frames.filter((f) => f.type === 'data')).toEqual([]);
}
const startMsg = (id: string, variables: unknown, query = 'subscription S($owner: String) { onItem(owner: $owner) { id owner } }', authorization: unknown = auth) => ({
  id,
  type: 'start',
  payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } },
});

describe('real-time handshake', () => {
  it('acks connection_init with the connection timeout and then sends ka frames', async () => {
    const c = open(base, ['graphql-ws', `header-${b64url(auth)}`]);
    await c.opened;
    expect(c.ws.protocol).toBe('graphql-ws');
    c.send({ type: 'connection_init' });
    expect(await c.next('connection_ack')).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300 } });
    expect(await c.next('ka')).toEqual({ type: 'ka' });
    c.ws.close();
  });

  it('accepts auth in the header/payload query parameters', async () => {
    const c = open(`${base}?header=${Buffer.from(JSON.stringify(auth)).toString('base64')}&payload=e30=`, ['graphql-ws']);
    await c.opened;
    c.send({ type: 'connection_init' });
    expect((await c.next('connection_ack')).payload.connectionTimeoutMs).toBe(300);
    c.ws.close();
  });

  it('answers bad connection credentials with connection_error 401 and closes', async () => {
    const c = open(base, ['graphql-ws', `header-${b64url({ host: 'localhost', 'x-api-key': 'wrong' })}`]);
    const err = await c.next('connection_error');
    expect(err.payload.errors[0]).toMatchObject({ errorType: 'UnauthorizedException', errorCode: 401 });
    await c.closed;
  });

  it('refuses a socket without the graphql-ws subprotocol', async () => {
    const c = open(`${base}?header=${b64url(auth)}&payload=e30=`, ['graphql-transport-ws']);
    c.ws.on('error', () => {});
    const code = await Promise.race([c.next('connection_error').then((e) => e.payload.errors[0].errorType), c.closed.then(() => 'closed')]);
    expect(['SubProtocolNotSupportedError', 'closed']).toContain(code);
    await c.closed;
  });

  it('closes a connection that never sends connection_init within the timeout', async () => {
    const c = open(base, ['graphql-ws', `header-${b64url(auth)}`]);
    await c.opened;
    const t0 = Date.now();
    await c.closed;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(c.frames.some((f) => f.type === 'connection_ack')).toBe(false);
  });
});

describe('real-time subscriptions', () => {
  it('starts with start_ack, passes the start authorization and variables, delivers data, stops with complete', async () => {
    const c = await connected();
    c.send(startMsg('s1', { owner: 'alice' }));
    expect(await c.next('start_ack', 's1')).toEqual({ type: 'start_ack', id: 's1' });
    expect(started.at(-1)).toMatchObject({ variables: { owner: 'alice' }, auth: { mode: 'API_KEY' } });
    publish('createItem', { id: '1', owner: 'alice' });
    expect(await c.next('data', 's1')).toEqual({ type: 'data', id: 's1', payload: { data: { onItem: { id: '1', owner: 'alice' } } } });
    c.send({ type: 'stop', id: 's1' });
    expect(await c.next('complete', 's1')).toEqual({ type: 'complete', id: 's1' });
    publish('createItem', { id: '2', owner: 'alice' });
    await expectNoMoreData(c);
    c.ws.close();
  });

  it('filters by arguments: other owners and unlinked mutations are not delivered; an omitted argument does not filter, an explicit null wants null', async () => {
    const c = await connected();
    c.send(startMsg('a', { owner: 'alice' }));
    c.send(startMsg('all', {}));
    c.send(startMsg('none', { owner: null }));
    await c.next('start_ack', 'a');
    await c.next('start_ack', 'all');
    await c.next('start_ack', 'none');
    publish('createItem', { id: 'b1', owner: 'bob' });
    publish('deleteItem', { id: 'a0', owner: 'alice' });
    publish('updateItem', { id: 'a1', owner: 'alice' });
    publish('createItem', { id: 'n1', owner: null });
    expect((await c.next('data', 'all')).payload.data.onItem.id).toBe('b1');
    expect((await c.next('data', 'all')).payload.data.onItem.id).toBe('a1');
    expect((await c.next('data', 'all')).payload.data.onItem.id).toBe('n1');
    expect((await c.next('data', 'a')).payload.data.onItem.id).toBe('a1');
    expect((await c.next('data', 'none')).payload.data.onItem.id).toBe('n1');
    await expectNoMoreData(c);
    c.ws.close();
  });

  it('applies an enhanced filter instead of the arguments', async () => {
    const c = await connected();
    const filter = { filterGroup: [{ filters: [{ fieldName: 'priority', operator: 'ge', value: 5 }] }] };
    c.send(startMsg('f', { owner: 'nobody', filter }));
    await c.next('start_ack', 'f');
    publish('createItem', { id: 'low', owner: 'x', priority: 1 });
    publish('createItem', { id: 'high', owner: 'x', priority: 7 });
    expect((await c.next('data', 'f')).payload.data.onItem.id).toBe('high');
    await expectNoMoreData(c);
    c.ws.close();
  });

  it('reports refused subscriptions, bad start credentials, duplicate ids and unknown types as error frames', async () => {
    const c = await connected();
    c.send(startMsg('x', {}, 'subscription { secret { id } }'));
    expect((await c.next('error', 'x')).payload.errors[0]).toMatchObject({ errorType: 'Unauthorized' });
    c.send(startMsg('y', {}, undefined, { host: 'localhost', 'x-api-key': 'nope' }));
    expect((await c.next('error', 'y')).payload.errors[0]).toMatchObject({ errorType: 'UnauthorizedException' });
    c.send(startMsg('d', {}));
    await c.next('start_ack', 'd');
    c.send(startMsg('d', {}));
    expect((await c.next('error', 'd')).payload.errors[0].errorType).toBe('DuplicatedOperationError');
    c.send({ type: 'subscribe', id: 'z' });
    expect((await c.next('error', 'z')).payload.errors[0].errorType).toBe('UnsupportedOperation');
    c.ws.close();
  });

  it('ends subscriptions whose invalidation filter matches with complete and closes their connection; others keep receiving', async () => {
    const group = (g: string) => ({ filterGroup: [{ filters: [{ fieldName: 'group', operator: 'eq', value: g }] }] });
    const a = await connected();
    a.send(startMsg('ia', { owner: 'alice', invalidationFilter: group('g1') }));
    await a.next('start_ack', 'ia');
    const b = await connected();
    b.send(startMsg('ib', { owner: 'alice', invalidationFilter: group('g2') }));
    b.send(startMsg('plain', { owner: 'alice' }));
    await b.next('start_ack', 'ib');
    await b.next('start_ack', 'plain');
    invalidate('someOtherField', { group: 'g1' });
    invalidate('onItem', { group: 'g1' });
    expect(await a.next('complete', 'ia')).toEqual({ type: 'complete', id: 'ia', payload: { message: 'Subscription complete.' } });
    expect(await a.closed).toBe(1000);
    publish('createItem', { id: 'after', owner: 'alice' });
    expect((await b.next('data', 'ib')).payload.data.onItem.id).toBe('after');
    expect((await b.next('data', 'plain')).payload.data.onItem.id).toBe('after');
    expect(b.frames.filter((f) => f.type === 'complete')).toEqual([]);
    b.ws.close();
  });

  it('drops published payloads over the 240 KB message limit', async () => {
    const c = await connected();
    c.send(startMsg('big', {}));
    await c.next('start_ack', 'big');
    publish('createItem', { id: 'huge', owner: 'a', blob: 'x'.repeat(250 * 1024) });
    publish('createItem', { id: 'small', owner: 'a' });
    expect((await c.next('data', 'big')).payload.data.onItem.id).toBe('small');
    c.ws.close();
  });
});
