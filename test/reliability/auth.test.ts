// Who may see what: every kind of bad credential is refused whole, and one
// user can never reach another user's items — read, list, update, delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair, importJWK } from 'jose';
import { startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
let aliceItem: string;

beforeAll(async () => {
  api = await startTestApi('auth');
  await api.gql('alice', `mutation { createProfile(input: { email: "alice@example.com", displayName: "Alice" }) { userId } }`);
  const r = await api.gql('alice', `mutation { createItem(input: { title: "private" }) { itemId } }`);
  aliceItem = r.body.data.createItem.itemId;
});
afterAll(async () => api?.stop());

function payload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

async function refused(headers: Record<string, string>) {
  const r = await api.gql({ headers }, `{ me { userId email } }`);
  expect(r.status).toBe(401);
  expect(r.body.data ?? null).toBeNull();
  expect(r.body.errors?.[0]?.errorType).toBe('UnauthorizedException');
}

describe('requests without valid credentials are refused whole (401)', () => {
  it('no token', async () => {
    await refused({});
  });

  it('a token with a bad signature', async () => {
    const good = await api.token('alice');
    const [h, p, s] = good.split('.');
    await refused({ authorization: `${h}.${p}.${s.slice(0, -4)}AAAA` });
  });

  it('a token signed by a foreign key', async () => {
    const claims = payload(await api.token('alice'));
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'forged' }).sign(privateKey);
    await refused({ authorization: forged });
  });

  // Signed by the pool's own key, so only the claim itself can make them fail.
  const signedLocally = async (claims: Record<string, unknown>) => {
    const key = await importJWK(api.keys.signingKey.privateJwk, 'RS256');
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: api.keys.signingKey.kid }).sign(key);
  };

  it('a correctly signed token from the wrong issuer (another user pool)', async () => {
    const claims = payload(await api.token('alice'));
    const otherPool = String(claims.iss).replace(/_[A-Za-z0-9]+$/, '_OtherPool1');
    expect(otherPool).not.toBe(claims.iss);
    await refused({ authorization: await signedLocally({ ...claims, iss: otherPool }) });
  });

  it('a correctly signed token for another app client (wrong audience)', async () => {
    const claims = payload(await api.token('alice'));
    await refused({ authorization: await signedLocally({ ...claims, aud: 'some-other-client-id' }) });
  });

  it('the same claims signed locally are accepted (the two above fail for their claim alone)', async () => {
    const claims = payload(await api.token('alice'));
    const r = await api.gql({ headers: { authorization: await signedLocally(claims) } }, `{ me { userId } }`);
    expect(r.status).toBe(200);
    expect(r.body.data.me.userId).toBe(claims.sub);
  });

  it('an expired token, correctly signed by the local key', async () => {
    await refused({ authorization: await api.token('alice', [], { expiresIn: -60 }) });
  });

  it('a token accepted earlier is refused once it expires (verified tokens are remembered only until exp)', async () => {
    const short = await api.token('alice', [], { expiresIn: 2 });
    const ok = await api.gql({ headers: { authorization: short } }, `{ me { userId } }`);
    expect(ok.status).toBe(200);
    const exp = Number(payload(short).exp) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, exp - Date.now()) + 100));
    await refused({ authorization: short });
  });

  it('garbage in the authorization header', async () => {
    await refused({ authorization: 'Bearer nonsense' });
  });
});

describe('owner isolation', () => {
  it('bob cannot read alice’s item', async () => {
    const r = await api.gql('bob', `query($id: ID!) { getItem(itemId: $id) { itemId title } }`, { id: aliceItem });
    expect(r.body.data.getItem).toBeNull();
  });

  it('bob’s list does not contain alice’s items', async () => {
    const r = await api.gql('bob', `{ listItems { items { itemId } } }`);
    expect(r.body.data.listItems.items.map((i: { itemId: string }) => i.itemId)).not.toContain(aliceItem);
  });

  it('bob cannot update alice’s item', async () => {
    const r = await api.gql('bob', `mutation($id: ID!) { updateItem(input: { itemId: $id, expectedVersion: 1, title: "pwned" }) { itemId } }`, {
      id: aliceItem,
    });
    expect(r.body.errors?.[0]?.errorType).toBe('NotFound');
    const check = await api.gql('alice', `query($id: ID!) { getItem(itemId: $id) { title version } }`, { id: aliceItem });
    expect(check.body.data.getItem).toEqual({ title: 'private', version: 1 });
  });

  it('bob cannot delete alice’s item', async () => {
    const r = await api.gql('bob', `mutation($id: ID!) { deleteItem(itemId: $id) { itemId } }`, { id: aliceItem });
    expect(r.body.errors?.[0]?.errorType).toBe('NotFound');
    const check = await api.gql('alice', `query($id: ID!) { getItem(itemId: $id) { itemId } }`, { id: aliceItem });
    expect(check.body.data.getItem).toEqual({ itemId: aliceItem });
  });

  it('a non-admin cannot call getUser; an admin can', async () => {
    const aliceId = payload(await api.token('alice')).sub as string;
    const denied = await api.gql('bob', `query($id: ID!) { getUser(userId: $id) { email } }`, { id: aliceId });
    expect(denied.body.data?.getUser ?? null).toBeNull();
    expect(denied.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', path: ['getUser'] });
    const admin = await api.token('root', ['admin']);
    const allowed = await api.gql({ headers: { authorization: admin } }, `query($id: ID!) { getUser(userId: $id) { email } }`, {
      id: aliceId,
    });
    expect(allowed.body.data.getUser).toEqual({ email: 'alice@example.com' });
  });
});
