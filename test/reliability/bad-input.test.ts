// Bad input of every kind gets an AppSync-style error — never a crash, never a
// partial write. After each case the server still answers and the caller's
// data is unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
const USER = 'careful';
const LIST = `query($limit: Int, $nextToken: String) { listItems(limit: $limit, nextToken: $nextToken) { items { itemId title } nextToken } }`;
const CREATE = `mutation($input: CreateItemInput!) { createItem(input: $input) { itemId } }`;

async function itemCount(): Promise<number> {
  const r = await api.gql(USER, LIST, { limit: 100 });
  return r.body.data.listItems.items.length;
}

beforeAll(async () => {
  api = await startTestApi('badinput');
  for (let i = 0; i < 3; i += 1) await api.gql(USER, CREATE, { input: { title: `seed ${i}` } });
});
afterAll(async () => api?.stop());

async function rejected(query: string, variables: Record<string, unknown> | undefined, errorType?: string | RegExp) {
  const before = await itemCount();
  const r = await api.gql(USER, query, variables);
  expect(r.body.errors?.length, JSON.stringify(r.body)).toBeGreaterThan(0);
  if (errorType) {
    const type = r.body.errors![0].errorType ?? '';
    if (typeof errorType === 'string') expect(type).toBe(errorType);
    else expect(type).toMatch(errorType);
  }
  expect(await itemCount()).toBe(before);
  return r;
}

describe('scalar and argument validation', () => {
  it('rejects an invalid AWSEmail', async () => {
    const r = await rejected(`mutation { createProfile(input: { email: "not-an-email", displayName: "x" }) { userId } }`, undefined);
    expect(r.body.errors![0].message).toMatch(/AWSEmail/);
  });

  it('rejects an invalid AWSDate in variables', async () => {
    const r = await rejected(CREATE, { input: { title: 'x', dueDate: '2026-13-45' } });
    expect(r.body.errors![0].message).toMatch(/Variable 'input' has an invalid value|AWSDate/);
  });

  it.each([0, -1, 101])('rejects limit %i with ValidationError', async (limit) => {
    await rejected(LIST, { limit }, 'ValidationError');
  });

  it('rejects an over-long title with ValidationError', async () => {
    await rejected(CREATE, { input: { title: 'x'.repeat(201) } }, 'ValidationError');
  });

  it('rejects an item that would exceed DynamoDB’s 400 KB limit before writing', async () => {
    await rejected(CREATE, { input: { title: 'x'.repeat(410 * 1024) } }, 'ValidationError');
  });

  it('rejects an empty update with ValidationError', async () => {
    const list = await api.gql(USER, LIST, { limit: 1 });
    const itemId = list.body.data.listItems.items[0].itemId;
    await rejected(`mutation($id: ID!) { updateItem(input: { itemId: $id, expectedVersion: 1 }) { itemId } }`, { id: itemId }, 'ValidationError');
  });

  it('rejects unknown input fields', async () => {
    await rejected(CREATE, { input: { title: 'x', owner: 'someone-else' } });
  });

  it('rejects unknown fields in the selection', async () => {
    await rejected(`{ listItems { items { itemId password } } }`, undefined);
  });
});

describe('pagination tokens', () => {
  it('refuses a forged nextToken', async () => {
    await rejected(LIST, { limit: 1, nextToken: 'eyJmb3JnZWQiOnRydWV9' });
  });

  it('refuses a token that was tampered with', async () => {
    const page = await api.gql(USER, LIST, { limit: 1 });
    const token: string = page.body.data.listItems.nextToken;
    expect(token).toBeTruthy();
    const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    await rejected(LIST, { limit: 1, nextToken: flipped });
  });

  it("refuses another user's token", async () => {
    const page = await api.gql(USER, LIST, { limit: 1 });
    const token: string = page.body.data.listItems.nextToken;
    const r = await api.gql('intruder', LIST, { limit: 1, nextToken: token });
    expect(r.body.errors?.length).toBeGreaterThan(0);
    expect(r.body.data?.listItems ?? null).toBeNull();
  });
});

describe('malformed requests', () => {
  async function post(body: string, headers: Record<string, string> = {}) {
    const res = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await api.token(USER), ...headers },
      body,
    });
    return { status: res.status, text: await res.text() };
  }

  it('answers a malformed JSON body with 400 and an AppSync error', async () => {
    const r = await post('{"query": "{ me { userId } }"');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).errors[0].errorType).toMatch(/MalformedHttpRequestException/);
  });

  it('rejects a query-depth bomb (thousands of nested selections) without crashing', async () => {
    const depth = 3000;
    const bomb = `{ me ${'{ items '.repeat(depth)}{ userId }${' }'.repeat(depth)} }`;
    const r = await api.gql(USER, bomb);
    expect(r.body.errors?.length).toBeGreaterThan(0);
    expect(r.body.data ?? null).toBeNull();
  });

  it('rejects an alias bomb over the resolver-count limit', async () => {
    const fields = Array.from({ length: 2000 }, (_, i) => `a${i}: listItems(limit: 1) { items { itemId } }`).join(' ');
    const r = await api.gql(USER, `{ ${fields} }`);
    expect(r.body.errors?.length).toBeGreaterThan(0);
  });

  it('rejects huge variables without crashing', async () => {
    const big = 'x'.repeat(6 * 1024 * 1024);
    const res = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await api.token(USER) },
      body: JSON.stringify({ query: CREATE, variables: { input: { title: big } } }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await itemCount()).toBe(3);
  });

  it('still serves normal requests afterwards', async () => {
    const r = await api.gql(USER, LIST, { limit: 100 });
    expect(r.status).toBe(200);
    expect(r.body.data.listItems.items).toHaveLength(3);
  });
});
