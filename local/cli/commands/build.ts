// appsync-local build: bundle the definition's resolvers and functions into its outDir.
import { parseArgs } from 'node:util';
import { buildApi, BuildError } from '../../build/index.js';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      definition: { type: 'string', default: 'resolvers/api.ts' },
      root: { type: 'string', default: process.cwd() },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('usage: appsync-local build [--definition resolvers/api.ts] [--root DIR]\n');
    return 0;
  }
  const started = performance.now();
  try {
    const { api, files, warnings } = await buildApi({ root: values.root!, definition: values.definition });
    for (const w of warnings) process.stderr.write(`${w}\n`);
    const ms = Math.round(performance.now() - started);
    process.stdout.write(`built ${Object.keys(files).length} bundles into ${api.outDir} in ${ms} ms\n`);
    return 0;
  } catch (err) {
    if (err instanceof BuildError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
