// Bundles the APPSYNC_JS check accepted, remembered across processes: one empty
// file per accepted source, named by the hash of the rule set and the source,
// in a private cache folder (util/private-cache.ts). Only acceptance is kept;
// a refused bundle is linted again, for its messages. A rule set that changes
// (the plugin, ESLint, or local/lint/index.js) changes every name, so nothing
// accepted under old rules is trusted under new ones. Any failure to read or
// write just means linting again. APPSYNC_LOCAL_CHECK_CACHE=off turns it off.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoots, ownedPrivateDir } from '../util/private-cache.js';

const require = createRequire(import.meta.url);
let state: { dir: string; ruleset: string } | null | undefined;

function version(pkg: string, entry: string): string {
  // Each package's package.json, found from its entry point without loading it.
  let dir = dirname(require.resolve(entry));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return `${pkg}@${JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version}`;
}

function open(): { dir: string; ruleset: string } | null {
  if (state !== undefined) return state;
  state = null;
  if (process.env.APPSYNC_LOCAL_CHECK_CACHE === 'off') return state;
  try {
    const eslintEntry = require.resolve('eslint');
    const ruleset = createHash('sha256')
      .update(version('eslint', 'eslint'))
      .update(version('@aws-appsync/eslint-plugin', '@aws-appsync/eslint-plugin'))
      .update(readFileSync(fileURLToPath(new URL('../lint/index.js', import.meta.url))))
      .digest('hex');
    // <node_modules>/eslint/lib/api.js → <node_modules>
    let nodeModules = dirname(eslintEntry);
    while (!nodeModules.endsWith('node_modules') && dirname(nodeModules) !== nodeModules) nodeModules = dirname(nodeModules);
    for (const root of cacheRoots(nodeModules)) {
      const dir = join(root, `accepted-${ruleset.slice(0, 16)}`);
      if (ownedPrivateDir(root) && ownedPrivateDir(dir)) return (state = { dir, ruleset });
    }
  } catch {
    // No cache: every start lints.
  }
  return state;
}

function entry(s: { dir: string; ruleset: string }, source: string): string {
  return join(s.dir, createHash('sha256').update(s.ruleset).update('\0').update(source).digest('hex'));
}

export function wasAccepted(source: string): boolean {
  const s = open();
  return s ? existsSync(entry(s, source)) : false;
}

export function rememberAccepted(source: string): void {
  const s = open();
  if (!s) return;
  try {
    writeFileSync(entry(s, source), '');
  } catch {
    // Read-only or full: the next start lints again.
  }
}
