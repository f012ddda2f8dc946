// Subscription invalidation end to end: a mutation resolver calls
// extensions.invalidateSubscriptions, the subscription resolver registered
// setSubscriptionInvalidationFilter; matching subscriptions end, others live on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LocalAppSync } from '../../local/server/index.js';
import { startHttpsFixture } from './support.js';

let server: LocalAppSync;
beforeAll(async () => {
  ({ server } = await startHttpsFixture(false));
});
afterAll(async () => server?.stop());

const auth = () => ({ host: new URL(server.url).host, 'x-api-key': server.apiKey });

async function subscriber(channel: string) {
  const header = Buffer.from(JSON.stringify(auth())).toString('base64url');
  const ws = new WebSocket(server.realtimeUrl, ['graphql-ws', `header-${header}`]);
  const frames: any[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise((r) => ws.on('open', r));
  ws.send(JSON.stringify({ type: 'connection_init' }));
  const query = 'subscription($c: String) { onPost(channel: $c) { id text } }';
  ws.send(JSON.stringify({ id: 's', type: 'start', payload: { data: JSON.stringify({ query, variables: { c: channel } }), extensions: { authorization: auth() } } }));
  await until(() => frames.some((f) => f.type === 'start_ack'));
  return { ws, frames, closed };
}

async function until(ok: () => boolean): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > 5000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function gql(query: string) {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': server.apiKey }, body: JSON.stringify({ query }) });
  return res.json() as Promise<any>;
}

describe('subscription invalidation', () => {
  it('ends the matching subscription with complete and closes its connection; another channel keeps receiving', async () => {
    const red = await subscriber('red');
    const blue = await subscriber('blue');
    expect(await gql('mutation { kick(channel: "red") }')).toEqual({ data: { kick: true } });
    expect(await red.closed).toBe(1000);
    expect(red.frames.filter((f) => f.type === 'complete')).toEqual([{ type: 'complete', id: 's', payload: { message: 'Subscription complete.' } }]);
    await gql('mutation { post(id: "1", channel: "blue", text: "still here") { id channel text } }');
    await until(() => blue.frames.some((f) => f.type === 'data'));
    expect(blue.frames.find((f) => f.type === 'data').payload.data.onPost).toEqual({ id: '1', text: 'still here' });
    expect(blue.frames.some((f) => f.type === 'complete')).toBe(false);
    blue.ws.close();
  });

  it('refuses more than five unique invalidations in one request, and performs none of them', async () => {
    const green = await subscriber('made-up-0');
    const r = await gql('mutation { kick(n: 6) }');
    expect(r.data).toEqual({ kick: true });
    expect(r.errors).toEqual([expect.objectContaining({ errorType: 'LimitExceededError' })]);
    await new Promise((done) => setTimeout(done, 100));
    expect(green.frames.some((f) => f.type === 'complete')).toBe(false);
    expect((await gql('mutation { kick(n: 5) }')).errors).toBeUndefined();
    expect(await green.closed).toBe(1000);
  });
});
