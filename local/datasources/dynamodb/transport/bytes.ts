// Binary attribute values: the SDK wants bytes, DynamoDB's wire JSON carries
// base64. Bytes made here print themselves as base64 in JSON, so one request
// object serves both transports unchanged.
class Base64Bytes extends Uint8Array {
  toJSON(): string {
    return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
  }
}

export function bytesFromBase64(base64: string): Uint8Array {
  const buf = Buffer.from(base64, 'base64');
  const bytes = new Base64Bytes(buf.length);
  bytes.set(buf);
  return bytes;
}

/**
 * Turns the base64 of every binary value in a parsed wire response into bytes,
 * in place. In DynamoDB's JSON only attribute values have members named B or
 * BS holding strings, so no schema is needed to find them.
 */
export function reviveBinary(v: unknown): void {
  if (Array.isArray(v)) {
    for (const x of v) reviveBinary(x);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (k === 'B' && typeof x === 'string') o[k] = bytesFromBase64(x);
    else if (k === 'BS' && Array.isArray(x) && x.every((s) => typeof s === 'string')) o[k] = x.map(bytesFromBase64);
    else reviveBinary(x);
  }
}
