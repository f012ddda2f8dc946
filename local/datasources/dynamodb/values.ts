// AppSync's DynamoDB type system: typed values in requests (as util.dynamodb
// builds them, numbers possibly as JSON numbers) → SDK attribute values, and
// SDK attribute values → the plain JSON resolvers see in ctx.result.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { MappingTemplateError, jsonType } from './errors.js';
import { bytesFromBase64 } from './transport/bytes.js';

export type SdkItem = Record<string, AttributeValue>;

const TYPES = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);

function numberString(v: unknown, path: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return v;
  throw new MappingTemplateError(`Expected a number for field '${path}' but got '${jsonType(v)}' instead.`);
}

function stringValue(v: unknown, path: string): string {
  if (typeof v === 'string') return v;
  throw new MappingTemplateError(`Expected a string for field '${path}' but got '${jsonType(v)}' instead.`);
}

function binaryValue(v: unknown, path: string): Uint8Array {
  return bytesFromBase64(stringValue(v, path));
}

function arrayOf<T>(v: unknown, path: string, each: (x: unknown, p: string) => T): T[] {
  if (!Array.isArray(v)) throw new MappingTemplateError(`Expected a list for field '${path}' but got '${jsonType(v)}' instead.`);
  return v.map((x, i) => each(x, `${path}[${i}]`));
}

/** One typed value, e.g. `{ "S": "a" }`, `{ "N": 12 }`, `{ "L": [ … ] }`. */
export function toAttributeValue(v: unknown, path: string): AttributeValue {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new MappingTemplateError(`Expected JSON object for attribute value '${path}' but got '${jsonType(v)}' instead.`);
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length !== 1 || !TYPES.has(entries[0][0])) {
    throw new MappingTemplateError(
      `Invalid attribute value at '${path}': expected exactly one of ${[...TYPES].join(', ')} as its type, got ${JSON.stringify(v)}.`,
    );
  }
  const [type, raw] = entries[0];
  const p = `${path}[${type}]`;
  switch (type) {
    case 'S':
      return { S: stringValue(raw, p) };
    case 'N':
      return { N: numberString(raw, p) };
    case 'B':
      return { B: binaryValue(raw, p) };
    case 'BOOL':
      if (typeof raw !== 'boolean') throw new MappingTemplateError(`Expected a boolean for field '${p}' but got '${jsonType(raw)}' instead.`);
      return { BOOL: raw };
    case 'NULL':
      // util.dynamodb.toNull() gives { NULL: null }; DynamoDB's own form is { NULL: true }.
      if (raw !== true && raw !== null) throw new MappingTemplateError(`Expected true or null for field '${p}' but got ${JSON.stringify(raw)} instead.`);
      return { NULL: true };
    case 'SS':
      return { SS: arrayOf(raw, p, stringValue) };
    case 'NS':
      return { NS: arrayOf(raw, p, numberString) };
    case 'BS':
      return { BS: arrayOf(raw, p, binaryValue) };
    case 'L':
      return { L: arrayOf(raw, p, toAttributeValue) };
    default:
      return { M: toAttributeMap(raw, p) };
  }
}

/** A map of typed values: a key, attributeValues, expressionValues. */
export function toAttributeMap(v: unknown, path: string): SdkItem {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new MappingTemplateError(`Expected JSON object for field '${path}' but got '${jsonType(v)}' instead.`);
  }
  const out: SdkItem = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = toAttributeValue(val, `${path}[${k}]`);
  return out;
}

function toNumber(n: string): number {
  return Number(n);
}

/** SDK attribute value → plain JSON (numbers as numbers, sets as lists, binary as base64). */
export function fromAttributeValue(av: AttributeValue): unknown {
  if (av.S !== undefined) return av.S;
  if (av.N !== undefined) return toNumber(av.N);
  if (av.BOOL !== undefined) return av.BOOL;
  if (av.NULL !== undefined) return null;
  if (av.B !== undefined) return Buffer.from(av.B).toString('base64');
  if (av.SS !== undefined) return [...av.SS];
  if (av.NS !== undefined) return av.NS.map(toNumber);
  if (av.BS !== undefined) return av.BS.map((b) => Buffer.from(b).toString('base64'));
  if (av.L !== undefined) return av.L.map(fromAttributeValue);
  if (av.M !== undefined) return fromItem(av.M);
  return null;
}

export function fromItem(item: SdkItem): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) out[k] = fromAttributeValue(v);
  return out;
}

export function fromItemOrNull(item: SdkItem | undefined): Record<string, unknown> | null {
  return item ? fromItem(item) : null;
}

/** Deep equality of attribute values as DynamoDB compares them (sets unordered, numbers by value). */
export function sameAttributeValue(a: AttributeValue, b: AttributeValue): boolean {
  const ta = Object.keys(a).find((k) => (a as unknown as Record<string, unknown>)[k] !== undefined);
  const tb = Object.keys(b).find((k) => (b as unknown as Record<string, unknown>)[k] !== undefined);
  if (ta !== tb || !ta) return false;
  const va = (a as unknown as Record<string, unknown>)[ta];
  const vb = (b as unknown as Record<string, unknown>)[ta];
  switch (ta) {
    case 'N':
      return Number(va) === Number(vb);
    case 'B':
      return Buffer.from(va as Uint8Array).equals(Buffer.from(vb as Uint8Array));
    case 'SS':
      return sameSet((va as string[]).map(String), (vb as string[]).map(String));
    case 'NS':
      return sameSet((va as string[]).map((n) => String(Number(n))), (vb as string[]).map((n) => String(Number(n))));
    case 'BS':
      return sameSet(
        (va as Uint8Array[]).map((x) => Buffer.from(x).toString('base64')),
        (vb as Uint8Array[]).map((x) => Buffer.from(x).toString('base64')),
      );
    case 'L': {
      const la = va as AttributeValue[];
      const lb = vb as AttributeValue[];
      return la.length === lb.length && la.every((x, i) => sameAttributeValue(x, lb[i]));
    }
    case 'M':
      return sameItem(va as SdkItem, vb as SdkItem);
    default:
      return va === vb;
  }
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

export function sameItem(a: SdkItem, b: SdkItem, ignore: ReadonlySet<string> = new Set()): boolean {
  const ka = Object.keys(a).filter((k) => !ignore.has(k));
  const kb = Object.keys(b).filter((k) => !ignore.has(k));
  if (ka.length !== kb.length) return false;
  return ka.every((k) => k in b && sameAttributeValue(a[k], b[k]));
}
