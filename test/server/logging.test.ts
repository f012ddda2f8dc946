// The terminal output: one line per request; --verbose adds field-level detail.
import { describe, expect, it } from 'vitest';
import { post, startFixture } from './support.js';

describe('request logging', () => {
  it('prints one line per request, and with verbose the resolver logs and data-source calls', async () => {
    const lines: string[] = [];
    const app = await startFixture({ verbose: true, log: (l) => lines.push(l) });
    try {
      await post(app.url, { query: 'query Who { whoami getNote(id: "none") { id } }' }, { 'x-api-key': app.apiKey });
      await post(app.url, { query: '{ whoami }' });
    } finally {
      await app.stop();
    }
    const requestLines = lines.filter((l) => /^\d\d:\d\d:\d\d\.\d{3} \d{3} /.test(l));
    expect(requestLines).toHaveLength(2);
    expect(requestLines[0]).toMatch(/ 200 query Who resolvers=2 ds=2 [\d.]+ms$/);
    expect(requestLines[1]).toMatch(/ 401 - UnauthorizedException [\d.]+ms$/);
    expect(lines).toContainEqual(expect.stringMatching(/▸ whoami \(Query\/whoami\)/));
    expect(lines).toContainEqual(expect.stringMatching(/log: .*whoami called/));
    expect(lines).toContainEqual(expect.stringMatching(/request: \{"operation":"GetItem"/));
  });
});

describe('private logs', () => {
  // Issue: no token, password or email in any log line, --verbose included. Runs OUR API, whose
  // resolvers put emails in keys and items, with a token in every request.
  it('never prints a token, a key or an email address, even with --verbose', async () => {
    const { startLocalAppSync } = await import('../../local/server/index.js');
    const { inject } = await import('vitest');
    const { fileURLToPath } = await import('node:url');
    const lines: string[] = [];
    const app = await startLocalAppSync({
      root: fileURLToPath(new URL('../..', import.meta.url)),
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      tablePrefix: `logs${process.pid}_`,
      port: 0,
      watch: false,
      verbose: true,
      frontendConfigPath: false,
      log: (l) => lines.push(l),
    });
    const token = await app.mintToken('privacy', [], { email: 'Private.Person@Example.org' });
    try {
      const call = (query: string) => post(app.url, { query }, { authorization: token });
      await call('mutation { createProfile(input: { displayName: "p", email: "private.person@example.org" }) { email } }');
      await call('mutation { createProfile(input: { displayName: "p", email: "someone.else@example.org" }) { email } }');
      await call('{ me { email items { items { itemId } } } }');
      await call('mutation { createItem(input: { title: "mail me at private.person@example.org" }) { itemId } }');
      await post(app.url, { query: '{ me { email } }' }, { authorization: `${token}x` });
    } finally {
      await app.stop();
    }
    const text = lines.join('\n');
    expect(text).toMatch(/request: \{"operation":"TransactWriteItems"/);
    expect(text).toContain('<email>');
    expect(text).not.toMatch(/example\.org/i);
    expect(text).not.toContain(token.split('.')[1]);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\./);
  });
});
