// AppSync's real-time protocol over one WebSocket (subprotocol "graphql-ws", but
// AppSync's own dialect, which standard graphql-ws clients do not speak):
//   connect ?header=<base64 auth JSON>&payload=e30=  →  connection_init  →  connection_ack
//   start {data: JSON string, extensions.authorization}  →  start_ack  →  data…  →  stop  →  complete
// The server sends `ka` frames; no frame for connectionTimeoutMs (from the ack) means
// the connection is dead. One connection serves all of a client's subscriptions and
// is closed when the last one ends.
import type { ClientAuth } from './config.js';
import { realtimeAuthHeaders } from './auth.js';
import { AppSyncError, toErrorEntries, type AppSyncErrorEntry } from './errors.js';

/** Browsers' WebSocket or the `ws` package's (Node 20 has no global WebSocket). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => object;

/** The part of the WebSocket API used here (browsers' and `ws` both have it). */
interface Socket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

const OPEN = 1;

export interface SubscriptionSink<TResult> {
  /** A pushed event. `errors` is set when AppSync reported errors beside the data. */
  next(data: TResult, errors?: AppSyncErrorEntry[]): void;
  /** The subscription failed or the connection broke; no further calls follow (except for data-less error events). */
  error?(error: AppSyncError | Error): void;
  /** The server ended the subscription. */
  complete?(): void;
}

export interface RealtimeSubscription {
  /** Resolves on start_ack (the subscription is live: mutations from now on are delivered). */
  readonly started: Promise<void>;
  /** Sends stop; no sink calls follow. */
  unsubscribe(): void;
}

export interface RealtimeOptions {
  graphqlEndpoint: string;
  realtimeEndpoint: string;
  region: string;
  auth: ClientAuth;
  WebSocket?: WebSocketConstructor;
  /** How long to wait for connection_ack and for each start_ack. Default 15 s. */
  ackTimeoutMs?: number;
}

interface Active {
  sink: SubscriptionSink<unknown>;
  acked: boolean;
  resolveStarted(): void;
  rejectStarted(error: Error): void;
  ackTimer?: ReturnType<typeof setTimeout>;
}

function base64Json(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** One AppSync real-time connection and its subscriptions. */
export class RealtimeConnection {
  private socket: Socket | undefined;
  private ready: Promise<void> | undefined;
  private readonly subs = new Map<string, Active>();
  private kaTimer: ReturnType<typeof setTimeout> | undefined;
  private kaTimeoutMs = 300_000;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by teardown: an open() still awaiting its auth headers then gives up instead of opening a socket nobody owns. */
  private epoch = 0;

  constructor(private readonly options: RealtimeOptions) {}

  subscribe<TResult>(query: string, variables: unknown, sink: SubscriptionSink<TResult>): RealtimeSubscription {
    const id = newId();
    let resolveStarted!: () => void;
    let rejectStarted!: (e: Error) => void;
    const started = new Promise<void>((resolve, reject) => {
      resolveStarted = resolve;
      rejectStarted = reject;
    });
    // The sink hears about failures; `started` must not crash a caller who ignores it.
    started.catch(() => {});
    const active: Active = { sink: sink as SubscriptionSink<unknown>, acked: false, resolveStarted, rejectStarted };
    this.subs.set(id, active);
    if (this.closeTimer) clearTimeout(this.closeTimer);

    void this.start(id, active, query, variables).catch((err: unknown) => {
      this.fail(id, err instanceof Error ? err : new Error(String(err)));
    });

    return {
      started,
      unsubscribe: () => {
        const current = this.subs.get(id);
        if (!current) return;
        this.remove(id);
        current.rejectStarted(new Error('Unsubscribed before start_ack'));
        if (this.socket?.readyState === OPEN) this.send({ type: 'stop', id });
        this.closeWhenIdle();
      },
    };
  }

  /** Closes the socket; every live subscription gets an error. */
  close(): void {
    this.teardown(new Error('AppSync real-time connection closed by the client'));
  }

  private async start(id: string, active: Active, query: string, variables: unknown): Promise<void> {
    await this.connect();
    if (this.subs.get(id) !== active) return; // unsubscribed meanwhile
    const data = JSON.stringify({ query, variables: variables ?? {} });
    const authorization = await realtimeAuthHeaders(this.options.auth, this.options.graphqlEndpoint, this.options.region, {
      data,
    });
    if (this.subs.get(id) !== active) return;
    active.ackTimer = setTimeout(
      () => this.fail(id, new Error('AppSync real-time: no start_ack in time')),
      this.options.ackTimeoutMs ?? 15_000,
    );
    this.send({ id, type: 'start', payload: { data, extensions: { authorization } } });
  }

  private connect(): Promise<void> {
    if (this.ready) return this.ready;
    const ready = this.open();
    this.ready = ready;
    // A failed handshake must not poison later subscribe() calls (nor forget a newer one).
    ready.catch(() => {
      if (this.ready === ready) this.ready = undefined;
    });
    return ready;
  }

  private async open(): Promise<void> {
    const { auth, graphqlEndpoint, realtimeEndpoint, region } = this.options;
    const Impl = this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Impl) throw new Error('No WebSocket implementation: pass the `ws` package as options.WebSocket on Node 20');
    const epoch = this.epoch;
    const header = await realtimeAuthHeaders(auth, graphqlEndpoint, region, { connect: true });
    if (epoch !== this.epoch) throw new Error('AppSync real-time connection closed by the client');
    const url = new URL(realtimeEndpoint);
    url.searchParams.set('header', base64Json(header));
    url.searchParams.set('payload', base64Json({}));

    const socket = new Impl(url.toString(), ['graphql-ws']) as Socket;
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('AppSync real-time: no connection_ack in time'));
        socket.close();
      }, this.options.ackTimeoutMs ?? 15_000);
      const settle = (err?: Error) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init' }));
      socket.onerror = () => settle(new Error('AppSync real-time: WebSocket error'));
      socket.onclose = (ev) => {
        settle(new Error(`AppSync real-time: connection closed (${ev.code ?? ''} ${ev.reason ?? ''})`.trim()));
        if (this.socket === socket) this.teardown(new Error('AppSync real-time: connection closed'));
      };
      socket.onmessage = (ev) => this.receive(ev.data, settle);
    });
  }

  private receive(raw: unknown, settleHandshake: (err?: Error) => void): void {
    let msg: { type?: string; id?: string; payload?: Record<string, unknown> };
    try {
      msg = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      return;
    }
    this.keepAlive();
    const active = msg.id ? this.subs.get(msg.id) : undefined;
    switch (msg.type) {
      case 'connection_ack': {
        const timeout = Number(msg.payload?.connectionTimeoutMs);
        if (Number.isFinite(timeout) && timeout > 0) this.kaTimeoutMs = timeout;
        this.keepAlive();
        settleHandshake();
        return;
      }
      case 'connection_error': {
        const err = new AppSyncError(toErrorEntries(msg.payload?.errors));
        settleHandshake(err);
        this.teardown(err);
        return;
      }
      case 'ka':
        return;
      case 'start_ack':
        if (active && !active.acked) {
          active.acked = true;
          clearTimeout(active.ackTimer);
          active.resolveStarted();
        }
        return;
      case 'data': {
        if (!active) return;
        const errors = toErrorEntries(msg.payload?.errors);
        const data = msg.payload?.data;
        if (data) active.sink.next(data, errors.length ? errors : undefined);
        else if (errors.length) active.sink.error?.(new AppSyncError(errors));
        return;
      }
      case 'error': {
        if (msg.id) this.fail(msg.id, new AppSyncError(toErrorEntries(msg.payload?.errors)));
        return;
      }
      case 'complete': {
        if (!msg.id) return;
        if (active) {
          this.remove(msg.id);
          active.sink.complete?.();
        }
        this.closeWhenIdle();
        return;
      }
    }
  }

  private fail(id: string, error: Error): void {
    const active = this.subs.get(id);
    if (!active) return;
    this.remove(id);
    active.rejectStarted(error);
    active.sink.error?.(error);
    this.closeWhenIdle();
  }

  private remove(id: string): void {
    const active = this.subs.get(id);
    if (active) clearTimeout(active.ackTimer);
    this.subs.delete(id);
  }

  /** Any frame proves the connection alive; silence for connectionTimeoutMs ends it. */
  private keepAlive(): void {
    if (this.kaTimer) clearTimeout(this.kaTimer);
    this.kaTimer = setTimeout(
      () => this.teardown(new Error('AppSync real-time: keep-alive timeout')),
      this.kaTimeoutMs,
    );
  }

  /** Closes the socket shortly after the last subscription ends (stop frames go out first). */
  private closeWhenIdle(): void {
    if (this.subs.size > 0 || !this.socket) return;
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => {
      if (this.subs.size === 0) this.teardown(undefined);
    }, 50);
  }

  private teardown(error: Error | undefined): void {
    this.epoch += 1;
    if (this.kaTimer) clearTimeout(this.kaTimer);
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.kaTimer = undefined;
    this.closeTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    this.ready = undefined;
    if (socket) {
      socket.onopen = null;
      socket.onclose = null;
      socket.onmessage = null;
      socket.onerror = null;
      try {
        socket.close(1000);
      } catch {
        // already closing
      }
    }
    for (const id of [...this.subs.keys()]) this.fail(id, error ?? new Error('AppSync real-time: connection closed'));
  }

  private send(message: unknown): void {
    this.socket?.send(JSON.stringify(message));
  }
}
