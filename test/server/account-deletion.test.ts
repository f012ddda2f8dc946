// deleteAccount end to end, through both doors against DynamoDB Local: an
// account of 250 items goes in pages until done, leaving nothing under its
// partition, no email guard and no counter; nothing can be created while it
// goes; an interrupted or concurrent deletion still ends with nothing left;
// afterwards the email is free and the user can start again. Also: an email
// change moves the guard, freeing the old address.
import { fileURLToPath } from 'node:url';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDynamoDbClient } from '../../local/engine/index.js';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';
import { ACCOUNT_PAGE } from '../../resolvers/lib/account.js';
import { DOORS, doorOptions, theTable } from '../support/doors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
type Answer = { data: any; errors?: Array<{ errorType: string; message: string; errorInfo?: any }> };

describe.each(DOORS)('deleteAccount through the %s door', (door) => {
  const prefix = `acct${process.pid}_${door === 'cdk-out' ? 'cdk_' : ''}`;
  const client = createDynamoDbClient(inject('dynamodbEndpoint'));
  let app: LocalAppSync;
  let table: string;

  async function gql(token: string, query: string, variables?: object, signal?: AbortSignal): Promise<Answer> {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
    return (await res.json()) as Answer;
  }
  const token = (sub: string, email: string) => app.mintToken(sub, [], { sub, email });
  const DELETE = 'mutation { deleteAccount { done deletedItems } }';

  async function signUpWithItems(sub: string, email: string, items: number): Promise<string> {
    const t = await token(sub, email);
    const p = await gql(t, 'mutation { createProfile(input: { displayName: "D" }) { userId } }');
    expect(p.errors).toBeUndefined();
    for (let i = 0; i < items; i += 25) {
      const batch = Array.from({ length: Math.min(25, items - i) }, (_, j) => gql(t, 'mutation C($t: String!) { createItem(input: { title: $t }) { itemId } }', { t: `item ${i + j}` }));
      for (const a of await Promise.all(batch)) expect(a.errors).toBeUndefined();
    }
    return t;
  }

  /** Calls deleteAccount until done; the answers, in order. */
  async function deleteAll(t: string, maxCalls = 100): Promise<Array<{ done: boolean; deletedItems: number }>> {
    const answers = [];
    for (let i = 0; i < maxCalls; i += 1) {
      const a = await gql(t, DELETE);
      expect(a.errors).toBeUndefined();
      answers.push(a.data.deleteAccount);
      if (a.data.deleteAccount.done) return answers;
    }
    throw new Error(`not done after ${maxCalls} calls`);
  }

  async function partition(sub: string) {
    const out = await client.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `USER#${sub}` } },
      ConsistentRead: true,
    }));
    return (out.Items ?? []).map((i) => i.sk.S);
  }
  async function guard(email: string) {
    const out = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `EMAIL#${email}` }, sk: { S: 'EMAIL' } }, ConsistentRead: true }));
    return out.Item?.userId?.S;
  }

  beforeAll(async () => {
    app = await startLocalAppSync({ ...(await doorOptions(door)), root, dynamodbEndpoint: inject('dynamodbEndpoint'), tablePrefix: prefix, port: 0, watch: false, frontendConfigPath: false });
    table = theTable(app);
  });
  afterAll(async () => {
    await app?.stop();
    client.destroy();
  });

  it('deletes an account of 250 items in pages, then profile, counter and guard together; the email is free again', async () => {
    const t = await signUpWithItems('leaver', 'leaver@example.com', 250);
    expect((await partition('leaver')).length).toBe(252); // 250 items, PROFILE, QUOTA
    const answers = await deleteAll(t);
    // Five full pages of children, then the call that finds only the account's own records.
    expect(answers.length).toBe(Math.ceil(250 / ACCOUNT_PAGE) + 1);
    expect(answers.slice(0, -1).every((a) => !a.done && a.deletedItems === ACCOUNT_PAGE)).toBe(true);
    expect(answers.at(-1)).toEqual({ done: true, deletedItems: 0 });
    expect(answers.reduce((n, a) => n + a.deletedItems, 0)).toBe(250);
    expect(await partition('leaver')).toEqual([]);
    expect(await guard('leaver@example.com')).toBeUndefined();

    // Idempotent: once done, a further call is done at once and leaves nothing behind.
    expect((await gql(t, DELETE)).data.deleteAccount).toEqual({ done: true, deletedItems: 0 });
    expect(await partition('leaver')).toEqual([]);

    // Someone else can take the address; the leaver can start from scratch under another.
    const other = await token('newcomer', 'leaver@example.com');
    expect((await gql(other, 'mutation { createProfile(input: { displayName: "N" }) { email } }')).data.createProfile.email).toBe('leaver@example.com');
    const again = await token('leaver', 'leaver2@example.com');
    expect((await gql(again, 'mutation { createProfile(input: { displayName: "L" }) { userId } }')).errors).toBeUndefined();
    expect((await gql(again, 'mutation { createItem(input: { title: "fresh" }) { version } }')).data.createItem.version).toBe(1);
  });

  it('refuses createItem, createProfile and updateProfile with AccountDeleting until done', async () => {
    const t = await signUpWithItems('halfway', 'halfway@example.com', ACCOUNT_PAGE + 5);
    const first = await gql(t, DELETE);
    expect(first.data.deleteAccount).toEqual({ done: false, deletedItems: ACCOUNT_PAGE });
    for (const m of [
      'mutation { createItem(input: { title: "late" }) { itemId } }',
      'mutation { createProfile(input: { displayName: "again" }) { userId } }',
      'mutation { updateProfile(input: { displayName: "renamed" }) { userId } }',
    ]) {
      const a = await gql(t, m);
      expect(a.data).toBeNull();
      expect(a.errors![0]).toMatchObject({ errorType: 'AccountDeleting' });
    }
    const rest = await deleteAll(t);
    expect(rest).toEqual([{ done: true, deletedItems: 5 }]);
    expect(await partition('halfway')).toEqual([]);
    expect(await guard('halfway@example.com')).toBeUndefined();
  });

  it('resumes an interrupted deletion: calls abandoned mid-flight leave nothing orphaned', async () => {
    const t = await signUpWithItems('interrupted', 'interrupted@example.com', 120);
    // Clients that give up at once: the server may or may not have run their calls.
    await Promise.all(Array.from({ length: 3 }, async () => {
      const abort = new AbortController();
      const call = gql(t, DELETE, undefined, abort.signal).catch(() => undefined);
      setTimeout(() => abort.abort(), 5);
      await call;
    }));
    await deleteAll(t);
    expect(await partition('interrupted')).toEqual([]);
    expect(await guard('interrupted@example.com')).toBeUndefined();
  });

  it('moves the email guard with a newly verified email: the old address is free, the new one reserved', async () => {
    await signUpWithItems('mover', 'old@example.com', 0);
    // After Cognito verified the change, the next ID token carries the new address.
    const moved = await gql(await token('mover', 'new@example.com'), 'mutation { updateProfile(input: { displayName: "M" }) { email } }');
    expect(moved.data.updateProfile.email).toBe('new@example.com');
    expect(await guard('old@example.com')).toBeUndefined();
    expect(await guard('new@example.com')).toBe('mover');
    const taker = await gql(await token('taker', 'old@example.com'), 'mutation { createProfile(input: { displayName: "T" }) { email } }');
    expect(taker.data.createProfile.email).toBe('old@example.com');
    const squatter = await gql(await token('squatter', 'new@example.com'), 'mutation { createProfile(input: { displayName: "S" }) { email } }');
    expect(squatter.errors![0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EMAIL_TAKEN' } });
  });

  it('counts every record once when concurrent calls race, and leaves no counter or guard behind', async () => {
    const t = await signUpWithItems('racer', 'racer@example.com', 160);
    const loops = await Promise.all(Array.from({ length: 4 }, () => deleteAll(t)));
    const deleted = loops.flat().reduce((n, a) => n + a.deletedItems, 0);
    expect(deleted).toBe(160);
    expect(await partition('racer')).toEqual([]);
    expect(await guard('racer@example.com')).toBeUndefined();
  });
});
