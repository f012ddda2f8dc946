// `appsync-local start` and `appsync-local token` as a user runs them: the
// server prints its URLs and keys, accepts a token minted by the token command,
// writes the frontend config and stops cleanly on SIGTERM.
import { spawn, execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject, describe, expect, it } from 'vitest';
import { JAVA_MISSING_MESSAGE } from '../../local/engine/java.js';

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
      // The log line is written after the answer is sent; a busy machine may take a moment.
      for (let i = 0; i < 100 && !/200 query/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
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

/** Runs the CLI to its end; what it printed and its exit code. */
function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env, timeout: 90_000 }, (err, stdout, stderr) => {
      ok({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

/** A newcomer's first problems: one line each, saying what to do, and exit code 1. */
describe('appsync-local start: one-line errors', { timeout: 120_000 }, () => {
  const start = (dataDir: string, ...more: string[]): string[] => ['start', '--port', '0', '--no-build', '--in-memory', '--data-dir', dataDir, ...more];
  const oneLine = (r: { code: number | null; stderr: string }): string => {
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd()).not.toContain('\n');
    return r.stderr.trimEnd();
  };

  it('no Java: says what to install, or to use --dynamodb-endpoint', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-java-'));
    const r = await runCli(start(mkdtempSync(join(tmpdir(), 'appsync-cli-'))), { ...process.env, PATH: empty, JAVA_HOME: '' });
    expect(oneLine(r)).toBe(`appsync-local: ${JAVA_MISSING_MESSAGE}`);
  });

  it('a Java older than 17: names it and the way around it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'old-java-'));
    writeFileSync(join(dir, 'java'), '#!/bin/sh\necho \'java version "1.8.0_381"\' >&2\n');
    chmodSync(join(dir, 'java'), 0o755);
    const r = await runCli(start(mkdtempSync(join(tmpdir(), 'appsync-cli-'))), { ...process.env, PATH: dir, JAVA_HOME: '' });
    expect(oneLine(r)).toMatch(new RegExp(`^appsync-local: DynamoDB Local needs Java 17 or newer, but ${join(dir, 'java')} is Java 1\\.8\\.0_381: install .* or use another DynamoDB with --dynamodb-endpoint URL\\.$`));
  });

  it("the server's port in use: names it and --port", async () => {
    const held = createServer();
    await new Promise<void>((ok) => held.listen(0, '127.0.0.1', ok));
    const port = (held.address() as { port: number }).port;
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'appsync-cli-'));
      const r = await runCli(['start', '--port', String(port), '--no-build', '--data-dir', dataDir, '--dynamodb-endpoint', inject('dynamodbEndpoint'), '--table-prefix', `cliport${process.pid}_`]);
      expect(oneLine(r)).toBe(
        `appsync-local: cannot listen on 127.0.0.1:${port}: the port is in use (another appsync-local?); stop that program, or choose another port with --port N (0 picks a free one).`,
      );
    } finally {
      held.close();
    }
  });

  it("a file where DynamoDB Local's data folder should be: names it and the ways out", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'appsync-cli-'));
    writeFileSync(join(dataDir, 'dynamodb'), 'not a folder');
    const r = await runCli(['start', '--port', '0', '--no-build', '--data-dir', dataDir]);
    expect(oneLine(r)).toBe(
      `appsync-local: cannot use ${join(dataDir, 'dynamodb')} for DynamoDB Local's data (a file is in the way of a folder): ` +
        'move it away (tables start empty), start with --in-memory, or choose another --data-dir.',
    );
  });

  it('a data directory that is a file: names it and --data-dir', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'appsync-cli-'));
    mkdirSync(join(parent, 'x'));
    const dataDir = join(parent, 'x', 'data');
    writeFileSync(dataDir, 'not a folder');
    const r = await runCli(['start', '--port', '0', '--no-build', '--data-dir', dataDir, '--dynamodb-endpoint', inject('dynamodbEndpoint')]);
    expect(oneLine(r)).toBe(`appsync-local: cannot use ${dataDir} (a file is in the way of a folder): fix it, or choose another --data-dir.`);
  });
});
