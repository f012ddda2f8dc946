// `npm pack` of appsync-local ships compiled JavaScript in dist/, so projects
// that install it (and their test runners, which load node_modules without a
// TypeScript loader) run plain ES modules. In this repository the sources run
// as they are, through tsx; cli/bin.js picks the sources when they are present.
//
// Each .ts file is transformed on its own (esbuild, no bundling: the layout,
// and so every path the twin reads relative to import.meta.url, stays the
// same), the files the twin reads from disk are copied beside them, and tsc
// writes the declarations.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const here = fileURLToPath(new URL('..', import.meta.url));
const out = join(here, 'dist');
const skip = new Set(['node_modules', 'dist', 'scripts']);
// Read at run time by path: resolver built-ins, the console's page script, the
// AppSync schema prelude, the DynamoDB Local launcher, the shared lint rules.
const assets = /\.(js|graphql|java|d\.ts)$/;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (skip.has(e.name)) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? walk(path) : [path];
  });
}

rmSync(out, { recursive: true, force: true });
const sources: string[] = [];
for (const file of walk(here)) {
  const rel = relative(here, file);
  if (rel === 'cli/bin.js') continue;
  const target = join(out, rel);
  if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
    sources.push(file);
    const { code } = transformSync(readFileSync(file, 'utf8'), {
      loader: 'ts',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcefile: rel,
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target.replace(/\.ts$/, '.js'), code);
  } else if (assets.test(file)) {
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
}

const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
execFileSync(
  process.execPath,
  [
    tsc,
    '--declaration', '--emitDeclarationOnly', '--outDir', out, '--rootDir', here,
    '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
    '--strict', '--skipLibCheck', '--esModuleInterop', '--resolveJsonModule', '--allowImportingTsExtensions',
    '--types', 'node',
    ...sources,
  ],
  // stdout stays clean for `npm pack --json`.
  { stdio: ['ignore', 2, 2] },
);
process.stderr.write(`dist: ${sources.length} modules compiled\n`);
