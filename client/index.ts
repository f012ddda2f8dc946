// A thin typed client for the API: POSTs typed documents (client/generated/) to
// the GraphQL endpoint with API-key, JWT or IAM (SigV4) auth, throws AppSyncError
// for AppSync's errors, and subscribes over AppSync's real-time protocol.
// fetch-based: runs in browsers and on Node 20.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { ClientAuth, FrontendConfig } from './config.js';
import { authHeaders } from './auth.js';
import { AppSyncError, toErrorEntries, type AppSyncErrorEntry } from './errors.js';
import { toWire, type VariablesArg } from './operation.js';
import {
  RealtimeConnection,
  type RealtimeSubscription,
  type SubscriptionSink,
  type WebSocketConstructor,
} from './realtime.js';

export type { ClientAuth, FrontendConfig, IamCredentials, AuthModeName } from './config.js';
export { AppSyncError, type AppSyncErrorEntry } from './errors.js';
export type { RealtimeSubscription, SubscriptionSink, WebSocketConstructor } from './realtime.js';
export type { TypedDocumentNode };

export interface ClientOptions {
  /** fetch implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** WebSocket implementation for subscribe(); defaults to the global one (pass `ws` on Node 20). */
  WebSocket?: WebSocketConstructor;
  /** Extra headers on every HTTP request. */
  headers?: Record<string, string>;
  /** Timeout for connection_ack and start_ack. Default 15 s. */
  ackTimeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The raw GraphQL answer: data and AppSync's errors (partial results keep both). */
export interface ExecutionResult<TResult> {
  data: TResult | null;
  errors?: AppSyncErrorEntry[];
  status: number;
}

export interface AppSyncClient {
  /** Runs a query or mutation; resolves with `data`, throws AppSyncError if AppSync reported any error. */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...args: [...VariablesArg<TVariables>, options?: RequestOptions]
  ): Promise<TResult>;
  /** Like request, but returns partial data together with the errors instead of throwing for GraphQL errors. */
  execute<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...args: [...VariablesArg<TVariables>, options?: RequestOptions]
  ): Promise<ExecutionResult<TResult>>;
  /** Subscribes over the real-time endpoint; see RealtimeSubscription.started to know when it is live. */
  subscribe<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    sink: SubscriptionSink<TResult>,
  ): RealtimeSubscription;
  /** Closes the real-time connection (live subscriptions get an error). */
  close(): void;
}

export function createClient(config: FrontendConfig, auth: ClientAuth, options: ClientOptions = {}): AppSyncClient {
  const endpoint = new URL(config.graphqlEndpoint);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let realtime: RealtimeConnection | undefined;

  async function execute<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: unknown,
    requestOptions: RequestOptions = {},
  ): Promise<ExecutionResult<TResult>> {
    const wire = toWire(document);
    const body = JSON.stringify({ ...wire, variables: variables ?? {} });
    const base = { 'content-type': 'application/json', ...options.headers, ...requestOptions.headers };
    const headers = await authHeaders(auth, endpoint, body, config.region, base);
    // fetch sets Host itself (to the same value that was signed).
    delete headers.host;
    const response = await doFetch(endpoint, { method: 'POST', headers, body, signal: requestOptions.signal });
    const text = await response.text();
    let parsed: { data?: TResult | null; errors?: unknown };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppSyncError([{ message: `Unexpected response (HTTP ${response.status}): ${text.slice(0, 200)}` }], {
        status: response.status,
      });
    }
    const errors = toErrorEntries(parsed.errors);
    // Request-level refusals (401 UnauthorizedException, 400 MalformedHttpRequestException) carry no data.
    if (!response.ok) {
      throw new AppSyncError(errors.length ? errors : [{ message: `HTTP ${response.status}` }], {
        status: response.status,
      });
    }
    return { data: parsed.data ?? null, ...(errors.length ? { errors } : {}), status: response.status };
  }

  function split(args: unknown[]): [unknown, RequestOptions | undefined] {
    return [args[0], args[1] as RequestOptions | undefined];
  }

  return {
    execute(document, ...args) {
      const [variables, requestOptions] = split(args);
      return execute(document, variables, requestOptions);
    },
    async request(document, ...args) {
      const [variables, requestOptions] = split(args);
      const result = await execute(document, variables, requestOptions);
      if (result.errors) throw new AppSyncError(result.errors, { data: result.data, status: result.status });
      return result.data as NonNullable<typeof result.data>;
    },
    subscribe(document, variables, sink) {
      realtime ??= new RealtimeConnection({
        graphqlEndpoint: config.graphqlEndpoint,
        realtimeEndpoint: config.realtimeEndpoint,
        region: config.region,
        auth,
        WebSocket: options.WebSocket,
        ackTimeoutMs: options.ackTimeoutMs,
      });
      return realtime.subscribe(toWire(document).query, variables, sink);
    },
    close() {
      realtime?.close();
    },
  };
}
