// util.dynamodb: JavaScript values to DynamoDB typed values ("DynamoDB helpers
// in util.dynamodb"). Numbers stay JSON numbers and null is { NULL: null }, as
// AWS's EvaluateCode answers (localstack/appsync-utils index.test.js.snap:
// toDynamoDB number, toNull, toNumberSet); the data source turns them into
// DynamoDB's wire form.
import { fail } from './state.js';

export function toDynamoDB(v) {
  if (v === null || v === undefined) return { NULL: null };
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

// The single-type helpers answer null for null (AWS silent; the documented
// signatures allow a null argument).
const typed = (type) => (v) => (v === null || v === undefined ? null : { [type]: v });

function toS3Object(key, bucket, region, version) {
  const o = { key, bucket, region };
  if (version !== undefined) o.version = version;
  return { S: JSON.stringify({ s3: o }) };
}

// Takes the stored JSON string (not the { S } wrapper) and answers { key, bucket, region[, version] }.
function fromS3ObjectJson(s) {
  if (typeof s !== 'string') return null;
  let parsed;
  try {
    parsed = JSON.parse(s);
  } catch {
    return null;
  }
  const o = parsed && parsed.s3;
  if (!o || typeof o !== 'object') return null;
  const out = { key: o.key, bucket: o.bucket, region: o.region };
  if (o.version !== undefined) out.version = o.version;
  return out;
}

export const dynamodbUtil = {
  toDynamoDB,
  toMapValues,
  toString: typed('S'),
  toStringSet: typed('SS'),
  toNumber: typed('N'),
  toNumberSet: typed('NS'),
  toBinary: typed('B'),
  toBinarySet: typed('BS'),
  toBoolean: typed('BOOL'),
  toNull: () => ({ NULL: null }),
  toList: (v) => ({ L: v.map((x) => toDynamoDB(x)) }),
  toMap: (v) => ({ M: toMapValues(v) }),
  toS3Object,
  fromS3ObjectJson,
};
