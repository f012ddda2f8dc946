// CONTRIBUTING.md is the one description of the key design. This holds it
// against the code that builds the keys (resolvers/lib/keys.ts) and the table
// definition both sides deploy (resolvers/api.ts), so the three cannot drift.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { api } from '../../resolvers/api.js';
import * as keys from '../../resolvers/lib/keys.js';

const guide = readFileSync(fileURLToPath(new URL('../../CONTRIBUTING.md', import.meta.url)), 'utf8');
const keySection = /## Access patterns and keys\n([\s\S]*?)\n## /.exec(guide)?.[1] ?? '';
const quoted = new Set([...keySection.matchAll(/`([^`]+)`/g)].map((m) => m[1]));

/** A key builder applied to placeholders named after its parameters: userPk(userId) → USER#<userId>. */
function pattern(builder: (...args: string[]) => string): string {
  const params = /\(([^)]*)\)/.exec(builder.toString())![1].split(',').map((p) => p.trim().split(/[\s:=]/)[0]);
  return builder(...params.map((p) => `<${p}>`));
}

describe('CONTRIBUTING.md key design', () => {
  it('has the section', () => {
    expect(keySection.length).toBeGreaterThan(200);
  });

  it.each(Object.entries(keys))('shows %s as keys.ts builds it', (name, value) => {
    const shown = typeof value === 'function' ? pattern(value as (...args: string[]) => string) : String(value);
    // Whole-token match, so `U#<userId>` is not found inside `USER#<userId>`.
    const token = new RegExp(`(^|[^A-Za-z0-9#])${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    expect([...quoted].some((q) => token.test(q)), `${name} → ${shown}`).toBe(true);
  });

  it('names the table, its keys and every index as resolvers/api.ts defines them', () => {
    for (const [name, table] of Object.entries(api.tables)) {
      expect(quoted).toContain(name);
      expect(quoted).toContain(table.partitionKey.name);
      if (table.sortKey) expect(quoted).toContain(table.sortKey.name);
      for (const index of table.globalSecondaryIndexes ?? []) {
        expect(quoted).toContain(index.indexName);
        expect(quoted).toContain(index.partitionKey.name);
        if (index.sortKey) expect(quoted).toContain(index.sortKey.name);
      }
    }
  });

  it('lists a resolver for every access pattern it names, and each exists', () => {
    const named = [...keySection.matchAll(/\| `((?:Query|Mutation|User|Subscription)\/\w+)`/g)].map((m) => m[1]);
    const codes = new Set(api.resolvers.map((r) => r.code));
    expect(named.length).toBeGreaterThan(5);
    for (const code of named) expect(codes, code).toContain(code);
  });
});
