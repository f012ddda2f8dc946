// Resolvers are typed by the generated schema types, so a schema change that a
// resolver does not follow breaks the compile. Copies Mutation.createItem (and the
// helpers it imports) into a scratch project, generates schema-types.ts there
// from the real schema and from a fixture that renames CreateItemInput.title,
// and type-checks both with the options the resolvers are bundled with.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import ts from 'typescript';
import config from '../../codegen.js';
import { root, scratchDir, typecheckFiles, type Diagnostic } from './tsc.js';

const scratches: Array<{ remove(): void }> = [];
afterAll(() => scratches.forEach((s) => s.remove()));

const resolverTypesOutput = 'resolvers/generated/schema-types.ts';

/** Generates the resolver types for `sdl` with the project's own codegen settings. */
async function resolverTypes(dir: string, sdl: string): Promise<string> {
  writeFileSync(join(dir, 'schema.graphql'), sdl);
  const [output]: Array<{ content: string }> = await generate(
    {
      ...config,
      cwd: dir,
      silent: true,
      schema: [join(dir, 'schema.graphql'), join(root, 'local/server/graphql/appsync-prelude.graphql')],
      documents: [],
      generates: { [resolverTypesOutput]: config.generates[resolverTypesOutput] },
    },
    false,
  );
  return output.content;
}

/** A scratch copy of createItem + resolvers/lib, typed by `sdl`; returns its diagnostics. */
async function compileCreateItemAgainst(sdl: string): Promise<Diagnostic[]> {
  const scratch = scratchDir('codegen-schema-change-');
  scratches.push(scratch);
  const resolvers = join(scratch.dir, 'resolvers');
  mkdirSync(join(resolvers, 'Mutation'), { recursive: true });
  mkdirSync(join(resolvers, 'generated'), { recursive: true });
  cpSync(join(root, 'resolvers/Mutation/createItem.ts'), join(resolvers, 'Mutation/createItem.ts'));
  cpSync(join(root, 'resolvers/lib'), join(resolvers, 'lib'), { recursive: true });
  writeFileSync(join(scratch.dir, resolverTypesOutput), await resolverTypes(scratch.dir, sdl));
  // Resolvers are bundled by esbuild: bundler resolution, ES modules, strict.
  return typecheckFiles([join(resolvers, 'Mutation/createItem.ts')], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
}

const schema = readFileSync(join(root, 'schema.graphql'), 'utf8');

describe('a schema change under a resolver', { timeout: 120_000 }, () => {
  it('compiles against the current schema', async () => {
    const diagnostics = await compileCreateItemAgainst(schema);
    expect(diagnostics.map((d) => `${d.file}: TS${d.code} ${d.message}`)).toEqual([]);
  });

  it('breaks tsc when CreateItemInput.title is renamed', async () => {
    const fixture = schema.replace(/(input CreateItemInput \{\s*)title: String!/, '$1name: String!');
    expect(fixture).not.toBe(schema);
    const diagnostics = await compileCreateItemAgainst(fixture);
    const inCreateItem = diagnostics.filter((d) => d.file?.endsWith('resolvers/Mutation/createItem.ts'));
    expect(inCreateItem.map((d) => [d.code, d.message])).toContainEqual([
      2339,
      "Property 'title' does not exist on type 'CreateItemInput'.",
    ]);
  });
});
