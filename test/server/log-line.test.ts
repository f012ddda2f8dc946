// The request log tells the truth: the count of resolvers and data-source calls
// a request really ran, and the errorType and path of each error it answered
// with; under load it prints one summary per second instead of a line per request.
import { describe, expect, inject, it } from 'vitest';
import type { ApiDefinition } from '../../local/definition.js';
import type { GraphQLRequestInfo } from '../../local/server/http.js';
import { createRequestLog } from '../../local/server/request-log.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalAppSync } from '../../local/server/index.js';
import { post } from './support.js';

// A list of 30 entries, each with a resolved `sub`: 31 resolvers, over a limit of 25.
// `[Entry!]` makes the 25th sub's error null the whole list, so graphql-js answers
// while the other subs are still running: the case the log used to miscount.
const schema = `
type Entry { n: Int! sub: Int! }
type Query {
  list(count: Int!): [Entry!]
  adminOnly: String @aws_cognito_user_pools(cognito_groups: ["admin"])
  one: Int
}`;
const api: ApiDefinition = {
  name: 'LogLineApi',
  schema: 'schema.graphql',
  sourceDir: 'resolvers',
  outDir: 'dist',
  auth: { default: { type: 'API_KEY' }, additional: [{ type: 'AMAZON_COGNITO_USER_POOLS' }] },
  tables: { entries: { partitionKey: { name: 'id', type: 'S' } } },
  dataSources: { none: { type: 'NONE' }, entries: { type: 'AMAZON_DYNAMODB', table: 'entries' } },
  environment: {},
  functions: {},
  resolvers: [
    { typeName: 'Query', fieldName: 'list', code: 'Query/list', dataSource: 'none' },
    { typeName: 'Entry', fieldName: 'sub', code: 'Entry/sub', dataSource: 'entries' },
    { typeName: 'Query', fieldName: 'adminOnly', code: 'Query/one', dataSource: 'none' },
    { typeName: 'Query', fieldName: 'one', code: 'Query/one', dataSource: 'none' },
  ],
  limits: { resolverCount: 25 },
};
const files = {
  'Query/list': `export function request(ctx) { return { payload: Array.from({ length: ctx.arguments.count }, (_, n) => ({ n })) }; }
export function response(ctx) { return ctx.result; }`,
  // A real round trip to the engine, so the subs are still in flight when the 25th fails.
  'Entry/sub': `export function request(ctx) { return { operation: 'GetItem', key: { id: { S: 'e' + ctx.source.n } } }; }
export function response(ctx) { return ctx.source.n * 2; }`,
  'Query/one': `export function request() { return { payload: 1 }; }
export function response(ctx) { return ctx.result; }`,
};

const requestLine = /^\d\d:\d\d:\d\d\.\d{3} \d{3} /;

describe('request line', () => {
  it('counts every resolver and data-source call that ran, and names each field error', async () => {
    const lines: string[] = [];
    const app = await startLocalAppSync({
      root: mkdtempSync(join(tmpdir(), 'log-line-')),
      api,
      schema,
      files,
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      tablePrefix: `logline${process.pid}_`,
      frontendConfigPath: false,
      log: (l) => lines.push(l),
    });
    try {
      const over = await post(app.url, { query: '{ list(count: 30) { n sub } }' }, { 'x-api-key': app.apiKey });
      expect(over.body.data).toEqual({ list: null });
      expect(over.body.errors.map((e: any) => [e.errorType, e.path.join('.')])).toEqual([['ResolverExecutionLimitReached', 'list.24.sub']]);
      const under = await post(app.url, { query: '{ list(count: 3) { n sub } }' }, { 'x-api-key': app.apiKey });
      expect(under.body.data.list).toEqual([{ n: 0, sub: 0 }, { n: 1, sub: 2 }, { n: 2, sub: 4 }]);
      const denied = await post(app.url, { query: 'query Both { one adminOnly }' }, { 'x-api-key': app.apiKey });
      expect(denied.body.errors.map((e: any) => e.errorType)).toEqual(['Unauthorized']);
      // The line is redacted part by part: an address a client puts in operationName never shows.
      await post(app.url, { query: '{ one }', operationName: 'mail.me@example.org' }, { 'x-api-key': app.apiKey });
    } finally {
      await app.stop();
    }
    const req = lines.filter((l) => requestLine.test(l));
    expect(req).toHaveLength(4);
    // 1 list + the 24 subs that ran before the 25th hit the limit: 1 NONE call + 24 GetItems.
    expect(req[0]).toMatch(/ 200 query \(anonymous\) resolvers=25 ds=25 errors=ResolverExecutionLimitReached@list\.24\.sub [\d.]+ms$/);
    expect(req[1]).toMatch(/ 200 query \(anonymous\) resolvers=4 ds=4 [\d.]+ms$/);
    // The denied field ran nothing; its error is named.
    expect(req[2]).toMatch(/ 200 query Both resolvers=1 ds=1 errors=Unauthorized@adminOnly [\d.]+ms$/);
    expect(req[3]).toMatch(/ 400 <email> errors=BadRequestException [\d.]+ms$/);
  });
});

describe('quiet log under load', () => {
  const info = (over: Partial<GraphQLRequestInfo> = {}): GraphQLRequestInfo => ({ status: 200, operationName: 'Op', ms: 5, ...over });

  it('prints up to the budget of lines in a second, then a summary; a busy second after prints only its summary', () => {
    let t = 10_000;
    const out: string[] = [];
    const log = createRequestLog({ print: (l) => out.push(l), linesPerSecond: 5, now: () => t, manual: true });
    for (let i = 0; i < 100; i += 1) log.request(info({ ms: i + 1 }));
    log.request(info({ errors: [{ errorType: 'Conflict', path: ['updateItem'] }] }));
    log.request(info({ status: 401, errorType: 'UnauthorizedException' }));
    expect(out).toHaveLength(7); // 5 lines, then only the two failures
    expect(out[5]).toMatch(/ 200 Op errors=Conflict@updateItem 5\.0ms$/);
    expect(out[6]).toMatch(/ 401 Op UnauthorizedException 5\.0ms$/);
    t += 1000;
    log.flush();
    expect(out[7]).toMatch(/^\d\d:\d\d:10 summary 1s: 102 requests \(95 not shown\) 200×101 401×1 errors: Conflict×1 UnauthorizedException×1 p50=49\.0ms p99=99\.0ms$/);
    for (let i = 0; i < 50; i += 1) log.request(info());
    expect(out).toHaveLength(8); // busy: no request line at all
    t += 1000;
    log.request(info()); // the next second: still busy after 50 > 5, so summarized
    expect(out[8]).toMatch(/summary 1s: 50 requests \(50 not shown\)/);
    log.stop();
    expect(out).toHaveLength(10);
    expect(out[9]).toMatch(/summary 1s: 1 requests \(1 not shown\)/);
  });

  it('prints every line when quiet or verbose, and no summary when nothing went unshown', () => {
    let t = 0;
    const quiet: string[] = [];
    const q = createRequestLog({ print: (l) => quiet.push(l), linesPerSecond: 5, now: () => t, manual: true });
    for (let i = 0; i < 5; i += 1) {
      q.request(info());
      t += 1000;
      q.flush();
    }
    q.stop();
    expect(quiet).toHaveLength(5);
    expect(quiet.every((l) => requestLine.test(l))).toBe(true);
    const verbose: string[] = [];
    const v = createRequestLog({ print: (l) => verbose.push(l), linesPerSecond: 5, verbose: true, now: () => 0, manual: true });
    for (let i = 0; i < 50; i += 1) v.request(info());
    v.stop();
    expect(verbose).toHaveLength(50);
  });
});
