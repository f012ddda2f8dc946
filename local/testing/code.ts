// Resolver code for tests: a TypeScript or JavaScript source bundled exactly as
// the build bundles it for AppSync (build/bundle.ts), or a file already built.
// Compiled once per file and content, as the local server compiles it.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleFile } from '../build/bundle.js';
import { compileCode, type CompiledCode } from '../runtime/index.js';

const cache = new Map<string, Promise<CompiledCode>>();

export interface LoadOptions {
  /** Paths are relative to this (default: the working directory). */
  root?: string;
  /** The file is a finished bundle (e.g. from dist/ or a cdk.out asset): compile it as it is. */
  built?: boolean;
}

/** Bundles (unless `built`) and compiles one resolver or function file; refused code throws with its source line. */
export function loadCode(file: string, opts: LoadOptions = {}): Promise<CompiledCode> {
  const path = resolve(opts.root ?? process.cwd(), file);
  const stamp = `${path}\0${statSync(path).mtimeMs}\0${opts.built ? 'built' : 'source'}`;
  let compiled = cache.get(stamp);
  if (!compiled) {
    compiled = (async () => {
      const text = opts.built ? readFileSync(path, 'utf8') : await bundleFile(path, { root: opts.root });
      return compileCode(text, file);
    })();
    // A failure is not cached: the next call after a fix builds again.
    compiled.catch(() => cache.delete(stamp));
    cache.set(stamp, compiled);
  }
  return compiled;
}

/** Compiles bundle text given directly. */
export function codeFromText(text: string, filename = 'code.js'): CompiledCode {
  return compileCode(text, filename);
}

/** The bundle AppSync would get for a source file, unchecked (for toBeValidAppSyncCode). */
export function bundleSource(file: string, opts: { root?: string } = {}): Promise<string> {
  return bundleFile(file, { root: opts.root, check: false });
}
