// The --cdk-out door: a synthesized CDK app (a cloud assembly, e.g. cdk.out)
// as what startLocalAppSync serves. Finds the stack through manifest.json,
// picks the region (--region, else the stack's environment, else us-east-1)
// and reads the template into an ApiDefinition with its code and schema.
import { join } from 'node:path';
import type { ApiDefinition } from '../definition.js';
import { CloudAssemblyError, type AssemblyProblem } from './errors.js';
import { listStacks, readTemplate, type StackArtifact } from './manifest.js';
import { apiFromTemplate } from './template.js';

export { CloudAssemblyError, formatProblem, type AssemblyProblem } from './errors.js';
export { seedTables, parseSeedOption, type SeedSpec } from './seed.js';
export type { StackArtifact } from './manifest.js';

/** Region of an API whose stack binds none (CDK's environment-agnostic stacks). */
export const DEFAULT_REGION = 'us-east-1';

export interface CloudAssemblyOptions {
  /** Stack artifact id or stack name; needed only when several stacks hold an AppSync API. */
  stack?: string;
  /** Overrides the stack's environment region. */
  region?: string;
  /** Serve what can be served: fields that cannot run answer a field error. */
  allowUnsupported?: boolean;
}

export interface CloudAssemblyApi {
  api: ApiDefinition;
  schema: string;
  /** Code key → code text, exactly as staged in the assembly. */
  files: Record<string, string>;
  region: string;
  stack: StackArtifact;
  /** Template file path. */
  templatePath: string;
  /** Table logical id → local (unprefixed) table name. */
  tables: Record<string, string>;
  /** What is not served (only with allowUnsupported). */
  unsupported: AssemblyProblem[];
}

function hasAppSyncApi(template: Record<string, unknown>): boolean {
  return Object.values((template.Resources ?? {}) as Record<string, { Type?: string }>).some((r) => r.Type === 'AWS::AppSync::GraphQLApi');
}

/** The stack of `dir` that holds the AppSync API (the one named by `stack`, or the only one). */
export function selectStack(dir: string, stack?: string): { stack: StackArtifact; template: Record<string, unknown> } {
  const all = listStacks(dir).map((s) => ({ stack: s, template: readTemplate(s) }));
  if (stack) {
    const found = all.find((s) => s.stack.id === stack || s.stack.stackName === stack);
    if (!found) {
      throw new CloudAssemblyError([{ file: join(dir, 'manifest.json'), message: `no stack "${stack}"; the assembly has: ${all.map((s) => s.stack.id).join(', ') || 'none'}` }]);
    }
    return found;
  }
  const withApi = all.filter((s) => hasAppSyncApi(s.template));
  if (withApi.length === 1) return withApi[0];
  if (withApi.length === 0) {
    throw new CloudAssemblyError([{ file: join(dir, 'manifest.json'), message: `no stack with an AWS::AppSync::GraphQLApi (stacks: ${all.map((s) => s.stack.id).join(', ') || 'none'})` }]);
  }
  throw new CloudAssemblyError([
    { file: join(dir, 'manifest.json'), message: `${withApi.length} stacks hold an AppSync API; choose one with --stack: ${withApi.map((s) => s.stack.id).join(', ')}` },
  ]);
}

/** The region the API is served as: the option, else the stack's environment region, else us-east-1. */
export function assemblyRegion(dir: string, opts: CloudAssemblyOptions = {}): string {
  return opts.region ?? selectStack(dir, opts.stack).stack.region ?? DEFAULT_REGION;
}

/** Reads the AppSync API of the cloud assembly in `dir`; throws CloudAssemblyError with located problems. */
export function loadCloudAssembly(dir: string, opts: CloudAssemblyOptions = {}): CloudAssemblyApi {
  const { stack, template } = selectStack(dir, opts.stack);
  const region = opts.region ?? stack.region ?? DEFAULT_REGION;
  const read = apiFromTemplate(template, {
    file: join(stack.dir, stack.templateFile),
    assetDir: stack.dir,
    region,
    ...(stack.account ? { accountId: stack.account } : {}),
    stackName: stack.stackName,
    ...(opts.allowUnsupported ? { allowUnsupported: true } : {}),
  });
  return { ...read, region, stack, templatePath: join(stack.dir, stack.templateFile) };
}
