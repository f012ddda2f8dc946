// `appsync-local start` and `appsync-local token` as a user runs them: the
// server prints its URLs and keys, accepts a token minted by the token command,
// writes the frontend config and stops cleanly on SIGTERM.
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'local/cli/bin.js');

describe('appsync-local start / token', () => {
  it('serves the API, accepts a minted token, writes the frontend config and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'appsync-cli-'));
    const started = performance.now();
    const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--no-build', '--data-dir', dataDir, '--dynamodb-endpoint', inject('dynamodbEndpoint'), '--table-prefix', `cli${process.pid}_`], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const url = await new Promise<string>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no URL printed:\n${out}`)), 25_000);
        const check = (): void => {
          const m = /GraphQL\s+(http:\/\/\S+)/.exec(out);
          // The banner ends with the IAM line for this API's modes.
          if (m && /IAM keys[^\n]*\n/.test(out)) {
            clearTimeout(timer);
            ok(m[1]);
          }
        };
        child.stdout.on('data', check);
        child.on('exit', () => fail(new Error(`exited early:\n${out}`)));
      });
      expect(out).toMatch(/Token\s+npx appsync-local token --user alice/);
      expect(out).toMatch(/IAM keys\s+AWS_ACCESS_KEY_ID=AKIA/);

      const { stdout: token } = await promisify(execFile)(process.execPath, [bin, 'token', '--user', 'alice', '--group', 'admin', '--data-dir', dataDir], { cwd: root });
      const res = await fetch(url, { method: 'POST', headers: { authorization: token.trim(), 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { userId } }' }) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { me: null } });
      const firstQueryMs = performance.now() - started;
      expect(firstQueryMs).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/200 query \(anonymous\) resolvers=1 ds=1/);

      const config = JSON.parse(readFileSync(join(dataDir, 'frontend-config.json'), 'utf8'));
      expect(config).toMatchObject({ graphqlEndpoint: url, defaultAuthMode: 'AMAZON_COGNITO_USER_POOLS' });

      const code = await new Promise<number | null>((ok) => {
        child.on('exit', (c) => ok(c));
        child.kill('SIGTERM');
      });
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
