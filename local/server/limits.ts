// What one client may hold of the twin: header, request and idle timeouts on
// the HTTP server, AppSync-shaped answers to the requests Node refuses before
// any handler runs (headers too large, too slow, unparsable), and a cap on the
// connections open from one remote address. The WebSocket side (connection_init
// timeout, subscriptions per connection, frames per second) is enforced in realtime/ with the
// values resolved here.
//
// A client that is refused for its size or its number of connections (431,
// 429) and keeps coming is the costly one: Node reads up to 64 KB of every
// oversized request and copies it into the error it raises, and every accepted
// socket costs a Socket, a parser and a response. So after such a refusal its
// address is in the penalty box for refusalPenaltyMs: its new connections are
// closed as they are accepted, before Node builds a Socket, and the refusal
// that explains why went out with the first one. Measured under the header
// flood (30 clients sending 100 KB headers back to back): without it the
// twin's main thread was ~85% busy, with a mark-compact GC every ~100 ms, and
// another client's p99 went from 1.4 to 22 ms; with it, about 2× its quiet p99.
//
// AWS publishes none of the HTTP timeouts, header limits, a per-client
// connection cap or any penalty for repeat offenders for AppSync's GraphQL endpoint (the quotas page,
// https://docs.aws.amazon.com/general/latest/gr/appsync.html, "Service quotas",
// lists none of them): those defaults are the twin's own bounds, chosen so no
// legitimate client of a local server meets them. The one AWS states is
// "Subscriptions per connection", 100, on that page.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server as HttpServer, type ServerOptions, type ServerResponse } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ServerLimits {
  /** Time a client has to send a request's headers, counted from its first byte (slowloris). */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request, headers and body. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection waits for its next request. */
  keepAliveTimeoutMs: number;
  /** A connection with no traffic either way for this long is closed. */
  idleTimeoutMs: number;
  /** Largest request line plus headers; more is answered 431. */
  maxHeaderBytes: number;
  /** Connections open at once from one remote address (HTTP and WebSocket); more are refused with 429. */
  maxConnectionsPerClient: number;
  /** Subscriptions on one WebSocket connection (AppSync's quota); more get MaxSubscriptionsReachedError. */
  maxSubscriptionsPerConnection: number;
  /** A WebSocket that sends no connection_init within this is closed. */
  connectionInitTimeoutMs: number;
  /** Frames of one WebSocket connection handled per second, after a burst of twice the subscription cap; more wait their turn. */
  framesPerSecondPerConnection: number;
  /** After a 431 or a 429 for too many connections, how long that address's new connections are closed unanswered. */
  refusalPenaltyMs: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  // Node's defaults are 60 s and 300 s: long enough for a few hundred slow
  // sockets to hold a server. A local client sends its headers at once.
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Node's default.
  keepAliveTimeoutMs: 5_000,
  // Above AppSync's 30 s execution timeout, so a slow resolver's caller is not cut off.
  idleTimeoutMs: 60_000,
  // Node's default (16 KB); a Cognito token is 1–2 KB.
  maxHeaderBytes: 16 * 1024,
  // Room for a browser, a test suite's parallel requests and a load bench on one machine.
  maxConnectionsPerClient: 256,
  // AWS AppSync endpoints and quotas, "Service quotas": Subscriptions per connection, 100.
  maxSubscriptionsPerConnection: 100,
  // AWS is silent on how long AppSync waits for connection_init (its client guide calls the
  // message optional); the twin ignores frames before it, so an uninitialised socket only holds.
  connectionInitTimeoutMs: 30_000,
  // A client sends connection_init, then a start or a stop per subscription: the burst (twice
  // the subscription cap) takes an app's every start at once, and nothing legitimate sends a
  // thousand frames a second on one connection. A flood of starts past the cap is answered at
  // this pace instead of holding a core (measured: ~20,000 answers/s at 100% of the twin's
  // thread, and another client's p99 4–10× its quiet one).
  framesPerSecondPerConnection: 1_000,
  // Long enough that a flood meets mostly closed doors, short enough that a developer who
  // fixed an oversized cookie is served again by the time they retry.
  refusalPenaltyMs: 1_000,
});

/** The defaults with `given` over them; every value a positive integer, headers within the request timeout. */
export function resolveLimits(given: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`limits.${name} must be a positive integer, got ${String(value)}`);
  }
  // Node refuses a headers timeout longer than the request timeout.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) throw new Error('limits.headersTimeoutMs must not exceed limits.requestTimeoutMs');
  return limits;
}

/** Options for http(s).createServer: Node enforces these before a handler sees the request. */
export function httpServerOptions(limits: ServerLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    maxHeaderSize: limits.maxHeaderBytes,
    // Node checks the two timeouts on this interval (default 30 s, which would let a
    // slow socket live up to 30 s past its timeout).
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

interface ErrorAnswer {
  status: number;
  errorType: string;
  message: string;
}

// AWS documents no body for these refusals. MalformedHttpRequestException is
// AppSync's errorType for a request it cannot parse (seen in real answers, see
// http.ts); the 431, 408 and 429 errorTypes are the twin's names in the same shape.
function clientErrorAnswer(code: string | undefined): ErrorAnswer {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, errorType: 'RequestHeaderFieldsTooLargeException', message: 'Request headers are too large.' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, errorType: 'RequestTimeoutException', message: 'The request was not received in time.' };
  return { status: 400, errorType: 'MalformedHttpRequestException', message: 'Unable to parse the HTTP request.' };
}

const TOO_MANY_CONNECTIONS: ErrorAnswer = { status: 429, errorType: 'LimitExceededException', message: 'Too many connections from this client.' };

/** A whole HTTP/1.1 response in AppSync's error shape, for a socket no ServerResponse owns. */
function rawResponse({ status, errorType, message }: ErrorAnswer): string {
  const body = JSON.stringify({ errors: [{ errorType, message }] });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
    'content-type: application/json; charset=UTF-8\r\n' +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    `x-amzn-requestid: ${randomUUID()}\r\n` +
    `x-amzn-errortype: ${errorType}\r\n` +
    'connection: close\r\n\r\n' +
    body
  );
}

const plainAddress = (address: string | undefined): string => (address ?? '').replace(/^::ffff:/, '');

function clientAddress(socket: Socket): string {
  return plainAddress(socket.remoteAddress);
}

/** The part of libuv's TCP handle that net.Server calls for each accepted connection (Node 18–24). */
interface ListeningHandle {
  onconnection?: (this: ListeningHandle, err: number, client: AcceptedHandle | undefined) => unknown;
}
interface AcceptedHandle {
  getpeername?(out: { address?: string }): number;
  close(): void;
}

export interface ServerGuard {
  /** True for a request on a connection over the per-client cap (answered 429 when it connected), which it ends. */
  refuse(req: IncomingMessage, res: ServerResponse): boolean;
  /** Applies the timeouts and listeners to the server (before others listen to upgrades). */
  attach(server: HttpServer | HttpsServer): void;
}

/** How long a connection over the cap may stay without sending the request its 429 answers. */
const REFUSED_GRACE_MS = 1000;

export function createServerGuard(limits: ServerLimits, log: (line: string) => void = () => {}): ServerGuard {
  const open = new Map<string, number>();
  const overCap = new WeakSet<Socket>();
  /** Address → end of its penalty (ms since the epoch). */
  const penalised = new Map<string, number>();

  const inPenalty = (address: string): boolean => {
    const until = penalised.get(address);
    if (until === undefined) return false;
    if (Date.now() < until) return true;
    penalised.delete(address);
    return false;
  };
  const penalise = (address: string, why: string): void => {
    if (inPenalty(address)) return;
    // Entries leave when their address next connects; sweep the rest so many one-time offenders cannot grow the map.
    if (penalised.size >= 1024) for (const [a, until] of penalised) if (until <= Date.now()) penalised.delete(a);
    penalised.set(address, Date.now() + limits.refusalPenaltyMs);
    log(`client ${address}: ${why}; its new connections are closed for ${limits.refusalPenaltyMs} ms`);
  };

  /** Closes a penalised address's connection before net.Server builds a Socket for it; false when Node's handle is not the one known. */
  const guardAccepts = (server: HttpServer | HttpsServer): boolean => {
    const handle = (server as unknown as { _handle?: ListeningHandle | null })._handle;
    const accept = handle?.onconnection;
    if (!handle || typeof accept !== 'function') return false;
    handle.onconnection = function (err, client) {
      if (!err && client && penalised.size > 0 && typeof client.getpeername === 'function') {
        const peer: { address?: string } = {};
        client.getpeername(peer);
        if (inPenalty(plainAddress(peer.address))) return client.close();
      }
      return accept.call(this, err, client);
    };
    return true;
  };

  const onConnection = (socket: Socket): void => {
    const address = clientAddress(socket);
    // Where the accept hook is unavailable: still no parser, no answer.
    if (inPenalty(address)) {
      overCap.add(socket);
      socket.destroy();
      return;
    }
    const count = open.get(address) ?? 0;
    if (count >= limits.maxConnectionsPerClient) {
      penalise(address, `over ${limits.maxConnectionsPerClient} open connections (429)`);
      // Not counted. Answered 429 at once, before any request is parsed (the cheapest
      // refusal that still says why), and dropped within the grace, so a flood cannot keep it open.
      overCap.add(socket);
      socket.end(rawResponse(TOO_MANY_CONNECTIONS), () => socket.destroy());
      const timer = setTimeout(() => socket.destroy(), REFUSED_GRACE_MS);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  };

  const onClientError = (err: NodeJS.ErrnoException, socket: Duplex): void => {
    // As Node's own handler: answer only while no response has begun on the socket.
    const current = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || current?.headersSent) {
      socket.destroy();
      return;
    }
    const answer = clientErrorAnswer(err.code);
    if (answer.status === 431) penalise(clientAddress(socket as Socket), 'request headers over the limit (431)');
    // Closed once the answer is out: the rest of an oversized request is not read.
    socket.end(rawResponse(answer), () => socket.destroy());
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex): void => {
    // Answered when it connected; the real-time endpoint's listener sees a socket no longer writable and leaves it.
    if (overCap.has(req.socket)) socket.destroy();
  };

  return {
    refuse(req, res) {
      if (!overCap.has(req.socket)) return false;
      // Its 429 went out when it connected.
      res.socket?.destroy();
      return true;
    },
    attach(server) {
      // Inactivity on any socket; WebSockets are exempt (ws clears the socket timeout on upgrade).
      server.timeout = limits.idleTimeoutMs;
      server.on('clientError', onClientError);
      // TLS: the request's socket is the TLS socket, announced by secureConnection.
      server.prependListener(server instanceof HttpsServer ? 'secureConnection' : 'connection', onConnection);
      server.prependListener('upgrade', onUpgrade);
      server.on('listening', () => {
        if (!guardAccepts(server)) log('penalty box: this Node version gives no accept hook; penalised connections are dropped after accept');
      });
    },
  };
}
