// A tiny stand-in for AppSync's two endpoints, enough to unit-test the client's
// wire behaviour: records what arrives and answers as the test scripts it.
// HTTP: POST /graphql → handler(request). WebSocket: /graphql/realtime speaking
// AppSync's real-time protocol, driven by the test through `realtime`.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
  headers: Record<string, string>;
  path: string;
  rawBody: string;
  body: { query?: string; operationName?: string; variables?: Record<string, unknown> };
}

export type HttpHandler = (req: RecordedRequest) => { status?: number; body: unknown };

export interface RealtimeBehaviour {
  /** Answer connection_init with this connectionTimeoutMs (default 300000), or with a connection_error. */
  connectionTimeoutMs?: number;
  connectionError?: unknown;
  /** Answer a start with an error frame instead of start_ack. */
  startError?: (start: StartMessage) => unknown | undefined;
}

export interface StartMessage {
  id: string;
  payload: { data: string; extensions: { authorization: Record<string, string> } };
}

export interface RealtimeConnectionRecord {
  socket: WebSocket;
  url: URL;
  protocol: string;
  requestedProtocols: string[];
  /** Decoded ?header= of the handshake. */
  header: Record<string, string>;
  payload: unknown;
  messages: Array<{ type: string; id?: string; payload?: unknown }>;
  starts: StartMessage[];
}

export interface FakeAppSync {
  graphqlEndpoint: string;
  realtimeEndpoint: string;
  requests: RecordedRequest[];
  connections: RealtimeConnectionRecord[];
  setHandler(handler: HttpHandler): void;
  realtime: RealtimeBehaviour;
  /** Sends a frame to the connection that started subscription `id`. */
  push(id: string, frame: Record<string, unknown>): void;
  /** Resolves when a frame of `type` (and id) has arrived from the client. */
  waitFor(type: string, id?: string): Promise<{ type: string; id?: string; payload?: unknown }>;
  close(): Promise<void>;
}

function decodeBase64Json(value: string | null): unknown {
  if (!value) return undefined;
  return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

export async function startFakeAppSync(): Promise<FakeAppSync> {
  const requests: RecordedRequest[] = [];
  const connections: RealtimeConnectionRecord[] = [];
  const waiters: Array<{ type: string; id?: string; resolve(m: { type: string; id?: string; payload?: unknown }): void }> = [];
  let handler: HttpHandler = () => ({ body: { data: null } });
  const realtime: RealtimeBehaviour = {};

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        headers: lowerHeaders(req),
        path: req.url ?? '/',
        rawBody,
        body: rawBody ? JSON.parse(rawBody) : {},
      };
      requests.push(recorded);
      const answer = handler(recorded);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });

  const wss = new WebSocketServer({
    server,
    path: '/graphql/realtime',
    handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false),
  });
  wss.on('connection', (socket, req) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: RealtimeConnectionRecord = {
      socket,
      url,
      protocol: socket.protocol,
      requestedProtocols: String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim()),
      header: decodeBase64Json(url.searchParams.get('header')) as Record<string, string>,
      payload: decodeBase64Json(url.searchParams.get('payload')),
      messages: [],
      starts: [],
    };
    connections.push(record);
    const send = (frame: unknown) => socket.send(JSON.stringify(frame));
    socket.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as { type: string; id?: string; payload?: unknown };
      record.messages.push(msg);
      if (msg.type === 'connection_init') {
        if (realtime.connectionError) {
          send({ type: 'connection_error', payload: { errors: [realtime.connectionError] } });
          socket.close();
        } else {
          send({ type: 'connection_ack', payload: { connectionTimeoutMs: realtime.connectionTimeoutMs ?? 300_000 } });
        }
      } else if (msg.type === 'start') {
        const start = msg as StartMessage;
        record.starts.push(start);
        const err = realtime.startError?.(start);
        if (err) send({ type: 'error', id: start.id, payload: { errors: [err] } });
        else send({ type: 'start_ack', id: start.id });
      } else if (msg.type === 'stop') {
        send({ type: 'complete', id: msg.id });
      }
      for (const w of [...waiters]) {
        if (w.type === msg.type && (w.id === undefined || w.id === msg.id)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(msg);
        }
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    graphqlEndpoint: `http://127.0.0.1:${port}/graphql`,
    realtimeEndpoint: `ws://127.0.0.1:${port}/graphql/realtime`,
    requests,
    connections,
    realtime,
    setHandler(h) {
      handler = h;
    },
    push(id, frame) {
      const conn = connections.find((c) => c.starts.some((s) => s.id === id));
      if (!conn) throw new Error(`no connection started ${id}`);
      conn.socket.send(JSON.stringify({ id, ...frame }));
    },
    waitFor(type, id) {
      for (const c of connections) {
        const seen = c.messages.find((m) => m.type === type && (id === undefined || m.id === id));
        if (seen) return Promise.resolve(seen);
      }
      return new Promise((resolve) => waiters.push({ type, id, resolve }));
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
