// Client libraries against the local server over HTTPS/WSS with its generated certificate.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalAppSync } from '../../local/server/index.js';
import { runClient, startHttpsFixture } from './support.js';

let server: LocalAppSync;
let certPath: string;
beforeAll(async () => {
  ({ server, certPath } = await startHttpsFixture());
});
afterAll(async () => {
  await server?.stop();
});

describe('AWS Amplify JS v6 (generateClient)', () => {
  it('queries, mutates and receives only the subscribed channel over wss://', async () => {
    expect(server.url).toMatch(/^https:/);
    const out = await runClient('amplify.ts', { URL: server.url, API_KEY: server.apiKey, NODE_EXTRA_CA_CERTS: certPath });
    expect(out.hello).toEqual({ hello: 'hello amplify' });
    expect(out.mutations[1]).toEqual({ post: { id: '2', channel: 'general', text: 'text 2' } });
    expect(out.refused).toEqual([]);
    expect(out.received).toEqual([{ onPost: { id: '2', channel: 'general', text: 'text 2' } }]);
  });
});

describe('Apollo Client 4 with aws-appsync-subscription-link', () => {
  it('queries, mutates and receives only the subscribed channel over wss://', async () => {
    const out = await runClient('apollo.ts', { URL: server.url, API_KEY: server.apiKey, NODE_EXTRA_CA_CERTS: certPath });
    expect(out.hello).toMatchObject({ hello: 'hello apollo' });
    expect(out.mutation.post).toMatchObject({ id: 'b', channel: 'general', text: 'text b' });
    expect(out.errors).toEqual([]);
    expect(out.received.map((d: any) => d.onPost && { id: d.onPost.id, channel: d.onPost.channel })).toEqual([{ id: 'b', channel: 'general' }]);
  });
});

describe('the generated certificate', () => {
  const get = (ca?: string) =>
    new Promise<number>((resolve, reject) => {
      https.get(server.url.replace('/graphql', '/console/graphiql.css'), { ca }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject);
    });
  it('is trusted when given as the CA and refused otherwise', async () => {
    expect(await get(readFileSync(certPath, 'utf8'))).toBe(200);
    await expect(get()).rejects.toThrow(/self[- ]signed/i);
  });
});
