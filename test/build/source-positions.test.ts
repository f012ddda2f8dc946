// A try/catch in a TypeScript resolver is reported at its source line by the
// build, by hot reload and by ESLint alike (one rule set), and a failed build
// leaves no stale bundle behind.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApi, BuildError } from '../../local/build/index.js';
import appsyncLocal from '../../local/lint/index.js';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';
import { copyFixture, TRY_CATCH_RESOLVER } from './support.js';

const RESOLVER = 'resolvers/Query/getNote.ts';
const AT = `${RESOLVER}:5:3 @aws-appsync/no-try`;

async function buildProblems(root: string): Promise<string[]> {
  const err = await buildApi({ root }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(BuildError);
  return (err as BuildError).problems;
}

describe('a try/catch in a TypeScript resolver', () => {
  it('fails the build at the source line, and removes that file\'s previous bundle', async () => {
    const root = copyFixture();
    await buildApi({ root });
    const bundle = join(root, 'dist/resolvers/Query/getNote.js');
    expect(existsSync(bundle)).toBe(true);
    writeFileSync(join(root, RESOLVER), TRY_CATCH_RESOLVER);
    const found = await buildProblems(root);
    expect(found).toEqual([expect.stringMatching(new RegExp(`^${AT} Try statements are not supported\\. \\(dist/resolvers/Query/getNote\\.js:\\d+:\\d+\\)$`))]);
    // The last good bundle of that file would look current: it is gone; the others are rebuilt.
    expect(existsSync(bundle)).toBe(false);
    expect(existsSync(join(root, 'dist/resolvers/Mutation/deleteNote.js'))).toBe(true);
  });

  it('a throw too, which the build and ESLint both reject', async () => {
    const root = copyFixture();
    writeFileSync(join(root, RESOLVER), TRY_CATCH_RESOLVER.replace('return {};', "throw new Error('no');"));
    const found = await buildProblems(root);
    expect(found.map((p) => p.split(' ').slice(0, 2).join(' '))).toEqual([AT, `${RESOLVER}:8:5 appsync-local/no-throw`]);
  });

  describe('on hot reload', () => {
    let app: LocalAppSync | undefined;
    afterAll(async () => app?.stop());

    it('keeps serving the previous version and logs the problem at the source line', async () => {
      const root = copyFixture();
      const lines: string[] = [];
      app = await startLocalAppSync({
        root,
        dataDir: mkdtempSync(join(tmpdir(), 'appsync-reload-')),
        dynamodbEndpoint: inject('dynamodbEndpoint'),
        tablePrefix: `pos${process.pid}_${Date.now()}_`,
        frontendConfigPath: false,
        watch: true,
        log: (l) => lines.push(l),
      });
      const ask = async () => {
        const res = await fetch(app!.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': app!.apiKey },
          body: JSON.stringify({ query: '{ getNote(id: "n1") { id } }' }),
        });
        return (await res.json()) as { data?: unknown; errors?: unknown };
      };
      expect(await ask()).toEqual({ data: { getNote: null } });

      writeFileSync(join(root, RESOLVER), TRY_CATCH_RESOLVER);
      const deadline = Date.now() + 15_000;
      while (!lines.some((l) => l.includes('reload failed')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const failure = lines.find((l) => l.includes('reload failed'));
      expect(failure).toContain('still serving the previous version');
      expect(failure).toContain(`${AT} Try statements are not supported.`);
      expect(await ask()).toEqual({ data: { getNote: null } });
    }, 60_000);
  });

  it('is reported by ESLint at the same line with the same rule, and a throw too', async () => {
    const root = copyFixture();
    writeFileSync(join(root, RESOLVER), TRY_CATCH_RESOLVER.replace('return {};', "throw new Error('no');"));
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true }, include: ['resolvers'] }));
    // The rule set eslint.config.js applies to resolvers/** (checked below), on the copy.
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['resolvers/**/*.ts'],
          ...appsyncLocal.configs.recommended,
          languageOptions: { ...appsyncLocal.configs.recommended.languageOptions, parserOptions: { projectService: true, tsconfigRootDir: root } },
        },
      ],
    });
    const [result] = await eslint.lintFiles([RESOLVER]);
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['5:3 @aws-appsync/no-try', '8:5 appsync-local/no-throw']);
  }, 60_000);

  it("is reported the same by the project's own `npm run lint` config on a resolver file", async () => {
    const root = join(import.meta.dirname, '../..');
    const eslint = new ESLint({ cwd: root });
    // Linted as text in a resolver's place (the file on disk is not touched).
    const [result] = await eslint.lintText(TRY_CATCH_RESOLVER.replace('return {};', "throw new Error('no');"), {
      filePath: join(root, 'resolvers/Query/getItem.ts'),
    });
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['5:3 @aws-appsync/no-try', '8:5 appsync-local/no-throw']);
  }, 60_000);

  it("is what the project's eslint.config.js runs on resolvers/**", async () => {
    const eslint = new ESLint({ cwd: join(import.meta.dirname, '../..') });
    const config = (await eslint.calculateConfigForFile('resolvers/Query/me.ts')) as { rules: Record<string, unknown> };
    const ruleNames = Object.keys(config.rules).filter((r) => r.startsWith('@aws-appsync/') || r.startsWith('appsync-local/'));
    expect(ruleNames.sort()).toEqual(Object.keys(appsyncLocal.configs.recommended.rules!).sort());
    // The build's rules on a bundle are a subset: nothing the build rejects is accepted by ESLint.
    for (const r of Object.keys(appsyncLocal.configs.bundle.rules!)) expect(ruleNames).toContain(r);
  });
});

