// ESLint 9 flat config. Resolver code runs in APPSYNC_JS, which rejects much of
// JavaScript (classes, try, throw, while, async, regex literals, most built-ins…):
// the twin's rule set (the AppSync plugin's type-aware `recommended` rules plus
// what the build's checker adds, one module both use) catches that before deploy.
// Everything else (local server, CDK app, client, tests, bench) is Node/browser
// TypeScript and gets typescript-eslint's `recommended` (no stylistic rules).
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import appsyncLocal from 'appsync-local/lint/index.js';

const resolverFiles = ['resolvers/**/*.ts'];
// The definition table and generated types are not APPSYNC_JS code.
const notResolverCode = ['resolvers/api.ts', 'resolvers/generated/**'];

export default defineConfig(
  {
    ignores: [
      'dist/**',
      // appsync-local's compiled copy, written only while it is packed.
      'local/dist/**',
      'cdk.out/**',
      // Third-party apps' synthesized output, kept as their authors wrote it.
      'test/fixtures/cdk-apps/*/cdk.out/**',
      'node_modules/**',
      'coverage/**',
      'web/dist/**',
      '.appsync-local/**',
      'client/generated/**',
      'resolvers/generated/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    ignores: resolverFiles,
    extends: [tseslint.configs.recommended],
  },
  {
    files: notResolverCode,
    extends: [tseslint.configs.recommended],
  },
  {
    // Tests and benchmarks poke at untyped JSON answers; `any` there is deliberate.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Built-ins bundled into the sandbox script (local/runtime/builtins.ts).
    files: ['local/runtime/builtins/**/*.js'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: resolverFiles,
    ignores: notResolverCode,
    ...appsyncLocal.configs.recommended,
    languageOptions: {
      ...appsyncLocal.configs.recommended.languageOptions,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
);
