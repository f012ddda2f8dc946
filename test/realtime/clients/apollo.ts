// Run in a child process (NODE_EXTRA_CA_CERTS trusts the local certificate):
// Apollo Client 4 + aws-appsync-auth-link + aws-appsync-subscription-link.
import { WebSocket } from 'ws';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createAuthLink, type AuthOptions } from 'aws-appsync-auth-link';
import { createSubscriptionHandshakeLink } from 'aws-appsync-subscription-link';

(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

const { URL: url, API_KEY: apiKey, TOKEN: token } = process.env as Record<string, string>;
const region = 'us-east-1';
const auth: AuthOptions = token ? { type: 'AMAZON_COGNITO_USER_POOLS', jwtToken: token } : { type: 'API_KEY', apiKey };
const client = new ApolloClient({
  // The links' typings point at Apollo's CommonJS build; at run time both are the same ESM classes.
  link: ApolloLink.from([
    createAuthLink({ url, region, auth }) as unknown as ApolloLink,
    createSubscriptionHandshakeLink({ url, region, auth }, new HttpLink({ uri: url }) as never) as unknown as ApolloLink,
  ]),
  cache: new InMemoryCache(),
});

const hello = await client.query({ query: gql`query Q($n: String!) { hello(name: $n) }`, variables: { n: 'apollo' } });
const received: unknown[] = [];
const errors: string[] = [];
const sub = client
  .subscribe({ query: gql`subscription S($c: String) { onPost(channel: $c) { id channel text } }`, variables: { c: 'general' } })
  .subscribe({ next: (v) => received.push(v.data), error: (e) => errors.push(String(e)) });
await new Promise((r) => setTimeout(r, 1500));
const post = gql`mutation M($id: ID!, $c: String!, $t: String!) { post(id: $id, channel: $c, text: $t) { id channel text } }`;
await client.mutate({ mutation: post, variables: { id: 'a', c: 'random', t: 'text a' } });
const m = await client.mutate({ mutation: post, variables: { id: 'b', c: 'general', t: 'text b' } });
for (let i = 0; i < 50 && received.length < 1; i++) await new Promise((r) => setTimeout(r, 100));
await new Promise((r) => setTimeout(r, 300));
sub.unsubscribe();
process.stdout.write(JSON.stringify({ hello: hello.data, mutation: m.data, received, errors }) + '\n');
process.exit(0);
