// kill -9 of the server in the middle of a stream of writes: after a restart
// on the same data folder, every write that was acknowledged is there, and
// the killed server left no DynamoDB Local JVM behind.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'local/cli/bin.js');
const dataDir = mkdtempSync(join(tmpdir(), 'appsync-crash-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function startServer(port: number): ChildProcess {
  const child = spawn(process.execPath, [bin, 'start', '--port', String(port), '--data-dir', dataDir, '--no-watch'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  child.stdout!.resume();
  child.stderr!.resume();
  children.push(child);
  return child;
}

async function gql(port: number, token: string, query: string, variables?: object) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

async function waitUntilServing(port: number, token: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const r = await gql(port, token, '{ listItems(limit: 1) { nextToken } }');
      if (r.data) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start within 60 s');
}

function javaPidsFor(dir: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes('DynamoDBLocal') && l.includes(dir))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe('crash safety', () => {
  it('keeps every acknowledged write across kill -9 and restart', async () => {
    const token = execFileSync(process.execPath, [bin, 'token', '--user', 'crash-user', '--data-dir', dataDir], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const port = await freePort();
    const server = startServer(port);
    await waitUntilServing(port, token);

    const acknowledged: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let n = 0; !stop; n += 1) {
        try {
          const r = await gql(port, token, 'mutation($t: String!) { createItem(input: { title: $t }) { itemId } }', {
            t: `w${w}-${n}`,
          });
          if (r.data?.createItem?.itemId) acknowledged.push(r.data.createItem.itemId);
        } catch {
          return; // the server is gone
        }
      }
    });
    // Kill mid-stream: once writes are flowing, not at a quiet moment.
    const started = Date.now();
    while (acknowledged.length < 20 && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
    server.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);

    // The engine's watchdog stops DynamoDB Local when its parent dies.
    const deadline = Date.now() + 15_000;
    while (javaPidsFor(dataDir).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(javaPidsFor(dataDir)).toEqual([]);

    const port2 = await freePort();
    const again = startServer(port2);
    await waitUntilServing(port2, token);
    const stored = new Set<string>();
    let nextToken: string | null = null;
    do {
      const r = await gql(port2, token, 'query($n: String) { listItems(limit: 100, nextToken: $n) { items { itemId } nextToken } }', {
        n: nextToken,
      });
      for (const i of r.data.listItems.items) stored.add(i.itemId);
      nextToken = r.data.listItems.nextToken;
    } while (nextToken);
    for (const id of acknowledged) expect(stored.has(id), `acknowledged ${id} lost`).toBe(true);
    again.kill('SIGTERM');
    await new Promise((r) => again.once('exit', r));
  }, 120_000);
});
