// Our API over the real-time endpoint: a user hears about their own new items,
// and subscribing to another user's items is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestApi, type TestApi } from '../support/api.js';
import { DOORS } from '../support/doors.js';

// Once per door: the in-repo definition and this app's synthesized cdk.out answer alike.
describe.each(DOORS)('through the %s door', (door) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('rtapi', door);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const sub = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;

  async function connect(token: string) {
    const host = new URL(api.url).host;
    const header = Buffer.from(JSON.stringify({ host, Authorization: token })).toString('base64url');
    const ws = new WebSocket(api.realtimeUrl, ['graphql-ws', `header-${header}`]);
    const frames: any[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.on('open', r));
    ws.send(JSON.stringify({ type: 'connection_init' }));
    const next = async (pred: (f: any) => boolean): Promise<any> => {
      for (let i = 0; i < 100; i++) {
        const f = frames.find(pred);
        if (f) return f;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`frame not received; got ${JSON.stringify(frames)}`);
    };
    await next((f) => f.type === 'connection_ack');
    const start = (id: string, userId: string) =>
      ws.send(
        JSON.stringify({
          id,
          type: 'start',
          payload: {
            data: JSON.stringify({ query: 'subscription S($u: ID!) { onCreateItem(userId: $u) { userId itemId title } }', variables: { u: userId } }),
            extensions: { authorization: { host, Authorization: token } },
          },
        }),
      );
    return { ws, frames, next, start };
  }

  describe('item subscriptions on our API', () => {
    it('delivers the owner\'s new item and refuses a subscription to another user\'s items', async () => {
      const alice = await api.token('alice');
      const bob = await api.token('bob');
      const a = await connect(alice);
      a.start('mine', sub(alice));
      await a.next((f) => f.type === 'start_ack' && f.id === 'mine');

      const b = await connect(bob);
      b.start('theirs', sub(alice));
      const refused = await b.next((f) => f.id === 'theirs' && (f.type === 'error' || f.type === 'start_ack'));
      expect(refused.type).toBe('error');
      expect(refused.payload.errors[0].errorType).toMatch(/Unauthorized/);

      const created = await api.gql('alice', 'mutation { createItem(input: { title: "rt item" }) { userId itemId title } }');
      expect(created.body.errors).toBeUndefined();
      await api.gql('bob', 'mutation { createItem(input: { title: "bob item" }) { userId itemId title } }');
      const data = await a.next((f) => f.type === 'data');
      expect(data).toEqual({ type: 'data', id: 'mine', payload: { data: { onCreateItem: created.body.data.createItem } } });
      await new Promise((r) => setTimeout(r, 200));
      expect(a.frames.filter((f) => f.type === 'data')).toHaveLength(1);
      expect(b.frames.filter((f) => f.type === 'data')).toHaveLength(0);
      a.ws.close();
      b.ws.close();
    });
  });
});
