import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFixture, dataSources, setUpTables, typed, type Fixture } from './support.js';

let f: Fixture;
beforeAll(async () => {
  f = await setUpTables('capacity');
});
afterAll(() => closeFixture(f));

describe('consumed capacity', () => {
  it('reports the capacity units of each call when asked to', async () => {
    const seen: [string, number][] = [];
    const ds = dataSources(f, f.transport, (op, units) => seen.push([op, units])).mainTable;
    await ds.invoke({ operation: 'PutItem', key: typed({ pk: 'c', sk: '1' }), attributeValues: typed({ v: 'x'.repeat(3000) }) });
    await ds.invoke({ operation: 'GetItem', key: typed({ pk: 'c', sk: '1' }), consistentRead: true });
    await ds.invoke({ operation: 'Query', query: { expression: 'pk = :p', expressionValues: typed({ ':p': 'c' }) } });
    await ds.invoke({ operation: 'TransactGetItems', transactItems: [{ table: f.tables.main, key: typed({ pk: 'c', sk: '1' }) }] });
    expect(seen.map(([op]) => op)).toEqual(['PutItem', 'GetItem', 'Query', 'TransactGetItems']);
    const units = Object.fromEntries(seen);
    expect(units.PutItem).toBe(3);
    expect(units.GetItem).toBe(1);
    expect(units.TransactGetItems).toBe(2);
    expect(units.Query).toBeGreaterThan(0);
  });
});
