// How one APPSYNC_JS bundle is made and checked, shared by the API build
// (index.ts) and the test kit (testing/), so a resolver under test is the
// bundle AppSync would get: one ES module, @aws-appsync/utils left external,
// an inline source map without sources.
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { where } from '../runtime/check.js';
import { checkCode } from '../runtime/index.js';
import { withOrigins } from '../runtime/source-map.js';
import { MAX_CODE_LENGTH } from './limits.js';

export const APPSYNC_BUNDLE = {
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  target: 'esnext',
  external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
  sourcemap: 'inline',
  sourcesContent: false,
  minify: false,
  logLevel: 'silent',
} as const satisfies esbuild.BuildOptions;

export class BuildError extends Error {
  constructor(readonly problems: string[]) {
    super(`resolver build failed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'BuildError';
  }
}

/** What AppSync would refuse in a bundle (size, APPSYNC_JS rules), each at its source line when mapped. */
export function bundleProblems(text: string, bundle: string): string[] {
  const problems: string[] = [];
  if (text.length > MAX_CODE_LENGTH) {
    problems.push(`${bundle}: ${text.length} characters, over AppSync's limit of ${MAX_CODE_LENGTH}`);
  }
  for (const e of withOrigins(checkCode(text, bundle), text, bundle)) {
    problems.push(`${where(e)} ${e.rule} ${e.message}${e.origin ? ` (${e.file}:${e.line}:${e.column})` : ''}`);
  }
  return problems;
}

/**
 * Bundles one resolver or function source file (TypeScript or JavaScript) as
 * the build does; BuildError with every problem at its source line.
 */
export async function bundleFile(file: string, opts: { root?: string; check?: boolean } = {}): Promise<string> {
  const root = resolve(opts.root ?? process.cwd());
  const entry = resolve(root, file);
  // Never written (write: false); it names the bundle so that the source map's
  // paths, relative to it, lead back to the source.
  const outfile = entry.replace(/\.[cm]?[jt]s$/, '') + '.bundle.js';
  const result = await esbuild.build({ entryPoints: [entry], outfile, absWorkingDir: root, ...APPSYNC_BUNDLE }).catch((err: esbuild.BuildFailure) => {
    throw new BuildError(err.errors.map((e) => `${e.location?.file ?? file}:${e.location?.line ?? 0}:${e.location?.column ?? 0} ${e.text}`));
  });
  const text = result.outputFiles[0].text;
  if (opts.check !== false) {
    const problems = bundleProblems(text, outfile);
    if (problems.length) throw new BuildError(problems);
  }
  return text;
}
