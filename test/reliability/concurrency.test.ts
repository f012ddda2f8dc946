// Optimistic locking and the unique-email transaction under real concurrency,
// through the local server and DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('concurrency');
});
afterAll(async () => api?.stop());

const CREATE = `mutation($input: CreateItemInput!) { createItem(input: $input) { itemId version } }`;
const UPDATE = `mutation($input: UpdateItemInput!) { updateItem(input: $input) { itemId version title } }`;
const GET = `query($id: ID!) { getItem(itemId: $id) { version title } }`;
const PROFILE = `mutation($input: CreateProfileInput!) { createProfile(input: $input) { userId email } }`;

describe('50 concurrent writers', () => {
  it('exactly one updateItem wins at the same expectedVersion; the rest get Conflict', async () => {
    const created = await api.gql('racer', CREATE, { input: { title: 'contested' } });
    const itemId = created.body.data.createItem.itemId as string;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.gql('racer', UPDATE, { input: { itemId, expectedVersion: 1, title: `writer ${i}` } }),
      ),
    );
    const winners = answers.filter((a) => a.body.data?.updateItem);
    const losers = answers.filter((a) => a.body.errors?.length);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const l of losers) expect(l.body.errors![0].errorType).toBe('Conflict');
    const final = await api.gql('racer', GET, { id: itemId });
    expect(final.body.data.getItem.version).toBe(2);
    // Nothing lost or mixed: the stored title is the winner's.
    expect(final.body.data.getItem.title).toBe(winners[0].body.data.updateItem.title);
  });

  it('exactly one of 50 users gets an email; the others get Conflict EMAIL_TAKEN', async () => {
    // 50 pool accounts whose tokens all carry the same verified email (the profile's email comes from the token).
    const email = `shared-${Date.now()}@example.com`;
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => api.token(`claimant${i}`, [], { email })));
    const answers = await Promise.all(
      tokens.map((authorization, i) => api.gql({ headers: { authorization } }, PROFILE, { input: { email, displayName: `User ${i}` } })),
    );
    const winners = answers.filter((a) => a.body.data?.createProfile);
    expect(winners).toHaveLength(1);
    const losers = answers.filter((a) => a.body.errors?.length);
    expect(losers).toHaveLength(49);
    for (const l of losers) {
      expect(l.body.errors![0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EMAIL_TAKEN' } });
    }
    // No loser is left with a half-written profile.
    const loserIndexes = answers.map((a, i) => (a.body.errors?.length ? i : -1)).filter((i) => i >= 0);
    const profiles = await Promise.all(loserIndexes.map((i) => api.gql({ headers: { authorization: tokens[i] } }, `{ me { email } }`)));
    for (const p of profiles) expect(p.body.data.me).toBeNull();
  });
});
