// The APPSYNC_JS language check: the rules of @aws-appsync/eslint-plugin
// (AWS's own statement of what the runtime rejects), run on the bundle.
import { Linter } from 'eslint';
import appsyncPlugin from '@aws-appsync/eslint-plugin';

export interface CodeProblem {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

// The "Supported runtime features" page also forbids `throw`, which the
// plugin (as installed) does not check; this rule adds it. Dynamic import()
// is not on that page either (its module section lists static imports of
// @aws-appsync/utils only) and would hand resolver code a Promise, which the
// plugin's no-promise rule says APPSYNC_JS does not have.
type Reporter = { report(d: { node: unknown; messageId: string }): void };
const localRules = {
  rules: {
    'no-throw': {
      meta: { type: 'problem', schema: [], messages: { throw: 'Throw statements are not supported.' } },
      create: (context: Reporter) => ({
        ThrowStatement: (node: unknown) => context.report({ node, messageId: 'throw' }),
      }),
    },
    'no-dynamic-import': {
      meta: { type: 'problem', schema: [], messages: { dynamicImport: 'Dynamic import() is not supported.' } },
      create: (context: Reporter) => ({
        ImportExpression: (node: unknown) => context.report({ node, messageId: 'dynamicImport' }),
      }),
    },
  },
};

const linter = new Linter({ configType: 'flat' });
const config = [
  { files: ['**/*.js'], ...(appsyncPlugin as unknown as { configs: { base: object } }).configs.base },
  { files: ['**/*.js'], plugins: { 'appsync-local': localRules }, rules: { 'appsync-local/no-throw': 'error', 'appsync-local/no-dynamic-import': 'error' } },
];

// The same bundle is checked when it is built and again when the server
// compiles it: remember verdicts by source text (a lint costs tens of ms).
const verdicts = new Map<string, Omit<CodeProblem, 'file'>[]>();
const VERDICTS_MAX = 500;

/** Problems AppSync would reject the code for; empty when it is accepted. */
export function checkCode(source: string, file: string): CodeProblem[] {
  let found = verdicts.get(source);
  if (!found) {
    // Inline configuration is ignored: AppSync does not read eslint comments, so
    // `/* eslint-disable */` must not let try/catch or the other refused
    // constructs through ("Supported runtime features" lists them as
    // unsupported whatever the comments say). allowInlineConfig: false drops
    // the directives silently (noInlineConfig would report each one).
    found = linter.verify(source, config as never, { filename: 'code.js', allowInlineConfig: false }).map((m) => ({
      line: m.line,
      column: m.column,
      rule: m.ruleId ?? 'syntax',
      message: m.message,
    }));
    if (verdicts.size >= VERDICTS_MAX) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.set(source, found);
  }
  return found.map((p) => ({ file, ...p }));
}

export class CodeCheckError extends Error {
  constructor(readonly problems: CodeProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`).join('\n'));
    this.name = 'CodeCheckError';
  }
}
