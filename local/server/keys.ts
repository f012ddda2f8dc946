// The local credentials of an API: generated once into the data directory and
// reused by every start (and by `appsync-local token`), so tokens, API keys and
// IAM keys stay valid across restarts.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '123456789012';

export interface LocalKeys {
  region: string;
  accountId: string;
  apiKey: string;
  /** Cognito user pool the local tokens claim to come from. */
  userPoolId: string;
  userPoolClientId: string;
  iam: { accessKeyId: string; secretAccessKey: string; userName: string; principalId: string };
  signingKey: { kid: string; privateJwk: JWK; publicJwk: JWK };
  /** Encrypts nextToken values of the DynamoDB data source. */
  tokenSecret: string;
}

const FILE = 'keys.json';

function alnum(n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'): string {
  const bytes = randomBytes(n);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

async function createKeys(): Promise<LocalKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    apiKey: `da2-${alnum(26, 'abcdefghijklmnopqrstuvwxyz234567')}`,
    userPoolId: `${LOCAL_REGION}_${alnum(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`,
    userPoolClientId: alnum(26, 'abcdefghijklmnopqrstuvwxyz0123456789'),
    iam: {
      accessKeyId: `AKIA${alnum(16)}`,
      secretAccessKey: randomBytes(30).toString('base64').replace(/[+/=]/g, 'x').slice(0, 40),
      userName: 'appsync-local',
      principalId: `AIDA${alnum(17)}`,
    },
    signingKey: { kid, privateJwk, publicJwk },
    tokenSecret: randomBytes(32).toString('base64'),
  };
}

/**
 * The keys as an API in `region` has them: the SigV4 scope and the Cognito
 * issuer name the region, and a user pool id starts with it ("<region>_<id>",
 * Amazon Cognito API Reference, UserPoolType.Id).
 */
function inRegion(keys: LocalKeys, region: string): LocalKeys {
  return { ...keys, region, userPoolId: `${region}_${keys.userPoolId.slice(keys.userPoolId.indexOf('_') + 1)}` };
}

/**
 * Reads the data directory's keys, creating them on first use. With `region`
 * the keys are moved to it and written back, so `appsync-local token` and the
 * frontend config agree with the server.
 */
export async function loadOrCreateKeys(dataDir: string, region?: string): Promise<LocalKeys> {
  const keys = await loadOrCreateStoredKeys(dataDir);
  if (!region || region === keys.region) return keys;
  const moved = inRegion(keys, region);
  await writeFile(join(dataDir, FILE), JSON.stringify(moved, null, 2) + '\n', { mode: 0o600 });
  return moved;
}

async function loadOrCreateStoredKeys(dataDir: string): Promise<LocalKeys> {
  const path = join(dataDir, FILE);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LocalKeys;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const keys = await createKeys();
  await mkdir(dataDir, { recursive: true });
  // wx: two processes starting at once keep the first file.
  try {
    await writeFile(path, JSON.stringify(keys, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
    return keys;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return JSON.parse(await readFile(path, 'utf8')) as LocalKeys;
  }
}

export function cognitoIssuer(keys: Pick<LocalKeys, 'region' | 'userPoolId'>): string {
  return `https://cognito-idp.${keys.region}.amazonaws.com/${keys.userPoolId}`;
}
