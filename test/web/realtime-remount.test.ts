// What the app needs from the typed client's real-time connection when a React
// effect subscribes, is cleaned up (client.close()) and subscribes again before
// the first handshake got its token — StrictMode does exactly that on every
// mount in development. The first attempt must not open a socket anyway (it
// leaked, and its onopen sent connection_init on the second, still-connecting
// socket: "Failed to execute 'send' on 'WebSocket': Still in CONNECTING state").
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from '../../client/index.js';
import { OnCreateItemDocument } from '../../client/generated/graphql.js';
import { startFakeAppSync, type FakeAppSync } from '../client/fake-appsync.js';

let fake: FakeAppSync;
beforeAll(async () => {
  fake = await startFakeAppSync();
});
afterAll(() => fake.close());

it('close() during the handshake leaves one connection, used by the next subscribe', async () => {
  const config = {
    graphqlEndpoint: fake.graphqlEndpoint,
    realtimeEndpoint: fake.realtimeEndpoint,
    region: 'eu-west-1',
    defaultAuthMode: 'AMAZON_COGNITO_USER_POOLS' as const,
    additionalAuthModes: [],
  };
  // A token that takes a moment, as a refresh or Amplify's fetchAuthSession does.
  const jwt = () => new Promise<string>((resolve) => setTimeout(() => resolve('jwt-token'), 20));
  const client = createClient(config, { jwt }, { WebSocket });
  const errors: unknown[] = [];

  const first = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, { next: () => {}, error: (e) => errors.push(e) });
  first.unsubscribe();
  client.close();
  const second = client.subscribe(OnCreateItemDocument, { userId: 'u1' }, { next: () => {}, error: (e) => errors.push(e) });
  await second.started;
  await new Promise((r) => setTimeout(r, 100));

  expect(fake.connections).toHaveLength(1);
  expect(fake.connections[0].starts).toHaveLength(1);
  expect(errors).toEqual([]);
  second.unsubscribe();
});
