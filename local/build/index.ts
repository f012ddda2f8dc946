// Bundles every resolver and pipeline function of an API definition the way
// AppSync wants them: one ES module per code file, @aws-appsync/utils left
// external, inline source map without sources. The build fails on code the
// APPSYNC_JS runtime would reject and on bundles over AppSync's size limit.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { codeFiles, type ApiDefinition } from '../definition.js';
import { loadDefinition } from './definition.js';
import { MAX_CODE_LENGTH } from './limits.js';
import { checkCode } from '../runtime/index.js';

export interface BuildOptions {
  root: string;
  /** Definition module relative to root (default resolvers/api.ts). */
  definition?: string;
  /** Build from this definition instead of loading one. */
  api?: ApiDefinition;
  /** Write the bundles to outDir (default true); false only returns them. */
  write?: boolean;
}

export interface BuildResult {
  api: ApiDefinition;
  /** code path (e.g. "Query/me") → bundle source, exactly as written to outDir. */
  files: Record<string, string>;
}

export class BuildError extends Error {
  constructor(readonly problems: string[]) {
    super(`resolver build failed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'BuildError';
  }
}

export async function buildApi(opts: BuildOptions): Promise<BuildResult> {
  const root = resolve(opts.root);
  const api = opts.api ?? (await loadDefinition(root, opts.definition));
  const sourceDir = join(root, api.sourceDir);
  const outDir = join(root, api.outDir);
  const entries = codeFiles(api);

  const result = await esbuild.build({
    entryPoints: Object.fromEntries(entries.map((code) => [code, join(sourceDir, `${code}.ts`)])),
    outdir: outDir,
    // Paths in the bundles' comments are relative to this, so the bytes do not
    // depend on the caller's cwd (`cdk synth`, `npm start` and tests agree).
    absWorkingDir: root,
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
  }).catch((err: esbuild.BuildFailure) => {
    throw new BuildError(err.errors.map((e) => `${e.location?.file ?? '?'}:${e.location?.line ?? 0}:${e.location?.column ?? 0} ${e.text}`));
  });

  const files: Record<string, string> = {};
  const problems: string[] = [];
  for (const out of result.outputFiles) {
    const code = out.path.slice(outDir.length + 1).replace(/\.js$/, '');
    const text = out.text;
    if (text.length > MAX_CODE_LENGTH) {
      problems.push(`${api.outDir}/${code}.js: ${text.length} characters, over AppSync's limit of ${MAX_CODE_LENGTH}`);
    }
    for (const e of checkCode(text, `${api.outDir}/${code}.js`)) {
      problems.push(`${e.file}:${e.line}:${e.column} ${e.rule} ${e.message}`);
    }
    files[code] = text;
  }
  if (problems.length) throw new BuildError(problems);
  if (opts.write === false) return { api, files };

  for (const [code, text] of Object.entries(files)) {
    const path = join(outDir, `${code}.js`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  return { api, files };
}
