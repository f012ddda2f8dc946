// The console's example operations: read from the folder the definition names,
// queries first (the first thing a person runs needs no input), fragments last.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readExampleOperations } from '../../local/server/console/operations.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('example operations for the console', () => {
  it('orders files queries, mutations, subscriptions, then fragments, each under a comment naming it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-'));
    writeFileSync(join(dir, 'a-fragments.graphql'), 'fragment F on T { id }\n');
    writeFileSync(join(dir, 'b-subs.graphql'), 'subscription S { s { id } }\n');
    writeFileSync(join(dir, 'c-mutations.graphql'), 'mutation M { m { id } }\n');
    writeFileSync(join(dir, 'd-queries.graphql'), '# a comment kept as written\nquery Q { q { ...F } }\n');
    writeFileSync(join(dir, 'notes.txt'), 'not an operation');
    const ops = await readExampleOperations(dir, 'ops');
    expect(ops.files).toEqual(['d-queries.graphql', 'c-mutations.graphql', 'b-subs.graphql', 'a-fragments.graphql']);
    expect(ops.text.startsWith('# ops/d-queries.graphql\n# a comment kept as written\nquery Q')).toBe(true);
  });

  it('shows a file that does not parse as written, after the others, and nothing for a missing folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-'));
    writeFileSync(join(dir, 'a-broken.graphql'), 'query {');
    writeFileSync(join(dir, 'b.graphql'), 'query Q { q }');
    expect((await readExampleOperations(dir)).files).toEqual(['b.graphql', 'a-broken.graphql']);
    expect(await readExampleOperations(join(dir, 'missing'))).toEqual({ text: '', files: [] });
  });
});
