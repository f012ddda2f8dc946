// The committed codegen output must be what `npm run codegen` produces now:
// runs the generator in memory with the project's own config and compares.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, parse } from 'graphql';
import config from '../../codegen.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function generateInMemory(): Promise<Map<string, string>> {
  const outputs: Array<{ filename: string; content: string }> = await generate({ ...config, cwd: root, silent: true }, false);
  return new Map(outputs.map((o) => [relative(root, join(root, o.filename)), o.content]));
}

describe('generated code', { timeout: 60_000 }, () => {
  it('is up to date with schema.graphql and client/operations (run `npm run codegen` if not)', async () => {
    const generated = await generateInMemory();
    expect([...generated.keys()].sort()).toEqual([
      'client/generated/amplify.ts',
      'client/generated/gql.ts',
      'client/generated/graphql.ts',
      'client/generated/index.ts',
      'resolvers/generated/schema-types.ts',
    ]);
    for (const [file, content] of generated) {
      expect(readFileSync(join(root, file), 'utf8'), `${file} is stale`).toBe(content);
    }
    // No leftovers from operations that were removed.
    expect(readdirSync(join(root, 'client/generated')).sort()).toEqual(['amplify.ts', 'gql.ts', 'graphql.ts', 'index.ts']);
  });

  it('is deterministic (two runs give identical output)', async () => {
    const [a, b] = await Promise.all([generateInMemory(), generateInMemory()]);
    expect(Object.fromEntries(a)).toEqual(Object.fromEntries(b));
  });

  it('has a typed document for every query, mutation and subscription field of the schema', async () => {
    const sdl = ['schema.graphql', 'local/server/graphql/appsync-prelude.graphql'].map((f) => readFileSync(join(root, f), 'utf8'));
    const schema = buildSchema(sdl.join('\n'));
    const ops = readdirSync(join(root, 'client/operations'))
      .map((f) => readFileSync(join(root, 'client/operations', f), 'utf8'))
      .join('\n');
    const used = new Set<string>();
    for (const def of parse(ops).definitions) {
      if (def.kind !== 'OperationDefinition') continue;
      const type = def.operation === 'query' ? 'Query' : def.operation === 'mutation' ? 'Mutation' : 'Subscription';
      for (const sel of def.selectionSet.selections) if (sel.kind === 'Field') used.add(`${type}.${sel.name.value}`);
    }
    const all = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) =>
      t ? Object.keys(t.getFields()).map((f) => `${t.name}.${f}`) : [],
    );
    expect(all.filter((f) => !used.has(f))).toEqual([]);
  });
});
