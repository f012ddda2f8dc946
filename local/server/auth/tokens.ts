// Cognito-shaped JWTs issued and verified locally with the data directory's RS256 key.
import { randomUUID, createHash } from 'node:crypto';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT, errors as joseErrors, type JWTPayload } from 'jose';
import { cognitoIssuer, type LocalKeys } from '../keys.js';
import { BoundedCache } from '../cache.js';

export interface MintOptions {
  user: string;
  groups?: string[];
  email?: string;
  /** The ID token's email_verified claim (default true, as after Cognito's verification). */
  emailVerified?: boolean;
  /** Seconds, or a string like "1h", "30m", "7d". Default 1 hour. */
  expiresIn?: number | string;
  tokenUse?: 'id' | 'access';
  /** Override sub (default: a stable UUID derived from the user name). */
  sub?: string;
}

export function parseDuration(v: number | string | undefined, fallback = 3600): number {
  if (v === undefined) return fallback;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)\s*([smhd]?)$/.exec(v.trim());
  if (!m) throw new Error(`cannot read duration "${v}" (use e.g. 3600, 30m, 1h, 7d)`);
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult;
}

/** A stable sub per user name, so a user keeps their data across tokens and restarts. */
export function subForUser(keys: LocalKeys, user: string): string {
  const h = createHash('sha256').update(`${keys.userPoolId}:${user}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function mintToken(keys: LocalKeys, opts: MintOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const ttl = parseDuration(opts.expiresIn);
  const tokenUse = opts.tokenUse ?? 'id';
  const sub = opts.sub ?? subForUser(keys, opts.user);
  const claims: JWTPayload & Record<string, unknown> = {
    sub,
    ...(opts.groups && opts.groups.length ? { 'cognito:groups': opts.groups } : {}),
    iss: cognitoIssuer(keys),
    token_use: tokenUse,
    auth_time: now,
    iat: now,
    exp: now + ttl,
    jti: randomUUID(),
    origin_jti: randomUUID(),
    event_id: randomUUID(),
  };
  if (tokenUse === 'id') {
    Object.assign(claims, {
      aud: keys.userPoolClientId,
      'cognito:username': opts.user,
      email: opts.email ?? `${opts.user}@example.com`,
      email_verified: opts.emailVerified ?? true,
    });
  } else {
    Object.assign(claims, { client_id: keys.userPoolClientId, username: opts.user, scope: 'aws.cognito.signin.user.admin' });
  }
  const key = await importJWK(keys.signingKey.privateJwk, 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: keys.signingKey.kid }).sign(key);
}

export type VerifyFailure = 'malformed' | 'expired' | 'invalid';

// One imported key set per signing key, and the claims of tokens already
// verified (a client sends the same token with every request). A cached token
// is still refused once its exp has passed.
const keySets = new WeakMap<LocalKeys, ReturnType<typeof createLocalJWKSet>>();
const verifiedByKeys = new WeakMap<LocalKeys, BoundedCache<Record<string, unknown>>>();
// Bounded by bytes too: tokens are client-chosen text. A token and its decoded
// claims take about four bytes per character of the token.
const VERIFIED_CACHE = { maxEntries: 10_000, maxBytes: 16 * 1024 * 1024, maxEntryBytes: 64 * 1024 };
const verifiedSize = (token: string): number => token.length * 4;

/** Claims of a token this key set already verified and that has not expired yet; no decoding. */
export function cachedCognitoClaims(keys: LocalKeys, token: string): Record<string, unknown> | undefined {
  const known = verifiedByKeys.get(keys)?.get(token);
  return known && typeof known.exp === 'number' && known.exp * 1000 > Date.now() ? known : undefined;
}

export async function verifyCognitoToken(
  keys: LocalKeys,
  token: string,
): Promise<{ ok: true; claims: Record<string, unknown> } | { ok: false; reason: VerifyFailure }> {
  let verified = verifiedByKeys.get(keys);
  if (!verified) {
    verified = new BoundedCache(VERIFIED_CACHE, verifiedSize);
    verifiedByKeys.set(keys, verified);
  }
  const known = verified.get(token);
  if (known) {
    if (typeof known.exp === 'number' && known.exp * 1000 > Date.now()) return { ok: true, claims: known };
    verified.delete(token);
  }
  let jwks = keySets.get(keys);
  if (!jwks) {
    jwks = createLocalJWKSet({ keys: [keys.signingKey.publicJwk] });
    keySets.set(keys, jwks);
  }
  const answer = await verifyUncached(keys, jwks, token);
  if (answer.ok) verified.set(token, answer.claims);
  return answer;
}

async function verifyUncached(
  keys: LocalKeys,
  jwks: ReturnType<typeof createLocalJWKSet>,
  token: string,
): Promise<{ ok: true; claims: Record<string, unknown> } | { ok: false; reason: VerifyFailure }> {
  try {
    const { payload } = await jwtVerify(token, jwks, { issuer: cognitoIssuer(keys), algorithms: ['RS256'] });
    const use = payload.token_use;
    if (use === 'id') {
      if (payload.aud !== keys.userPoolClientId && !(Array.isArray(payload.aud) && payload.aud.includes(keys.userPoolClientId))) {
        return { ok: false, reason: 'invalid' };
      }
    } else if (use === 'access') {
      if (payload.client_id !== keys.userPoolClientId) return { ok: false, reason: 'invalid' };
    } else {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: payload as Record<string, unknown> };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    if (e instanceof joseErrors.JWSInvalid || e instanceof joseErrors.JWTInvalid) return { ok: false, reason: 'malformed' };
    return { ok: false, reason: 'invalid' };
  }
}
