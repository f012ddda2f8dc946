// Bundles every resolver and pipeline function of an API definition the way
// AppSync wants them: one ES module per code file, @aws-appsync/utils left
// external, inline source map without sources. The build fails on code the
// APPSYNC_JS runtime would reject, on bundles over AppSync's size limit and
// on a definition that does not match its schema (check-definition.ts).
// Problems are reported at the TypeScript source line, through the bundle's
// inline source map.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { codeFiles, type ApiDefinition } from '../definition.js';
import { checkDefinition, formatProblem, readDefinitionText } from './check-definition.js';
import { DEFAULT_DEFINITION, loadDefinition } from './definition.js';
import { MAX_CODE_LENGTH } from './limits.js';
import { checkCode } from '../runtime/index.js';
import { where } from '../runtime/check.js';
import { withOrigins } from '../runtime/source-map.js';

export interface BuildOptions {
  root: string;
  /** Definition module relative to root (default resolvers/api.ts); with `api`, only where its rows are reported. */
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
  /** Definition problems that do not stop the build (file:line:column warning: …). */
  warnings: string[];
}

export class BuildError extends Error {
  constructor(readonly problems: string[]) {
    super(`resolver build failed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'BuildError';
  }
}

/** Checks the definition against its schema: errors and warnings, each `file:line:column severity: message`. */
export async function checkApiDefinition(root: string, api: ApiDefinition, definition = DEFAULT_DEFINITION): Promise<{ errors: string[]; warnings: string[] }> {
  let sdl: string;
  try {
    sdl = await readFile(join(root, api.schema), 'utf8');
  } catch {
    return { errors: [`${api.schema}:1:1 error: the schema file cannot be read`], warnings: [] };
  }
  const definitionText = readDefinitionText(join(root, definition));
  const found = checkDefinition({ api, sdl, definitionFile: definition, ...(definitionText !== undefined ? { definitionText } : {}) });
  return {
    errors: found.filter((p) => p.severity === 'error').map(formatProblem),
    warnings: found.filter((p) => p.severity === 'warning').map(formatProblem),
  };
}

/** Removes the bundles of `codes` from outDir, so a failed build leaves none that looks current. */
async function removeBundles(outDir: string, codes: string[]): Promise<void> {
  await Promise.all(codes.map((code) => rm(join(outDir, `${code}.js`), { force: true })));
}

export async function buildApi(opts: BuildOptions): Promise<BuildResult> {
  const root = resolve(opts.root);
  const api = opts.api ?? (await loadDefinition(root, opts.definition));
  const sourceDir = join(root, api.sourceDir);
  const outDir = join(root, api.outDir);
  const entries = codeFiles(api);
  const definition = await checkApiDefinition(root, api, opts.definition);
  const write = opts.write !== false;
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
  }).catch(async (err: esbuild.BuildFailure) => {
    // Which bundles a failing source feeds is unknown here (a shared lib feeds many): drop them all.
    if (write) await removeBundles(outDir, entries);
    throw new BuildError([
      ...definition.errors,
      ...err.errors.map((e) => `${e.location?.file ?? '?'}:${e.location?.line ?? 0}:${e.location?.column ?? 0} ${e.text}`),
    ]);
  });

  const files: Record<string, string> = {};
  const problems: string[] = [...definition.errors];
  const failed: string[] = [];
  for (const out of result.outputFiles) {
    const code = out.path.slice(outDir.length + 1).replace(/\.js$/, '');
    const text = out.text;
    const bundle = `${api.outDir}/${code}.js`;
    const before = problems.length;
    if (text.length > MAX_CODE_LENGTH) {
      problems.push(`${bundle}: ${text.length} characters, over AppSync's limit of ${MAX_CODE_LENGTH}`);
    }
    for (const e of withOrigins(checkCode(text, bundle), text, bundle)) {
      problems.push(`${where(e)} ${e.rule} ${e.message}${e.origin ? ` (${e.file}:${e.line}:${e.column})` : ''}`);
    }
    if (problems.length > before) failed.push(code);
    else files[code] = text;
  }
  if (write) {
    // Bundles that passed are current; the previous bundle of one that failed must not look current.
    await removeBundles(outDir, failed);
    for (const [code, text] of Object.entries(files)) {
      const path = join(outDir, `${code}.js`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    }
  }
  if (problems.length) throw new BuildError(problems);
  return { api, files, warnings: definition.warnings };
}
