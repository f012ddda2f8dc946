// Finds the CloudFormation stacks of a cloud assembly through its
// manifest.json (the cloud assembly schema: artifacts of type
// "aws:cloudformation:stack" with properties.templateFile and an
// environment "aws://<account>/<region>", "unknown-region" when unbound).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './errors.js';

export interface StackArtifact {
  /** Artifact id (the stack's construct path name, e.g. "MyStack"). */
  id: string;
  stackName: string;
  templateFile: string;
  /** The stack's environment region, when the app binds one. */
  region?: string;
  account?: string;
  /** Directory holding the template and its assets (a nested assembly's own). */
  dir: string;
}

interface ManifestArtifact {
  type: string;
  environment?: string;
  properties?: { templateFile?: string; stackName?: string; directoryName?: string };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return fail({ file, message: `cannot read: ${(e as Error).message}` });
  }
}

/** Every stack of the assembly in `dir`, including those of nested assemblies (CDK stages). */
export function listStacks(dir: string): StackArtifact[] {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    fail({ file: manifestFile, message: 'no manifest.json: is this a cdk.out directory? Run `cdk synth` first' });
  }
  const manifest = readJson(manifestFile) as { artifacts?: Record<string, ManifestArtifact> };
  const stacks: StackArtifact[] = [];
  for (const [id, a] of Object.entries(manifest.artifacts ?? {})) {
    if (a.type === 'aws:cloudformation:stack' && a.properties?.templateFile) {
      const env = /^aws:\/\/([^/]*)\/(.*)$/.exec(a.environment ?? '');
      const account = env && !env[1].startsWith('unknown-') ? env[1] : undefined;
      const region = env && !env[2].startsWith('unknown-') ? env[2] : undefined;
      stacks.push({
        id,
        stackName: a.properties.stackName ?? id,
        templateFile: a.properties.templateFile,
        dir,
        ...(region ? { region } : {}),
        ...(account ? { account } : {}),
      });
    } else if (a.type === 'cdk:cloud-assembly' && a.properties?.directoryName) {
      stacks.push(...listStacks(join(dir, a.properties.directoryName)));
    }
  }
  return stacks;
}

export function readTemplate(stack: StackArtifact): Record<string, unknown> {
  return readJson(join(stack.dir, stack.templateFile)) as Record<string, unknown>;
}
