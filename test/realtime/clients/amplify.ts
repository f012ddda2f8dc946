// Run in a child process (so NODE_EXTRA_CA_CERTS trusts the local certificate):
// AWS Amplify JS v6 against the local server — query, subscription, mutation.
// Prints one JSON line with what it saw.
import { WebSocket } from 'ws';
import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';

// Node 20 has no global WebSocket; Amplify expects one.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

const { URL: endpoint, API_KEY: apiKey, TOKEN: token } = process.env as Record<string, string>;
Amplify.configure(
  { API: { GraphQL: { endpoint, region: 'us-east-1', defaultAuthMode: 'apiKey', apiKey } } },
  { API: { GraphQL: { headers: async () => ({}) } } },
);
const client = generateClient();

const hello = (await client.graphql({ query: 'query Q($n: String!) { hello(name: $n) }', variables: { n: 'amplify' } })) as { data: unknown };
const received: unknown[] = [];
const refused: unknown[] = [];
const sub = (client.graphql({ query: 'subscription S($c: String) { onPost(channel: $c) { id channel text } }', variables: { c: 'general' } }) as unknown as {
  subscribe(o: { next(v: { data: unknown }): void; error(e: unknown): void }): { unsubscribe(): void };
}).subscribe({ next: (v) => received.push(v.data), error: (e) => refused.push(String(e)) });
// Amplify reports readiness only through Hub; a short wait for start_ack is enough locally.
await new Promise((r) => setTimeout(r, 1500));
const post = (id: string, channel: string) =>
  client.graphql({
    query: 'mutation M($id: ID!, $c: String!, $t: String!) { post(id: $id, channel: $c, text: $t) { id channel text } }',
    variables: { id, c: channel, t: `text ${id}` },
    ...(token ? { authMode: 'userPool' as const, authToken: token } : {}),
  }) as Promise<{ data: unknown }>;
const m1 = await post('1', 'random');
const m2 = await post('2', 'general');
for (let i = 0; i < 50 && received.length < 1; i++) await new Promise((r) => setTimeout(r, 100));
await new Promise((r) => setTimeout(r, 300));
sub.unsubscribe();
process.stdout.write(JSON.stringify({ hello: hello.data, mutations: [m1.data, m2.data], received, refused }) + '\n');
process.exit(0);
