// The API as the bench measures it: `appsync-local start` in its own process
// (as `npm start` runs it), pointed at the bench's DynamoDB Local, so the load
// generator and the server do not share one event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateKeys, mintToken } from '../local/server/index.js';

export interface ApiProcess {
  url: string;
  pid: number | undefined;
  mintToken(user: string, sub: string): Promise<string>;
  stop(): Promise<void>;
}

interface FloorServer {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** A bench floor server (bench/<script>, printing "listening <port>") in its own process. */
export async function startFloorServer(root: string, script: string, args: string[] = []): Promise<FloorServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', script), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** bench/proxy-server.ts in its own process: the floor the API's getItem is compared with. */
export function startProxyFloor(opts: { root: string; dynamodbEndpoint: string; table: string }): Promise<FloorServer> {
  return startFloorServer(opts.root, 'proxy-server.ts', [opts.dynamodbEndpoint, opts.table]);
}

export async function startApiProcess(opts: {
  root: string;
  /** Without one, the server runs its own DynamoDB Local in memory (`--in-memory`). */
  dynamodbEndpoint?: string;
  tablePrefix?: string;
  /** Extra node flags, e.g. --cpu-prof to profile the server under load. */
  nodeArgs?: string[];
}): Promise<ApiProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'appsync-bench-'));
  const logPath = join(dataDir, 'server.log');
  const log = openSync(logPath, 'w');
  const engine = opts.dynamodbEndpoint ? ['--dynamodb-endpoint', opts.dynamodbEndpoint, '--table-prefix', opts.tablePrefix ?? ''] : ['--in-memory'];
  const args = ['start', '--port', '0', '--no-watch', '--data-dir', dataDir, ...engine];
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(opts.root, 'local/cli/bin.js'), ...args], { cwd: opts.root, stdio: ['ignore', log, log] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = performance.now();
  let url: string | undefined;
  while (!url) {
    const text = readFileSync(logPath, 'utf8');
    url = /GraphQL\s+(http\S+)/.exec(text)?.[1];
    if (!url && (child.exitCode !== null || performance.now() - started > 120_000)) {
      await stop();
      throw new Error(`appsync-local start did not become ready:\n${text}`);
    }
    if (!url) await new Promise((r) => setTimeout(r, 50));
  }
  const keys = await loadOrCreateKeys(dataDir);
  return { url, pid: child.pid, mintToken: (user, sub) => mintToken(keys, { user, sub }), stop };
}
