import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDataSources, createDynamoDbDataSource, wireTransport } from '../../local/datasources/index.js';
import { testDefinition, typed } from './support.js';

// Requests AppSync rejects never reach DynamoDB: this transport fails every call.
const unreachable = wireTransport('http://127.0.0.1:9');
const ds = createDynamoDbDataSource({ transport: unreachable, tableName: 't', tokenSecret: randomBytes(32) });

async function rejection(request: unknown) {
  const res = await ds.invoke(request);
  expect(res.result).toBeUndefined();
  expect(res.error?.type).toBe('MappingTemplate');
  return res.error!.message;
}

describe('request objects AppSync would reject', () => {
  it('rejects unknown fields, naming them with their path', async () => {
    expect(await rejection({ operation: 'GetItem', key: typed({ id: 'a' }), consistent: true })).toBe("Unsupported element '$[consistent]'.");
    expect(
      await rejection({ operation: 'UpdateItem', key: typed({ id: 'a' }), update: { expression: 'SET a = :a' }, condition: { expression: 'x', returnValuesOnConditionCheckFailure: false } }),
    ).toBe("Unsupported element '$[condition][returnValuesOnConditionCheckFailure]'.");
    expect(await rejection({ operation: 'Scan', select: 'ALL_ATTRIBUTES' })).toBe("Unsupported element '$[select]'.");
    expect(await rejection({ operation: 'TransactWriteItems', transactItems: [{ table: 't', operation: 'DeleteItem', key: typed({ id: 'a' }), update: {} }] })).toBe(
      "Unsupported element '$[transactItems][0][update]'.",
    );
  });

  it('rejects a missing key, operation or required expression', async () => {
    expect(await rejection({ operation: 'GetItem' })).toBe("Value for field '$[key]' not found.");
    expect(await rejection({ key: typed({ id: 'a' }) })).toBe("Value for field '$[operation]' not found.");
    expect(await rejection({ operation: 'Query' })).toBe("Value for field '$[query]' not found.");
    expect(await rejection({ operation: 'PutItem', key: typed({ id: 'a' }) })).toBe("Value for field '$[attributeValues]' not found.");
    expect(await rejection({ operation: 'UpdateItem', key: typed({ id: 'a' }), update: { expressionNames: {} } })).toBe("Value for field '$[update][expression]' not found.");
  });

  it('rejects wrong types', async () => {
    expect(await rejection({ operation: 'Query', query: { expression: 'a = :a' }, limit: '10' })).toBe("Expected an integer for field '$[limit]' but got 'STRING' instead.");
    expect(await rejection({ operation: 'GetItem', key: { id: 'plain' } })).toBe("Expected JSON object for attribute value '$[key][id]' but got 'STRING' instead.");
    expect(await rejection({ operation: 'GetItem', key: { id: { N: 'twelve' } } })).toBe("Expected a number for field '$[key][id][N]' but got 'STRING' instead.");
    expect(await rejection({ operation: 'GetItem', key: typed({ id: 'a' }), consistentRead: 'yes' })).toBe("Expected a boolean for field '$[consistentRead]' but got 'STRING' instead.");
    expect(await rejection({ operation: 'GetItem', key: { id: { S: 'a', N: 1 } } })).toMatch(/^Invalid attribute value at '\$\[key\]\[id\]'/);
    expect(await rejection({ operation: 'BatchGetItem', tables: { t: [typed({ id: 'a' })] } })).toBe("Expected JSON object for field '$[tables][t]' but got 'ARRAY' instead.");
    expect(await rejection({ operation: 'Query', query: { expression: 'a = :a' }, select: 'SOME' })).toMatch(/^Invalid value 'SOME' for field '\$\[select\]'/);
  });

  it('rejects unknown operations and what the local server cannot emulate', async () => {
    expect(await rejection({ operation: 'Invoke' })).toMatch(/^Unsupported operation 'Invoke'\./);
    expect(await rejection({ operation: 'PutItem', key: typed({ id: 'a' }), attributeValues: {}, _version: 1 })).toMatch(/versioned data source/);
    expect(
      await rejection({ operation: 'DeleteItem', key: typed({ id: 'a' }), condition: { expression: 'x', conditionalCheckFailedHandler: { strategy: 'Custom', lambdaArn: 'arn' } } }),
    ).toMatch(/Custom .* not supported/);
  });

  it('ignores fields set to undefined, as the JSON that AppSync receives would', async () => {
    const res = await ds.invoke({ operation: 'GetItem', key: typed({ id: 'a' }), consistentRead: undefined, projection: undefined });
    expect(res.error?.type).toBe('DynamoDB:SdkClientException');
  });
});

describe('createDataSources', () => {
  it('makes one data source per definition entry; NONE hands back the payload', async () => {
    const all = createDataSources(testDefinition, { transport: unreachable, tableNames: { main: 'm', other: 'o' }, tokenSecret: randomBytes(32) });
    expect(Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.type]))).toEqual({ mainTable: 'AMAZON_DYNAMODB', otherTable: 'AMAZON_DYNAMODB', none: 'NONE' });
    expect(await all.none.invoke({ payload: { a: 1, b: [true] } })).toEqual({ result: { a: 1, b: [true] } });
    expect(await all.none.invoke({})).toEqual({ result: null });
  });

  it('refuses a definition whose table has no physical name', () => {
    expect(() => createDataSources(testDefinition, { transport: unreachable, tableNames: { main: 'm' }, tokenSecret: randomBytes(32) })).toThrow(/"other"/);
  });
});
