// The per-user item quota end to end: 50 concurrent createItem calls at the
// boundary never take a user past the cap, deleting frees room again, and a
// full quota is a QuotaExceeded error in AppSync's shape. The counter is set
// near the cap directly in the table, so the test needs no 990 items first.
import { fileURLToPath } from 'node:url';
import { UpdateItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDynamoDbClient } from '../../local/engine/index.js';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';
import { api } from '../../resolvers/api.js';
import { DOORS, doorOptions, theTable } from '../support/doors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Once per door: the in-repo definition and this app's synthesized cdk.out answer alike.
describe.each(DOORS)('through the %s door', (door) => {
  const CAP = Number(api.environment?.ITEMS_PER_USER);
  const prefix = `quota${process.pid}_${door === 'cdk-out' ? 'cdk_' : ''}`;
  let app: LocalAppSync;
  const client = createDynamoDbClient(inject('dynamodbEndpoint'));
  // Whatever the door names the table (items, or the stack's logical id).
  let table: string;

  async function gql(token: string, query: string, variables?: object) {
    const res = await fetch(app.url, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data: any; errors?: Array<{ errorType: string; errorInfo?: any; message: string; path?: string[] }> };
  }

  async function setCount(sub: string, n: number) {
    await client.send(new UpdateItemCommand({
      TableName: table,
      Key: { pk: { S: `USER#${sub}` }, sk: { S: 'QUOTA' } },
      UpdateExpression: 'SET itemCount = :n',
      ExpressionAttributeValues: { ':n': { N: String(n) } },
    }));
  }

  async function stored(sub: string) {
    const items = await client.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': { S: `USER#${sub}` }, ':p': { S: 'ITEM#' } },
      ConsistentRead: true,
    }));
    const counter = await client.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk = :q',
      ExpressionAttributeValues: { ':pk': { S: `USER#${sub}` }, ':q': { S: 'QUOTA' } },
      ConsistentRead: true,
    }));
    return { items: items.Items ?? [], count: Number(counter.Items?.[0]?.itemCount?.N ?? 0) };
  }

  beforeAll(async () => {
    app = await startLocalAppSync({ ...(await doorOptions(door)), root, dynamodbEndpoint: inject('dynamodbEndpoint'), tablePrefix: prefix, port: 0, watch: false, frontendConfigPath: false });
    table = theTable(app);
  });
  afterAll(async () => {
    await app?.stop();
    client.destroy();
  });

  describe('per-user item quota', () => {
    it('has a cap in the definition', () => {
      expect(CAP).toBeGreaterThan(0);
    });

    it('lets exactly the free room through when 50 creates race at the boundary', async () => {
      const token = await app.mintToken('racer', [], { sub: 'racer' });
      await setCount('racer', CAP - 7);
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => gql(token, 'mutation C($t: String!) { createItem(input: { title: $t }) { itemId } }', { t: `r${i}` })));
      const ok = answers.filter((a) => !a.errors);
      const refused = answers.filter((a) => a.errors);
      expect(ok).toHaveLength(7);
      for (const r of refused) {
        expect(r.data).toBeNull();
        expect(r.errors![0]).toMatchObject({ errorType: 'QuotaExceeded', errorInfo: { limit: CAP }, path: ['createItem'] });
      }
      const after = await stored('racer');
      expect(after.items).toHaveLength(7);
      expect(after.count).toBe(CAP);
    });

    it('frees room when an item is deleted, and not when a delete fails', async () => {
      const token = await app.mintToken('keeper', [], { sub: 'keeper' });
      await setCount('keeper', CAP - 1);
      const made = await gql(token, 'mutation { createItem(input: { title: "last" }) { itemId } }');
      expect(made.errors).toBeUndefined();
      const full = await gql(token, 'mutation { createItem(input: { title: "one too many" }) { itemId } }');
      expect(full.errors![0].errorType).toBe('QuotaExceeded');
      const stale = await gql(token, 'mutation D($id: ID!) { deleteItem(itemId: $id, expectedVersion: 9) { itemId } }', { id: made.data.createItem.itemId });
      expect(stale.errors![0].errorType).toBe('Conflict');
      expect((await stored('keeper')).count).toBe(CAP);
      const del = await gql(token, 'mutation D($id: ID!) { deleteItem(itemId: $id) { itemId title } }', { id: made.data.createItem.itemId });
      expect(del.data.deleteItem).toEqual({ itemId: made.data.createItem.itemId, title: 'last' });
      expect((await stored('keeper')).count).toBe(CAP - 1);
      const again = await gql(token, 'mutation { createItem(input: { title: "room again" }) { itemId } }');
      expect(again.errors).toBeUndefined();
    });
  });
});
