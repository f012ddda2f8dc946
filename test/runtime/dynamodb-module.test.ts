// Doc: "Amazon DynamoDB built-in module" (@aws-appsync/utils/dynamodb) and
// "AWS AppSync JavaScript resolver function reference for DynamoDB".
import { describe, expect, it } from 'vitest';
import { evalExpr } from './helpers.js';

describe('@aws-appsync/utils/dynamodb', () => {
  it('get builds a GetItem request with a typed key', () => {
    expect(evalExpr('ddb.get({ key: { id: ctx.args.id } })', { arguments: { id: 'abc' } })).toEqual({
      operation: 'GetItem',
      key: { id: { S: 'abc' } },
    });
  });
  it('put builds a PutItem request with typed attributeValues and a condition', () => {
    const r = evalExpr('ddb.put({ key: { id: "1" }, item: { n: 3 }, condition: { id: { attributeExists: false } } })') as Record<string, any>;
    expect(r.operation).toBe('PutItem');
    expect(r.key).toEqual({ id: { S: '1' } });
    expect(r.attributeValues).toEqual({ n: { N: 3 } });
    expect(r.condition.expression).toBe('attribute_not_exists(#id)');
    expect(r.condition.expressionNames).toEqual({ '#id': 'id' });
  });
  it('remove builds a DeleteItem request', () => {
    expect(evalExpr('ddb.remove({ key: { id: "1" } })')).toEqual({ operation: 'DeleteItem', key: { id: { S: '1' } } });
  });
  it('query compiles the key condition to an expression', () => {
    const r = evalExpr('ddb.query({ query: { pk: { eq: "U#1" }, sk: { beginsWith: "ITEM#" } }, limit: 20, scanIndexForward: false })') as Record<string, any>;
    expect(r.operation).toBe('Query');
    expect(r.limit).toBe(20);
    expect(r.scanIndexForward).toBe(false);
    const { expression, expressionNames, expressionValues } = r.query;
    const pkName = Object.keys(expressionNames).find((k) => expressionNames[k] === 'pk')!;
    const skName = Object.keys(expressionNames).find((k) => expressionNames[k] === 'sk')!;
    const pkVal = Object.keys(expressionValues).find((k) => expressionValues[k].S === 'U#1')!;
    const skVal = Object.keys(expressionValues).find((k) => expressionValues[k].S === 'ITEM#')!;
    expect(expression).toBe(`${pkName} = ${pkVal} AND begins_with(${skName}, ${skVal})`);
  });
  it('update with operations compiles SET/REMOVE/ADD clauses', () => {
    const r = evalExpr('ddb.update({ key: { id: "1" }, update: { title: "t", count: ddb.operations.increment(1), old: ddb.operations.remove(), tags: ddb.operations.add(ddb.toStringSet(["x"])) } })') as Record<string, any>;
    expect(r.operation).toBe('UpdateItem');
    const e: string = r.update.expression;
    expect(e).toMatch(/^SET #title = :\w+, #count = #count \+ :\w+ REMOVE #old ADD #tags :\w+$/);
    const values = Object.values(r.update.expressionValues);
    expect(values).toContainEqual({ S: 't' });
    expect(values).toContainEqual({ N: 1 });
  });
  it('scan and sync carry their paging fields', () => {
    expect(evalExpr('ddb.scan({ limit: 5, nextToken: "tok" })')).toEqual({ operation: 'Scan', limit: 5, nextToken: 'tok' });
    expect(evalExpr('ddb.sync({ limit: 5, lastSync: 10 })')).toEqual({ operation: 'Sync', limit: 5, lastSync: 10 });
  });
});
