// Opaque, tamper-evident pagination tokens. Like AppSync's, they are encrypted
// (AES-256-GCM with a key of this server) and only valid for the query that
// issued them: the query's identity is the GCM associated data, so a modified
// token, a token of another server, or of another query, fails to decrypt.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { InvalidTokenError } from './errors.js';
import { bytesFromBase64 } from './transport/bytes.js';

const VERSION = 1;

function keyOf(secret: Uint8Array): Buffer {
  // Any secret length works: derive a 32-byte key for this purpose only.
  return createHash('sha256').update('appsync-local/nextToken/v1\0').update(secret).digest();
}

/** What a token is bound to: operation, table, index and the query itself. */
export function tokenScope(parts: Record<string, unknown>): Buffer {
  return createHash('sha256').update(stableJson(parts)).digest();
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v instanceof Uint8Array) return JSON.stringify(Buffer.from(v).toString('base64'));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

// Keys hold only S, N or B values; binary travels as base64.
function encodeKey(key: Record<string, AttributeValue>): string {
  const plain: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(key)) plain[k] = v.B ? { B: Buffer.from(v.B).toString('base64') } : v;
  return JSON.stringify(plain);
}

function decodeKey(json: string): Record<string, AttributeValue> {
  const parsed = JSON.parse(json) as Record<string, { S?: string; N?: string; B?: string }>;
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v.S === 'string') out[k] = { S: v.S };
    else if (typeof v.N === 'string') out[k] = { N: v.N };
    else if (typeof v.B === 'string') out[k] = { B: bytesFromBase64(v.B) };
    else throw new InvalidTokenError();
  }
  return out;
}

export function encodeToken(secret: Uint8Array, scope: Buffer, lastEvaluatedKey: Record<string, AttributeValue>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  cipher.setAAD(scope);
  const body = Buffer.concat([cipher.update(encodeKey(lastEvaluatedKey), 'utf8'), cipher.final()]);
  const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  return Buffer.from(JSON.stringify({ version: VERSION, token: sealed })).toString('base64');
}

/** The ExclusiveStartKey a token stands for; throws InvalidTokenError for anything else. */
export function decodeToken(secret: Uint8Array, scope: Buffer, token: string): Record<string, AttributeValue> {
  try {
    const outer = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { version?: unknown; token?: unknown };
    if (outer.version !== VERSION || typeof outer.token !== 'string') throw new InvalidTokenError();
    const raw = Buffer.from(outer.token, 'base64');
    if (raw.length < 12 + 16 + 1) throw new InvalidTokenError();
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
    decipher.setAAD(scope);
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    return decodeKey(plain);
  } catch {
    throw new InvalidTokenError();
  }
}
