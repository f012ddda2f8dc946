// Cold start: from spawning a local AppSync process to its first successful
// GraphQL answer. Ours: `appsync-local start --in-memory` (DynamoDB Local in
// memory, this API's bundles built). The peer: the simulator behind
// `amplify mock api` (bench/amplify-mock-server.cjs). Both timed the same way
// here, in turn (ours, peer, ours, …) so a machine that slows down mid-run
// slows both.
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

interface Target {
  args: (port: number) => string[];
  headers: Record<string, string>;
  query: string;
}

/** Spawn → first answer with data, polling every 25 ms; the process is stopped after. */
async function timeToFirstAnswer(root: string, target: Target): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, target.args(port), { cwd: root, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...target.headers },
          body: JSON.stringify({ query: target.query }),
        });
        const body = (await res.json()) as { data?: unknown };
        if (body.data) return Math.round(performance.now() - t0);
      } catch {
        // not up yet
      }
      if (performance.now() - t0 > 60_000) throw new Error('cold start: no answer within 60 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export interface ColdStartFigures {
  runs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
}

function figures(runs: number[]): ColdStartFigures {
  const s = [...runs].sort((a, b) => a - b);
  return { runs, medianMs: s[Math.floor(s.length / 2)]!, minMs: s[0]!, maxMs: s.at(-1)! };
}

export interface ColdStart {
  /** `appsync-local start --in-memory`. */
  ours: ColdStartFigures;
  /** The Amplify mock's AppSync simulator (NONE data source only). */
  amplifyMock: ColdStartFigures;
  /** The first start after a cache clear is not counted: it compiles the engine launcher and class archive. */
  warmupRuns: number;
}

export async function measureColdStart(root: string, runs = 5): Promise<ColdStart> {
  const bin = join(root, 'local/cli/bin.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'appsync-cold-'));
  try {
    const token = execFileSync(process.execPath, [bin, 'token', '--user', 'cold', '--data-dir', dataDir], { cwd: root, encoding: 'utf8' }).trim();
    const ours: Target = {
      args: (port) => [bin, 'start', '--in-memory', '--no-watch', '--port', String(port), '--data-dir', dataDir],
      headers: { authorization: token },
      query: '{ listItems(limit: 1) { nextToken } }',
    };
    const peer: Target = {
      args: (port) => [join(root, 'bench/amplify-mock-server.cjs'), String(port)],
      headers: { 'x-api-key': 'da2-coldstartbench' },
      query: '{ hello }',
    };
    // Two unmeasured starts each: ours makes its engine caches (launcher, then class archive) on its first two.
    const warmupRuns = 2;
    for (let i = 0; i < warmupRuns; i++) {
      await timeToFirstAnswer(root, ours);
      await timeToFirstAnswer(root, peer);
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      a.push(await timeToFirstAnswer(root, ours));
      b.push(await timeToFirstAnswer(root, peer));
    }
    return { ours: figures(a), amplifyMock: figures(b), warmupRuns };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
