// The CDK app: one stack built from the API definition and the resolver
// bundles, checked by cdk-nag. `cdk synth` runs this file (see cdk.json);
// tests import createApp and synthesize into an output folder of their own.
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import type { ApiDefinition } from '../local/definition.js';
import { applyNag } from './nag.js';
import { ApiStack } from './stack.js';

export function createApp(opts: { root: string; definition: ApiDefinition; outdir?: string }) {
  // The feature flags of cdk.json, so an app made in a test synthesizes what `cdk synth` does.
  const context = (JSON.parse(readFileSync(join(opts.root, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> })
    .context;
  const app = new App({ context, ...(opts.outdir ? { outdir: opts.outdir } : {}) });
  // No env: the stack is environment-agnostic, so synth needs no account lookups (works offline).
  const stack = new ApiStack(app, 'ItemsApi', {
    definition: opts.definition,
    root: opts.root,
    description: 'Users and their items: AppSync (APPSYNC_JS resolvers) straight to DynamoDB',
  });
  applyNag(app, stack);
  return { app, stack };
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
  // Bundles must be built first: `npm run synth` and `npm run deploy` do that.
  const { api } = await import('../resolvers/api.js');
  const root = fileURLToPath(new URL('..', import.meta.url));
  createApp({ root, definition: api }).app.synth();
}
