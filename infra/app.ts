// The CDK app: one stack per stage (ItemsApi-dev, ItemsApi-prod) built from
// the API definition and the resolver bundles, checked by cdk-nag. `cdk synth`
// runs this file (see cdk.json), which bundles the current resolver sources
// itself, so no deploy can see missing or stale bundles. Tests import
// createApp / createAppFromSources and synthesize into a folder of their own.
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { buildApi } from '../local/build/index.js';
import { codeFiles, type ApiDefinition } from '../local/definition.js';
import { readStage } from './config.js';
import { applyNag } from './nag.js';
import { ApiStack } from './stack.js';

export interface AppOptions {
  root: string;
  definition: ApiDefinition;
  outdir?: string;
  /** Bundles by code path; without them, the ones already built in the definition's outDir. */
  bundles?: Record<string, string>;
  /** Context over cdk.json's, as `-c key=value` would give (e.g. { stage: 'prod' }). */
  context?: Record<string, unknown>;
}

export function createApp(opts: AppOptions) {
  // The feature flags of cdk.json, so an app made in a test synthesizes what `cdk synth` does.
  const fromFile = (JSON.parse(readFileSync(join(opts.root, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> })
    .context;
  const app = new App({ context: { ...fromFile, ...opts.context }, ...(opts.outdir ? { outdir: opts.outdir } : {}) });
  const bundles =
    opts.bundles ??
    Object.fromEntries(codeFiles(opts.definition).map((c) => [c, readFileSync(join(opts.root, opts.definition.outDir, `${c}.js`), 'utf8')]));
  const stage = readStage(app.node);
  // No env: the stack is environment-agnostic, so synth needs no account lookups (works offline).
  const stack = new ApiStack(app, `${opts.definition.name}-${stage}`, {
    definition: opts.definition,
    root: opts.root,
    bundles,
    description: `Users and their items (${stage}): AppSync (APPSYNC_JS resolvers) straight to DynamoDB`,
  });
  applyNag(app, stack);
  return { app, stack };
}

/** Bundles the resolver sources in memory (nothing written to outDir), then makes the app. */
export async function createAppFromSources(opts: Omit<AppOptions, 'bundles'>) {
  // A definition that does not match the schema fails here, before CloudFormation sees it.
  const { files, warnings } = await buildApi({ root: opts.root, api: opts.definition, write: false });
  for (const w of warnings) process.stderr.write(`${w}\n`);
  return createApp({ ...opts, bundles: files });
}

/** True when this file is the program (`tsx infra/app.ts`), not an import. */
function isEntryPoint(): boolean {
  const argv1 = process.argv[1];
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const { api } = await import('../resolvers/api.js');
  const root = fileURLToPath(new URL('..', import.meta.url));
  (await createAppFromSources({ root, definition: api })).app.synth();
}
