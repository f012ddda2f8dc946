// ctx.identity as AppSync builds it for each auth mode ("Resolver context
// object reference › Identity"), with defaults a test can override.
import type { Identity } from '../runtime/types.js';

const REGION = 'us-east-1';
const POOL = `${REGION}_testpool`;

export interface CognitoIdentityOptions {
  sub?: string;
  username?: string;
  groups?: string[];
  /** Extra token claims (email, email_verified, custom:…); merged over the defaults. */
  claims?: Record<string, unknown>;
  sourceIp?: string[];
  defaultAuthStrategy?: 'ALLOW' | 'DENY';
}

/** A Cognito user pools caller: sub, issuer, username, claims, groups (null without any), sourceIp, defaultAuthStrategy. */
export function cognitoIdentity(o: CognitoIdentityOptions = {}): Identity {
  const sub = o.sub ?? 'test-user';
  const username = o.username ?? sub;
  const groups = o.groups ?? [];
  return {
    sub,
    issuer: `https://cognito-idp.${REGION}.amazonaws.com/${POOL}`,
    username,
    claims: { sub, 'cognito:username': username, ...(groups.length ? { 'cognito:groups': groups } : {}), token_use: 'id', ...o.claims },
    sourceIp: o.sourceIp ?? ['127.0.0.1'],
    defaultAuthStrategy: o.defaultAuthStrategy ?? 'ALLOW',
    groups: groups.length ? groups : null,
  };
}

export interface IamIdentityOptions {
  accountId?: string;
  userArn?: string;
  username?: string;
  cognitoIdentityPoolId?: string | null;
  cognitoIdentityId?: string | null;
  sourceIp?: string[];
}

/** An AWS_IAM caller: accountId, userArn, username, the Cognito identity pool fields (null outside one), sourceIp. */
export function iamIdentity(o: IamIdentityOptions = {}): Identity {
  const accountId = o.accountId ?? '123456789012';
  const username = o.username ?? 'AROAEXAMPLE:test';
  return {
    accountId,
    cognitoIdentityAuthProvider: null,
    cognitoIdentityAuthType: null,
    cognitoIdentityId: o.cognitoIdentityId ?? null,
    cognitoIdentityPoolId: o.cognitoIdentityPoolId ?? null,
    sourceIp: o.sourceIp ?? ['127.0.0.1'],
    userArn: o.userArn ?? `arn:aws:sts::${accountId}:assumed-role/test/test`,
    username,
  };
}

/** API_KEY callers have no identity: ctx.identity is null. */
export function apiKeyIdentity(): Identity {
  return null;
}

/** An OPENID_CONNECT caller: sub, issuer and the token's claims. */
export function oidcIdentity(o: { sub?: string; issuer?: string; claims?: Record<string, unknown> } = {}): Identity {
  const sub = o.sub ?? 'test-user';
  const issuer = o.issuer ?? 'https://issuer.example.com';
  return { sub, issuer, claims: { sub, iss: issuer, ...o.claims } };
}

/** An AWS_LAMBDA caller: the authorizer's resolverContext. */
export function lambdaIdentity(resolverContext: Record<string, unknown> = {}): Identity {
  return { resolverContext };
}

export const identity = {
  cognito: cognitoIdentity,
  iam: iamIdentity,
  apiKey: apiKeyIdentity,
  oidc: oidcIdentity,
  lambda: lambdaIdentity,
};
