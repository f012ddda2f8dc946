// Dispatches `appsync-local <command> [args]` to local/cli/commands/<command>.ts,
// each of which exports `run(args): Promise<number>` (the exit code).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { quietAwsSdk } from '../util/quiet-aws-sdk.js';
import { userFacingMessage } from './errors.js';

quietAwsSdk();

const commandsDir = fileURLToPath(new URL('./commands/', import.meta.url));
// .ts from the sources, .js from the published package's dist/.
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const commands = readdirSync(commandsDir)
  .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -ext.length))
  .sort();

function usage(): string {
  return `usage: appsync-local <command> [options]\n\ncommands: ${commands.join(', ')}\nrun "appsync-local <command> --help" for the options of one.\n`;
}

const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  process.stdout.write(usage());
  process.exit(name ? 0 : 1);
}
if (!commands.includes(name)) {
  process.stderr.write(`appsync-local: unknown command "${name}"\n${usage()}`);
  process.exit(1);
}
const mod = (await import(`./commands/${name}${ext}`)) as { run(args: string[]): Promise<number> };
try {
  const code = await mod.run(rest);
  if (code !== undefined && code !== null) process.exitCode = code;
} catch (e) {
  const line = userFacingMessage(e);
  process.stderr.write(line ? `appsync-local: ${line}\n` : `appsync-local ${name} failed: ${(e as Error)?.stack ?? String(e)}\n`);
  // Now, not when the event loop drains: an engine or socket started before
  // the failure must not keep the process (and the port) alive.
  process.exit(1);
}
