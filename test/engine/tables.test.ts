import { randomBytes } from 'node:crypto';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { TableDefinition } from '../../local/definition.js';
import { createDynamoDbClient } from '../../local/engine/client.js';
import { ensureTables } from '../../local/engine/tables.js';

const client = createDynamoDbClient(inject('dynamodbEndpoint'));
afterAll(() => client.destroy());
const prefix = () => `eng_${randomBytes(4).toString('hex')}_`;

const base: TableDefinition = { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } };
const withIndex: TableDefinition = {
  ...base,
  localName: 'renamed',
  globalSecondaryIndexes: [{ indexName: 'byN', partitionKey: { name: 'g', type: 'S' }, sortKey: { name: 'n', type: 'N' }, projection: 'KEYS_ONLY' }],
};

describe('ensureTables', () => {
  it('creates on-demand tables named localName (or key) with the prefix', async () => {
    const p = prefix();
    const names = await ensureTables(client, { tables: { plain: base, indexed: withIndex } }, { prefix: p });
    expect(names).toEqual({ plain: `${p}plain`, indexed: `${p}renamed` });
    const t = (await client.send(new DescribeTableCommand({ TableName: names.indexed }))).Table!;
    expect(t.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(t.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(t.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.Projection?.ProjectionType])).toEqual([['byN', 'KEYS_ONLY']]);
  });

  it('adds a GSI the existing table lacks and is idempotent', async () => {
    const p = prefix();
    await ensureTables(client, { tables: { t: base } }, { prefix: p });
    await ensureTables(client, { tables: { t: { ...withIndex, localName: undefined } } }, { prefix: p });
    await ensureTables(client, { tables: { t: { ...withIndex, localName: undefined } } }, { prefix: p });
    const t = (await client.send(new DescribeTableCommand({ TableName: `${p}t` }))).Table!;
    expect(t.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byN']);
  });

  it('refuses a table whose keys differ from the definition', async () => {
    const p = prefix();
    await ensureTables(client, { tables: { t: base } }, { prefix: p });
    await expect(ensureTables(client, { tables: { t: { partitionKey: { name: 'id', type: 'S' } } } }, { prefix: p })).rejects.toThrow(/keys cannot be changed/);
  });
});
