// The AWS scalars accept and refuse what AppSync does, in and out, with AppSync's messages.
import { describe, expect, it } from 'vitest';
import { graphql } from 'graphql';
import { appSyncSdl, loadAppSyncSchema, SchemaError } from '../../local/server/graphql/schema.js';
import { awsScalars } from '../../local/server/graphql/scalars.js';
import { formatExecutionError, formatRequestError } from '../../local/server/graphql/errors.js';

const ok = (name: string, v: unknown): unknown => awsScalars[name].parseValue(v);
const bad = (name: string, v: unknown): string => {
  try {
    awsScalars[name].parseValue(v);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${name} accepted ${JSON.stringify(v)}`);
};

describe('AWS scalars', () => {
  it('AWSDate accepts dates with optional offsets and refuses impossible ones', () => {
    for (const v of ['1970-01-01', '1970-01-01Z', '1970-01-01-07:00', '1970-01-01+05:30', '2024-02-29']) expect(ok('AWSDate', v)).toBe(v);
    for (const v of ['1970-1-1', '2023-02-29', '1970-13-01', '1970-01-01+0530', '1970-01-01T00:00Z']) expect(bad('AWSDate', v)).toMatch(/^Unable to parse `.*` as a valid Date\.$/);
  });

  it('AWSTime allows minutes-only and fractions only after seconds', () => {
    for (const v of ['12:30', '12:30Z', '12:30:24-07:00', '12:30:24.500+05:30', '23:59:59.123456789']) expect(ok('AWSTime', v)).toBe(v);
    for (const v of ['24:00', '12:30.5', '12:60', '12:30:24+0530']) expect(() => ok('AWSTime', v)).toThrow(/valid Time/);
  });

  it('AWSDateTime requires an offset, allows missing seconds and 1-9 fraction digits', () => {
    for (const v of ['2020-01-01T00:00+00:00', '1970-01-01T12:00:00.1Z', '2020-05-23T06:04:37.000Z', '2020-05-23T06:04:37-07:00:30']) {
      expect(ok('AWSDateTime', v)).toBe(v);
    }
    for (const v of ['2020-05-23T06:04:37', '2020-05-23 06:04:37Z', '2020-05-23T06:4:37.000Z', '2020-05-23T06:04:37+0530']) {
      expect(bad('AWSDateTime', v)).toBe(`Unable to parse \`${v}\` as a valid DateTime.`);
    }
  });

  it('AWSTimestamp is an integer number of seconds, negative allowed', () => {
    expect(ok('AWSTimestamp', -100)).toBe(-100);
    expect(ok('AWSTimestamp', 4102444800)).toBe(4102444800);
    expect(() => ok('AWSTimestamp', 1.5)).toThrow(/timestamp/);
    expect(() => ok('AWSTimestamp', '100')).toThrow(/timestamp/);
  });

  it('AWSEmail, AWSURL, AWSIPAddress and AWSPhone follow AppSync rules', () => {
    expect(ok('AWSEmail', 'a@b')).toBe('a@b');
    expect(() => ok('AWSEmail', 'no-at-sign')).toThrow(/email/);
    // RFC 822 atoms exclude CTLs; invisible format characters are not RFC 822 CHARs either.
    for (const hidden of ['alice\u200b@corp.com', 'alice@corp\u00ad.com', 'a\u0007@b', '\ufeffa@b']) expect(() => ok('AWSEmail', hidden)).toThrow(/email/);
    expect(ok('AWSURL', 'http://localhost/')).toBe('http://localhost/');
    expect(ok('AWSURL', 'mailto:someone@example.com')).toBe('mailto:someone@example.com');
    expect(() => ok('AWSURL', 'example.com/path')).toThrow(/URL/);
    expect(() => ok('AWSURL', 'https://example.com//double')).toThrow(/URL/);
    expect(ok('AWSIPAddress', '10.0.0.1')).toBe('10.0.0.1');
    expect(ok('AWSIPAddress', '::1')).toBe('::1');
    expect(ok('AWSIPAddress', '10.0.0.0/16')).toBe('10.0.0.0/16');
    expect(() => ok('AWSIPAddress', '300.1.1.1')).toThrow(/IP address/);
    expect(ok('AWSPhone', '+1 206-555-0100')).toBe('+1 206-555-0100');
    expect(ok('AWSPhone', '+44 20 7946 0958')).toBe('+44 20 7946 0958');
    expect(bad('AWSPhone', '1110004444')).toBe('Unable to parse `1110004444` as a valid phone number.');
  });

  it('AWSJSON parses input text and serialises values to JSON text', () => {
    expect(ok('AWSJSON', '{"a":[1,true,null]}')).toEqual({ a: [1, true, null] });
    expect(ok('AWSJSON', '"text"')).toBe('text');
    expect(() => ok('AWSJSON', '{a: 1}')).toThrow(/JSON/);
    expect(awsScalars.AWSJSON.serialize({ a: 1 })).toBe('{"a":1}');
    expect(awsScalars.AWSJSON.serialize([1, 2])).toBe('[1,2]');
  });
});

describe('the AppSync schema dialect', () => {
  const sdl = `
    type Query { echo(at: AWSDateTime, phone: AWSPhone, data: AWSJSON): Thing @aws_api_key }
    type Thing @aws_cognito_user_pools(cognito_groups: ["admin"]) @aws_iam { at: AWSDateTime, data: AWSJSON, stamp: AWSTimestamp }
    type Subscription { onThing: Thing @aws_subscribe(mutations: ["x"]) }
  `;

  it('parses AWS scalars and directives without declarations', () => {
    const schema = loadAppSyncSchema(sdl);
    expect(schema.getType('AWSDateTime')).toBeDefined();
    expect(schema.getDirective('aws_subscribe')).toBeDefined();
  });

  it('refuses AWS-prefixed types, custom scalars and schemas without Query', () => {
    expect(() => loadAppSyncSchema(`scalar AWSDate\n${sdl}`)).toThrow(SchemaError);
    expect(() => loadAppSyncSchema(`type AWSThing { a: Int }\n${sdl}`)).toThrow(/reserved prefix AWS/);
    expect(() => loadAppSyncSchema(`scalar Money\n${sdl}`)).toThrow(/Custom scalar Money/);
    expect(() => loadAppSyncSchema('type Mutation { a: Int }')).toThrow(/'query' operation/);
  });

  it('words a bad variable as AppSync does', async () => {
    const schema = loadAppSyncSchema(sdl);
    const r = await graphql({ schema, source: 'query Q($p: AWSPhone) { echo(phone: $p) { at } }', variableValues: { p: '1110004444' } });
    expect(formatRequestError(r.errors![0]).message).toBe("Variable 'p' has an invalid value. Unable to parse `1110004444` as a valid phone number.");
  });

  it('words a bad output value as AppSync does and nulls the field', async () => {
    const schema = loadAppSyncSchema(sdl);
    const r = await graphql({ schema, source: '{ echo { at stamp } }', rootValue: { echo: { at: '2020-05-23T06:4:37.000Z', stamp: 5 } } });
    expect(r.data).toEqual({ echo: { at: null, stamp: 5 } });
    const e = formatExecutionError(r.errors![0]) as unknown as Record<string, unknown>;
    expect(e.message).toBe("Can't serialize value (/echo/at) : Unable to serialize `2020-05-23T06:4:37.000Z` as a valid DateTime Object.");
    expect(e.locations).toBeNull();
    expect(e.path).toEqual(['echo', 'at']);
  });
});

describe("AppSync's SDL dialect: `;` after a field", () => {
  it('reads a `;` outside strings and comments as whitespace, keeping positions', () => {
    const sdl = 'type Query {\n  a: String;\n  "doc; kept" b(x: String = "x;y"): Int; # note; kept\n  """block; kept"""\n  c: ID\n}\n';
    const read = appSyncSdl(sdl);
    expect(read).toHaveLength(sdl.length);
    expect(read).toBe(sdl.replace('String;', 'String ').replace('Int;', 'Int '));
    const schema = loadAppSyncSchema(sdl);
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(['a', 'b', 'c']);
    expect(schema.getQueryType()!.getFields().b.args[0].defaultValue).toBe('x;y');
  });
});
