// Who gets in, in which mode, with which identity; and which fields each mode may read.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { SignJWT, generateKeyPair, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../local/server/auth/authenticator.js';
import { createFieldAuthorizer } from '../../local/server/auth/directives.js';
import { mintToken } from '../../local/server/auth/tokens.js';
import { loadAppSyncSchema } from '../../local/server/graphql/schema.js';
import { cognitoIssuer, loadOrCreateKeys, type LocalKeys } from '../../local/server/keys.js';
import type { Authenticated, AuthRequest } from '../../local/server/types.js';

let keys: LocalKeys;
beforeAll(async () => {
  keys = await loadOrCreateKeys(mkdtempSync(join(tmpdir(), 'appsync-auth-')));
});

const modes = () => ({ default: { type: 'AMAZON_COGNITO_USER_POOLS' as const }, additional: [{ type: 'AWS_IAM' as const }, { type: 'API_KEY' as const }] });
const req = (headers: Record<string, string>, body = '{"query":"{ a }"}'): AuthRequest => ({ headers, method: 'POST', path: '/graphql', body, sourceIp: '10.1.2.3' });

async function signed(body: string, creds: { accessKeyId: string; secretAccessKey: string }, date = new Date()): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 'appsync', region: 'us-east-1', credentials: creds, sha256: Sha256 });
  const out = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4000, path: '/graphql', headers: { host: '127.0.0.1:4000', 'content-type': 'application/json' }, body },
    { signingDate: date },
  );
  return Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

describe('request authentication', () => {
  it('refuses a request without credentials with 401 Missing authorization header', async () => {
    const r = await createAuthenticator({ modes: modes(), keys }).authenticate(req({}));
    expect(r).toEqual({ ok: false, status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message: 'Missing authorization header' }] } });
  });

  it('accepts a locally minted ID token and shapes the Cognito identity', async () => {
    const token = await mintToken(keys, { user: 'alice', groups: ['admin'], email: 'alice@example.com' });
    const r = await createAuthenticator({ modes: modes(), keys }).authenticate(req({ authorization: token }));
    expect(r.ok).toBe(true);
    const a = r as Authenticated;
    expect(a.mode).toBe('AMAZON_COGNITO_USER_POOLS');
    expect(a.groups).toEqual(['admin']);
    expect(a.identity).toMatchObject({
      username: 'alice',
      issuer: cognitoIssuer(keys),
      sourceIp: ['10.1.2.3'],
      defaultAuthStrategy: 'ALLOW',
      groups: ['admin'],
      claims: { email: 'alice@example.com', token_use: 'id', aud: keys.userPoolClientId },
    });
    expect((a.identity as { sub: string }).sub).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts access tokens too (Amplify sends them)', async () => {
    const token = await mintToken(keys, { user: 'bob', tokenUse: 'access' });
    const r = await createAuthenticator({ modes: modes(), keys }).authenticate(req({ authorization: `Bearer ${token}` }));
    expect(r.ok && r.identity).toMatchObject({ username: 'bob' });
  });

  it('refuses expired, forged, foreign and garbled tokens with 401', async () => {
    const auth = createAuthenticator({ modes: modes(), keys });
    const expired = await mintToken(keys, { user: 'alice', expiresIn: -60 });
    expect(await auth.authenticate(req({ authorization: expired }))).toMatchObject({ ok: false, status: 401, body: { errors: [{ message: 'Token has expired.' }] } });

    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ sub: 'x', token_use: 'id', aud: keys.userPoolClientId, 'cognito:username': 'mallory' })
      .setProtectedHeader({ alg: 'RS256', kid: keys.signingKey.kid })
      .setIssuer(cognitoIssuer(keys))
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await auth.authenticate(req({ authorization: forged }))).toMatchObject({ ok: false, status: 401 });

    const key = await importJWK(keys.signingKey.privateJwk, 'RS256');
    const foreign = await new SignJWT({ sub: 'x', token_use: 'id', aud: keys.userPoolClientId })
      .setProtectedHeader({ alg: 'RS256', kid: keys.signingKey.kid })
      .setIssuer('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other')
      .setExpirationTime('1h')
      .sign(key);
    expect(await auth.authenticate(req({ authorization: foreign }))).toMatchObject({ ok: false, status: 401 });

    const otherClient = await new SignJWT({ sub: 'x', token_use: 'id', aud: 'someone-else' })
      .setProtectedHeader({ alg: 'RS256', kid: keys.signingKey.kid })
      .setIssuer(cognitoIssuer(keys))
      .setExpirationTime('1h')
      .sign(key);
    expect(await auth.authenticate(req({ authorization: otherClient }))).toMatchObject({ ok: false, status: 401 });

    expect(await auth.authenticate(req({ authorization: 'not-a-jwt' }))).toMatchObject({ ok: false, status: 401, body: { errors: [{ message: 'Unable to parse JWT token.' }] } });
  });

  it('accepts the API key and refuses a wrong one', async () => {
    const auth = createAuthenticator({ modes: modes(), keys });
    expect(await auth.authenticate(req({ 'x-api-key': keys.apiKey }))).toEqual({ ok: true, mode: 'API_KEY', groups: [], identity: null });
    expect(await auth.authenticate(req({ 'x-api-key': 'da2-wrong' }))).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a mode the API does not have', async () => {
    const auth = createAuthenticator({ modes: { default: { type: 'AMAZON_COGNITO_USER_POOLS' }, additional: [] }, keys });
    expect(await auth.authenticate(req({ 'x-api-key': keys.apiKey }))).toMatchObject({ ok: false, status: 401 });
  });

  it('verifies SigV4 signatures and shapes the IAM identity from the signing key', async () => {
    const auth = createAuthenticator({ modes: modes(), keys });
    const body = '{"query":"{ a }"}';
    const r = await auth.authenticate(req(await signed(body, keys.iam), body));
    expect(r).toMatchObject({
      ok: true,
      mode: 'AWS_IAM',
      identity: { accountId: keys.accountId, username: keys.iam.principalId, userArn: `arn:aws:iam::${keys.accountId}:user/${keys.iam.userName}`, sourceIp: ['10.1.2.3'] },
    });
    // The body is part of the signature.
    expect(await auth.authenticate(req(await signed(body, keys.iam), '{"query":"{ b }"}'))).toMatchObject({ ok: false, status: 401 });
    // A wrong secret, an unknown key, a stale date.
    expect(await auth.authenticate(req(await signed(body, { ...keys.iam, secretAccessKey: 'x'.repeat(40) }), body))).toMatchObject({ ok: false, status: 401 });
    expect(await auth.authenticate(req(await signed(body, { accessKeyId: 'AKIAOTHER', secretAccessKey: keys.iam.secretAccessKey }), body))).toMatchObject({ ok: false, status: 401 });
    expect(await auth.authenticate(req(await signed(body, keys.iam, new Date(Date.now() - 3600_000)), body))).toMatchObject({ ok: false, status: 401 });
  });
});

describe('field authorization from directives', () => {
  const schema = loadAppSyncSchema(`
    type Query {
      open: Thing
      keyed: Thing @aws_api_key
      admin: String @aws_cognito_user_pools(cognito_groups: ["admin"]) @aws_iam
    }
    type Thing @aws_api_key @aws_iam { a: String  b: String @aws_iam }
  `);
  const q = schema.getQueryType()!;
  const thing = schema.getType('Thing') as import('graphql').GraphQLObjectType;
  const allowed = createFieldAuthorizer('AMAZON_COGNITO_USER_POOLS');
  const as = (mode: Authenticated['mode'], groups: string[] = []): Authenticated => ({ ok: true, mode, groups, identity: null });

  it('lets only the default mode read fields without directives', () => {
    expect(allowed(q, q.getFields().open, as('AMAZON_COGNITO_USER_POOLS'))).toBe(true);
    expect(allowed(q, q.getFields().open, as('API_KEY'))).toBe(false);
  });
  it('does not add the default mode once a directive is present', () => {
    expect(allowed(q, q.getFields().keyed, as('API_KEY'))).toBe(true);
    expect(allowed(q, q.getFields().keyed, as('AMAZON_COGNITO_USER_POOLS'))).toBe(false);
  });
  it('lets field directives replace type directives', () => {
    expect(allowed(thing, thing.getFields().a, as('API_KEY'))).toBe(true);
    expect(allowed(thing, thing.getFields().b, as('API_KEY'))).toBe(false);
    expect(allowed(thing, thing.getFields().b, as('AWS_IAM'))).toBe(true);
  });
  it('requires one of the listed Cognito groups', () => {
    expect(allowed(q, q.getFields().admin, as('AMAZON_COGNITO_USER_POOLS', ['admin']))).toBe(true);
    expect(allowed(q, q.getFields().admin, as('AMAZON_COGNITO_USER_POOLS', ['staff']))).toBe(false);
    expect(allowed(q, q.getFields().admin, as('AWS_IAM'))).toBe(true);
  });
});
