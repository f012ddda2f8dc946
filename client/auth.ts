// The auth headers AppSync expects per mode, for HTTP requests and for the
// real-time handshake/start messages (which carry the same headers as JSON).
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import type { ClientAuth, IamCredentials } from './config.js';

export type HeaderMap = Record<string, string>;

/** Headers AppSync's real-time protocol signs for IAM (handshake and start). */
const IAM_REALTIME_HEADERS: HeaderMap = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

async function credentials(auth: { iam: IamCredentials | (() => Promise<IamCredentials>) }): Promise<IamCredentials> {
  return typeof auth.iam === 'function' ? auth.iam() : auth.iam;
}

/** SigV4-signs a POST of `body` to `url` (service "appsync"); returns the signed headers incl. host. */
export async function signPost(
  url: URL,
  body: string,
  headers: HeaderMap,
  creds: IamCredentials,
  region: string,
): Promise<HeaderMap> {
  const signer = new SignatureV4({ credentials: creds, region, service: 'appsync', sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: {},
    headers: { ...headers, host: url.host },
    body,
  });
  return signed.headers as HeaderMap;
}

/**
 * Auth headers for a request whose body is `body`, sent to `url`. For IAM the
 * result includes `host` (it is signed), which fetch sets itself.
 */
export async function authHeaders(
  auth: ClientAuth,
  url: URL,
  body: string,
  region: string,
  baseHeaders: HeaderMap,
): Promise<HeaderMap> {
  if ('apiKey' in auth) return { ...baseHeaders, 'x-api-key': auth.apiKey };
  if ('jwt' in auth) {
    const token = typeof auth.jwt === 'function' ? await auth.jwt() : auth.jwt;
    return { ...baseHeaders, authorization: token };
  }
  return signPost(url, body, baseHeaders, await credentials(auth), region);
}

/**
 * The header object of the real-time protocol: `host` is always the GraphQL
 * (HTTP) endpoint's host. For IAM, the handshake signs POST <endpoint>/connect
 * with body "{}"; a start signs POST <endpoint> with the start's data string.
 */
export async function realtimeAuthHeaders(
  auth: ClientAuth,
  graphqlEndpoint: string,
  region: string,
  purpose: { connect: true } | { data: string },
): Promise<HeaderMap> {
  const url = new URL(graphqlEndpoint);
  if ('apiKey' in auth) return { host: url.host, 'x-api-key': auth.apiKey };
  if ('jwt' in auth) {
    return { host: url.host, Authorization: typeof auth.jwt === 'function' ? await auth.jwt() : auth.jwt };
  }
  const connect = 'connect' in purpose;
  const target = connect ? new URL(url.pathname.replace(/\/?$/, '/connect'), url) : url;
  const body = connect ? '{}' : purpose.data;
  return signPost(target, body, IAM_REALTIME_HEADERS, await credentials(auth), region);
}
