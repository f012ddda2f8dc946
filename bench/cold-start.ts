// Cold start: from spawning `appsync-local start` (DynamoDB Local in memory)
// to the first successful GraphQL answer.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function measureColdStart(root: string): Promise<{ ms: number }> {
  const bin = join(root, 'local/cli/bin.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'appsync-cold-'));
  const token = execFileSync(process.execPath, [bin, 'token', '--user', 'cold', '--data-dir', dataDir], { cwd: root, encoding: 'utf8' }).trim();
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'start', '--in-memory', '--no-watch', '--port', String(port), '--data-dir', dataDir], {
    cwd: root,
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token },
          body: JSON.stringify({ query: '{ listItems(limit: 1) { nextToken } }' }),
        });
        const body = (await res.json()) as { data?: unknown };
        if (body.data) return { ms: Math.round(performance.now() - t0) };
      } catch {
        // not up yet
      }
      if (performance.now() - t0 > 60_000) throw new Error('cold start: no answer within 60 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
