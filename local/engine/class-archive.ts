// An AppCDS archive of DynamoDB Local's classes: with it the JVM maps the
// classes it would otherwise load, verify and link one by one, and answers in
// about half the time (≈0.55 s instead of ≈1.05 s alone on a 2-core machine;
// less CPU too, which the server's own start-up shares).
//
// Made in three steps, each on a start of its own, so no start waits for one:
//   1. a start without the archive copies the two jars the JVM must read into
//      the cache, in the background once the engine answers. CDS refuses a
//      class path holding a non-empty directory; the launcher's class folder
//      is one and so is the `.` that DynamoDBLocal.jar's manifest Class-Path
//      names. The copies are launcher.jar and engine.jar, whose manifest
//      Class-Path names only itself.
//   2. the next start runs from those copies with -XX:ArchiveClassesAtExit,
//      so the JVM writes the archive of what it loaded when it exits; it is
//      renamed into place only after a normal exit.
//   3. every later start maps it with -XX:SharedArchiveFile.
// Anything that fails leaves the normal start as it was: the JVM (under its
// default -Xshare:auto) ignores an archive that does not match, and a step
// that fails is tried again on a later start. Keyed on the jar's size and
// mtime, the Java binary and its version and the launcher, so an upgrade of
// any of them makes a new one. Never downloads anything.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import type { JavaInfo } from './java.js';
import { LAUNCHER_CLASS } from './launcher.js';
import { processAlive } from '../util/process-alive.js';

export interface ArchivePlan {
  /** Class path for the launcher: the cached copies when there are any. */
  classpath: string;
  /** JVM options that map or write the archive. */
  jvmArgs: string[];
  /** Call once the engine answers (starts step 1 in the background). */
  afterStart(): void;
  /** True when the JVM writes the archive as it exits, which takes a second or two. */
  writesAtExit: boolean;
  /** Call with the JVM's exit (renames a written archive into place). */
  afterExit(code: number | null, signal: NodeJS.Signals | null): void;
}

const ENGINE_JAR = 'engine.jar';
const LAUNCHER_JAR = 'launcher.jar';
const ARCHIVE = 'engine.jsa';
// CDS prints a warning per class it cannot archive (DynamoDB Local has
// pre-Java-6 classes) and one when an archive does not match; neither matters here.
const QUIET = '-Xlog:cds=off,cds+dynamic=off';
let dumps = 0;

/** Leftovers of a step whose process died before it could rename them. */
function removeStale(dir: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /\.tmp-(\d+)(?:-\d+)?$/.exec(name) : null;
    if (m && !processAlive(Number(m[1]))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function run(java: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = execFile(java, ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', ...args], { timeout: 120_000 }, (err) => resolve(!err));
    // Background work: it must not hold a process that is done open.
    child.unref();
    for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
  });
}

/** Step 1: the jar copies, made beside their place and renamed, so no start sees half of them. */
const preparing = new Set<string>();

async function prepareJars(java: string, engineDir: string, classDir: string, target: string): Promise<void> {
  if (preparing.has(target)) return;
  preparing.add(target);
  const root = dirname(target);
  removeStale(root, basename(target));
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    mkdirSync(tmp, { recursive: true, mode: 0o700 });
    copyFileSync(join(engineDir, 'DynamoDBLocal.jar'), join(tmp, ENGINE_JAR));
    writeFileSync(join(tmp, 'manifest.txt'), `Class-Path: ${ENGINE_JAR}\n`);
    const jarTool = ['-m', 'jdk.jartool/sun.tools.jar.Main'];
    const ok =
      (await run(java, [...jarTool, '--update', '--file', join(tmp, ENGINE_JAR), '--manifest', join(tmp, 'manifest.txt')])) &&
      (await run(java, [...jarTool, '--create', '--file', join(tmp, LAUNCHER_JAR), '-C', classDir, `${LAUNCHER_CLASS}.class`]));
    rmSync(join(tmp, 'manifest.txt'), { force: true });
    if (ok) renameSync(tmp, target);
  } catch {
    // Another start renamed its copy first, or the cache cannot be written: no archive.
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    preparing.delete(target);
  }
}

/**
 * How to run the launcher with the class archive, at whichever step the cache
 * is. Undefined when it is turned off (APPSYNC_LOCAL_CLASS_ARCHIVE=off).
 */
export function planClassArchive(java: string, info: JavaInfo | undefined, engineDir: string, classDir: string): ArchivePlan | undefined {
  if (process.env.APPSYNC_LOCAL_CLASS_ARCHIVE === 'off') return undefined;
  let jar;
  try {
    jar = statSync(join(engineDir, 'DynamoDBLocal.jar'));
  } catch {
    return undefined;
  }
  const key = createHash('sha256')
    .update([java, info?.version ?? '?', engineDir, jar.size, jar.mtimeMs, basename(classDir)].join('\0'))
    .digest('hex')
    .slice(0, 16);
  // Beside the launcher's classes: the same private cache folder.
  const dir = join(dirname(classDir), `cds-${key}`);
  const libs = join(engineDir, 'DynamoDBLocal_lib', '*');
  const plainClasspath = [classDir, join(engineDir, 'DynamoDBLocal.jar'), libs].join(delimiter);
  const nothing = (): void => {};

  if (!existsSync(join(dir, ENGINE_JAR)) || !existsSync(join(dir, LAUNCHER_JAR))) {
    let started = false;
    return {
      classpath: plainClasspath,
      jvmArgs: [],
      writesAtExit: false,
      afterStart: () => {
        if (started) return;
        started = true;
        void prepareJars(java, engineDir, classDir, dir);
      },
      afterExit: nothing,
    };
  }
  const classpath = [join(dir, LAUNCHER_JAR), join(dir, ENGINE_JAR), libs].join(delimiter);
  const archive = join(dir, ARCHIVE);
  if (existsSync(archive)) return { classpath, jvmArgs: [`-XX:SharedArchiveFile=${archive}`, QUIET], writesAtExit: false, afterStart: nothing, afterExit: nothing };

  removeStale(dir, ARCHIVE);
  const tmp = `${archive}.tmp-${process.pid}-${++dumps}`;
  return {
    classpath,
    jvmArgs: [`-XX:ArchiveClassesAtExit=${tmp}`, QUIET],
    writesAtExit: true,
    afterStart: nothing,
    afterExit: (code, signal) => {
      // The JVM writes the archive as it exits: on its own, on SIGTERM or SIGINT, never on SIGKILL.
      const normal = signal === null && (code === 0 || code === 143 || code === 130);
      try {
        if (normal && statSync(tmp).size > 0) renameSync(tmp, archive);
      } catch {
        // Not written: a later start tries again.
      }
      rmSync(tmp, { force: true });
    },
  };
}
