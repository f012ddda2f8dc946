// The twin's two doors onto this project's API: the in-repo definition
// (resolvers/api.ts, what `npm start` serves) and the synthesized cloud
// assembly (`cdk synth`, what `appsync-local start --cdk-out` serves). Suites
// that must answer the same on both run once per door.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalAppSync, StartOptions } from '../../local/server/index.js';

export type Door = 'definition' | 'cdk-out';
export const DOORS: Door[] = ['definition', 'cdk-out'];

const root = fileURLToPath(new URL('../..', import.meta.url));
let assembly: Promise<string> | undefined;

/**
 * This project's cloud assembly, synthesized once per test worker into a
 * temporary folder by the CDK app in-process (as `cdk synth` runs it), from the
 * bundles the global setup built.
 */
export function ownCloudAssembly(): Promise<string> {
  assembly ??= (async () => {
    const { createApp } = await import('../../infra/app.js');
    const { api } = await import('../../resolvers/api.js');
    const outdir = mkdtempSync(join(tmpdir(), 'appsync-cdk-out-'));
    createApp({ root, definition: api, outdir }).app.synth();
    return outdir;
  })();
  return assembly;
}

/** What startLocalAppSync needs on top of its other options to serve through `door`. */
export async function doorOptions(door: Door): Promise<Partial<StartOptions>> {
  return door === 'cdk-out' ? { cdkOut: { dir: await ownCloudAssembly() } } : {};
}

/** The physical name of the API's one table, whatever the door names it. */
export function theTable(app: Pick<LocalAppSync, 'tableNames'>): string {
  const names = Object.values(app.tableNames);
  if (names.length !== 1) throw new Error(`expected one table, got ${names.join(', ')}`);
  return names[0];
}
