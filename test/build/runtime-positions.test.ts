// Positions reported at run time are those of the TypeScript source too: a
// TypeError inside a resolver, util.error's call (what the verbose log shows),
// and `appsync-local evaluate` on a built file, with its map inline or beside.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, inject, it } from 'vitest';
import { startLocalAppSync } from '../../local/server/index.js';
import { buildApi } from '../../local/build/index.js';
import { compileCode, evaluateCode, runUnitResolver } from '../../local/runtime/index.js';
import { copyFixture } from './support.js';

const RESOLVER = 'resolvers/Query/getNote.ts';
const BUNDLE = 'dist/resolvers/Query/getNote.js';
// Line 4: util.error (V8 places a method call at its name); line 6: reading .deep of undefined.
const FAILING = `import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ id: string; kind?: string }>) {
  if (ctx.args.kind === 'error') { util.error('no such note', 'NotFound'); }
  const missing = (ctx.args as unknown as Record<string, { deep: string }>).missing;
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: missing.deep }) };
}

export function response(ctx: Context) {
  return ctx.result ?? null;
}
`;
// 1-based column of `error` in `util.error(` on line 4.
const ERROR_COLUMN = FAILING.split('\n')[3].indexOf('util.error') + 'util.'.length + 1;
const bin = fileURLToPath(new URL('../../local/cli/bin.js', import.meta.url));

async function built(): Promise<string> {
  const root = copyFixture();
  writeFileSync(join(root, RESOLVER), FAILING);
  await buildApi({ root });
  return root;
}

const ctx = (args: Record<string, unknown>) => ({ arguments: args, identity: null, info: { fieldName: 'getNote', parentTypeName: 'Query', variables: {} } }) as never;
const invoke = async () => ({ result: null });

describe('run-time positions', () => {
  it('a TypeError and util.error are placed at the TypeScript line', async () => {
    const root = await built();
    // The path the server compiles a bundle under, relative to the root the map's sources are relative to.
    const code = compileCode(readFileSync(join(root, BUNDLE), 'utf8'), join(root, BUNDLE));
    const typeError = await runUnitResolver({ code, ctx: ctx({ id: 'n1' }), invoke });
    expect(typeError.error?.message).toMatch(/^TypeError: Cannot read properties of undefined \(reading 'deep'\)$/);
    expect(typeError.errorAt).toMatch(new RegExp(`^${join(root, RESOLVER)}:6:\\d+$`));
    const utilError = await runUnitResolver({ code, ctx: ctx({ id: 'n1', kind: 'error' }), invoke });
    expect(utilError.error).toMatchObject({ message: 'no such note', errorType: 'NotFound' });
    expect(utilError.errorAt).toBe(`${join(root, RESOLVER)}:4:${ERROR_COLUMN}`);
  });

  it('without a source map, the position is the bundle\'s', async () => {
    const root = await built();
    const text = readFileSync(join(root, BUNDLE), 'utf8').replace(/\/\/# sourceMappingURL=.*\s*$/, '');
    const code = compileCode(text, 'code.js');
    const out = await runUnitResolver({ code, ctx: ctx({ id: 'n1', kind: 'error' }), invoke });
    const line = text.split('\n').findIndex((l) => l.includes('"no such note"')) + 1;
    expect(out.errorAt).toMatch(new RegExp(`^code\\.js:${line}:\\d+$`));
  });

  it('evaluate reports the source line on stderr, with the map inline or in FILE.map beside the bundle', async () => {
    const root = await built();
    const context = join(root, 'ctx.json');
    writeFileSync(context, JSON.stringify({ arguments: { id: 'n1', kind: 'error' } }));
    const run = promisify(execFile);
    const evaluate = () =>
      run(process.execPath, [bin, 'evaluate', '--code', BUNDLE, '--function', 'request', '--context', context], { cwd: root }).then(
        () => ({ stdout: '', stderr: '' }),
        (e: { stdout: string; stderr: string }) => e,
      );
    const inline = await evaluate();
    expect(JSON.parse(inline.stdout)).toEqual({ logs: [], stash: '{}', outErrors: '[]', error: { message: 'no such note' } });
    expect(inline.stderr).toBe(`${RESOLVER}:4:${ERROR_COLUMN} NotFound: no such note\n`);

    // The same bundle with its map moved into a file of its own.
    const text = readFileSync(join(root, BUNDLE), 'utf8');
    const m = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(text)!;
    writeFileSync(join(root, `${BUNDLE}.map`), Buffer.from(m[1], 'base64'));
    writeFileSync(join(root, BUNDLE), text.slice(0, m.index));
    const beside = await evaluate();
    expect(beside.stderr).toBe(inline.stderr);
  }, 60_000);

  it('EvaluateCode answers keep their own shape and bundle positions', async () => {
    const root = await built();
    const answer = evaluateCode({ code: readFileSync(join(root, BUNDLE), 'utf8'), function: 'request', context: { arguments: { id: 'n1' } }, filename: join(root, BUNDLE) });
    expect(Object.keys(answer).sort()).toEqual(['error', 'logs', 'outErrors', 'stash']);
  });

  it("the server's verbose log shows a field error at the TypeScript line", async () => {
    const root = copyFixture();
    writeFileSync(join(root, RESOLVER), FAILING);
    const lines: string[] = [];
    const app = await startLocalAppSync({
      root,
      dataDir: mkdtempSync(join(tmpdir(), 'appsync-positions-')),
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      tablePrefix: `rtpos${process.pid}_${Date.now()}_`,
      frontendConfigPath: false,
      verbose: true,
      log: (l) => lines.push(l),
    });
    try {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': app.apiKey },
        body: JSON.stringify({ query: '{ getNote(id: "n1") { id } }' }),
      });
      const body = (await res.json()) as { errors: Array<{ message: string }> };
      // The answer is AppSync's: no local path in it.
      expect(body.errors[0].message).toMatch(/^TypeError: /);
      expect(JSON.stringify(body)).not.toContain('getNote.ts');
      expect(lines.find((l) => l.includes('error: '))).toMatch(new RegExp(` at ${RESOLVER}:6:\\d+$`));
    } finally {
      await app.stop();
    }
  });
});
