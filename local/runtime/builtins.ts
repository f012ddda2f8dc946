// Assembles builtins/ (one ES module per AppSync namespace) into the single
// classic script the sandbox evaluates. Its completion value is install(host).
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

const GLOBAL = '__appsync_builtins';

export function builtinsScript(): string {
  const out = buildSync({
    entryPoints: [fileURLToPath(new URL('./builtins/index.js', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GLOBAL,
    platform: 'neutral',
    target: 'esnext',
    charset: 'utf8',
    legalComments: 'none',
  });
  return `${out.outputFiles[0].text}\n${GLOBAL}.install;`;
}
