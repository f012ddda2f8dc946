// Request analysis is linear in the document: fragments are analysed once
// however often they are spread, so a "fragment bomb" (a 1 KB query of
// fragments each spreading the next three times) is answered in milliseconds.
// Operations whose expansion is too large are refused before they run, in
// AppSync's shape (graphql-java's ExecutionAborted, as AppSync's depth limit).
import { parse, type OperationDefinitionNode, type FieldNode, type FragmentDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeOperation } from '../../local/server/graphql/depth.js';
import { selectionSetList } from '../../local/server/graphql/selection.js';
import type { LocalAppSync } from '../../local/server/index.js';
import { MAX_QUERY_COST } from '../../local/server/service.js';
import { fixtureApi } from './fixtures/api.js';
import { post, startFixture } from './support.js';

/** n fragments on Level, each selecting `next` and spreading the next fragment three times in it. */
function nestedBomb(n: number, aliased = false): string {
  let text = '{ level { ...F0 } }\n';
  for (let i = 0; i < n; i += 1) {
    const next = `...F${i + 1}`;
    text += aliased
      ? `fragment F${i} on Level { a: next { ${next} } b: next { ${next} } c: next { ${next} } }\n`
      : `fragment F${i} on Level { next { ${next} ${next} ${next} } }\n`;
  }
  return `${text}fragment F${n} on Level { n }`;
}

/** n fragments on Level, each spreading the next three times at the same level. */
function flatBomb(n: number): string {
  let text = '{ level { ...F0 } }\n';
  for (let i = 0; i < n; i += 1) text += `fragment F${i} on Level { n ...F${i + 1} ...F${i + 1} ...F${i + 1} }\n`;
  return `${text}fragment F${n} on Level { n next { n } }`;
}

const operation = (text: string) => {
  const doc = parse(text);
  return { doc, op: doc.definitions[0] as OperationDefinitionNode };
};

describe('operation analysis', () => {
  it('analyses a 40-fragment bomb (3^40 expanded fields) in milliseconds', () => {
    for (const text of [nestedBomb(40), nestedBomb(40, true), flatBomb(40)]) {
      const { doc, op } = operation(text);
      const t = performance.now();
      const shape = analyzeOperation(doc, op);
      expect(performance.now() - t).toBeLessThan(50);
      expect(shape.cost).toBeGreaterThan(3 ** 39);
    }
    const nested = operation(nestedBomb(40));
    expect(analyzeOperation(nested.doc, nested.op).depth).toBe(42);
    const flat = operation(flatBomb(40));
    expect(analyzeOperation(flat.doc, flat.op).depth).toBe(3);
  });

  it('counts depth and cost as graphql-java does on ordinary operations', () => {
    const { doc, op } = operation('{ a: level { n next { n } } b: level { ...L } } fragment L on Level { n next { next { n } } }');
    // a(1) n next(2) n(3) ; b(1) n next(2) next(3) n(4)
    expect(analyzeOperation(doc, op)).toEqual({ depth: 4, cost: 4 + 5 });
  });

  it('lists a bomb’s selection set (ctx.info.selectionSetList) in milliseconds, each path once', () => {
    const doc = parse(flatBomb(30));
    const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]));
    const level = (doc.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    const t = performance.now();
    const list = selectionSetList([level], fragments);
    expect(performance.now() - t).toBeLessThan(50);
    expect(list).toEqual(['n', 'next', 'next/n']);
  });
});

describe('over HTTP', () => {
  let limited: LocalAppSync;
  let unlimited: LocalAppSync;
  beforeAll(async () => {
    limited = await startFixture();
    unlimited = await startFixture({ api: { ...fixtureApi, limits: {} } });
  });
  afterAll(async () => {
    await limited?.stop();
    await unlimited?.stop();
  });
  const ask = (app: LocalAppSync, query: string) => post(app.url, { query }, { 'x-api-key': app.apiKey });

  it('answers the 1 KB fragment bomb in milliseconds with the depth limit error', async () => {
    const query = nestedBomb(16);
    expect(query.length).toBeLessThan(1200);
    const t = performance.now();
    const r = await ask(limited, query);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ data: null, errors: [{ path: null, locations: null, errorType: 'ExecutionAborted', message: 'maximum query depth exceeded 18 > 4' }] });
  });

  it('refuses a bomb with no depth limit configured by its cost, before running anything', async () => {
    for (const query of [nestedBomb(16), nestedBomb(16, true), flatBomb(16)]) {
      const t = performance.now();
      const r = await ask(unlimited, query);
      expect(performance.now() - t).toBeLessThan(1000);
      expect(r.status).toBe(200);
      expect(r.body.data).toBeNull();
      expect(r.body.errors).toHaveLength(1);
      expect(r.body.errors[0]).toMatchObject({ path: null, locations: null, errorType: 'ExecutionAborted' });
      expect(r.body.errors[0].message).toMatch(new RegExp(`^maximum query complexity exceeded \\S+ > ${MAX_QUERY_COST}$`));
    }
  });

  it('refuses an alias flood of 5,000 fields (more tokens than graphql-java parses)', async () => {
    const query = `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: whoami`).join(' ')} }`;
    const t = performance.now();
    const r = await ask(limited, query);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(r.status).toBe(200);
    expect(r.body.data).toBeNull();
    expect(r.body.errors[0].message).toMatch(/^Invalid Syntax : .*15000 tokens/);
  });

  it('refuses an alias flood multiplied through a fragment by its cost', async () => {
    const fields = Array.from({ length: 150 }, (_, i) => `n${i}: n`).join(' ');
    const query = `{ ${Array.from({ length: 100 }, (_, i) => `l${i}: level { ...F }`).join(' ')} } fragment F on Level { ${fields} }`;
    const r = await ask(limited, query);
    expect(r.body).toEqual({ data: null, errors: [{ path: null, locations: null, errorType: 'ExecutionAborted', message: `maximum query complexity exceeded ${100 * 151} > ${MAX_QUERY_COST}` }] });
  });

  it('refuses a document nested beyond what the parser can recurse into, and keeps serving', async () => {
    const query = `{ level ${'{ next '.repeat(7000)}{ n }${' }'.repeat(7000)} }`;
    const r = await ask(unlimited, query);
    expect(r.status).toBe(200);
    expect(r.body.data).toBeNull();
    expect(r.body.errors[0].message).toMatch(/^Invalid Syntax/);
    expect((await ask(unlimited, '{ level { n } }')).body).toEqual({ data: { level: { n: 1 } } });
  });

  it('does not keep distinct large documents in memory', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = heap();
    // 30 distinct 400 KB documents of 200,000 tokens each: parsed and kept, each
    // would hold tens of MB (an AST costs ~80 bytes per character of text).
    for (let i = 0; i < 30; i += 1) {
      const r = await ask(unlimited, `{ level { n } ${'n '.repeat(200_000)} } # ${i}`);
      expect(r.body.errors?.length).toBeGreaterThan(0);
    }
    // The server runs in this process: its caches are on this heap.
    expect(heap() - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('still runs ordinary operations with fragments', async () => {
    const r = await ask(unlimited, '{ level { ...A } } fragment A on Level { n next { ...B } } fragment B on Level { n }');
    expect(r.body).toEqual({ data: { level: { n: 1, next: { n: 2 } } } });
  });
});
