// util.* against AWS: recorded EvaluateCode answers (util.dynamodb,
// util.authType, a raw DynamoDB request built with util.dynamodb) and the
// documented examples that state an output (util.dynamodb, util.time).
import { describe } from 'vitest';
import { type ExpressionCase, expressionCases, localstackRecord, moduleCases } from './support.js';

const REC = (name: string) => ({ recorded: localstackRecord('index.test.js.snap', name) });
const DDB_DOC = 'DynamoDB helpers in util.dynamodb';

describe('util.dynamodb (recorded)', () => {
  const cases: Array<[string, string, unknown]> = [
    ['dynamodb helpers toDynamoDB string 1', 'util.dynamodb.toDynamoDB("test")', { S: 'test' }],
    ['dynamodb helpers toDynamoDB number 1', 'util.dynamodb.toDynamoDB(12345)', { N: 12345 }],
    ['dynamodb helpers toDynamoDB boolean 1', 'util.dynamodb.toDynamoDB(true)', { BOOL: true }],
    ['dynamodb helpers toString 1', 'util.dynamodb.toString("test")', { S: 'test' }],
    ['dynamodb helpers toStringSet 1', 'util.dynamodb.toStringSet(["foo", "bar", "baz"])', { SS: ['foo', 'bar', 'baz'] }],
    ['dynamodb helpers toNumber 1', 'util.dynamodb.toNumber(12345)', { N: 12345 }],
    ['dynamodb helpers toNumberSet 1', 'util.dynamodb.toNumberSet([1, 23, 4.56])', { NS: [1, 23, 4.56] }],
    ['dynamodb helpers toBinary 1', 'util.dynamodb.toBinary("foo")', { B: 'foo' }],
    ['dynamodb helpers toBinarySet 1', 'util.dynamodb.toBinarySet(["foo", "bar", "baz"])', { BS: ['foo', 'bar', 'baz'] }],
    ['dynamodb helpers toBoolean 1', 'util.dynamodb.toBoolean(true)', { BOOL: true }],
    ['dynamodb helpers toNull 1', 'util.dynamodb.toNull()', { NULL: null }],
    ['dynamodb helpers toList 1', 'util.dynamodb.toList(["foo", 123, {bar: "baz" }])', { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] }],
    [
      'dynamodb helpers toMap 1',
      'util.dynamodb.toMap({ "foo": "bar", "baz": 1234, "beep": ["boop"] })',
      { M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } } },
    ],
    [
      'dynamodb helpers toMapValues 1',
      'util.dynamodb.toMapValues({ "foo": "bar", "baz": 1234, "beep": ["boop"] })',
      { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
    ],
    ['dynamodb helpers s3 objects three parameter function 1', 'util.dynamodb.toS3Object("foo", "bar", "baz")', { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' }],
    [
      'dynamodb helpers s3 objects four parameter function 1',
      'util.dynamodb.toS3Object("foo", "bar", "baz", "beep")',
      { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}' },
    ],
  ];
  expressionCases(cases.map(([name, expr, expected]): ExpressionCase => ({ name, source: REC(name), expr, expect: expected })));
});

describe('util.dynamodb (documentation examples)', () => {
  expressionCases([
    { name: 'toDynamoDB of a string', source: { doc: `${DDB_DOC} › toDynamoDB` }, expr: 'util.dynamodb.toDynamoDB("foo")', expect: { S: 'foo' } },
    { name: 'toDynamoDB of a number', source: { doc: `${DDB_DOC} › toDynamoDB` }, expr: 'util.dynamodb.toDynamoDB(12345)', expect: { N: 12345 } },
    { name: 'toDynamoDB of a boolean', source: { doc: `${DDB_DOC} › toDynamoDB` }, expr: 'util.dynamodb.toDynamoDB(true)', expect: { BOOL: true } },
    {
      name: 'toDynamoDB of a list',
      source: { doc: `${DDB_DOC} › toDynamoDB` },
      expr: 'util.dynamodb.toDynamoDB([ "foo", 123, { "bar" : "baz" } ])',
      expect: { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] },
    },
    {
      name: 'toDynamoDB of a map',
      source: { doc: `${DDB_DOC} › toDynamoDB` },
      expr: 'util.dynamodb.toDynamoDB({ "foo": "bar", "baz" : 1234, "beep": [ "boop"] })',
      expect: { M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } } },
    },
    {
      name: 'toMapValues',
      source: { doc: `${DDB_DOC} › toMapValues` },
      expr: 'util.dynamodb.toMapValues({ "foo": "bar", "baz" : 1234, "beep": [ "boop"] })',
      expect: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
    },
    { name: 'toString', source: { doc: `${DDB_DOC} › toString` }, expr: 'util.dynamodb.toString("foo")', expect: { S: 'foo' } },
    { name: 'toStringSet', source: { doc: `${DDB_DOC} › toStringSet` }, expr: 'util.dynamodb.toStringSet([ "foo", "bar", "baz" ])', expect: { SS: ['foo', 'bar', 'baz'] } },
    { name: 'toNumber', source: { doc: `${DDB_DOC} › toNumber` }, expr: 'util.dynamodb.toNumber(12345)', expect: { N: 12345 } },
    { name: 'toNumberSet', source: { doc: `${DDB_DOC} › toNumberSet` }, expr: 'util.dynamodb.toNumberSet([ 1, 23, 4.56 ])', expect: { NS: [1, 23, 4.56] } },
    { name: 'toBinary', source: { doc: `${DDB_DOC} › toBinary` }, expr: 'util.dynamodb.toBinary("foo")', expect: { B: 'foo' } },
    { name: 'toBinarySet', source: { doc: `${DDB_DOC} › toBinarySet` }, expr: 'util.dynamodb.toBinarySet([ "foo", "bar", "baz" ])', expect: { BS: ['foo', 'bar', 'baz'] } },
    { name: 'toBoolean', source: { doc: `${DDB_DOC} › toBoolean` }, expr: 'util.dynamodb.toBoolean(true)', expect: { BOOL: true } },
    { name: 'toNull', source: { doc: `${DDB_DOC} › toNull` }, expr: 'util.dynamodb.toNull()', expect: { NULL: null } },
    {
      name: 'toS3Object',
      source: { doc: `${DDB_DOC} › toS3Object` },
      expr: 'util.dynamodb.toS3Object("foo", "bar", "baz")',
      expect: { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' },
    },
    {
      name: 'toS3Object with a version',
      source: { doc: `${DDB_DOC} › toS3Object (key, bucket, region, version)` },
      expr: 'util.dynamodb.toS3Object("foo", "bar", "baz", "beep")',
      expect: { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}' },
    },
    {
      name: 'fromS3ObjectJson',
      source: { doc: `${DDB_DOC} › fromS3ObjectJson`, note: 'the page states no output; the fields are those toS3Object stores' },
      expr: `util.dynamodb.fromS3ObjectJson('{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}')`,
      expect: { key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' },
    },
  ]);
});

describe('a DynamoDB request built by hand with util.dynamodb (recorded)', () => {
  const rec = (n: number) => ({ recorded: localstackRecord('resolvers.test.js.snap', `dynamodb resolvers something ${n}`) });
  expressionCases([
    {
      name: 'a Query request object is answered as written',
      source: rec(1),
      context: { arguments: { filter: { line: 'test', shift: 10 } } },
      expr: `{ operation: "Query", index: "nameIndex", select: "ALL_ATTRIBUTES",
        query: { expression: "#name = :name", expressionNames: { "#name": "name" }, expressionValues: { ":name": util.dynamodb.toDynamoDB(ctx.arguments.filter.line) } },
        filter: { expression: "#shift = :shift", expressionNames: { "#shift": "shift" }, expressionValues: { ":shift": util.dynamodb.toDynamoDB(ctx.arguments.filter.shift) } } }`,
      expect: {
        operation: 'Query',
        index: 'nameIndex',
        select: 'ALL_ATTRIBUTES',
        query: { expression: '#name = :name', expressionNames: { '#name': 'name' }, expressionValues: { ':name': { S: 'test' } } },
        filter: { expression: '#shift = :shift', expressionNames: { '#shift': 'shift' }, expressionValues: { ':shift': { N: 10 } } },
      },
    },
    { name: 'the response reads ctx.result', source: rec(2), context: { result: { items: [{ a: 10 }] } }, expr: 'ctx.result.items', expect: [{ a: 10 }] },
  ]);
});

describe('util.authType (recorded)', () => {
  const rec = (name: string) => ({ recorded: localstackRecord('authType.test.js.snap', `util.authType ${name} 1`, '6cd15884206b8197e51b98f08de6121c877b597f') });
  const claims = { sub: 'sub-1', iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc123', 'cognito:username': 'alice', token_use: 'id' };
  const iam = {
    accountId: '123456789012',
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: ['1.2.3.4'],
    username: 'AKIAIOSFODNN7EXAMPLE',
    userArn: 'arn:aws:iam::123456789012:user/alice',
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
  const iamPool = {
    ...iam,
    cognitoIdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000',
    cognitoIdentityId: 'us-east-1:11111111-1111-1111-1111-111111111111',
    username: 'AROAEXAMPLE:CognitoIdentityCredentials',
    userArn: 'arn:aws:sts::123456789012:assumed-role/authRole/CognitoIdentityCredentials',
    cognitoIdentityAuthType: 'authenticated',
    cognitoIdentityAuthProvider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc123',
  };
  const userPool = { sourceIp: ['1.2.3.4'], username: 'alice', groups: ['admins'], sub: 'sub-1', issuer: claims.iss, claims, defaultAuthStrategy: 'ALLOW' };
  const oidc = { sub: 'sub-1', issuer: 'https://accounts.example.com', claims: { sub: 'sub-1', iss: 'https://accounts.example.com' } };
  const without = (o: Record<string, unknown>, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));
  const cases: Array<[string, object, string]> = [
    ['the mode of an identity a request carrying no identity is authorized by an API key', {}, 'API Key Authorization'],
    ['the mode of an identity a null identity is authorized by an API key', { identity: null }, 'API Key Authorization'],
    ['the mode of an identity an identity carrying a resolver context comes from a Lambda authorizer', { identity: { resolverContext: { userId: 'alice', role: 'admin' } } }, 'Lambda Authorization'],
    ['the mode of an identity an identity with no keys comes from a Lambda authorizer', { identity: {} }, 'Lambda Authorization'],
    ['the mode of an identity an IAM identity is IAM authorized even though it also carries a username', { identity: iam }, 'IAM Authorization'],
    ['the mode of an identity an IAM identity from a Cognito identity pool is IAM authorized', { identity: iamPool }, 'IAM Authorization'],
    ['the mode of an identity a user pool identity is user pool authorized', { identity: userPool }, 'User Pool Authorization'],
    ['the mode of an identity a user pool identity without groups is user pool authorized', { identity: without(userPool, 'groups') }, 'User Pool Authorization'],
    ['the mode of an identity an identity holding a subject, an issuer and claims is OIDC authorized', { identity: oidc }, 'Open ID Connect Authorization'],
    ['an identity that names no single mode an IAM identity missing its user ARN falls back to an API key', { identity: without(iam, 'userArn') }, 'API Key Authorization'],
    ['an identity that names no single mode an IAM identity whose source IP is null falls back to an API key', { identity: { ...iam, sourceIp: null } }, 'API Key Authorization'],
    [
      'an identity that names no single mode a user pool identity missing its default auth strategy falls back to an API key',
      { identity: without(userPool, 'defaultAuthStrategy') },
      'API Key Authorization',
    ],
    ['an identity that names no single mode a user pool identity missing its source IP falls back to an API key', { identity: without(userPool, 'sourceIp') }, 'API Key Authorization'],
    ['an identity that names no single mode an identity holding only claims falls back to an API key', { identity: { claims: oidc.claims } }, 'API Key Authorization'],
    ['an identity that names no single mode a subject, an issuer and claims beside a username fall back to an API key', { identity: { ...oidc, username: 'alice' } }, 'API Key Authorization'],
  ];
  expressionCases(cases.map(([name, context, authType]): ExpressionCase => ({ name, source: rec(name), context, expr: '{ authType: util.authType() }', expect: { authType } })));
});

describe('util.time (documentation examples)', () => {
  const doc = (fn: string) => ({ doc: `Time helpers in $util.time › ${fn}`, note: 'the APPSYNC_JS page lists the same functions without outputs; the examples are on the resolver mapping template page' });
  expressionCases([
    { name: 'epochMilliSecondsToSeconds', source: doc('epochMilliSecondsToSeconds'), expr: 'util.time.epochMilliSecondsToSeconds(1517943695750)', expect: 1517943695 },
    { name: 'epochMilliSecondsToISO8601', source: doc('epochMilliSecondsToISO8601'), expr: 'util.time.epochMilliSecondsToISO8601(1517943695750)', expect: '2018-02-06T19:01:35.750Z' },
    {
      name: 'epochMilliSecondsToFormatted in UTC',
      source: doc('epochMilliSecondsToFormatted'),
      expr: 'util.time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ")',
      expect: '2018-02-06 19:01:35+0000',
    },
    {
      name: 'epochMilliSecondsToFormatted in a named zone',
      source: doc('epochMilliSecondsToFormatted'),
      expr: 'util.time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ", "Australia/Perth")',
      expect: '2018-02-07 03:01:35+0800',
    },
    {
      name: 'parseISO8601ToEpochMilliSeconds with an offset',
      source: doc('parseISO8601ToEpochMilliSeconds'),
      expr: 'util.time.parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05.000+08:00")',
      expect: 1517476865000,
    },
    {
      name: 'parseFormattedToEpochMilliSeconds with the zone in the text',
      source: doc('parseFormattedToEpochMilliSeconds'),
      expr: 'util.time.parseFormattedToEpochMilliSeconds("2018-02-02 01:19:22+0000", "yyyy-MM-dd HH:mm:ssZ")',
      expect: 1517534362000,
    },
  ]);
});

describe('runtime.earlyReturn (documentation example)', () => {
  moduleCases([
    {
      name: 'the object given is the result and the rest of the handler does not run',
      source: {
        doc: 'Runtime utilities › runtime.earlyReturn (example)',
        note: 'the page says the specified object is returned as the result; that EvaluateCode shows it as evaluationResult is our reading',
      },
      code: "export function request(ctx) {\n  runtime.earlyReturn({ hello: 'world' });\n  return ctx.args;\n}\nexport function response(ctx) { return ctx.result; }\n",
      context: { arguments: { other: 1 } },
      expect: { hello: 'world' },
    },
  ]);
});
