// POST/GET /graphql with AppSync's request parsing, status codes and bodies;
// CORS for browsers on any origin (AppSync answers preflights for any origin).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator, GraphQLResponseBody, GraphQLService, Headers, RequestTrace } from './types.js';

/** AppSync does not document a body limit; 1 MB matches its schema and template-output limits. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function lowerHeaders(req: IncomingMessage): Headers {
  const out: Headers = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

const CORS_HEADERS = {
  'access-control-allow-headers': '*, authorization, content-type, x-api-key, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'x-amzn-RequestId, x-amzn-ErrorType, x-amz-user-agent, x-amzn-ErrorMessage, Date',
  'access-control-max-age': '86400',
};

export function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': extra['x-amzn-requestid'] ?? randomUUID(),
    ...extra,
  });
  res.end(text);
}

function malformed(message: string): { errors: Array<{ errorType: string; message: string }> } {
  return { errors: [{ errorType: 'MalformedHttpRequestException', message }] };
}

/** Past this much, an oversized body is not even drained: the connection is dropped. */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<{ ok: true; text: string } | { ok: false; aborted?: true }> {
  // Stream events rather than `for await`: the async iterator costs several
  // promises per request, and this runs for every request.
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // An oversized body is drained (not kept) so the 413 reaches the client on
    // an intact connection; stopping early would destroy the socket under a
    // keep-alive client mid-request.
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        req.off('data', onData);
        req.destroy();
        resolve({ ok: false });
        return;
      }
      if (size <= limit) chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(size > limit ? { ok: false } : { ok: true, text: chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8') }));
    // The client went away mid-body ('aborted' error, then close): nobody is
    // left to answer. Neither settles anything once 'end' has resolved.
    req.once('error', () => resolve({ ok: false, aborted: true }));
    req.once('close', () => resolve({ ok: false, aborted: true }));
  });
}

export interface GraphQLRequestInfo {
  status: number;
  operationName: string | null;
  ms: number;
  errorType?: string;
  trace?: RequestTrace;
  /** The answer's errors[] (field errors and request errors), as `errorType@path` in the log. */
  errors?: readonly unknown[];
}

export interface GraphQLHttpOptions {
  service: () => GraphQLService;
  authenticator: () => Authenticator;
  maxBodyBytes?: number;
  onRequest?: (info: GraphQLRequestInfo) => void;
}

type Parsed = { ok: true; query: string; variables: Record<string, unknown> | null; operationName: string | null } | { ok: false; status: number; body: unknown };

function parseGraphQLBody(text: string): Parsed {
  if (text.trim() === '') return { ok: false, status: 400, body: malformed('Request body is empty.') };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, body: malformed('Unable to parse GraphQL query.') };
  }
  // Batched bodies ([…]) are not supported by AppSync.
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { ok: false, status: 400, body: malformed('Unable to parse GraphQL query.') };
  const { query, variables, operationName } = json as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') return { ok: false, status: 400, body: malformed('Unable to parse GraphQL query.') };
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return { ok: false, status: 400, body: malformed('Unable to parse GraphQL query.') };
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return { ok: false, status: 400, body: malformed('Unable to parse GraphQL query.') };
  }
  return { ok: true, query, variables: (variables as Record<string, unknown>) ?? null, operationName: (operationName as string) ?? null };
}

/** The request's URL; a request line no URL parser accepts reads as a bare path. */
export function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://local');
  } catch {
    return new URL('/', 'http://local');
  }
}

function parseGraphQLQueryString(url: URL): Parsed {
  const query = url.searchParams.get('query');
  if (!query) return { ok: false, status: 400, body: malformed('Unable to parse GraphQL query.') };
  let variables: Record<string, unknown> | null = null;
  const v = url.searchParams.get('variables');
  if (v) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      return { ok: false, status: 400, body: malformed('Unable to parse GraphQL query.') };
    }
    // As in a POST body: variables are an object (or null), nothing else.
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) return { ok: false, status: 400, body: malformed('Unable to parse GraphQL query.') };
    variables = parsed as Record<string, unknown> | null;
  }
  return { ok: true, query, variables, operationName: url.searchParams.get('operationName') };
}

/** Handles one request to the GraphQL endpoint (method and path already matched). */
export async function handleGraphQL(req: IncomingMessage, res: ServerResponse, opts: GraphQLHttpOptions): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  const origin = req.headers.origin;
  const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { 'access-control-allow-origin': '*' };
  const report = (status: number, operationName: string | null, errorType?: string, trace?: RequestTrace, errors?: readonly unknown[]): void =>
    opts.onRequest?.({ status, operationName, ms: performance.now() - started, ...(errorType ? { errorType } : {}), ...(trace ? { trace } : {}), ...(errors?.length ? { errors } : {}) });

  if (req.method === 'OPTIONS') {
    res.writeHead(200, { ...cors, ...CORS_HEADERS, 'content-length': 0, 'x-amzn-requestid': requestId });
    res.end();
    return;
  }
  const reply = (status: number, body: unknown, extra: Record<string, string> = {}): void =>
    send(res, status, body, { ...cors, 'x-amzn-requestid': requestId, ...extra });

  const body = req.method === 'POST' ? await readBody(req, opts.maxBodyBytes ?? MAX_BODY_BYTES) : { ok: true as const, text: '' };
  if (!body.ok && body.aborted) return;
  if (!body.ok) {
    reply(413, { errors: [{ errorType: 'PayloadTooLargeException', message: 'Request body is too large.' }] }, {
      'x-amzn-errortype': 'PayloadTooLargeException',
      connection: 'close',
    });
    req.resume();
    report(413, null, 'PayloadTooLargeException');
    return;
  }
  const headers = lowerHeaders(req);
  const auth = await opts.authenticator().authenticate({
    headers,
    method: req.method ?? 'POST',
    path: req.url ?? '/graphql',
    body: body.text,
    ...(req.socket.remoteAddress ? { sourceIp: req.socket.remoteAddress.replace(/^::ffff:/, '') } : {}),
  });
  if (!auth.ok) {
    const errorType = auth.body.errors[0]?.errorType ?? 'UnauthorizedException';
    reply(auth.status, auth.body, { 'x-amzn-errortype': errorType });
    report(auth.status, null, errorType);
    return;
  }
  const parsed = req.method === 'GET' ? parseGraphQLQueryString(requestUrl(req)) : parseGraphQLBody(body.text);
  if (!parsed.ok) {
    reply(parsed.status, parsed.body, { 'x-amzn-errortype': 'MalformedHttpRequestException' });
    report(parsed.status, null, 'MalformedHttpRequestException');
    return;
  }
  let result: { status: number; body: GraphQLResponseBody; trace?: RequestTrace };
  try {
    result = await opts.service().execute({ query: parsed.query, variables: parsed.variables, operationName: parsed.operationName, auth, headers });
  } catch (e) {
    reply(500, { errors: [{ errorType: 'InternalFailureException', message: `An internal failure occurred: ${(e as Error).message}` }] });
    report(500, parsed.operationName, 'InternalFailureException');
    throw e;
  }
  reply(result.status, result.body);
  report(result.status, parsed.operationName, undefined, result.trace, result.body.errors);
}
