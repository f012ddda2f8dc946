// One config file switches the app between the local API and AWS: the file
// `npm start` writes, or the stack's FrontendConfig output (a `cdk deploy
// --outputs-file` file works as it is). Developer tokens are forwarded only to a
// loopback API; against AWS the app signs in with Cognito.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLocal } from '../../web/src/config.js';
import { readFrontendConfig } from '../../web/local-api.js';
import { serveApp } from '../../web/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'web-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const aws = {
  graphqlEndpoint: 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql',
  realtimeEndpoint: 'wss://abc123.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
  region: 'eu-west-1',
  defaultAuthMode: 'AMAZON_COGNITO_USER_POOLS' as const,
  additionalAuthModes: ['AWS_IAM' as const],
  userPoolId: 'eu-west-1_AbCdEfGhI',
  userPoolClientId: 'client',
};

describe('the frontend config', () => {
  it('reads the stack outputs file as well as the config file itself', () => {
    const outputs = join(dir, 'cdk-outputs.json');
    writeFileSync(outputs, JSON.stringify({ ItemsApi: { GraphQLUrl: aws.graphqlEndpoint, FrontendConfig: JSON.stringify(aws) } }));
    expect(readFrontendConfig(outputs)).toEqual(aws);
    const plain = join(dir, 'frontend-config.json');
    writeFileSync(plain, JSON.stringify(aws));
    expect(readFrontendConfig(plain)).toEqual(aws);
  });

  it('is local exactly when the API is on a loopback address', () => {
    expect(isLocal({ ...aws, graphqlEndpoint: 'http://127.0.0.1:4000/graphql' })).toBe(true);
    expect(isLocal({ ...aws, graphqlEndpoint: 'https://localhost:4000/graphql' })).toBe(true);
    expect(isLocal(aws)).toBe(false);
  });

  it('forwards /token to a local API with a localhost Host, and never to AWS', async () => {
    const seen: Array<{ url?: string; host?: string }> = [];
    const fakeLocal = createServer((req, res) => {
      seen.push({ url: req.url, host: req.headers.host });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t"}');
    });
    await new Promise<void>((ok) => fakeLocal.listen(0, '127.0.0.1', ok));
    const port = (fakeLocal.address() as AddressInfo).port;
    const localConfig = join(dir, 'local.json');
    writeFileSync(localConfig, JSON.stringify({ ...aws, graphqlEndpoint: `http://127.0.0.1:${port}/graphql` }));
    const awsConfig = join(dir, 'aws.json');
    writeFileSync(awsConfig, JSON.stringify(aws));
    const [local, remote] = await Promise.all([serveApp(dir, { configPath: localConfig }), serveApp(dir, { configPath: awsConfig })]);
    try {
      const minted = await fetch(`${local.origin}/token?user=ann&group=admin`, { method: 'POST' });
      expect(await minted.json()).toEqual({ token: 't' });
      expect(seen).toEqual([{ url: '/token?user=ann&group=admin', host: `localhost:${port}` }]);
      expect((await fetch(`${remote.origin}/token?user=ann`, { method: 'POST' })).status).toBe(404);
      expect(await (await fetch(`${remote.origin}/frontend-config.json`)).json()).toEqual(aws);
      expect(seen).toHaveLength(1);
    } finally {
      await Promise.all([local.close(), remote.close()]);
      fakeLocal.close();
    }
  });
});
