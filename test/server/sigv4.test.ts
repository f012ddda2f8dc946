// SigV4 verification checks what AWS checks before the signature itself
// ("Troubleshoot Signature Version 4 signing for AWS API requests" and
// "Elements of an AWS API request signature", IAM User Guide): host signed,
// the credential scope's service, region and date, 5 minutes of clock skew;
// and it reads only the request's own header names.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../local/server/auth/authenticator.js';
import { loadOrCreateKeys, type LocalKeys } from '../../local/server/keys.js';
import type { AuthRequest } from '../../local/server/types.js';

let keys: LocalKeys;
beforeAll(async () => {
  keys = await loadOrCreateKeys(mkdtempSync(join(tmpdir(), 'appsync-sigv4-')));
});

const BODY = '{"query":"{ a }"}';
const iamOnly = () => createAuthenticator({ modes: { default: { type: 'AWS_IAM' }, additional: [] }, keys });
const req = (headers: Record<string, string>, body = BODY): AuthRequest => ({ headers, method: 'POST', path: '/graphql', body });

interface SignOptions {
  service?: string;
  region?: string;
  date?: Date;
  /** Headers to sign; default host and content-type. */
  headers?: Record<string, string>;
  unsignable?: string[];
}

async function signed(o: SignOptions = {}): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: o.service ?? 'appsync', region: o.region ?? keys.region, credentials: keys.iam, sha256: Sha256 });
  const out = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4000, path: '/graphql', headers: o.headers ?? { host: '127.0.0.1:4000', 'content-type': 'application/json' }, body: BODY },
    { signingDate: o.date ?? new Date(), ...(o.unsignable ? { unsignableHeaders: new Set(o.unsignable) } : {}) },
  );
  return Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

const refusedWith = (message: string | RegExp) => ({ ok: false, status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message }] } });

describe('SigV4 verification', () => {
  it('accepts a correctly scoped signature over host', async () => {
    expect(await iamOnly().authenticate(req(await signed()))).toMatchObject({ ok: true, mode: 'AWS_IAM' });
  });

  it('reads only own header names: SignedHeaders naming Object.prototype members are refused, not followed', async () => {
    const h = await signed();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const forged = { ...h, authorization: h.authorization.replace(/SignedHeaders=([^,]+)/, `SignedHeaders=${name};$1`) };
      const r = await iamOnly().authenticate(req(forged));
      expect(r, name).toMatchObject({ ok: false, status: 401 });
    }
  });

  it('requires host among the signed headers', async () => {
    // A valid signature that does not cover host: a signer told host is unsignable.
    const h = await signed({ unsignable: ['host'] });
    expect(h.authorization).not.toMatch(/SignedHeaders=[^,]*host/);
    const r = await iamOnly().authenticate(req(h));
    expect(r).toMatchObject(refusedWith("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
  });

  it("requires the credential scope's service to be appsync", async () => {
    const r = await iamOnly().authenticate(req(await signed({ service: 'execute-api' })));
    expect(r).toMatchObject(refusedWith("Credential should be scoped to correct service: 'appsync'."));
  });

  it("requires the credential scope's region to be the server's", async () => {
    const r = await iamOnly().authenticate(req(await signed({ region: keys.region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1' })));
    expect(r).toMatchObject(refusedWith(/^Credential should be scoped to a valid region/));
  });

  it("requires the credential scope's date to be x-amz-date's", async () => {
    const h = await signed();
    const day = h['x-amz-date'].slice(0, 8);
    const otherDay = day.endsWith('1') ? `${day.slice(0, 7)}2` : `${day.slice(0, 7)}1`;
    const forged = { ...h, authorization: h.authorization.replace(`/${day}/`, `/${otherDay}/`) };
    const r = await iamOnly().authenticate(req(forged));
    expect(r).toMatchObject(refusedWith(/^Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP/));
  });

  it('allows 5 minutes of clock skew either way, not more', async () => {
    const auth = iamOnly();
    expect(await auth.authenticate(req(await signed({ date: new Date(Date.now() - 4 * 60_000) })))).toMatchObject({ ok: true });
    expect(await auth.authenticate(req(await signed({ date: new Date(Date.now() + 4 * 60_000) })))).toMatchObject({ ok: true });
    expect(await auth.authenticate(req(await signed({ date: new Date(Date.now() - 6 * 60_000) })))).toMatchObject(refusedWith(/^Signature expired: \d{8}T\d{6}Z is now earlier than/));
    expect(await auth.authenticate(req(await signed({ date: new Date(Date.now() + 6 * 60_000) })))).toMatchObject(refusedWith(/^Signature not yet current: /));
  });

  it('refuses truncated and garbage SigV4 headers without throwing', async () => {
    const h = await signed();
    const auth = iamOnly();
    const variants = [
      'AWS4-HMAC-SHA256 ',
      h.authorization.slice(0, 40),
      h.authorization.slice(0, -10),
      'AWS4-HMAC-SHA256 Credential=/////aws4_request, SignedHeaders=, Signature=' + '0'.repeat(64),
      `AWS4-HMAC-SHA256 Credential=${keys.iam.accessKeyId}/20200101/${keys.region}/appsync/aws4_request, SignedHeaders=host;;;, Signature=${'a'.repeat(64)}`,
    ];
    for (const authorization of variants) {
      await expect(auth.authenticate(req({ ...h, authorization })), authorization).resolves.toMatchObject({ ok: false, status: 401 });
    }
    await expect(auth.authenticate({ ...req(h), path: 'http://[bad' })).resolves.toMatchObject({ ok: false, status: 401 });
  });
});
