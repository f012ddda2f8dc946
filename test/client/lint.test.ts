// `npm run lint` as part of `npm test`: the whole repository lints clean, and the
// APPSYNC_JS rules really apply to resolver code (and only there).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('lint', () => {
  it('reports no problems in the repository', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${r.filePath.slice(root.length)}:${m.line}:${m.column} ${m.ruleId ?? ''} ${m.message}`),
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it('applies the AppSync rules to resolver code but not to the rest', async () => {
    const eslint = new ESLint({ cwd: root });
    const offending =
      '\nexport class Cache {}\nexport async function load(): Promise<number> { return 1; }\n' +
      // no-recursion needs type information: proves the type-aware setup works.
      'export function depth(n: number): number { return n > 0 ? depth(n - 1) : 0; }\n';
    const resolverFile = `${root}resolvers/Query/getItem.ts`;
    const [inResolver] = await eslint.lintText(readFileSync(resolverFile, 'utf8') + offending, {
      filePath: resolverFile,
    });
    expect(inResolver.messages.map((m) => m.ruleId)).toEqual(
      expect.arrayContaining(['@aws-appsync/no-classes', '@aws-appsync/no-async', '@aws-appsync/no-recursion']),
    );
    const clientFile = `${root}client/errors.ts`;
    const [inClient] = await eslint.lintText(readFileSync(clientFile, 'utf8') + offending, { filePath: clientFile });
    expect(inClient.messages).toEqual([]);
  }, 60_000);
});
