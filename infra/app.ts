// The CDK app: one stack built from the API definition and the resolver
// bundles, checked by cdk-nag. `infra/main.ts` synthesizes it for the CLI;
// tests build it here with an output folder of their own.
import { App } from 'aws-cdk-lib';
import type { ApiDefinition } from '../local/definition.js';
import { applyNag } from './nag.js';
import { ApiStack } from './stack.js';

export function createApp(opts: { root: string; definition: ApiDefinition; outdir?: string }) {
  const app = new App(opts.outdir ? { outdir: opts.outdir } : {});
  const stack = new ApiStack(app, 'ItemsApi', {
    definition: opts.definition,
    root: opts.root,
    description: 'Users and their items: AppSync (APPSYNC_JS resolvers) straight to DynamoDB',
  });
  applyNag(app, stack);
  return { app, stack };
}
