// Seeds the table the way the resolvers write it (same keys and attributes),
// straight through BatchWriteItem so 100,000 items take seconds, not minutes.
import { BatchWriteItemCommand, type BatchWriteItemCommandOutput, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID for a given time (ms) and sequence — sortable like util.autoUlid(). */
export function ulidAt(ms: number, seq: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  let s = seq;
  for (let i = 0; i < 16; i += 1) {
    rand = CROCKFORD[s % 32] + rand;
    s = Math.floor(s / 32);
  }
  return time + rand;
}

export interface SeededItem {
  userId: string;
  itemId: string;
}

const STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'];

export function itemRecord(userId: string, itemId: string, n: number): Record<string, unknown> {
  const status = STATUSES[n % 3];
  const now = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
  return {
    pk: `USER#${userId}`,
    sk: `ITEM#${itemId}`,
    userId,
    itemId,
    title: `Item ${n} of ${userId}`,
    status,
    priority: n % 10,
    tags: ['bench'],
    createdAt: now,
    updatedAt: now,
    version: 1,
    gsi1pk: `USER#${userId}#STATUS#${status}`,
    gsi1sk: itemId,
  };
}

export function profileRecord(userId: string): Record<string, unknown> {
  const now = new Date(Date.UTC(2026, 0, 1)).toISOString();
  return { pk: `USER#${userId}`, sk: 'PROFILE', userId, email: `${userId}@bench.example`, displayName: userId, createdAt: now, updatedAt: now };
}

async function writeAll(client: DynamoDBClient, table: string, records: Record<string, unknown>[]): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < records.length; i += 25) {
    batches.push(records.slice(i, i + 25).map((r) => ({ PutRequest: { Item: marshall(r) } })));
  }
  // A few batches in flight at once; unprocessed items are retried.
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let b = next; b < batches.length; b = next) {
        next += 1;
        let pending: WriteRequest[] | undefined = batches[b];
        while (pending && pending.length) {
          const out: BatchWriteItemCommandOutput = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
          pending = out.UnprocessedItems?.[table];
        }
      }
    }),
  );
}

/** `users` users with `perUser` items each, plus a profile per user. */
export async function seed(client: DynamoDBClient, table: string, users: number, perUser: number, offset = 0): Promise<SeededItem[]> {
  const items: SeededItem[] = [];
  const records: Record<string, unknown>[] = [];
  const base = Date.UTC(2026, 0, 1);
  for (let u = 0; u < users; u += 1) {
    const userId = `bench-user-${u}`;
    if (offset === 0) records.push(profileRecord(userId));
    for (let i = 0; i < perUser; i += 1) {
      const n = offset + u * perUser + i;
      const itemId = ulidAt(base + n, n);
      records.push(itemRecord(userId, itemId, n));
      items.push({ userId, itemId });
    }
  }
  await writeAll(client, table, records);
  return items;
}
