// Makes the type tests in this folder count: compiles them with tsc and fails on
// any error. Also shows that this check bites — a wrong type assertion and a
// `@ts-expect-error` over valid code both fail compilation.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectOptions, root, scratchDir, typecheckFiles, typecheckProject, type Diagnostic } from './tsc.js';

const scratch = scratchDir('codegen-typecheck-');
afterAll(() => scratch.remove());

// All snippets compile in one program (one tsc start-up); each test reads its file's diagnostics.
const snippets: Record<string, string> = {
  'ok.ts': `  expectTypeOf(await client.request(GetItemDocument, { itemId: 'x' })).toEqualTypeOf<GetItemQuery>();`,
  'wrong-result.ts': `  expectTypeOf(await client.request(GetItemDocument, { itemId: 'x' })).toEqualTypeOf<MeQuery>();`,
  'unused-expect-error.ts': `  // @ts-expect-error\n  await client.request(GetItemDocument, { itemId: 'x' });`,
  'wrong-vars.ts': `  await client.request(GetItemDocument, { itemId: 42 });`,
};
let compiled: Diagnostic[] | undefined;

function codesOf(name: string): number[] {
  compiled ??= typecheckFiles(Object.entries(snippets).map(([n, body]) => writeSnippet(n, body)), projectOptions());
  return compiled.filter((d) => d.file === join(scratch.dir, name)).map((d) => d.code);
}

function writeSnippet(name: string, body: string): string {
  const file = join(scratch.dir, name);
  const client = join(root, 'client/index.js');
  const docs = join(root, 'client/generated/graphql.js');
  writeFileSync(
    file,
    [
      `import { expectTypeOf } from 'vitest';`,
      `import { createClient } from ${JSON.stringify(client)};`,
      `import { GetItemDocument, type MeQuery, type GetItemQuery } from ${JSON.stringify(docs)};`,
      `const client = createClient({ graphqlEndpoint: 'http://x/graphql', realtimeEndpoint: 'ws://x/graphql', region: 'us-east-1', defaultAuthMode: 'API_KEY', additionalAuthModes: [] }, { apiKey: 'k' });`,
      `export async function check(): Promise<void> {`,
      body,
      `}`,
      `export type Unused = MeQuery | GetItemQuery;`,
    ].join('\n'),
  );
  return file;
}

describe('type tests', { timeout: 120_000 }, () => {
  it('compile without errors (test/types/tsconfig.json)', () => {
    const diagnostics = typecheckProject(join(root, 'test/types/tsconfig.json'));
    expect(diagnostics.map((d) => `${d.file}: TS${d.code} ${d.message}`)).toEqual([]);
  });

  it('the web app compiles (web/tsconfig.json: its TSX and the client it imports)', () => {
    const diagnostics = typecheckProject(join(root, 'web/tsconfig.json'));
    expect(diagnostics.map((d) => `${d.file}: TS${d.code} ${d.message}`)).toEqual([]);
  });

  it('a control snippet with correct assertions compiles', () => {
    expect(codesOf('ok.ts')).toEqual([]);
  });

  it('a wrong result type assertion fails to compile', () => {
    expect(codesOf('wrong-result.ts')).toEqual([2344]);
  });

  it('a @ts-expect-error over correctly typed variables fails to compile', () => {
    expect(codesOf('unused-expect-error.ts')).toEqual([2578]);
  });

  it('wrongly typed variables fail to compile', () => {
    expect(codesOf('wrong-vars.ts')).toEqual([2322]);
  });
});
