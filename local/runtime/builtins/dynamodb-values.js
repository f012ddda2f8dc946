// util.dynamodb: JavaScript values to DynamoDB typed values.
import { fail } from './state.js';

export function toDynamoDB(v) {
  if (v === null || v === undefined) return { NULL: true };
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') return { N: v };
  if (typeof v === 'boolean') return { BOOL: v };
  if (Array.isArray(v)) return { L: v.map((x) => toDynamoDB(x)) };
  if (typeof v === 'object') return { M: toMapValues(v) };
  fail(`Cannot convert ${typeof v} to a DynamoDB value`);
}

export function toMapValues(obj) {
  const out = {};
  for (const k of Object.keys(obj)) if (obj[k] !== undefined) out[k] = toDynamoDB(obj[k]);
  return out;
}

function toS3Object(key, bucket, region, version) {
  const o = { key, bucket, region };
  if (version !== undefined) o.version = version;
  return { S: JSON.stringify({ s3: o }) };
}

export const dynamodbUtil = {
  toDynamoDB,
  toMapValues,
  toString: (v) => ({ S: v }),
  toStringSet: (v) => ({ SS: v }),
  toNumber: (v) => ({ N: v }),
  toNumberSet: (v) => ({ NS: v }),
  toBinary: (v) => ({ B: v }),
  toBinarySet: (v) => ({ BS: v }),
  toBoolean: (v) => ({ BOOL: v }),
  toNull: () => ({ NULL: null }),
  toList: (v) => ({ L: v.map((x) => toDynamoDB(x)) }),
  toMap: (v) => ({ M: toMapValues(v) }),
  toS3Object,
  fromS3ObjectJson: (s) => JSON.parse(s).s3,
};
