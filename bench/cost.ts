// Cost: DynamoDB capacity units consumed by each API operation (the data
// source asks for ReturnConsumedCapacity) on tables of growing size. Every
// operation is a key lookup or a bounded Query, so the units must stay flat;
// a Scan anywhere would grow with the table.
import { createDynamoDbClient, physicalTableName, startDynamoDbLocal } from '../local/engine/index.js';
import { startLocalAppSync } from '../local/server/index.js';
import { api as definition } from '../resolvers/api.js';
import { seed } from './seed.js';

const USERS = 100;

// The failure rows run after the ones that change the same item: the stale
// update repeats expectedVersion 1, the second delete finds nothing. They show
// what the read after a failed condition (functions/explainItemCondition) costs.
const OPERATIONS: Array<{ name: string; run: (gql: Gql, itemId: string) => Promise<unknown> }> = [
  { name: 'getItem', run: (gql, id) => gql('query($id: ID!) { getItem(itemId: $id) { itemId } }', { id }) },
  { name: 'listItems(limit 20)', run: (gql) => gql('{ listItems(limit: 20) { items { itemId } } }') },
  { name: 'listItems(status)', run: (gql) => gql('{ listItems(status: DONE, limit: 20) { items { itemId } } }') },
  { name: 'me { items(limit 10) }', run: (gql) => gql('{ me { userId items(limit: 10) { items { itemId } } } }') },
  { name: 'createItem', run: (gql) => gql('mutation { createItem(input: { title: "cost" }) { itemId } }') },
  {
    name: 'updateItem',
    run: (gql, id) => gql('mutation($id: ID!) { updateItem(input: { itemId: $id, expectedVersion: 1, title: "c" }) { version } }', { id }),
  },
  {
    name: 'updateItem, stale (Conflict)',
    run: (gql, id) => gql('mutation($id: ID!) { updateItem(input: { itemId: $id, expectedVersion: 1, title: "c" }) { version } }', { id }, 'Conflict'),
  },
  { name: 'deleteItem', run: (gql, id) => gql('mutation($id: ID!) { deleteItem(itemId: $id) { itemId } }', { id }) },
  { name: 'deleteItem, missing (NotFound)', run: (gql, id) => gql('mutation($id: ID!) { deleteItem(itemId: $id) { itemId } }', { id }, 'NotFound') },
];

/** Runs one operation; `expectError` names the errorType the operation must end with. */
type Gql = (query: string, variables?: object, expectError?: string) => Promise<unknown>;

export async function measureCost(opts: { root: string; sizes: number[] }) {
  const engine = await startDynamoDbLocal({ inMemory: true });
  const client = createDynamoDbClient(engine.endpoint);
  const rows = OPERATIONS.map((op) => ({ operation: op.name, units: [] as number[] }));
  // Last, as it removes the target user: deleteAccount until done, per deleted
  // record. DynamoDB Local reports 6 units for a 51-action TransactWriteItems;
  // AWS charges 2 WCU per transactional write of an item up to 1 KB (Developer
  // Guide, "Capacity unit consumption for transactions"), so on AWS expect about
  // 2 WCU per record plus the page's strongly consistent Query.
  const perDeleted = { operation: 'deleteAccount, per record', units: [] as number[] };
  rows.push(perDeleted);
  try {
    for (const size of opts.sizes) {
      let units = 0;
      const prefix = `cost${size}_`;
      const app = await startLocalAppSync({
        root: opts.root,
        dynamodbEndpoint: engine.endpoint,
        tablePrefix: prefix,
        port: 0,
        watch: false,
        onConsumedCapacity: (_op: string, u: number) => {
          units += u;
        },
      });
      try {
        const table = physicalTableName('items', definition.tables.items, prefix);
        const items = await seed(client, table, USERS, size / USERS);
        const target = items[Math.floor(items.length / 2)];
        const token = await app.mintToken(target.userId, [], { sub: target.userId });
        const gql: Gql = async (query, variables, expectError) => {
          const res = await fetch(app.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: token },
            body: JSON.stringify({ query, variables }),
          });
          const body = (await res.json()) as { errors?: Array<{ message: string; errorType?: string }> };
          const got = body.errors?.[0];
          if (expectError ? got?.errorType !== expectError : got) throw new Error(`cost: expected ${expectError ?? 'no error'}, got ${got ? `${got.errorType}: ${got.message}` : 'none'}`);
          return body;
        };
        for (const [i, op] of OPERATIONS.entries()) {
          units = 0;
          await op.run(gql, target.itemId);
          rows[i].units.push(units);
        }
        units = 0;
        let deleted = 0;
        for (let done = false, calls = 0; !done && calls < 1000; calls += 1) {
          const body = (await gql('mutation { deleteAccount { done deletedItems } }')) as { data: { deleteAccount: { done: boolean; deletedItems: number } } };
          deleted += body.data.deleteAccount.deletedItems;
          done = body.data.deleteAccount.done;
        }
        perDeleted.units.push(deleted ? Math.round((units / deleted) * 100) / 100 : 0);
      } finally {
        await app.stop();
      }
    }
  } finally {
    client.destroy();
    await engine.stop();
  }
  return { sizes: opts.sizes, rows };
}
