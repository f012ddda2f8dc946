// The fixture API over real HTTP: AppSync's request handling, execution, errors and limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalAppSync } from '../../local/server/index.js';
import type { MutationEvent } from '../../local/server/types.js';
import { post, startFixture } from './support.js';

let app: LocalAppSync;
let key: Record<string, string>;
const logged: string[] = [];
beforeAll(async () => {
  app = await startFixture({ log: (line) => logged.push(line) });
  key = { 'x-api-key': app.apiKey };
});
afterAll(async () => {
  await app?.stop();
});

describe('HTTP requests', () => {
  it('refuses an empty body, unparsable JSON, a batch and a body without query with 400', async () => {
    const empty = await post(app.url, '', key);
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: 'Request body is empty.' }] });
    for (const body of ['meow', '{}}', '{}', '[]', JSON.stringify([{ query: '{ whoami }' }])]) {
      const r = await post(app.url, body, key);
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }] });
    }
  });

  it('refuses a body over the size limit with 413', async () => {
    const r = await post(app.url, { query: `{ whoami } # ${'x'.repeat(1024 * 1024)}` }, key);
    expect(r.status).toBe(413);
    expect(r.body.errors[0].errorType).toBe('PayloadTooLargeException');
  });

  it('shrugs off a client that hangs up in the middle of its body', async () => {
    const { connect } = await import('node:net');
    const { port } = new URL(app.url);
    await new Promise<void>((done, fail) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-api-key: ${app.apiKey}\r\ncontent-length: 1000\r\n\r\n{"query":`);
        setTimeout(() => {
          socket.destroy();
          done();
        }, 50);
      });
      socket.on('error', fail);
    });
    const r = await post(app.url, { query: '{ whoami }' }, key);
    expect(r.status).toBe(200);
    expect(r.body.data.whoami).toBeTypeOf('string');
    // Nobody is left to answer, and it is not the server's failure.
    expect(logged.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('refuses a request without credentials whole, with 401 and x-amzn-ErrorType', async () => {
    const r = await post(app.url, { query: '{ whoami }' });
    expect(r.status).toBe(401);
    expect(r.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(r.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'Missing authorization header' }] });
    expect(r.body.data).toBeUndefined();
  });

  it('answers GET with query parameters and CORS preflights from any origin', async () => {
    const res = await fetch(`${app.url}?query=${encodeURIComponent('{ whoami }')}`, { headers: key });
    expect(res.status).toBe(200);
    expect((await res.json()).data.whoami).toBeTypeOf('string');
    const pre = await fetch(app.url, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/x-api-key/);
  });

  it('reports validation errors in graphql-java words with HTTP 200 and no errorType', async () => {
    const r = await post(app.url, { query: '{ getNote(id: "1") { nope } }' }, key);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      data: null,
      errors: [{ path: null, locations: [{ line: 1, column: 22, sourceName: null }], message: "Validation error of type FieldUndefined: Field 'nope' in type 'Note' is undefined @ 'getNote/nope'" }],
    });
  });

  it('reports a bad literal argument as a WrongType validation error', async () => {
    const r = await post(app.url, { query: '{ putNoteX: getNote(id: "1") { id } }' }, key);
    expect(r.status).toBe(200);
    const m = await post(app.url, { query: 'mutation { putNote(id: "1", text: "t", meta: "{a: 1}") { id } }' }, key);
    expect(m.body.errors[0].message).toBe("Validation error of type WrongType: argument 'meta' with value 'StringValue{value='{a: 1}'}' is not a valid 'AWSJSON' @ 'putNote'");
  });
});

describe('execution', () => {
  it('runs unit resolvers against DynamoDB, mutations then queries, with AWS scalars both ways', async () => {
    const put = await post(app.url, { query: 'mutation M($m: AWSJSON) { putNote(id: "n1", text: "hello", meta: $m) { id text createdAt meta } }', variables: { m: '{"tags":["a"]}' } }, key);
    expect(put.status).toBe(200);
    expect(put.body.errors).toBeUndefined();
    expect(put.body.data.putNote).toMatchObject({ id: 'n1', text: 'hello', meta: '{"tags":["a"]}' });
    expect(put.body.data.putNote.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const get = await post(app.url, { query: '{ getNote(id: "n1") { id text } }' }, key);
    expect(get.body).toEqual({ data: { getNote: { id: 'n1', text: 'hello' } } });
  });

  it('runs pipelines: before, functions in order with ctx.prev and a shared stash, after', async () => {
    const r = await post(app.url, { query: '{ pipeline(x: 4) }' }, key);
    expect(JSON.parse(r.body.data.pipeline)).toEqual({ trail: ['before', 'first', 'second', 'after'], prev: 50 });
  });

  it('gives resolvers ctx.env with physical table names, request headers without cookies, and identity', async () => {
    const r = await post(app.url, { query: '{ whoami }' }, { ...key, 'x-test': 'yes', cookie: 'a=b' });
    const who = JSON.parse(r.body.data.whoami);
    expect(who).toEqual({ identity: null, header: 'yes', cookie: null, env: { table: app.tableNames.notes, greeting: 'hello' } });
    expect(app.tableNames.notes).toMatch(/notes$/);
    const token = await app.mintToken('carol', ['staff']);
    const c = JSON.parse((await post(app.url, { query: '{ whoami }' }, { authorization: token })).body.data.whoami);
    expect(c.identity).toMatchObject({ username: 'carol', groups: ['staff'], sourceIp: ['127.0.0.1'] });
  });

  it('computes ctx.info like AppSync: aliases, nested paths, fragments, variables', async () => {
    const query = `query Q($l: Int) { info(limit: $l) { id alias: text ...F ... on Note { createdAt } } }
      fragment F on Note { meta }`;
    const r = await post(app.url, { query, variables: { l: 3 } }, key);
    const info = JSON.parse(r.body.data.info.alias);
    expect(info.fieldName).toBe('info');
    expect(info.parentTypeName).toBe('Query');
    expect(info.variables).toEqual({ l: 3 });
    expect(info.selectionSetList).toEqual(['id', 'alias', 'meta', 'createdAt']);
    expect(info.selectionSetGraphQL).toContain('alias: text');
    expect(info.selectionSetGraphQL).toContain('...F');
  });

  it('turns util.error into a null field plus an AppSync error, keeping sibling data', async () => {
    const r = await post(app.url, { query: '{ fail whoami }' }, key);
    expect(r.status).toBe(200);
    expect(r.body.data.fail).toBeNull();
    expect(r.body.data.whoami).toBeTypeOf('string');
    expect(r.body.errors).toEqual([
      { path: ['fail'], data: { detail: 1 }, errorType: 'Custom', errorInfo: { info: 2 }, locations: [{ line: 1, column: 3, sourceName: null }], message: 'it broke' },
    ]);
  });

  it('keeps the value of a field that used util.appendError', async () => {
    const r = await post(app.url, { query: '{ partial }' }, key);
    expect(r.body.data).toEqual({ partial: 'kept' });
    expect(r.body.errors).toMatchObject([{ path: ['partial'], errorType: 'Appended', message: 'also this' }]);
  });

  it('nulls a field whose resolver returned an invalid scalar', async () => {
    const r = await post(app.url, { query: '{ badDate }' }, key);
    expect(r.body.data).toEqual({ badDate: null });
    expect(r.body.errors[0].message).toBe("Can't serialize value (/badDate) : Unable to serialize `2020-05-23T06:4:37.000Z` as a valid DateTime Object.");
  });

  it('enforces the query depth limit before running anything', async () => {
    const ok = await post(app.url, { query: '{ level { next { next { n } } } }' }, key);
    expect(ok.body.data.level.next.next.n).toBe(3);
    const deep = await post(app.url, { query: '{ level { next { next { next { n } } } } }' }, key);
    expect(deep.status).toBe(200);
    expect(deep.body.data).toBeNull();
    expect(deep.body.errors[0].message).toMatch(/depth/);
  });

  it('rejects a depth bomb quickly without running resolvers', async () => {
    const query = `{ level ${'{ next '.repeat(400)}{ n }${' }'.repeat(400)} }`;
    const t = performance.now();
    const r = await post(app.url, { query }, key);
    expect(r.body.data).toBeNull();
    expect(r.body.errors[0].message).toBe('maximum query depth exceeded 402 > 4');
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('reports a bad variable with graphql-java wording', async () => {
    const r = await post(app.url, { query: 'mutation M($t: String!) { putNote(id: "x", text: $t) { id } }', variables: { t: null } }, key);
    expect(r.body).toMatchObject({ data: null, errors: [{ message: "Variable 't' has coerced Null value for NonNull type 'String!'", path: null }] });
  });
});

describe('field authorization over HTTP', () => {
  it('gives a field-level Unauthorized error with partial data when a group is missing', async () => {
    await post(app.url, { query: 'mutation { putNote(id: "s1", text: "t") { id } }' }, key);
    const bob = await app.mintToken('bob');
    const r = await post(app.url, { query: '{ getNote(id: "s1") { id secret } }' }, { authorization: bob });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ getNote: { id: 's1', secret: null } });
    expect(r.body.errors).toEqual([
      { path: ['getNote', 'secret'], data: null, errorType: 'Unauthorized', errorInfo: null, locations: [{ line: 1, column: 26, sourceName: null }], message: 'Not Authorized to access secret on type Note' },
    ]);
    const admin = await app.mintToken('ann', ['admin']);
    const a = await post(app.url, { query: '{ getNote(id: "s1") { secret } }' }, { authorization: admin });
    expect(a.body).toEqual({ data: { getNote: { secret: 'secret of s1' } } });
  });

  it('lets only the default mode read fields without directives', async () => {
    const bob = await app.mintToken('bob');
    const r = await post(app.url, { query: '{ partial whoami }' }, { authorization: bob });
    expect(r.body.data.partial).toBeNull();
    expect(r.body.data.whoami).toBeTypeOf('string');
    expect(r.body.errors[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access partial on type Query' });
  });

  it('accepts IAM-signed requests where @aws_iam allows and refuses bad signatures whole', async () => {
    const body = JSON.stringify({ query: '{ whoami }' });
    const u = new URL(app.url);
    const signer = new SignatureV4({ service: 'appsync', region: app.keys.region, credentials: app.keys.iam, sha256: Sha256 });
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/graphql', headers: { host: u.host, 'content-type': 'application/json' }, body });
    const headers = signed.headers as Record<string, string>;
    const r = await post(app.url, body, headers);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.data.whoami).identity).toMatchObject({ accountId: app.keys.accountId, userArn: expect.stringContaining(':user/') });
    const tampered = await post(app.url, JSON.stringify({ query: '{ whoami }  ' }), headers);
    expect(tampered.status).toBe(401);
  });
});

describe('mutation events and subscriptions', () => {
  it('publishes what the mutation caller selected, by field name', async () => {
    const events: MutationEvent[] = [];
    const off = app.service.onMutation((e) => events.push(e));
    await post(app.url, { query: 'mutation { putNote(id: "e1", text: "hi") { id words: text } }' }, key);
    off();
    expect(events).toEqual([{ mutationField: 'putNote', payload: { id: 'e1', text: 'hi' } }]);
  });

  it('starts subscriptions, renders payloads with the subscriber selection and refuses on util.unauthorized', async () => {
    const auth = { ok: true as const, mode: 'API_KEY' as const, identity: null, groups: [] };
    const s = await app.service.startSubscription({ query: 'subscription S($id: ID) { onPutNote(id: $id) { id text createdAt } }', variables: { id: 'e1' }, auth, headers: {} });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.mutations).toEqual(['putNote']);
    expect(s.arguments).toEqual({ id: 'e1' });
    expect(s.render({ id: 'e1', text: 'hi' })).toEqual({ data: { onPutNote: { id: 'e1', text: 'hi', createdAt: null } } });
    // A field the mutation caller did not select cannot satisfy a non-null field of the subscriber.
    const missing = s.render({ id: 'e1' });
    expect(missing.data).toEqual({ onPutNote: null });
    expect(missing.errors?.[0].message).toBe("Cannot return null for non-nullable type: 'String' within parent 'Note' (/onPutNote/text)");

    const refused = await app.service.startSubscription({ query: 'subscription { onPutNote(id: "forbidden") { id } }', auth, headers: {} });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]).toMatchObject({ errorType: 'Unauthorized' });

    const filtered = await app.service.startSubscription({ query: 'subscription { onPutNote(id: "filtered") { id } }', auth, headers: {} });
    expect(filtered.ok && filtered.filter).toBeTruthy();

    const notSub = await app.service.startSubscription({ query: '{ whoami }', auth, headers: {} });
    expect(notSub).toMatchObject({ ok: false, errors: [{ errorType: 'UnsupportedOperation' }] });
  });
});

describe('reload', () => {
  it('swaps in a rebuilt API without losing data or listeners', async () => {
    await post(app.url, { query: 'mutation { putNote(id: "r1", text: "kept") { id } }' }, key);
    const events: MutationEvent[] = [];
    const off = app.service.onMutation((e) => events.push(e));
    await app.reload();
    expect((await post(app.url, { query: '{ getNote(id: "r1") { text } }' }, key)).body).toEqual({ data: { getNote: { text: 'kept' } } });
    await post(app.url, { query: 'mutation { putNote(id: "r2", text: "after") { id } }' }, key);
    off();
    expect(events.map((e) => e.payload)).toEqual([{ id: 'r2' }]);
  });

  it('serves the signing key as a JWKS', async () => {
    const res = await fetch(app.url.replace(/\/graphql$/, '/.well-known/jwks.json'));
    const jwks = await res.json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', kid: app.keys.signingKey.kid });
    expect(jwks.keys[0].d).toBeUndefined();
  });
});
