// The one APPSYNC_JS rule set, shared by the build's checker (on each bundle,
// local/runtime/check.ts) and by ESLint on the TypeScript sources
// (eslint.config.js: `import appsyncLocal from 'appsync-local/lint/index.js'`),
// so "lint clean" and "buildable" mean the same. Plain JavaScript because
// ESLint loads its config without a TypeScript loader.
//
// Base: @aws-appsync/eslint-plugin, AWS's own statement of what the runtime
// rejects. Added: `throw`, which the "Supported runtime features" page
// forbids and the plugin (2.0.2) does not check, and dynamic import(), which
// that page does not list (its module section allows only static imports of
// @aws-appsync/utils) and which would hand resolver code a Promise, which the
// plugin's no-promise rule says APPSYNC_JS does not have.
import { createRequire } from 'node:module';

// Loaded on first use: the plugin requires typescript and its parser (about half a
// second), which a start whose bundles were all checked before never needs.
const require = createRequire(import.meta.url);
let loaded;
const appsync = () => (loaded ??= require('@aws-appsync/eslint-plugin'));

export const plugin = {
  meta: { name: 'appsync-local' },
  rules: {
    'no-throw': {
      meta: { type: 'problem', schema: [], messages: { throw: 'Throw statements are not supported.' } },
      create: (context) => ({ ThrowStatement: (node) => context.report({ node, messageId: 'throw' }) }),
    },
    'no-dynamic-import': {
      meta: { type: 'problem', schema: [], messages: { dynamicImport: 'Dynamic import() is not supported.' } },
      create: (context) => ({ ImportExpression: (node) => context.report({ node, messageId: 'dynamicImport' }) }),
    },
  },
};

const localRules = { 'appsync-local/no-throw': 'error', 'appsync-local/no-dynamic-import': 'error' };

export const configs = {
  // Syntax-only rules: what the build checks on every bundle (no type information there).
  get bundle() {
    return {
      plugins: { ...appsync().configs.base.plugins, 'appsync-local': plugin },
      rules: { ...appsync().configs.base.rules, ...localRules },
    };
  },
  // The plugin's type-aware rules on top, for the TypeScript sources (needs parserOptions.projectService).
  get recommended() {
    return {
      plugins: { ...appsync().configs.recommended.plugins, 'appsync-local': plugin },
      languageOptions: appsync().configs.recommended.languageOptions,
      rules: { ...appsync().configs.recommended.rules, ...localRules },
    };
  },
};

export default { plugin, configs };
