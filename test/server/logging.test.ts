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
