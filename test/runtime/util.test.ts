// Conformance of util.* with the examples of AWS's documentation (page named
// per block). Values are what AppSync documents for the APPSYNC_JS runtime.
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../local/runtime/index.js';
import { js } from './support.js';

describe('util.dynamodb — "DynamoDB helpers in util.dynamodb" (JS runtime features)', () => {
  it('toDynamoDB types each JSON value (numbers stay JSON numbers in APPSYNC_JS)', () => {
    expect(js(`util.dynamodb.toDynamoDB("foo")`)).toEqual({ S: 'foo' });
    expect(js(`util.dynamodb.toDynamoDB(12345)`)).toEqual({ N: 12345 });
    expect(js(`util.dynamodb.toDynamoDB(true)`)).toEqual({ BOOL: true });
    expect(js(`util.dynamodb.toDynamoDB(null)`)).toEqual({ NULL: true });
    expect(js(`util.dynamodb.toDynamoDB(["foo", 123, { bar: "baz" }])`)).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
  });

  it('toMapValues types each value of an object', () => {
    expect(js(`util.dynamodb.toMapValues({ foo: "bar", baz: 1234, beep: ["boop"] })`)).toEqual({
      foo: { S: 'bar' },
      baz: { N: 1234 },
      beep: { L: [{ S: 'boop' }] },
    });
  });

  it('typed helpers and S3 objects', () => {
    expect(js(`util.dynamodb.toStringSet(["a", "b"])`)).toEqual({ SS: ['a', 'b'] });
    expect(js(`util.dynamodb.toNumberSet([1, 2])`)).toEqual({ NS: [1, 2] });
    expect(js(`util.dynamodb.toS3Object("foo", "bar", "baz")`)).toEqual({
      S: JSON.stringify({ s3: { key: 'foo', bucket: 'bar', region: 'baz' } }),
    });
    expect(js(`util.dynamodb.fromS3ObjectJson('{"s3":{"key":"foo","bucket":"bar","region":"baz"}}')`)).toEqual({
      key: 'foo',
      bucket: 'bar',
      region: 'baz',
    });
  });
});

describe('util.transform — "Transformation helpers in util.transform"', () => {
  it('toDynamoDBFilterExpression names placeholders #field and :field_operator', () => {
    const out = JSON.parse(js(`util.transform.toDynamoDBFilterExpression({ title: { contains: "Hello World" } })`));
    expect(out).toEqual({
      expression: 'contains(#title, :title_contains)',
      expressionNames: { '#title': 'title' },
      expressionValues: { ':title_contains': { S: 'Hello World' } },
    });
  });

  it('joins several conditions and supports or/not', () => {
    const out = JSON.parse(js(`util.transform.toDynamoDBConditionExpression({ version: { eq: 2 }, or: [{ a: { gt: 1 } }, { a: { attributeExists: false } }] })`));
    expect(out.expression).toBe('(#version = :version_eq) AND ((#a > :a_gt OR attribute_not_exists(#a)))');
    expect(out.expressionValues).toEqual({ ':version_eq': { N: 2 }, ':a_gt': { N: 1 } });
  });

  it('toSubscriptionFilter builds a filter group', () => {
    expect(js(`util.transform.toSubscriptionFilter({ userId: { eq: "u1" }, priority: { gt: 3 } })`)).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'userId', operator: 'eq', value: 'u1' },
            { fieldName: 'priority', operator: 'gt', value: 3 },
          ],
        },
      ],
    });
  });
});

describe('util.time — "Time helpers in util.time"', () => {
  it('formats and parses with Java-style patterns and zones', () => {
    expect(js(`util.time.epochMilliSecondsToISO8601(1517943695750)`)).toBe('2018-02-06T19:01:35.750Z');
    expect(js(`util.time.epochMilliSecondsToSeconds(1517943695750)`)).toBe(1517943695);
    expect(js(`util.time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ")`)).toBe('2018-02-06 19:01:35+0000');
    expect(js(`util.time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ", "+08:00")`)).toBe('2018-02-07 03:01:35+0800');
    expect(js(`util.time.parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05.180+08:00")`)).toBe(1517476865180);
    expect(js(`util.time.parseFormattedToEpochMilliSeconds("2018-02-02 01:19:22+0800", "yyyy-MM-dd HH:mm:ssZ")`)).toBe(1517505562000);
  });

  it('reads the clock only through util.time', () => {
    const before = Date.now();
    const now = js(`util.time.nowEpochMilliSeconds()`);
    expect(now).toBeGreaterThanOrEqual(before);
    expect(js(`util.time.nowISO8601()`)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(js(`typeof Date`)).toBe('undefined');
  });
});

describe('ids — "JavaScript runtime features: util"', () => {
  it('autoId is a UUID v4, autoKsuid 27 base62 characters', () => {
    expect(js(`util.autoId()`)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(js(`util.autoKsuid()`)).toMatch(/^[0-9A-Za-z]{27}$/);
  });

  it('autoUlid is a Crockford ULID that sorts by time, strictly increasing', () => {
    const ids: string[] = js(`[1, 2, 3, 4, 5, 6, 7, 8].map(() => util.autoUlid())`);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('strings, encodings, matching — "JavaScript runtime features: util"', () => {
  it('encodes and decodes', () => {
    expect(js(`util.base64Encode("hello")`)).toBe('aGVsbG8=');
    expect(js(`util.base64Decode("aGVsbG8=")`)).toBe('hello');
    expect(js(`util.urlEncode("a b&c")`)).toBe('a+b%26c');
    expect(js(`util.urlDecode("a+b%26c")`)).toBe('a b&c');
    expect(js(`util.matches("a*b", "aaab")`)).toBe(true);
    expect(js(`util.str.toUpper("abc")`)).toBe('ABC');
    expect(js(`util.str.normalize("e\\u0301", "nfc")`)).toBe('é');
  });
});

describe('errors — "Resolver reference: util.error / util.appendError"', () => {
  it('util.error stops the handler with message, type, data and info', () => {
    const code = `import { util } from '@aws-appsync/utils';
export function request(ctx) { util.error("Boom", "Custom", { a: 1 }, { b: 2 }); return "never"; }
export function response(ctx) { return null; }`;
    expect(evaluateCode({ code, function: 'request', context: {} }).error?.message).toBe('Boom');
  });

  it('util.appendError keeps going and reports outErrors', () => {
    const code = `import { util } from '@aws-appsync/utils';
export function request(ctx) { util.appendError("first", "T1"); return { ok: true }; }
export function response(ctx) { return null; }`;
    const a = evaluateCode({ code, function: 'request', context: {} });
    expect(JSON.parse(a.evaluationResult!)).toEqual({ ok: true });
    expect(JSON.parse(a.outErrors!)).toEqual([{ message: 'first', errorType: 'T1', data: null, errorInfo: null }]);
  });

  it('console.log output is captured as logs; ctx.args aliases ctx.arguments', () => {
    const code = `export function request(ctx) { console.log("id", ctx.args.id); return ctx.arguments.id; }
export function response(ctx) { return null; }`;
    const a = evaluateCode({ code, function: 'request', context: { arguments: { id: 'x1' } } });
    expect(a.evaluationResult).toBe('"x1"');
    expect(a.logs).toEqual(['id x1']);
  });
});
