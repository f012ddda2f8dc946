// AppSync's real-time endpoint: its own `graphql-ws` protocol (connection_init →
// connection_ack, ka, start/start_ack/data/error, stop/complete) over a WebSocket
// on the same server as /graphql, with fan-out of @aws_subscribe mutations.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Authenticator, GraphQLService, Headers, InvalidationEvent, MutationEvent, SubscriptionStart } from '../types.js';
import { argumentsMatch, filterMatches } from './filter.js';

export interface RealtimeOptions {
  service: GraphQLService;
  authenticator: Authenticator;
  /** Default '/graphql/realtime' (the path AppSync clients derive for a custom endpoint). */
  path?: string;
  /** Interval of `ka` frames; AppSync sends one about every 60 s, clients give up after 65 s. */
  keepAliveMs?: number;
  /** Sent in connection_ack; the socket is closed when no connection_init arrives within it. */
  connectionTimeoutMs?: number;
  /** AppSync closes connections after 24 h. */
  maxConnectionMs?: number;
  /** A socket that sends no connection_init within this is closed (default connectionTimeoutMs). */
  initTimeoutMs?: number;
  /** Default 100, AppSync's quota (limits.ts); a start past it gets MaxSubscriptionsReachedError. */
  maxSubscriptionsPerConnection?: number;
  /** Frames of one connection handled per second once its burst (twice the subscription cap) is spent; default 1,000 (limits.ts). */
  framesPerSecond?: number;
}

const PROTOCOL = 'graphql-ws';
/** Frames of one connection handled per turn of the event loop. */
const FRAMES_PER_TURN = 4;
/** Frames queued on one connection before it stops reading. */
const QUEUE_HIGH_WATER = 256;
// AppSync's limit on one WebSocket message; larger published payloads are dropped silently.
export const MAX_MESSAGE_BYTES = 240 * 1024;

type Ready = Extract<SubscriptionStart, { ok: true }>;

interface Connection {
  socket: WebSocket;
  subscriptions: Map<string, Ready | 'pending'>;
}

export function attachRealtime(server: HttpServer | HttpsServer, opts: RealtimeOptions): { close(): Promise<void> } {
  const path = opts.path ?? '/graphql/realtime';
  const keepAliveMs = opts.keepAliveMs ?? 60_000;
  const connectionTimeoutMs = opts.connectionTimeoutMs ?? 300_000;
  const maxConnectionMs = opts.maxConnectionMs ?? 24 * 3600_000;
  const initTimeoutMs = opts.initTimeoutMs ?? connectionTimeoutMs;
  const maxSubscriptions = opts.maxSubscriptionsPerConnection ?? 100;
  const framesPerSecond = opts.framesPerSecond ?? 1_000;
  const burst = Math.max(FRAMES_PER_TURN, 2 * maxSubscriptions);
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    // Frames over the limit are answered with an error frame rather than a dropped socket.
    maxPayload: 4 * MAX_MESSAGE_BYTES,
    // One frame parsed per turn of the event loop: a 64 KB read of a flood holds ~250 frames,
    // and parsing them all at once held the loop for over a millisecond each time.
    allowSynchronousEvents: false,
    // The client must offer graphql-ws; header-<b64url> offers carry auth and are never selected.
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (!socket.writable) return; // already refused (limits.ts: over the per-client connection cap)
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      socket.destroy(); // not a request line any client of this endpoint sends
      return;
    }
    if (url.pathname !== path) return; // another listener may own it; otherwise Node closes it
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Whatever goes wrong while connecting ends this connection, never the process.
      accept(ws, socket, req, url).catch(() => {
        if (ws.readyState === ws.OPEN) {
          ws.send(JSON.stringify({ type: 'connection_error', payload: { errors: [{ errorType: 'InternalFailureException', message: 'An internal failure occurred.', errorCode: 500 }] } }));
        }
        ws.close(1011);
      });
    });
  };
  server.on('upgrade', onUpgrade);

  const offMutation = opts.service.onMutation((event) => publish(event));
  const offInvalidation = opts.service.onInvalidation((event) => invalidate(event));

  async function accept(socket: WebSocket, wire: Duplex, req: IncomingMessage, url: URL): Promise<void> {
    const conn: Connection = { socket, subscriptions: new Map() };
    connections.add(conn);
    // A frame over maxPayload or a broken frame makes ws emit 'error' and close
    // the socket; without a listener the emit would throw out of the process.
    socket.on('error', () => socket.terminate());
    const timers: NodeJS.Timeout[] = [];
    socket.on('close', () => {
      connections.delete(conn);
      queued.length = 0;
      timers.forEach(clearTimeout);
      timers.forEach(clearInterval);
    });
    const send = (msg: unknown): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
    };
    const fail = (errorType: string, message: string, errorCode: number): void => {
      send({ type: 'connection_error', payload: { errors: [{ errorType, message, errorCode }] } });
      socket.close(1000);
    };

    // Frames wait here while the connection auth runs, and are handled a few per
    // turn of the event loop after it: a burst of thousands of frames in one read
    // (a subscription flood) would otherwise hold the loop and stall every other
    // client. Past the burst, a token bucket paces them at framesPerSecond, so one
    // connection cannot keep a core busy; past the high-water mark the socket stops
    // reading (TCP pushes back on the sender) until drained.
    const queued: string[] = [];
    let handler: ((raw: string) => void) | null = null;
    let draining = false;
    let tokens = burst;
    let filledAt = performance.now();
    const drain = (): void => {
      draining = false;
      if (!handler) return;
      const now = performance.now();
      tokens = Math.min(burst, tokens + ((now - filledAt) * framesPerSecond) / 1000);
      filledAt = now;
      const turn = queued.splice(0, Math.min(FRAMES_PER_TURN, Math.floor(tokens)));
      tokens -= turn.length;
      // The answers of one turn leave in one write: under a flood of starts past the cap a
      // write per answer was most of the twin's time (one writev each).
      wire.cork();
      try {
        for (const raw of turn) handler(raw);
      } finally {
        wire.uncork();
      }
      if (queued.length > 0) {
        draining = true;
        if (tokens >= FRAMES_PER_TURN) setImmediate(drain);
        else setTimeout(drain, Math.ceil(((FRAMES_PER_TURN - tokens) * 1000) / framesPerSecond));
      } else if (socket.isPaused) socket.resume();
    };
    socket.on('message', (data, isBinary) => {
      queued.push(isBinary ? '' : data.toString());
      if (queued.length > QUEUE_HIGH_WATER && !socket.isPaused) socket.pause();
      if (handler && !draining) {
        draining = true;
        setImmediate(drain);
      }
    });

    if (socket.protocol !== PROTOCOL) {
      fail('SubProtocolNotSupportedError', 'Sec-WebSocket-Protocol must be graphql-ws', 400);
      return;
    }
    const headers = connectHeaders(req, url);
    const auth = headers
      ? await opts.authenticator.authenticate({
          headers,
          method: 'POST',
          path: '/graphql/connect',
          body: '{}',
          sourceIp: req.socket.remoteAddress,
        })
      : null;
    if (!auth || !auth.ok) {
      fail('UnauthorizedException', 'You are not authorized to make this call.', 401);
      return;
    }

    timers.push(setTimeout(() => socket.close(1000), maxConnectionMs));
    const initTimer = setTimeout(() => socket.close(1000), initTimeoutMs);
    timers.push(initTimer);
    let acked = false;
    handler = (raw) => {
      let msg: { type?: unknown; id?: unknown; payload?: unknown };
      try {
        msg = JSON.parse(raw);
        if (typeof msg !== 'object' || msg === null) throw new Error('not an object');
      } catch {
        send({ type: 'error', payload: { errors: [{ errorType: 'MessageParseError', message: 'Unable to parse message' }] } });
        return;
      }
      if (msg.type === 'connection_init') {
        if (acked) return;
        acked = true;
        clearTimeout(initTimer);
        send({ type: 'connection_ack', payload: { connectionTimeoutMs } });
        timers.push(setInterval(() => send({ type: 'ka' }), keepAliveMs));
        return;
      }
      if (!acked) return; // AppSync ignores messages sent before the ack
      const id = typeof msg.id === 'string' ? msg.id : undefined;
      if (msg.type === 'start') {
        start(conn, id, msg.payload, req, send).catch(() => {
          if (id && conn.subscriptions.get(id) === 'pending') conn.subscriptions.delete(id);
          send({ type: 'error', ...(id ? { id } : {}), payload: { errors: [{ errorType: 'InternalFailureException', message: 'An internal failure occurred.' }] } });
        });
      }
      else if (msg.type === 'stop') {
        if (id && conn.subscriptions.delete(id)) send({ type: 'complete', id });
      } else {
        send({
          type: 'error',
          ...(id ? { id } : {}),
          payload: { errors: [{ errorType: 'UnsupportedOperation', message: `${String(msg.type)} not supported through the realtime channel` }] },
        });
      }
    };
    drain();
  }

  async function start(conn: Connection, id: string | undefined, payload: unknown, req: IncomingMessage, send: (m: unknown) => void): Promise<void> {
    const error = (errorType: string, message: string): void =>
      send({ type: 'error', ...(id ? { id } : {}), payload: { errors: [{ errorType, message }] } });
    if (!id) return error('BadRequestException', 'Subscription id is required');
    if (conn.subscriptions.has(id)) return error('DuplicatedOperationError', 'Duplicate subscription ID');
    // AWS AppSync endpoints and quotas, "Service quotas": Subscriptions per connection, 100.
    // Past it AppSync answers errorType MaxSubscriptionsReachedError (aws-amplify's Swift
    // AppSync client tests for it: 100 start_ack, then that error). AWS publishes no message
    // text for it; the message is the twin's. Pending starts count, so a burst of starts
    // cannot overshoot the cap.
    if (conn.subscriptions.size >= maxSubscriptions) return error('MaxSubscriptionsReachedError', `Max number of ${maxSubscriptions} subscriptions reached`);
    const p = (payload ?? {}) as { data?: unknown; extensions?: { authorization?: unknown } };
    if (typeof p.data !== 'string') return error('BadRequestException', 'payload.data must be a JSON string');
    if (Buffer.byteLength(p.data) > MAX_MESSAGE_BYTES) return error('LimitExceededError', 'Message size exceeded');
    let request: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      request = JSON.parse(p.data);
    } catch {
      return error('BadRequestException', 'payload.data is not valid JSON');
    }
    if (!request || typeof request !== 'object' || Array.isArray(request) || typeof request.query !== 'string') return error('BadRequestException', 'query is required');
    // graphql-js throws on variables that are not an object: refuse them as a bad request.
    const variables = request.variables;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
      return error('BadRequestException', 'variables must be a JSON object');
    }
    const headers = lower(p.extensions?.authorization);
    conn.subscriptions.set(id, 'pending');
    // IAM clients sign a virtual POST to the GraphQL endpoint whose body is the data string.
    const auth = await opts.authenticator.authenticate({
      headers,
      method: 'POST',
      path: '/graphql',
      body: p.data,
      sourceIp: req.socket.remoteAddress,
    });
    if (!auth.ok) {
      conn.subscriptions.delete(id);
      return send({ type: 'error', id, payload: { errors: auth.body.errors } });
    }
    const started = await opts.service.startSubscription({
      query: request.query,
      variables: (variables as Record<string, unknown> | null | undefined) ?? null,
      operationName: typeof request.operationName === 'string' ? request.operationName : null,
      auth,
      headers,
    });
    if (conn.subscriptions.get(id) !== 'pending') return; // stopped or closed meanwhile
    if (!started.ok) {
      conn.subscriptions.delete(id);
      return send({ type: 'error', id, payload: { errors: started.errors } });
    }
    conn.subscriptions.set(id, started);
    send({ type: 'start_ack', id });
  }

  function publish(event: MutationEvent): void {
    for (const conn of connections) {
      for (const [id, sub] of conn.subscriptions) {
        if (sub === 'pending' || !sub.mutations.includes(event.mutationField)) continue;
        // With an enhanced filter, AppSync no longer applies argument filtering.
        const matches = sub.filter != null ? filterMatches(sub.filter, event.payload) : argumentsMatch(sub.arguments, event.payload);
        if (!matches) continue;
        const frame = JSON.stringify({ type: 'data', id, payload: sub.render(event.payload) });
        if (Buffer.byteLength(frame) > MAX_MESSAGE_BYTES) continue;
        if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(frame);
      }
    }
  }

  // AppSync ends each subscription on the field whose invalidation filter
  // matches the payload, and closes its connection. The documentation shows
  // only the message {"message":"Subscription complete."}; it is sent here in
  // the protocol's complete frame for that subscription id.
  function invalidate(event: InvalidationEvent): void {
    for (const conn of connections) {
      let hit = false;
      for (const [id, sub] of conn.subscriptions) {
        if (sub === 'pending' || sub.subscriptionField !== event.subscriptionField || sub.invalidationFilter == null) continue;
        if (!filterMatches(sub.invalidationFilter, event.payload)) continue;
        conn.subscriptions.delete(id);
        hit = true;
        if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(JSON.stringify({ type: 'complete', id, payload: { message: 'Subscription complete.' } }));
      }
      if (hit) conn.socket.close(1000, 'Subscription invalidated');
    }
  }

  return {
    async close() {
      server.off('upgrade', onUpgrade);
      offMutation();
      offInvalidation();
      for (const conn of connections) conn.socket.terminate();
      connections.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Connection auth: `header-<b64url>` subprotocol, else `?header=<b64>`, else the upgrade's own headers. */
function connectHeaders(req: IncomingMessage, url: URL): Headers | null {
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((s) => s.trim());
  const fromProtocol = offered.find((p) => p.startsWith('header-'));
  const encoded = fromProtocol ? fromProtocol.slice('header-'.length) : url.searchParams.get('header');
  if (encoded) {
    try {
      return lower(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
    } catch {
      return null;
    }
  }
  const h: Headers = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string' && !k.startsWith('sec-websocket') && k !== 'upgrade' && k !== 'connection') h[k] = v;
  }
  return h;
}

function lower(obj: unknown): Headers {
  const h: Headers = {};
  if (typeof obj === 'object' && obj !== null) {
    for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null) h[k.toLowerCase()] = String(v);
  }
  return h;
}
