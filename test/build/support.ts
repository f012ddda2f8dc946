// A throwaway copy of the build fixture (test/build/fixtures) in the temp
// directory: tests break the copy, never the tracked files.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function copyFixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'appsync-build-'));
  cpSync(fixture, root, { recursive: true });
  // The definition module is an ES module, as in any project of the twin.
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  return root;
}

/** Replaces `from` by `to` in root/file; fails the test if `from` is not there. */
export function edit(root: string, file: string, from: string | RegExp, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: ${String(from)} not found`);
  writeFileSync(path, next);
}

/** 1-based line of the first line of root/file containing `needle`. */
export function lineOf(root: string, file: string, needle: string): number {
  const i = readFileSync(join(root, file), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${file}: ${needle} not found`);
  return i + 1;
}

/** A request handler with a try/catch, the try at line 5, column 3. */
export const TRY_CATCH_RESOLVER = `import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ id: string }>) {
  // the try below is at 5:3
  try {
    return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) };
  } catch (e) {
    return {};
  }
}

export function response(ctx: Context) {
  return ctx.result ?? null;
}
`;
