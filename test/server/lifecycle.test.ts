// `npm start` as an IDE's stop button, a supervisor or `timeout` ends it: a
// SIGTERM to npm alone. npm and its `sh` exit without passing anything on, so
// appsync-local must notice its parent is gone and stop, engine included.
// While it runs, every socket it and its engine listen on is on loopback
// (what `ss -ltnp` would show).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alive, descendantsOf, isLoopback, listenersOf, portFree } from '../engine/sockets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((ok) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

async function waitFor(what: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await what()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return what();
}

describe('npm start', { timeout: 180_000 }, () => {
  it('listens on loopback only, and a SIGTERM to npm leaves no server, no JVM and a free port', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'appsync-lifecycle-'));
    // package.json's start script is `appsync-local start`; npm passes what follows `--`.
    const npm = spawn('npm', ['start', '--', '--in-memory', '--port', String(port), '--no-build', '--no-watch', '--data-dir', dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const npmExited = new Promise<void>((ok) => npm.once('exit', () => ok()));
    let below: number[] = [];
    try {
      const ready = await waitFor(() => /AppSync local is ready/.test(out) && /IAM keys[^\n]*\n/.test(out), 150_000);
      expect(ready, out).toBe(true);
      const enginePort = Number(/DynamoDB\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
      expect(enginePort).toBeGreaterThan(0);

      // npm → sh → node (appsync-local) → java (DynamoDB Local), esbuild…
      below = descendantsOf(npm.pid!);
      const listeners = listenersOf(below);
      expect(listeners.map((l) => l.port).sort()).toEqual([port, enginePort].sort());
      expect(listeners.filter((l) => !isLoopback(l.address))).toEqual([]);
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(401);

      npm.kill('SIGTERM');
      await npmExited;
      // A few seconds: the parent is looked at every half second, then the
      // server drains and the JVM ends.
      expect(await waitFor(() => below.every((pid) => !alive(pid)), 10_000), `still running: ${below.filter(alive).join(' ')}\n${out}`).toBe(true);
      expect(await portFree(port)).toBe(true);
      expect(await portFree(enginePort)).toBe(true);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      for (const pid of below) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone, as it should be
        }
      }
    }
  });
});
