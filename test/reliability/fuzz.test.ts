// Hostile input against a real `appsync-local start` process, on loopback,
// bounded in time and deterministic (a fixed seed): malformed JSON, wrong
// types at every level of the GraphQL request, garbage and truncated
// Authorization headers (JWT and SigV4 shapes), random WebSocket frames of
// every message type of AppSync's real-time protocol, oversized bodies and
// frames. The process must never die nor log an exception nothing caught,
// its memory must stay bounded, and every answer must be in AppSync's shape:
// HTTP JSON with errors[] (errorType on every refusal), WebSocket
// connection_error / error frames with errors[].
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { mintToken } from '../../local/server/auth/tokens.js';
import { loadOrCreateKeys, type LocalKeys } from '../../local/server/keys.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'local/cli/bin.js');
const dataDir = mkdtempSync(join(tmpdir(), 'appsync-fuzz-'));
const SEED = 0x5eed_13;

// mulberry32: small, fast, deterministic.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const chars = 'abc{}[]()$@!:.,"\\ \n\t#=|&-_0123456789é☃\u0000\ud800';
const garbage = (max: number): string => Array.from({ length: int(max) }, () => chars[int(chars.length)]).join('');
// A URL component of any text (lone surrogates cannot be percent-encoded).
const uri = (s: string): string => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?'));
// Header values: any visible ASCII (what an HTTP client can put on the wire).
const headerGarbage = (max: number): string => Array.from({ length: int(max) }, () => String.fromCharCode(33 + int(94))).join('');

/** Any JSON value, nested up to `depth`. */
function value(depth = 3): unknown {
  const kind = int(depth > 0 ? 9 : 6);
  switch (kind) {
    case 0: return null;
    case 1: return random() < 0.5;
    case 2: return pick([0, -1, 1e308, -0.5, 2 ** 53 + 1]);
    case 3: return garbage(40);
    case 4: return pick(['{ __typename }', 'query', '{', '}', 'subscription { onItemChanged { itemId } }', '{ me { userId } }']);
    case 5: return '';
    case 6: return Array.from({ length: int(4) }, () => value(depth - 1));
    default: return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(['query', 'variables', 'operationName', 'extensions', '__proto__', 'constructor', garbage(8)]), value(depth - 1)]));
  }
}

const QUERY_TOKENS = ['{', '}', '(', ')', '...', 'on', 'fragment', 'query', 'mutation', 'subscription', 'me', 'listItems', 'items', 'itemId', '$x', ':', 'Int', '!', '@include(if: true)', '"s"', '"""', '#', '1.5e', '[', ']', 'F', '__schema', '__typename'];
const gqlGarbage = (): string => Array.from({ length: 1 + int(30) }, () => pick(QUERY_TOKENS)).join(' ');

let child: ChildProcess;
let port = 0;
let keys: LocalKeys;
let token = '';
const output: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

const base = () => `http://127.0.0.1:${port}`;

async function alive(): Promise<void> {
  expect(child.exitCode, output.join('\n')).toBeNull();
  const r = await fetch(`${base()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query: '{ __typename }' }),
    signal: AbortSignal.timeout(10_000),
  });
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({ data: { __typename: 'Query' } });
}

beforeAll(async () => {
  port = await freePort();
  child = spawn(
    process.execPath,
    [bin, 'start', '--port', String(port), '--data-dir', dataDir, '--no-build', '--dynamodb-endpoint', inject('dynamodbEndpoint'), '--table-prefix', `fuzz${process.pid}_`, '--frontend-config', join(dataDir, 'fc.json')],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
  );
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output.join('')}`);
    try {
      if ((await fetch(`${base()}/.well-known/jwks.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  keys = await loadOrCreateKeys(dataDir);
  token = await mintToken(keys, { user: 'fuzzer' });
}, 60_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Checks one HTTP answer is AppSync-shaped. */
function checkHttp(status: number, text: string, label: string): void {
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${label}: not JSON (${status}): ${text.slice(0, 200)}`);
  }
  expect(body && typeof body === 'object' && !Array.isArray(body), label).toBe(true);
  expect(status, label).not.toBe(500);
  if (status !== 200) {
    expect(Array.isArray(body.errors) && body.errors.length > 0, label).toBe(true);
    for (const e of body.errors) {
      expect(typeof e.errorType, label).toBe('string');
      expect(typeof e.message, label).toBe('string');
    }
  } else if (body.errors !== undefined) {
    expect(Array.isArray(body.errors) && body.errors.length > 0, label).toBe(true);
    for (const e of body.errors) expect(typeof e.message, label).toBe('string');
  } else {
    expect('data' in body, label).toBe(true);
  }
}

function authHeader(): Record<string, string> {
  const [h, p, s] = token.split('.');
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const sigv4 = (signed: string) =>
    `AWS4-HMAC-SHA256 Credential=${keys.iam.accessKeyId}/${amzDate.slice(0, 8)}/${keys.region}/appsync/aws4_request, SignedHeaders=${signed}, Signature=${'ab'.repeat(32)}`;
  return pick<Record<string, string>>([
    { authorization: token },
    { authorization: token.slice(0, int(token.length)) },
    { authorization: `${h}.${p}` },
    { authorization: `${h}.${Buffer.from(JSON.stringify(value())).toString('base64url')}.${s}` },
    { authorization: `${Buffer.from(garbage(30)).toString('base64url')}.${Buffer.from(garbage(30)).toString('base64url')}.x` },
    { authorization: `Bearer ${headerGarbage(50)}` },
    { authorization: headerGarbage(200) },
    { authorization: 'x'.repeat(8000) },
    { authorization: sigv4('constructor;host;x-amz-date'), 'x-amz-date': amzDate },
    { authorization: sigv4('__proto__;toString;valueOf'), 'x-amz-date': amzDate },
    { authorization: sigv4('host;x-amz-date').slice(0, 20 + int(150)), 'x-amz-date': amzDate },
    { authorization: sigv4('host;x-amz-date'), 'x-amz-date': headerGarbage(16) },
    { authorization: 'AWS4-HMAC-SHA256 ' + headerGarbage(100) },
    { 'x-api-key': headerGarbage(30) },
    {},
  ]);
}

describe('fuzz', () => {
  it('survives hostile HTTP requests, answering each in AppSync’s shape', async () => {
    await alive();
    const rssBefore = rssBytes(child.pid!);
    const cases: Array<() => { method: string; path: string; headers: Record<string, string>; body?: string }> = [
      // Malformed JSON.
      () => ({ method: 'POST', path: '/graphql', headers: { authorization: token }, body: JSON.stringify({ query: '{ __typename }' }).slice(0, int(28)) + garbage(5) }),
      () => ({ method: 'POST', path: '/graphql', headers: { authorization: token }, body: garbage(200) }),
      // Wrong types at every level.
      () => ({ method: 'POST', path: '/graphql', headers: { authorization: token }, body: JSON.stringify(value(4)) }),
      () => ({ method: 'POST', path: '/graphql', headers: { authorization: token }, body: JSON.stringify({ query: value(2), variables: value(3), operationName: value(1), extensions: value(3) }) }),
      () => ({ method: 'POST', path: '/graphql', headers: { authorization: token }, body: JSON.stringify({ query: '{ me { userId } }', variables: value(3), operationName: value(1) }) }),
      () => ({ method: 'POST', path: '/graphql', headers: { authorization: token }, body: JSON.stringify({ query: 'query Q($limit: Int, $nextToken: String) { listItems(limit: $limit, nextToken: $nextToken) { nextToken } }', variables: { limit: value(2), nextToken: value(2) } }) }),
      // Garbage GraphQL.
      () => ({ method: 'POST', path: '/graphql', headers: { authorization: token }, body: JSON.stringify({ query: gqlGarbage() }) }),
      // Garbage and truncated credentials.
      () => ({ method: 'POST', path: '/graphql', headers: authHeader(), body: JSON.stringify({ query: '{ me { userId } }' }) }),
      // GET with wrong types in the query string.
      () => ({ method: 'GET', path: `/graphql?query=${uri(String(value(1)))}&variables=${uri(JSON.stringify(value(2)) ?? '')}&operationName=${uri(garbage(5))}`, headers: { authorization: token } }),
      // Other routes and methods.
      () => ({ method: pick(['PUT', 'DELETE', 'PATCH', 'POST', 'GET']), path: pick(['/', '/token?user=' + uri(garbage(10)), '/graphql/realtime', '/%ff%fe', '/.well-known/jwks.json', '/graphql?' + garbage(20)]), headers: { host: pick([`localhost:${port}`, headerGarbage(10) || 'x']) }, body: garbage(50) }),
    ];
    let answered = 0;
    const total = 240;
    for (let batch = 0; batch < total; batch += 8) {
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          const c = pick(cases)();
          const label = `${c.method} ${c.path.slice(0, 80)} ${JSON.stringify(c.headers).slice(0, 120)} ${(c.body ?? '').slice(0, 120)}`;
          const hasBody = c.body !== undefined && c.method !== 'GET';
          const res = await fetch(`${base()}${c.path}`, {
            method: c.method,
            headers: { 'content-type': 'application/json', ...c.headers },
            ...(hasBody ? { body: c.body } : {}),
            signal: AbortSignal.timeout(10_000),
          });
          const text = await res.text();
          // Successes of the other routes (the console's page, the JWKS, the
          // token mint for this local caller) are not GraphQL answers.
          if (c.path.startsWith('/graphql') || res.status !== 200) checkHttp(res.status, text, label);
          answered += 1;
        }),
      );
      expect(child.exitCode, output.join('')).toBeNull();
    }
    expect(answered).toBe(total);

    // Oversized bodies: refused with 413 in AppSync's shape, a few times over.
    for (let i = 0; i < 3; i += 1) {
      const res = await fetch(`${base()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(2 * 1024 * 1024)}` }), signal: AbortSignal.timeout(10_000) });
      expect(res.status).toBe(413);
      checkHttp(res.status, await res.text(), 'oversized');
    }
    await alive();
    const grown = rssBytes(child.pid!) - rssBefore;
    expect(grown, `RSS grew by ${Math.round(grown / 1e6)} MB`).toBeLessThan(200 * 1024 * 1024);
  });

  it('survives random WebSocket frames of every message type, answering in AppSync’s shape', async () => {
    const rssBefore = rssBytes(child.pid!);
    const host = `127.0.0.1:${port}`;
    const connectAuth = (): Record<string, string> => pick([{ authorization: token, host }, { ...authHeader(), host }, value(2) as Record<string, string>]);
    const frame = (): string => {
      const type = pick(['connection_init', 'start', 'stop', 'ka', 'unknown', garbage(6)]);
      const data = pick([JSON.stringify({ query: pick(['subscription { onItemChanged { itemId } }', gqlGarbage()]), variables: value(2) }), value(2)]);
      const payload = pick([{ data, extensions: { authorization: pick([{ authorization: token, host }, authHeader(), value(2)]) } }, value(3)]);
      const msg = pick<unknown>([{ type, id: pick([String(int(5)), value(1)]), payload }, { type }, value(3)]);
      return pick([JSON.stringify(msg), JSON.stringify(msg).slice(0, int(40)), garbage(30)]);
    };
    const AWS_TYPES = new Set(['connection_ack', 'ka', 'start_ack', 'data', 'complete', 'error', 'connection_error']);
    const connections = 30;
    for (let i = 0; i < connections; i += 1) {
      const auth = connectAuth();
      const header = Buffer.from(JSON.stringify(auth) ?? 'null').toString(pick(['base64url', 'base64']) as BufferEncoding);
      const url = pick([`ws://${host}/graphql/realtime`, `ws://${host}/graphql/realtime?header=${uri(header)}&payload=e30=`]);
      const protocols = pick([['graphql-ws', `header-${Buffer.from(JSON.stringify(auth) ?? '').toString('base64url')}`], ['graphql-ws'], ['graphql-transport-ws']]);
      const ws = new WebSocket(url, protocols);
      const received: any[] = [];
      ws.on('error', () => {});
      const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
      ws.on('message', (d) => received.push(String(d)));
      const opened = await new Promise<boolean>((resolve) => {
        ws.once('open', () => resolve(true));
        ws.once('close', () => resolve(false));
      });
      if (opened) {
        if (random() < 0.7) ws.send(JSON.stringify({ type: 'connection_init' }));
        for (let f = 0; f < 12 && ws.readyState === ws.OPEN; f += 1) {
          if (random() < 0.05) ws.send(Buffer.from(garbage(20)), { binary: true });
          else if (i % 10 === 9 && f === 5) ws.send('x'.repeat(2 * 1024 * 1024));
          else ws.send(frame());
        }
        await new Promise((r) => setTimeout(r, 150));
        ws.close();
      }
      await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
      for (const raw of received) {
        const m = JSON.parse(raw);
        expect(AWS_TYPES.has(m.type), raw).toBe(true);
        if (m.type === 'error' || m.type === 'connection_error') {
          expect(Array.isArray(m.payload?.errors) && m.payload.errors.length > 0, raw).toBe(true);
          for (const e of m.payload.errors) expect(typeof e.message, raw).toBe('string');
        }
      }
      expect(child.exitCode, output.join('')).toBeNull();
    }
    await alive();
    const grown = rssBytes(child.pid!) - rssBefore;
    expect(grown, `RSS grew by ${Math.round(grown / 1e6)} MB`).toBeLessThan(200 * 1024 * 1024);
  });

  it('logged no exception that a handler failed to catch', async () => {
    await alive();
    const log = output.join('');
    expect(log).not.toMatch(/unhandled rejection|uncaught exception|InternalFailureException/i);
  });
});
