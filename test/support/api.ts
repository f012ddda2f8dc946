// Starts the local AppSync for OUR API (schema.graphql + resolvers/api.ts) on
// the shared test DynamoDB Local, with tables under a prefix of its own, and
// gives tests a small GraphQL caller with tokens minted for named users.
import { inject } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';
import { doorOptions, type Door } from './doors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let counter = 0;

export interface GraphQLAnswer {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; errorType?: string; errorInfo?: any; path?: any[] }> };
}

export interface TestApi {
  url: string;
  realtimeUrl: string;
  /** A locally minted Cognito ID token (cached per user and groups unless options are given). */
  token(user: string, groups?: string[], opts?: { expiresIn?: number | string; email?: string }): Promise<string>;
  /** POST /graphql as `user` (a Cognito token minted locally), or with the given headers. */
  gql(user: string | { headers: Record<string, string> }, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer>;
  /** The local signing keys (to forge tokens that are signed correctly but wrong otherwise). */
  keys: LocalAppSync['keys'];
  /** Physical table names in use (logical key → name; the keys differ between doors). */
  tableNames: LocalAppSync['tableNames'];
  stop(): Promise<void>;
}

/** `door`: serve the in-repo definition (default) or the synthesized cdk.out of the same app. */
export async function startTestApi(name = 'api', door: Door = 'definition'): Promise<TestApi> {
  counter += 1;
  const app = await startLocalAppSync({
    ...(await doorOptions(door)),
    root,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `${name}_${process.pid}_${counter}_`,
    port: 0,
    watch: false,
  });
  const tokens = new Map<string, string>();
  const token = async (user: string, groups: string[] = [], opts?: { expiresIn?: number | string; email?: string }) => {
    if (opts) return app.mintToken(user, groups, opts);
    const key = `${user}|${groups.join(',')}`;
    let t = tokens.get(key);
    if (!t) {
      t = await app.mintToken(user, groups);
      tokens.set(key, t);
    }
    return t;
  };
  const gql: TestApi['gql'] = async (user, query, variables) => {
    const headers: Record<string, string> =
      typeof user === 'string' ? { authorization: await token(user) } : { ...user.headers };
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as GraphQLAnswer['body'] };
  };
  return { url: app.url, realtimeUrl: app.realtimeUrl, token, gql, keys: app.keys, tableNames: app.tableNames, stop: () => app.stop() };
}
