// AppSync's nine AWS scalars with AppSync's acceptance rules. Values pass through
// unchanged (AppSync does not normalise them); outputs are validated too, and a
// bad output nulls the field with AppSync's "Can't serialize value" error.
import { isIP } from 'node:net';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isValidPhoneNumber } from 'libphonenumber-js';

const OFFSET = '(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)';
const DATE = '(\\d{4})-(\\d{2})-(\\d{2})';
const TIME = '(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?';
const DATE_RE = new RegExp(`^${DATE}${OFFSET}?$`);
const TIME_RE = new RegExp(`^${TIME}${OFFSET}?$`);
const DATETIME_RE = new RegExp(`^${DATE}T${TIME}${OFFSET}$`);

function validDate(y: string, m: string, d: string): boolean {
  const year = Number(y), month = Number(m), day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

function validTime(h: string, mi: string, s?: string): boolean {
  return Number(h) <= 23 && Number(mi) <= 59 && (s === undefined || Number(s) <= 59);
}

export function isAwsDate(v: string): boolean {
  const m = DATE_RE.exec(v);
  return !!m && validDate(m[1], m[2], m[3]);
}
export function isAwsTime(v: string): boolean {
  const m = TIME_RE.exec(v);
  return !!m && validTime(m[1], m[2], m[3]);
}
export function isAwsDateTime(v: string): boolean {
  const m = DATETIME_RE.exec(v);
  return !!m && validDate(m[1], m[2], m[3]) && validTime(m[4], m[5], m[6]);
}
export function isAwsEmail(v: string): boolean {
  // RFC 822 addr-spec ("Scalar types in AWS AppSync › AWSEmail"), permissively:
  // local@domain, no spaces, one @. RFC 822 atoms are ASCII without CTLs, so
  // control characters are refused, and so are invisible format characters
  // (zero-width, bidi controls, soft hyphen, BOM), which are not RFC 822 CHARs
  // either. Whether AppSync accepts other non-ASCII letters AWS does not say;
  // they are let through.
  return /^[^\s@]+@[^\s@]+$/.test(v) && !/[\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/.test(v);
}
export function isAwsUrl(v: string): boolean {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/.exec(v);
  if (!m || /\s/.test(v)) return false;
  const rest = m[2];
  // A '//' is allowed only as the authority marker right after the scheme.
  const afterAuthority = rest.startsWith('//') ? rest.slice(2) : rest;
  if (rest.startsWith('//') && afterAuthority.length === 0) return false;
  return !afterAuthority.includes('//');
}
export function isAwsIpAddress(v: string): boolean {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(v);
  if (!m) return false;
  const family = isIP(m[1]);
  if (family === 0) return false;
  return m[2] === undefined || Number(m[2]) <= (family === 4 ? 32 : 128);
}
export function isAwsPhone(v: string): boolean {
  if (!/^[+\d\s()\-.]+$/.test(v)) return false;
  return isValidPhoneNumber(v, 'US');
}

/** graphql-java's rendering of a literal in "WrongType" validation messages. */
export function javaValueString(node: ValueNode): string {
  switch (node.kind) {
    case Kind.STRING: return `StringValue{value='${node.value}'}`;
    case Kind.INT: return `IntValue{value=${node.value}}`;
    case Kind.FLOAT: return `FloatValue{value=${node.value}}`;
    case Kind.BOOLEAN: return `BooleanValue{value=${node.value}}`;
    case Kind.NULL: return 'NullValue{}';
    case Kind.ENUM: return `EnumValue{name='${node.value}'}`;
    case Kind.LIST: return `ArrayValue{values=[${node.values.map(javaValueString).join(', ')}]}`;
    case Kind.OBJECT:
      return `ObjectValue{objectFields=[${node.fields.map((f) => `ObjectField{name='${f.name.value}', value=${javaValueString(f.value)}}`).join(', ')}]}`;
    case Kind.VARIABLE: return `VariableReference{name='${node.name.value}'}`;
  }
}

/**
 * A scalar parse failure. Deliberately not a GraphQLError: graphql-js then keeps
 * the offending node and names the type, which the error formatter needs.
 */
export class ScalarParseError extends Error {
  constructor(message: string, readonly scalar: string) {
    super(message);
  }
}

interface StringScalarSpec {
  name: string;
  /** Word AppSync uses in "Unable to parse `x` as a valid <what>." */
  what: string;
  /** Word used in "Unable to serialize `x` as a valid <what>." */
  serializeWhat?: string;
  check(v: string): boolean;
  description: string;
}

function stringScalar(spec: StringScalarSpec): GraphQLScalarType {
  const parse = (v: unknown): string => {
    if (typeof v !== 'string' || !spec.check(v)) {
      throw new ScalarParseError(`Unable to parse \`${String(v)}\` as a valid ${spec.what}.`, spec.name);
    }
    return v;
  };
  return new GraphQLScalarType({
    name: spec.name,
    description: spec.description,
    serialize(v) {
      const s = v instanceof Date ? v.toISOString() : v;
      if (typeof s !== 'string' || !spec.check(s)) {
        throw new GraphQLError(`Unable to serialize \`${String(v)}\` as a valid ${spec.serializeWhat ?? spec.what}.`);
      }
      return s;
    },
    parseValue: parse,
    parseLiteral(node) {
      if (node.kind !== Kind.STRING) throw new ScalarParseError(`Unable to parse literal as ${spec.name}`, spec.name);
      return parse(node.value);
    },
  });
}

function literalToJs(node: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (node.kind) {
    case Kind.STRING: case Kind.ENUM: return node.value;
    case Kind.INT: case Kind.FLOAT: return Number(node.value);
    case Kind.BOOLEAN: return node.value;
    case Kind.NULL: return null;
    case Kind.LIST: return node.values.map((v) => literalToJs(v, variables));
    case Kind.OBJECT: return Object.fromEntries(node.fields.map((f) => [f.name.value, literalToJs(f.value, variables)]));
    case Kind.VARIABLE: return variables?.[node.name.value];
  }
}

const AWSJSON = new GraphQLScalarType({
  name: 'AWSJSON',
  description: 'A JSON string; resolvers receive the parsed value, results are sent back as a JSON string.',
  serialize(v) {
    // A resolver that already produced JSON text is passed through, anything else encoded.
    if (typeof v === 'string') {
      try {
        JSON.parse(v);
        return v;
      } catch {
        return JSON.stringify(v);
      }
    }
    return JSON.stringify(v);
  },
  parseValue(v) {
    if (typeof v !== 'string') {
      // Clients that send an object instead of a string get it as is (AppSync accepts maps in variables).
      return v;
    }
    try {
      return JSON.parse(v);
    } catch {
      throw new ScalarParseError(`Unable to parse \`${v}\` as a valid JSON Object.`, 'AWSJSON');
    }
  },
  parseLiteral(node, variables) {
    if (node.kind !== Kind.STRING) {
      if (node.kind === Kind.OBJECT || node.kind === Kind.LIST) return literalToJs(node, variables);
      throw new ScalarParseError('Unable to parse literal as AWSJSON', 'AWSJSON');
    }
    try {
      return JSON.parse(node.value);
    } catch {
      throw new ScalarParseError(`Unable to parse \`${node.value}\` as a valid JSON Object.`, 'AWSJSON');
    }
  },
});

const INT64_MAX = 9223372036854775807n;
function timestamp(v: unknown, action: 'parse' | 'serialize'): number {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) && action === 'serialize' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || BigInt(n) > INT64_MAX || BigInt(n) < -INT64_MAX - 1n) {
    const text = `Unable to ${action} \`${String(v)}\` as a valid timestamp.`;
    throw action === 'parse' ? new ScalarParseError(text, 'AWSTimestamp') : new GraphQLError(text);
  }
  return n;
}

const AWSTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  description: 'Seconds since 1970-01-01T00:00Z, as an integer.',
  serialize: (v) => timestamp(v, 'serialize'),
  parseValue: (v) => timestamp(v, 'parse'),
  parseLiteral(node) {
    if (node.kind !== Kind.INT) throw new ScalarParseError('Unable to parse literal as AWSTimestamp', 'AWSTimestamp');
    return timestamp(Number(node.value), 'parse');
  },
});

export const awsScalars: Record<string, GraphQLScalarType> = {
  AWSDate: stringScalar({ name: 'AWSDate', what: 'Date', check: isAwsDate, description: 'An extended ISO 8601 date: YYYY-MM-DD, with an optional offset.' }),
  AWSTime: stringScalar({ name: 'AWSTime', what: 'Time', check: isAwsTime, description: 'An extended ISO 8601 time: hh:mm[:ss[.sss]], with an optional offset.' }),
  AWSDateTime: stringScalar({ name: 'AWSDateTime', what: 'DateTime', serializeWhat: 'DateTime Object', check: isAwsDateTime, description: 'An extended ISO 8601 date and time with a mandatory offset: YYYY-MM-DDThh:mm[:ss[.sss]]Z.' }),
  AWSTimestamp,
  AWSEmail: stringScalar({ name: 'AWSEmail', what: 'email address', check: isAwsEmail, description: 'An email address (local-part@domain-part).' }),
  AWSJSON,
  AWSURL: stringScalar({ name: 'AWSURL', what: 'URL', check: isAwsUrl, description: 'A URL with a scheme (RFC 1738).' }),
  AWSPhone: stringScalar({ name: 'AWSPhone', what: 'phone number', check: isAwsPhone, description: 'A phone number; without a country code it is read as North American.' }),
  AWSIPAddress: stringScalar({ name: 'AWSIPAddress', what: 'IP address', check: isAwsIpAddress, description: 'An IPv4 or IPv6 address, optionally with a CIDR suffix.' }),
};
