// The typed client against the local AppSync, over real HTTP and WebSocket:
// every operation in client/operations/, AppSync errors as AppSyncError, and
// subscriptions through AppSync's real-time protocol.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { AppSyncError, createClient, type AppSyncClient, type FrontendConfig } from '../../client/index.js';
import {
  CreateItemDocument,
  CreateProfileDocument,
  DeleteItemDocument,
  GetItemDocument,
  GetUserDocument,
  GetUserWithItemsDocument,
  ListItemsDocument,
  MeDocument,
  MeWithItemsDocument,
  OnCreateItemDocument,
  OnDeleteItemDocument,
  OnUpdateItemDocument,
  UpdateItemDocument,
  UpdateProfileDocument,
  type ItemFieldsFragment,
} from '../../client/generated/graphql.js';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'client-e2e-'));
let app: LocalAppSync;
let config: FrontendConfig;
let alice: AppSyncClient;
let bob: AppSyncClient;
let admin: AppSyncClient;
let aliceId: string;

function clientFor(user: string, groups: string[] = [], email?: string): AppSyncClient {
  let token: Promise<string> | undefined;
  return createClient(config, { jwt: () => (token ??= app.mintToken(user, groups, email ? { email } : undefined)) }, { WebSocket });
}

async function errorOf(promise: Promise<unknown>): Promise<AppSyncError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppSyncError);
  return err as AppSyncError;
}

beforeAll(async () => {
  const frontendConfigPath = join(scratch, 'frontend-config.json');
  app = await startLocalAppSync({
    root,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `client_${process.pid}_`,
    port: 0,
    watch: false,
    frontendConfigPath,
  });
  // The client is configured by the very file the server writes for frontends.
  config = JSON.parse(readFileSync(frontendConfigPath, 'utf8')) as FrontendConfig;
  alice = clientFor('alice');
  bob = clientFor('bob');
  admin = clientFor('root', ['admin']);
});
afterAll(async () => {
  for (const c of [alice, bob, admin]) c?.close();
  await app?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('profiles', () => {
  it('me is null before createProfile, then the created profile', async () => {
    expect((await alice.request(MeDocument)).me).toBeNull();
    const { createProfile } = await alice.request(CreateProfileDocument, {
      input: { email: 'alice@example.com', displayName: 'Alice' },
    });
    aliceId = createProfile.userId;
    expect(createProfile).toMatchObject({ email: 'alice@example.com', displayName: 'Alice' });
    expect((await alice.request(MeDocument)).me).toEqual(createProfile);
  });

  it('updateProfile changes the profile; another user\'s email is refused, a taken verified email is a Conflict', async () => {
    const { updateProfile } = await alice.request(UpdateProfileDocument, { input: { displayName: 'Alice A.' } });
    expect(updateProfile.displayName).toBe('Alice A.');
    await bob.request(CreateProfileDocument, { input: { email: 'bob@example.com', displayName: 'Bob' } });
    const squat = await errorOf(bob.request(UpdateProfileDocument, { input: { email: 'alice@example.com' } }));
    expect(squat.errorType).toBe('ValidationError');
    // Bob's pool account now has alice's address verified (say, re-registered): the guard still refuses it.
    const bobMoved = clientFor('bob', [], 'alice@example.com');
    const err = await errorOf(bobMoved.request(UpdateProfileDocument, { input: { displayName: 'Bob' } }));
    bobMoved.close();
    expect(err.errorType).toBe('Conflict');
    expect(err.errors[0].path).toEqual(['updateProfile']);
  });
});

describe('items', () => {
  let first: ItemFieldsFragment;

  it('createItem, getItem and listItems (newest first, by status, paginated)', async () => {
    first = (await alice.request(CreateItemDocument, { input: { title: 'one', tags: ['a'] } })).createItem;
    expect(first).toMatchObject({ title: 'one', status: 'TODO', version: 1, tags: ['a'], priority: null });
    const second = (await alice.request(CreateItemDocument, { input: { title: 'two', status: 'DONE', priority: 2 } }))
      .createItem;

    expect((await alice.request(GetItemDocument, { itemId: first.itemId })).getItem).toEqual(first);

    const all = (await alice.request(ListItemsDocument, {})).listItems;
    expect(all.items.map((i) => i.title)).toEqual(['two', 'one']);
    const done = (await alice.request(ListItemsDocument, { status: 'DONE' })).listItems;
    expect(done.items.map((i) => i.itemId)).toEqual([second.itemId]);

    const page1 = (await alice.request(ListItemsDocument, { limit: 1 })).listItems;
    expect(page1.items).toHaveLength(1);
    expect(page1.nextToken).toEqual(expect.any(String));
    const page2 = (await alice.request(ListItemsDocument, { limit: 1, nextToken: page1.nextToken })).listItems;
    expect(page2.items.map((i) => i.title)).toEqual(['one']);
  });

  it('another user cannot see the item', async () => {
    expect((await bob.request(GetItemDocument, { itemId: first.itemId })).getItem).toBeNull();
    expect((await bob.request(ListItemsDocument)).listItems.items).toEqual([]);
  });

  it('updateItem bumps the version; a stale expectedVersion is a Conflict', async () => {
    const { updateItem } = await alice.request(UpdateItemDocument, {
      input: { itemId: first.itemId, expectedVersion: 1, status: 'IN_PROGRESS' },
    });
    expect(updateItem).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
    const err = await errorOf(
      alice.request(UpdateItemDocument, { input: { itemId: first.itemId, expectedVersion: 1, title: 'x' } }),
    );
    expect(err.errorType).toBe('Conflict');
    expect(err.data).toBeNull();
  });

  it('me with items and getUser (admins) with items', async () => {
    const { me } = await alice.request(MeWithItemsDocument, { limit: 10 });
    expect(me?.items.items).toHaveLength(2);
    const { getUser } = await admin.request(GetUserWithItemsDocument, { userId: aliceId, status: 'IN_PROGRESS' });
    expect(getUser?.items.items.map((i) => i.itemId)).toEqual([first.itemId]);
    expect((await admin.request(GetUserDocument, { userId: aliceId })).getUser?.email).toBe('alice@example.com');
  });

  it('getUser works for back-end jobs signing with IAM (SigV4)', async () => {
    const job = createClient(config, { iam: app.keys.iam });
    const { getUser } = await job.request(GetUserWithItemsDocument, { userId: aliceId });
    expect(getUser?.email).toBe('alice@example.com');
    expect(getUser?.items.items).toHaveLength(2);
  });

  it('getUser is Unauthorized for non-admins', async () => {
    const err = await errorOf(bob.request(GetUserDocument, { userId: aliceId }));
    expect(err.errorType).toBe('Unauthorized');
    expect(err.data).toEqual({ getUser: null });
  });

  it('deleteItem removes the item; deleting it again is NotFound', async () => {
    const { deleteItem } = await alice.request(DeleteItemDocument, { itemId: first.itemId, expectedVersion: 2 });
    expect(deleteItem.itemId).toBe(first.itemId);
    expect((await alice.request(GetItemDocument, { itemId: first.itemId })).getItem).toBeNull();
    const err = await errorOf(alice.request(DeleteItemDocument, { itemId: first.itemId }));
    expect(err.errorType).toBe('NotFound');
  });

  it('a request without valid credentials is refused whole with 401', async () => {
    const anonymous = createClient(config, { jwt: 'not-a-token' });
    const err = await errorOf(anonymous.request(MeDocument));
    expect(err.status).toBe(401);
    expect(err.errorType).toBe('UnauthorizedException');
  });
});

describe('subscriptions', () => {
  function collect<T>() {
    const events: T[] = [];
    const errors: Error[] = [];
    return { events, errors, sink: { next: (d: T) => events.push(d), error: (e: Error) => errors.push(e) } };
  }

  it('deliver the caller’s item creations, updates and deletions', async () => {
    const created = collect<unknown>();
    const updated = collect<unknown>();
    const deleted = collect<unknown>();
    const subs = [
      alice.subscribe(OnCreateItemDocument, { userId: aliceId }, created.sink),
      alice.subscribe(OnUpdateItemDocument, { userId: aliceId }, updated.sink),
      alice.subscribe(OnDeleteItemDocument, { userId: aliceId }, deleted.sink),
    ];
    await Promise.all(subs.map((s) => s.started));

    const { createItem } = await alice.request(CreateItemDocument, { input: { title: 'live' } });
    await expect.poll(() => created.events).toEqual([{ onCreateItem: createItem }]);

    const { updateItem } = await alice.request(UpdateItemDocument, {
      input: { itemId: createItem.itemId, expectedVersion: 1, title: 'live 2' },
    });
    await expect.poll(() => updated.events).toEqual([{ onUpdateItem: updateItem }]);

    const { deleteItem } = await alice.request(DeleteItemDocument, { itemId: createItem.itemId });
    await expect.poll(() => deleted.events).toEqual([{ onDeleteItem: deleteItem }]);

    subs.forEach((s) => s.unsubscribe());
    expect([...created.errors, ...updated.errors, ...deleted.errors]).toEqual([]);
  });

  it('refuse to subscribe to another user’s items', async () => {
    const spy = collect<unknown>();
    const sub = bob.subscribe(OnCreateItemDocument, { userId: aliceId }, spy.sink);
    await expect(sub.started).rejects.toBeInstanceOf(AppSyncError);
    expect((spy.errors[0] as AppSyncError).errorType).toBe('Unauthorized');
    // Alice's own subscription proves the event went out; Bob's got nothing.
    const own = collect<unknown>();
    const control = alice.subscribe(OnCreateItemDocument, { userId: aliceId }, own.sink);
    await control.started;
    await alice.request(CreateItemDocument, { input: { title: 'not for bob' } });
    await expect.poll(() => own.events.length).toBe(1);
    expect(spy.events).toEqual([]);
    control.unsubscribe();
  });

  it('accept an IAM-signed connection, and refuse IAM on subscription fields that only allow user pools', async () => {
    const job = createClient(config, { iam: app.keys.iam }, { WebSocket });
    const spy = collect<unknown>();
    const sub = job.subscribe(OnCreateItemDocument, { userId: aliceId }, spy.sink);
    const err = (await sub.started.catch((e: unknown) => e)) as AppSyncError;
    // A field-level refusal of the start (not a connection_error): the signed handshake was accepted.
    expect(err).toBeInstanceOf(AppSyncError);
    expect(err.errorType).toBe('Unauthorized');
    job.close();
  });
});
