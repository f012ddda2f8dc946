// Verifies an AWS SigV4-signed request (service "appsync") against the locally
// known access key: the signature is recomputed over exactly the headers the
// client says it signed, and compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export type SigV4Failure = 'malformed' | 'unknown-key' | 'mismatch' | 'expired' | 'host-unsigned' | 'scope-service' | 'scope-region' | 'scope-date';

export type SigV4Result = { ok: true; accessKeyId: string; region: string } | { ok: false; reason: SigV4Failure; detail?: string };

const AUTH_RE = /^AWS4-HMAC-SHA256\s+Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})\s*$/;
/**
 * AWS refuses a signed request whose x-amz-date is more than 5 minutes from
 * its own clock ("Troubleshoot Signature Version 4 signing for AWS API
 * requests", IAM User Guide: signature expired errors).
 */
const MAX_SKEW_MS = 5 * 60 * 1000;
/** The service name in the credential scope of a request to AppSync's GraphQL endpoint. */
const SERVICE = 'appsync';

function parseAmzDate(v: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

/**
 * Checks a SigV4 Authorization header against the request. Beyond recomputing
 * the signature, it enforces what AWS checks first ("Elements of an AWS API
 * request signature" / "Create a signed AWS API request", IAM User Guide):
 * `host` must be among the signed headers; the credential scope must name this
 * service, this server's region, and the date of x-amz-date; the request time
 * must be within 5 minutes of the server's. Header names are looked up as own
 * properties only, so names like `constructor` are simply absent.
 */
export async function verifySigV4(
  req: { method: string; path: string; headers: Record<string, string>; body: string },
  lookup: (accessKeyId: string) => SigV4Credentials | undefined,
  expectedRegion: string,
): Promise<SigV4Result> {
  const authorization = Object.hasOwn(req.headers, 'authorization') ? req.headers.authorization : '';
  const m = AUTH_RE.exec(typeof authorization === 'string' ? authorization : '');
  if (!m) return { ok: false, reason: 'malformed' };
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = m;
  const signed = signedHeaderList.split(';');
  if (!signed.includes('host')) return { ok: false, reason: 'host-unsigned' };
  if (service !== SERVICE) return { ok: false, reason: 'scope-service' };
  if (region !== expectedRegion) return { ok: false, reason: 'scope-region' };
  const creds = lookup(accessKeyId);
  if (!creds) return { ok: false, reason: 'unknown-key' };
  const amzDate = Object.hasOwn(req.headers, 'x-amz-date') ? req.headers['x-amz-date'] : undefined;
  const date = typeof amzDate === 'string' ? parseAmzDate(amzDate) : undefined;
  if (!date) return { ok: false, reason: 'malformed' };
  if (amzDate!.slice(0, 8) !== scopeDate) return { ok: false, reason: 'scope-date', detail: `'${scopeDate}' != '${amzDate!.slice(0, 8)}'` };
  const now = Date.now();
  if (Math.abs(now - date.getTime()) > MAX_SKEW_MS) {
    const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
    const detail =
      date.getTime() < now
        ? `Signature expired: ${amzDate} is now earlier than ${stamp(now - MAX_SKEW_MS)} (${stamp(now)} - 5 min.)`
        : `Signature not yet current: ${amzDate} is still later than ${stamp(now + MAX_SKEW_MS)} (${stamp(now)} + 5 min.)`;
    return { ok: false, reason: 'expired', detail };
  }

  const headers: Record<string, string> = {};
  for (const name of signed) {
    if (!Object.hasOwn(req.headers, name)) return { ok: false, reason: 'mismatch' };
    const v = req.headers[name];
    if (typeof v !== 'string') return { ok: false, reason: 'mismatch' };
    headers[name] = v;
  }
  // The signer trusts a content-hash header instead of hashing the body: check it here.
  const contentHash = Object.hasOwn(headers, 'x-amz-content-sha256') ? headers['x-amz-content-sha256'] : undefined;
  if (contentHash !== undefined && contentHash !== createHash('sha256').update(req.body).digest('hex')) {
    return { ok: false, reason: 'mismatch' };
  }
  let url: URL;
  try {
    url = new URL(req.path, 'http://local');
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  // No prototype: a query parameter named like an Object.prototype member is just a name.
  const query: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const signer = new SignatureV4({
    service,
    region,
    credentials: {
      accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      ...(Object.hasOwn(headers, 'x-amz-security-token') ? { sessionToken: headers['x-amz-security-token'] } : {}),
    },
    sha256: Sha256,
    applyChecksum: false,
  });
  let out: Awaited<ReturnType<typeof signer.sign>>;
  try {
    out = await signer.sign(
      { method: req.method, protocol: 'https:', hostname: headers.host, path: url.pathname, query, headers, body: req.body },
      { signingDate: date, signableHeaders: new Set(signed) },
    );
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const expected = /Signature=([0-9a-f]{64})/.exec(String(out.headers.authorization ?? out.headers.Authorization))?.[1] ?? '';
  const a = Buffer.from(expected), b = Buffer.from(signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'mismatch' };
  return { ok: true, accessKeyId, region };
}
