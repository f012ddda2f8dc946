// Starts the local server on the fixture API (bundled here with esbuild) against
// the shared DynamoDB Local, with its own table prefix and data directory.
import { inject } from 'vitest';
import { startLocalAppSync, type LocalAppSync, type StartOptions } from '../../local/server/index.js';
import { fixtureOptions } from './fixture-options.js';

export { bundle, fixtureRoot } from './fixture-options.js';

export async function startFixture(extra: Partial<StartOptions> = {}): Promise<LocalAppSync> {
  return startLocalAppSync(await fixtureOptions(inject('dynamodbEndpoint'), extra));
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
