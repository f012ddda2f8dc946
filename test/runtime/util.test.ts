// Conformance of util.* with the examples in AWS's documentation.
import { describe, expect, it } from 'vitest';
import { compileCode, evaluateCode, runPipelineResolver, runUnitResolver } from '../../local/runtime/index.js';
import { evalExpr, makeCtx } from './helpers.js';

// Doc: "DynamoDB helpers in util.dynamodb" (JavaScript runtime features for resolvers)
describe('util.dynamodb', () => {
  it('converts strings, numbers (as JSON numbers), booleans, lists and maps', () => {
    expect(evalExpr('util.dynamodb.toDynamoDB("foo")')).toEqual({ S: 'foo' });
    expect(evalExpr('util.dynamodb.toDynamoDB(12345)')).toEqual({ N: 12345 });
    expect(evalExpr('util.dynamodb.toDynamoDB(true)')).toEqual({ BOOL: true });
    expect(evalExpr('util.dynamodb.toDynamoDB(["foo", 123, { bar: "baz" }])')).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
  });
  it('toMapValues types every value of an object', () => {
    expect(evalExpr('util.dynamodb.toMapValues({ foo: "Hello", bar: 12345, baz: true })')).toEqual({
      foo: { S: 'Hello' },
      bar: { N: 12345 },
      baz: { BOOL: true },
    });
  });
  it('typed single-value helpers', () => {
    expect(evalExpr('util.dynamodb.toString("foo")')).toEqual({ S: 'foo' });
    expect(evalExpr('util.dynamodb.toNumber(12345)')).toEqual({ N: 12345 });
    expect(evalExpr('util.dynamodb.toStringSet(["a", "b"])')).toEqual({ SS: ['a', 'b'] });
    expect(evalExpr('util.dynamodb.toBoolean(true)')).toEqual({ BOOL: true });
  });
  it('toS3Object stores the S3 pointer as a JSON string', () => {
    expect(JSON.parse((evalExpr('util.dynamodb.toS3Object("foo", "bar", "baz")') as { S: string }).S)).toEqual({
      s3: { key: 'foo', bucket: 'bar', region: 'baz' },
    });
  });
});

// Doc: "Transformation helpers in util.transform" (the DynamoDB transforms are held
// against recorded AWS answers in test/conformance/transform.test.ts)
describe('util.transform', () => {
  it('toSubscriptionFilter builds a filterGroup', () => {
    expect(evalExpr('util.transform.toSubscriptionFilter({ severity: { ge: 3 } })')).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'severity', operator: 'ge', value: 3 }] }],
    });
  });
});

// Doc: "Time helpers in util.time"
describe('util.time', () => {
  it('converts epoch milliseconds as documented', () => {
    expect(evalExpr('util.time.epochMilliSecondsToSeconds(1517943695750)')).toBe(1517943695);
    expect(evalExpr('util.time.epochMilliSecondsToISO8601(1517943695750)')).toBe('2018-02-06T19:01:35.750Z');
    expect(evalExpr('util.time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ")')).toBe('2018-02-06 19:01:35+0000');
    expect(evalExpr('util.time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ", "Australia/Perth")')).toBe(
      '2018-02-07 03:01:35+0800',
    );
  });
  it('formats with the DateTimeFormatter letters the page points to', () => {
    // "Time helpers in util.time": "The syntax for datetime formats is based on DateTimeFormatter".
    const f = (pattern: string, zone?: string) => evalExpr(`util.time.epochMilliSecondsToFormatted(1517943695750, ${JSON.stringify(pattern)}${zone ? `, ${JSON.stringify(zone)}` : ''})`);
    expect(f("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2018-02-06T19:01:35.750Z');
    expect(f('EEE, d MMM yyyy HH:mm:ss Z')).toBe('Tue, 6 Feb 2018 19:01:35 +0000');
    expect(f('EEEE MMMM dd, yy hh:mm a', 'Australia/Perth')).toBe('Wednesday February 07, 18 03:01 AM');
    expect(f('D k K h S SS', '+05:30')).toBe('38 24 0 12 7 75'); // 00:31 the next day: k counts 1-24
    expect(f('XXX XX X x ZZZZ ZZZZZ O', 'Australia/Adelaide')).toBe('+10:30 +1030 +1030 +1030 GMT+10:30 +10:30 GMT+10:30');
    expect(f("'quoted ''text''' yyyy")).toBe("quoted 'text' 2018");
    expect(() => f('yyyy-MM-dd qq')).toThrow('Unknown pattern letter: q');
  });
  it('parses with the same letters: quoted text, names, 12-hour clocks, offsets in the text or from the zone', () => {
    const p = (text: string, pattern: string, zone?: string) =>
      evalExpr(`util.time.parseFormattedToEpochMilliSeconds(${JSON.stringify(text)}, ${JSON.stringify(pattern)}${zone ? `, ${JSON.stringify(zone)}` : ''})`);
    expect(p('2018-02-01T17:21:05.000+0800', "yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toBe(1517476865000);
    expect(p('2018-02-01T17:21:05.5+08:00', "yyyy-MM-dd'T'HH:mm:ss.SXXX")).toBe(1517476865500);
    expect(p('2018-02-07 03:01:35', 'yyyy-MM-dd HH:mm:ss', 'Australia/Perth')).toBe(1517943695000);
    expect(p('Tue, 6 Feb 2018 07:01 PM', 'EEE, d MMM yyyy hh:mm a')).toBe(1517943660000);
    expect(p('2018-02-06 19:01:35Z', 'yyyy-MM-dd HH:mm:ssX', 'Australia/Perth')).toBe(1517943695000);
    const round = evalExpr('util.time.parseFormattedToEpochMilliSeconds(util.time.epochMilliSecondsToFormatted(1517943695750, "dd/MM/yyyy HH:mm:ss.SSS Z", "America/New_York"), "dd/MM/yyyy HH:mm:ss.SSS Z")');
    expect(round).toBe(1517943695750);
    expect(() => p('6 Feb 2018', 'yyyy-MM-dd')).toThrow("Text '6 Feb 2018' could not be parsed with pattern 'yyyy-MM-dd'");
  });
  it('parses ISO 8601 and formatted strings', () => {
    expect(evalExpr('util.time.parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05.000+08:00")')).toBe(1517476865000);
    expect(evalExpr('util.time.parseFormattedToEpochMilliSeconds("2018-02-02 01:19:22+0000", "yyyy-MM-dd HH:mm:ssZ")')).toBe(1517534362000);
  });
  it('now* reads the real clock', () => {
    const before = Date.now();
    const now = evalExpr('util.time.nowEpochMilliSeconds()') as number;
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - before).toBeLessThan(5_000);
    expect(evalExpr('util.time.nowISO8601()')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});

// Doc: "Built-in utilities" (util.autoId, autoUlid, encodings, type checks)
describe('util ids, encodings and type checks', () => {
  it('autoId is a v4 UUID; autoUlid a time-sortable Crockford ULID; autoKsuid 27 base62 chars', () => {
    expect(evalExpr('util.autoId()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ulids = evalExpr('[util.autoUlid(), util.autoUlid(), util.autoUlid()]') as string[];
    for (const u of ulids) expect(u).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ulids].sort()).toEqual(ulids);
    expect(new Set(ulids).size).toBe(3);
    expect(evalExpr('util.autoKsuid()')).toMatch(/^[0-9A-Za-z]{27}$/);
  });
  it('base64 and URL encodings round-trip', () => {
    expect(evalExpr('util.base64Encode("hello world")')).toBe('aGVsbG8gd29ybGQ=');
    expect(evalExpr('util.base64Decode("aGVsbG8gd29ybGQ=")')).toBe('hello world');
    expect(evalExpr('util.urlDecode(util.urlEncode("a b&c=d"))')).toBe('a b&c=d');
    // application/x-www-form-urlencoded ("Built-in utilities" › urlEncode): only alphanumerics and *-._ stay as they are.
    expect(evalExpr(`util.urlEncode("a b*-._~!'()&=/é")`)).toBe('a+b*-._%7E%21%27%28%29%26%3D%2F%C3%A9');
  });
  it('isNull family and typeOf', () => {
    expect(evalExpr('[util.isNull(null), util.isNullOrEmpty(""), util.isNullOrBlank("  "), util.isNull("x")]')).toEqual([true, true, true, false]);
    expect(evalExpr('util.defaultIfNull(null, "d")')).toBe('d');
    expect(evalExpr('[util.typeOf("a"), util.typeOf(1), util.typeOf([]), util.typeOf({}), util.typeOf(null)]')).toEqual(['String', 'Number', 'List', 'Map', 'Null']);
    expect(evalExpr('util.matches("a+b", "aaab")')).toBe(true);
  });
});

// Doc: "Built-in utilities" — util.error / util.unauthorized / util.appendError
describe('util errors', () => {
  const run = (body: string, context: object = {}) =>
    evaluateCode({ code: `import { util } from '@aws-appsync/utils';\nexport function request(ctx) { ${body} }\nexport function response(ctx) { return null; }`, function: 'request', context });
  it('util.error stops the handler with its message', () => {
    const a = run('util.error("boom", "Bad"); return 1;');
    expect(a.error?.message).toBe('boom');
    expect(a.evaluationResult).toBeUndefined();
  });
  it('util.unauthorized: EvaluateCode answers Unauthorized, the field error names the field and type', async () => {
    // EvaluateCode's answer is recorded (test/conformance/errors.test.ts); the
    // GraphQL field error is "Built-in utilities": Unauthorized for the field being resolved.
    expect(run('util.unauthorized();', { info: { fieldName: 'getItem', parentTypeName: 'Query' } }).error?.message).toBe('Unauthorized');
    const code = compileCode(`import { util } from '@aws-appsync/utils';\nexport function request(ctx) { util.unauthorized(); }\nexport function response(ctx) { return null; }`, 'u.js');
    const out = await runUnitResolver({ code, ctx: makeCtx({ info: { fieldName: 'getItem', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' } }), invoke: async () => ({ result: null }) });
    expect(out.error).toMatchObject({ message: 'Not Authorized to access getItem on type Query', errorType: 'Unauthorized' });
  });
  it('util.appendError keeps going and reports the error in outErrors', () => {
    const a = run('util.appendError("soft", "Warn", { a: 1 }); return 7;');
    expect(JSON.parse(a.evaluationResult!)).toBe(7);
    expect(JSON.parse(a.outErrors!)).toEqual([{ message: 'soft', errorType: 'Warn', data: { a: 1 }, errorInfo: null }]);
  });
});

// Doc: "Runtime utilities" › runtime.earlyReturn(obj?, returnOptions?: { skipTo: 'END' | 'NEXT' })
describe('runtime.earlyReturn in a pipeline', () => {
  const mod = (request: string, response: string) =>
    compileCode(`import { runtime } from '@aws-appsync/utils';\nexport function request(ctx) { ${request} }\nexport function response(ctx) { ${response} }\n`, 'p.js');
  const after = mod('return {};', 'return { prev: ctx.prev.result };');
  const fn = (tag: string) => ({ code: mod('return {};', `return "${tag}";`), invoke: async () => ({ result: null }) });
  it('in the pipeline request handler skips the functions and calls the pipeline response at once', async () => {
    const code = mod('runtime.earlyReturn("early");', 'return { prev: ctx.prev.result };');
    const out = await runPipelineResolver({ code, functions: [fn('f1')], ctx: makeCtx() });
    expect(out.data).toEqual({ prev: 'early' });
  });
  it("in a function with skipTo 'END' skips the remaining functions", async () => {
    const ending = { code: mod('runtime.earlyReturn("stop", { skipTo: "END" });', 'return "no";'), invoke: async () => ({ result: null }) };
    const out = await runPipelineResolver({ code: after, functions: [ending, fn('f2')], ctx: makeCtx() });
    expect(out.data).toEqual({ prev: 'stop' });
  });
  it("in a function with skipTo 'NEXT' (the default) goes on with the next function", async () => {
    const next = { code: mod('runtime.earlyReturn("skip", { skipTo: "NEXT" });', 'return "no";'), invoke: async () => ({ result: null }) };
    const out = await runPipelineResolver({ code: after, functions: [next, fn('f2')], ctx: makeCtx() });
    expect(out.data).toEqual({ prev: 'f2' });
  });
});

// Doc: "HTTP helpers in util.http"
describe('util.http', () => {
  it('copyHeaders leaves out the restricted hop-by-hop headers, whatever their case', () => {
    expect(evalExpr('util.http.copyHeaders({ Host: "h", "Content-Length": "3", connection: "x", TE: "t", "x-custom": "1", authorization: "a" })')).toEqual({
      'x-custom': '1',
      authorization: 'a',
    });
  });
  it('addResponseHeader ignores restricted names and null values with a ResponseHeaderError, keeps the rest', () => {
    const a = evaluateCode({
      code: `import { util } from '@aws-appsync/utils';\nexport function request(ctx) { util.http.addResponseHeader('itemsCount', 7); util.http.addResponseHeaders({ 'Content-Type': 'x', 'x-amz-id': '1', empty: null }); return {}; }\nexport function response(ctx) { return null; }`,
      function: 'request',
      context: {},
    });
    expect(JSON.parse(a.evaluationResult!)).toEqual({});
    expect(JSON.parse(a.outErrors!).map((e: { errorType: string }) => e.errorType)).toEqual(['ResponseHeaderError', 'ResponseHeaderError', 'ResponseHeaderError']);
  });
});
