// Picks the auth mode of a request from what it carries, as AppSync does
// (SigV4 Authorization → IAM; a JWT → Cognito user pools / OIDC by issuer;
// x-api-key → API key) and builds ctx.identity for that mode. A request no
// configured mode accepts is refused whole with AppSync's 401 body.
import { createRemoteJWKSet, decodeJwt, jwtVerify, errors as joseErrors } from 'jose';
import type { AuthMode, AuthType } from '../../definition.js';
import type { AuthRequest, AuthResult, Authenticator } from '../types.js';
import { cognitoIssuer, type LocalKeys } from '../keys.js';
import { verifySigV4, type SigV4Failure } from './sigv4.js';
import { cachedCognitoClaims, verifyCognitoToken } from './tokens.js';

export function unauthorized(message = 'You are not authorized to make this call.'): Extract<AuthResult, { ok: false }> {
  return { ok: false, status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message }] } };
}

function sourceIps(req: AuthRequest): string[] {
  const ips: string[] = [];
  const fwd = req.headers['x-forwarded-for'];
  if (fwd) ips.push(...fwd.split(',').map((s) => s.trim()).filter(Boolean));
  if (req.sourceIp) ips.push(req.sourceIp);
  return ips.length ? ips : ['127.0.0.1'];
}

/**
 * The words AWS services answer SigV4 failures with (as seen in public records
 * of AWS error responses; "Troubleshoot Signature Version 4 signing for AWS
 * API requests", IAM User Guide, names the cases). AppSync refuses the request
 * whole with 401 UnauthorizedException, like any other bad credential.
 */
function sigV4Message(reason: SigV4Failure, detail: string | undefined, region: string): string {
  switch (reason) {
    case 'unknown-key':
      return 'The security token included in the request is invalid.';
    case 'expired':
      return detail ?? 'Signature expired.';
    case 'host-unsigned':
      return "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
    case 'scope-service':
      return "Credential should be scoped to correct service: 'appsync'.";
    case 'scope-region':
      return `Credential should be scoped to a valid region (this server is '${region}').`;
    case 'scope-date':
      return `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ${detail ?? ''}, from 'x-amz-date'.`;
    case 'malformed':
    case 'mismatch':
      return 'The request signature we calculated does not match the signature you provided.';
  }
}

export interface AuthenticatorOptions {
  modes: { default: AuthMode; additional: AuthMode[] };
  keys: LocalKeys;
}

export function createAuthenticator(opts: AuthenticatorOptions): Authenticator & { modes: AuthType[] } {
  const { keys } = opts;
  const all = [opts.modes.default, ...opts.modes.additional];
  const has = (t: AuthType): boolean => all.some((m) => m.type === t);
  const oidc = all.filter((m): m is Extract<AuthMode, { type: 'OPENID_CONNECT' }> => m.type === 'OPENID_CONNECT');
  // ctx.identity.defaultAuthStrategy is the user pool's DefaultAction
  // (CloudFormation AWS::AppSync::GraphQLApi UserPoolConfig, DefaultAction; ALLOW unless
  // set); as an additional mode a user pool has no default action of its own.
  const defaultStrategy = opts.modes.default.type === 'AMAZON_COGNITO_USER_POOLS' ? (opts.modes.default.defaultAction ?? 'ALLOW') : 'DENY';
  const remoteJwks = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  async function jwtMode(req: AuthRequest, raw: string): Promise<AuthResult> {
    const token = raw.replace(/^Bearer\s+/i, '');
    // A client repeats its token on every request: a verified one skips decoding.
    const cached = has('AMAZON_COGNITO_USER_POOLS') ? cachedCognitoClaims(keys, token) : undefined;
    let iss: string | undefined;
    if (!cached) {
      try {
        iss = decodeJwt(token).iss;
      } catch {
        return unauthorized('Unable to parse JWT token.');
      }
    }
    if (cached || (has('AMAZON_COGNITO_USER_POOLS') && iss === cognitoIssuer(keys))) {
      const v = cached ? { ok: true as const, claims: cached } : await verifyCognitoToken(keys, token);
      if (!v.ok) {
        if (v.reason === 'expired') return unauthorized('Token has expired.');
        if (v.reason === 'malformed') return unauthorized('Unable to parse JWT token.');
        return unauthorized();
      }
      const claims = v.claims;
      const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : [];
      return {
        ok: true,
        mode: 'AMAZON_COGNITO_USER_POOLS',
        groups,
        identity: {
          sub: claims.sub,
          issuer: claims.iss,
          username: claims['cognito:username'] ?? claims.username,
          claims,
          sourceIp: sourceIps(req),
          defaultAuthStrategy: defaultStrategy,
          groups: groups.length ? groups : null,
        },
      };
    }
    const provider = oidc.find((m) => m.issuer.replace(/\/$/, '') === (iss ?? '').replace(/\/$/, ''));
    if (provider) {
      let jwks = remoteJwks.get(provider.issuer);
      if (!jwks) {
        jwks = createRemoteJWKSet(new URL(`${provider.issuer.replace(/\/$/, '')}/.well-known/jwks.json`));
        remoteJwks.set(provider.issuer, jwks);
      }
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer: iss, ...(provider.clientId ? { audience: provider.clientId } : {}) });
        const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as string[]) : [];
        return { ok: true, mode: 'OPENID_CONNECT', groups, identity: { sub: payload.sub, issuer: payload.iss, claims: payload, sourceIp: sourceIps(req) } };
      } catch (e) {
        return unauthorized(e instanceof joseErrors.JWTExpired ? 'Token has expired.' : undefined);
      }
    }
    return unauthorized();
  }

  return {
    modes: all.map((m) => m.type),
    async authenticate(req: AuthRequest): Promise<AuthResult> {
      const authz = req.headers.authorization;
      const apiKey = req.headers['x-api-key'];
      if (authz && /^AWS4-HMAC-SHA256 /.test(authz)) {
        if (!has('AWS_IAM')) return unauthorized();
        const v = await verifySigV4(req, (id) => (id === keys.iam.accessKeyId ? keys.iam : undefined), keys.region);
        if (!v.ok) return unauthorized(sigV4Message(v.reason, v.detail, keys.region));
        return {
          ok: true,
          mode: 'AWS_IAM',
          groups: [],
          identity: {
            accountId: keys.accountId,
            cognitoIdentityPoolId: null,
            cognitoIdentityId: null,
            sourceIp: sourceIps(req),
            username: keys.iam.principalId,
            userArn: `arn:aws:iam::${keys.accountId}:user/${keys.iam.userName}`,
            cognitoIdentityAuthType: null,
            cognitoIdentityAuthProvider: null,
          },
        };
      }
      if (authz && (has('AMAZON_COGNITO_USER_POOLS') || has('OPENID_CONNECT'))) {
        const r = await jwtMode(req, authz);
        // An API key sent alongside a bad token still counts when API_KEY is a mode.
        if (r.ok || !(apiKey && has('API_KEY'))) return r;
      }
      if (apiKey !== undefined && has('API_KEY')) {
        return apiKey === keys.apiKey ? { ok: true, mode: 'API_KEY', groups: [], identity: null } : unauthorized();
      }
      if (authz) return unauthorized();
      return unauthorized('Missing authorization header');
    },
  };
}
