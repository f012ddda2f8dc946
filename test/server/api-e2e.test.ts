// Our API end to end over real HTTP: every query and mutation, the auth rules of
// the schema, and owner isolation (user B never reads, lists, updates or deletes
// user A's items, nor subscribes to them). Runs the bundles the global setup built.
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';
import type { Authenticated } from '../../local/server/types.js';
import { post } from './support.js';
import { DOORS, doorOptions } from '../support/doors.js';

// Once per door: the in-repo definition and this app's synthesized cdk.out answer alike.
describe.each(DOORS)('through the %s door', (door) => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  let app: LocalAppSync;
  let alice: string, bob: string, admin: string;
  let aliceSub: string, bobSub: string;

  const gql = async (token: string, query: string, variables?: Record<string, unknown>) => post(app.url, { query, variables }, { authorization: token });

  const ITEM = 'itemId userId title status priority dueDate tags createdAt updatedAt version';

  beforeAll(async () => {
    app = await startLocalAppSync({
      ...(await doorOptions(door)),
      root,
      prebuilt: true,
      dataDir: mkdtempSync(join(tmpdir(), 'appsync-e2e-')),
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      tablePrefix: `e2e${process.pid}_${Date.now()}_${door === 'cdk-out' ? 'cdk_' : ''}`,
      frontendConfigPath: false,
    });
    alice = await app.mintToken('alice');
    bob = await app.mintToken('bob');
    admin = await app.mintToken('root', ['admin']);
    for (const [token, name] of [[alice, 'alice'], [bob, 'bob']] as const) {
      const r = await gql(token, 'mutation P($i: CreateProfileInput!) { createProfile(input: $i) { userId email displayName } }', {
        i: { email: `${name}@example.com`, displayName: name },
      });
      expect(r.body.errors).toBeUndefined();
      if (name === 'alice') aliceSub = r.body.data.createProfile.userId;
      else bobSub = r.body.data.createProfile.userId;
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function createItem(token: string, input: Record<string, unknown>) {
    const r = await gql(token, `mutation C($i: CreateItemInput!) { createItem(input: $i) { ${ITEM} } }`, { i: input });
    expect(r.body.errors).toBeUndefined();
    return r.body.data.createItem;
  }

  describe('profiles', () => {
    it('reads my profile with me, and refuses a second profile for the same email', async () => {
      const me = await gql(alice, '{ me { userId email displayName createdAt updatedAt } }');
      expect(me.body.data.me).toMatchObject({ userId: aliceSub, email: 'alice@example.com', displayName: 'alice' });
      // Squatting: carol's token says carol@example.com, so she cannot claim alice's address.
      const carol = await app.mintToken('carol');
      const squat = await gql(carol, 'mutation { createProfile(input: { email: "alice@example.com", displayName: "c" }) { userId } }');
      expect(squat.body.data).toBeNull();
      expect(squat.body.errors[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { reason: 'EMAIL_NOT_YOURS' } });
      // Even a verified look-alike (full-width a, upper case) maps onto alice's guard.
      const twin = await app.mintToken('dave', [], { email: '\uFF41LICE@example.com' });
      const dup = await gql(twin, 'mutation { createProfile(input: { displayName: "d" }) { userId } }');
      expect(dup.body.data).toBeNull();
      expect(dup.body.errors[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EMAIL_TAKEN' } });
      const hidden = await gql(await app.mintToken('erin', [], { email: 'alice\u200b@example.com' }), 'mutation { createProfile(input: { displayName: "e" }) { userId } }');
      expect(hidden.body.errors[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { reason: 'EMAIL_INVISIBLE_CHARACTERS' } });
    });

    it('updates my profile through the pipeline', async () => {
      const r = await gql(alice, 'mutation { updateProfile(input: { displayName: "Alice A." }) { userId displayName } }');
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.updateProfile).toEqual({ userId: aliceSub, displayName: 'Alice A.' });
    });

    it('has no profile before createProfile', async () => {
      const dave = await app.mintToken('dave');
      expect((await gql(dave, '{ me { userId } }')).body).toEqual({ data: { me: null } });
    });
  });

  describe('items', () => {
    it('creates, gets, lists newest first with pagination and by status, updates with versions, deletes', async () => {
      const first = await createItem(alice, { title: 'first', tags: ['a'], dueDate: '2030-01-01' });
      await createItem(alice, { title: 'second', status: 'DONE', priority: 3 });
      expect(first).toMatchObject({ userId: aliceSub, title: 'first', status: 'TODO', version: 1, tags: ['a'], dueDate: '2030-01-01' });

      const got = await gql(alice, `query G($id: ID!) { getItem(itemId: $id) { ${ITEM} } }`, { id: first.itemId });
      expect(got.body.data.getItem).toEqual(first);

      const page1 = await gql(alice, '{ listItems(limit: 1) { items { title } nextToken } }');
      expect(page1.body.data.listItems.items).toEqual([{ title: 'second' }]);
      const next = page1.body.data.listItems.nextToken;
      expect(next).toBeTypeOf('string');
      const page2 = await gql(alice, 'query L($t: String) { listItems(limit: 1, nextToken: $t) { items { title } } }', { t: next });
      expect(page2.body.data.listItems.items).toEqual([{ title: 'first' }]);

      const done = await gql(alice, '{ listItems(status: DONE) { items { title status } } }');
      expect(done.body.data.listItems.items).toEqual([{ title: 'second', status: 'DONE' }]);

      const nested = await gql(alice, '{ me { items(limit: 5) { items { title } } } }');
      expect(nested.body.data.me.items.items.map((i: { title: string }) => i.title)).toEqual(['second', 'first']);

      const upd = await gql(alice, `mutation U($i: UpdateItemInput!) { updateItem(input: $i) { title version status } }`, {
        i: { itemId: first.itemId, expectedVersion: 1, title: 'first!', status: 'IN_PROGRESS' },
      });
      expect(upd.body.data.updateItem).toEqual({ title: 'first!', version: 2, status: 'IN_PROGRESS' });
      const stale = await gql(alice, `mutation U($i: UpdateItemInput!) { updateItem(input: $i) { version } }`, {
        i: { itemId: first.itemId, expectedVersion: 1, title: 'lost update' },
      });
      expect(stale.body.data).toBeNull();
      expect(stale.body.errors[0]).toMatchObject({ errorType: 'Conflict', path: ['updateItem'] });

      const del = await gql(alice, 'mutation D($id: ID!) { deleteItem(itemId: $id, expectedVersion: 2) { itemId title } }', { id: first.itemId });
      expect(del.body.data.deleteItem).toEqual({ itemId: first.itemId, title: 'first!' });
      const gone = await gql(alice, 'query G($id: ID!) { getItem(itemId: $id) { itemId } }', { id: first.itemId });
      expect(gone.body.data.getItem).toBeNull();
    });

    it('refuses invalid input with ValidationError and invalid scalars with a variable error', async () => {
      const r = await gql(alice, 'mutation { createItem(input: { title: "" }) { itemId } }');
      expect(r.body.errors[0].errorType).toBe('ValidationError');
      const bad = await gql(alice, 'mutation C($i: CreateItemInput!) { createItem(input: $i) { itemId } }', { i: { title: 'x', dueDate: '2030-13-01' } });
      expect(bad.body.errors[0].message).toMatch(/^Variable 'i' has an invalid value/);
    });
  });

  describe('bounded cost per request', () => {
    // The definition's resolverCountLimit (25) holds locally as on AWS: an alias flood runs at most
    // 25 resolvers; every field past it fails with AppSync's ResolverExecutionLimitReached.
    it('refuses the fields of an alias flood past the resolver-count limit', async () => {
      // getItem is nullable: 25 aliases resolve (to null), the 15 past the limit are errors.
      const gets = Array.from({ length: 40 }, (_, i) => `g${i}: getItem(itemId: "none${i}") { itemId }`).join(' ');
      const r = await gql(alice, `{ ${gets} }`);
      const errors = r.body.errors as Array<{ errorType: string; path: string[] }>;
      expect(errors).toHaveLength(15);
      for (const e of errors) expect(e).toMatchObject({ errorType: 'ResolverExecutionLimitReached', message: 'Resolver invocation limit reached.' });
      expect(Object.keys(r.body.data)).toHaveLength(40);
      // listItems is non-null: the first refused field nulls the whole answer, as GraphQL's null propagation says.
      const lists = Array.from({ length: 40 }, (_, i) => `l${i}: listItems(limit: 100) { nextToken }`).join(' ');
      const flood = await gql(alice, `{ ${lists} }`);
      expect(flood.body.data).toBeNull();
      expect(flood.body.errors[0]).toMatchObject({ errorType: 'ResolverExecutionLimitReached' });
    });
  });

  describe('owner isolation', () => {
    it('never lets bob read, list, update or delete alice’s items', async () => {
      const item = await createItem(alice, { title: 'private' });
      const read = await gql(bob, 'query G($id: ID!) { getItem(itemId: $id) { itemId } }', { id: item.itemId });
      expect(read.body.data.getItem).toBeNull();
      const list = await gql(bob, '{ listItems(limit: 100) { items { itemId } } }');
      expect(list.body.data.listItems.items.map((i: { itemId: string }) => i.itemId)).not.toContain(item.itemId);
      const upd = await gql(bob, 'mutation U($i: UpdateItemInput!) { updateItem(input: $i) { itemId } }', { i: { itemId: item.itemId, expectedVersion: 1, title: 'mine now' } });
      expect(upd.body.errors[0].errorType).toBe('NotFound');
      const del = await gql(bob, 'mutation D($id: ID!) { deleteItem(itemId: $id) { itemId } }', { id: item.itemId });
      expect(del.body.errors[0].errorType).toBe('NotFound');
      const still = await gql(alice, 'query G($id: ID!) { getItem(itemId: $id) { title version } }', { id: item.itemId });
      expect(still.body.data.getItem).toEqual({ title: 'private', version: 1 });
    });

    it('never lets bob subscribe to alice’s item events', async () => {
      const auth = await app.authenticator.authenticate({ headers: { authorization: bob }, method: 'POST', path: '/graphql', body: '' });
      if (!auth.ok) throw new Error('bob was refused');
      const bobAuth: Authenticated = auth;
      for (const field of ['onCreateItem', 'onUpdateItem', 'onDeleteItem']) {
        const s = await app.service.startSubscription({ query: `subscription S($u: ID!) { ${field}(userId: $u) { itemId } }`, variables: { u: aliceSub }, auth: bobAuth, headers: {} });
        expect(s.ok).toBe(false);
        if (!s.ok) expect(s.errors[0]).toMatchObject({ errorType: 'Unauthorized' });
      }
      const own = await app.service.startSubscription({ query: 'subscription S($u: ID!) { onCreateItem(userId: $u) { itemId } }', variables: { u: bobSub }, auth: bobAuth, headers: {} });
      expect(own.ok).toBe(true);
      if (own.ok) {
        expect(own.mutations).toEqual(['createItem']);
        expect(own.filter).toBeTruthy();
      }
    });
  });

  describe('auth rules of the schema', () => {
    it('lets only admins (and IAM) read any user with getUser', async () => {
      const q = 'query U($id: ID!) { getUser(userId: $id) { userId email } }';
      const denied = await gql(bob, q, { id: aliceSub });
      expect(denied.status).toBe(200);
      expect(denied.body.data).toEqual({ getUser: null });
      expect(denied.body.errors[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access getUser on type Query' });
      const allowed = await gql(admin, q, { id: aliceSub });
      expect(allowed.body.data.getUser).toEqual({ userId: aliceSub, email: 'alice@example.com' });

      const body = JSON.stringify({ query: q, variables: { id: aliceSub } });
      const u = new URL(app.url);
      const signer = new SignatureV4({ service: 'appsync', region: app.keys.region, credentials: app.keys.iam, sha256: Sha256 });
      const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/graphql', headers: { host: u.host, 'content-type': 'application/json' }, body });
      const iam = await post(app.url, body, signed.headers as Record<string, string>);
      expect(iam.body.data.getUser.userId).toBe(aliceSub);
    });

    it('keeps IAM callers out of fields without @aws_iam (default mode only)', async () => {
      const body = JSON.stringify({ query: '{ me { userId } }' });
      const u = new URL(app.url);
      const signer = new SignatureV4({ service: 'appsync', region: app.keys.region, credentials: app.keys.iam, sha256: Sha256 });
      const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/graphql', headers: { host: u.host, 'content-type': 'application/json' }, body });
      const r = await post(app.url, body, signed.headers as Record<string, string>);
      expect(r.body.data).toEqual({ me: null });
      expect(r.body.errors[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access me on type Query' });
    });

    it('refuses requests without credentials, with expired tokens and with API keys (not a mode of this API)', async () => {
      expect((await post(app.url, { query: '{ me { userId } }' })).status).toBe(401);
      const expired = await app.mintToken('alice', [], { expiresIn: -10 });
      const r = await gql(expired, '{ me { userId } }');
      expect(r.status).toBe(401);
      expect(r.body.errors[0].errorType).toBe('UnauthorizedException');
      expect((await post(app.url, { query: '{ me { userId } }' }, { 'x-api-key': app.apiKey })).status).toBe(401);
    });
  });
});
