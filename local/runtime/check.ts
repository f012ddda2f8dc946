// The APPSYNC_JS language check on a bundle: the twin's one rule set
// (local/lint/index.js, which ESLint also runs on the TypeScript sources).
//
// ESLint and the rule set are loaded on the first bundle that needs linting:
// with them come typescript and its parser, about half of a start's time. A
// bundle accepted once is remembered across starts (accepted-verdicts.ts), so
// a start whose bundles were all checked before loads none of it.
import type { Linter } from 'eslint';
import { createRequire } from 'node:module';
import { configs } from '../lint/index.js';
import { rememberAccepted, wasAccepted } from './accepted-verdicts.js';

export interface CodeProblem {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
  /** Where the bundle's source map puts the problem in the TypeScript source, when the bundle carries one. */
  origin?: { file: string; line: number; column: number };
}

const require = createRequire(import.meta.url);
let linter: { linter: Linter; config: Linter.Config[] } | undefined;
function loadLinter(): { linter: Linter; config: Linter.Config[] } {
  return (linter ??= {
    linter: new (require('eslint') as typeof import('eslint')).Linter({ configType: 'flat' }),
    config: [{ files: ['**/*.js'], ...configs.bundle }],
  });
}

// The same bundle is checked when it is built and again when the server
// compiles it: remember verdicts by source text (a lint costs tens of ms).
const verdicts = new Map<string, Omit<CodeProblem, 'file'>[]>();
const VERDICTS_MAX = 500;

/** Problems AppSync would reject the code for; empty when it is accepted. */
export function checkCode(source: string, file: string): CodeProblem[] {
  let found = verdicts.get(source) ?? (wasAccepted(source) ? [] : undefined);
  if (!found) {
    const { linter: l, config } = loadLinter();
    // Inline configuration is ignored: AppSync does not read eslint comments, so
    // `/* eslint-disable */` must not let try/catch or the other refused
    // constructs through ("Supported runtime features" lists them as
    // unsupported whatever the comments say). allowInlineConfig: false drops
    // the directives silently (noInlineConfig would report each one).
    found = l.verify(source, config as never, { filename: 'code.js', allowInlineConfig: false }).map((m) => ({
      line: m.line,
      column: m.column,
      rule: m.ruleId ?? 'syntax',
      message: m.message,
    }));
    if (verdicts.size >= VERDICTS_MAX) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.set(source, found);
    if (found.length === 0) rememberAccepted(source);
  }
  return found.map((p) => ({ file, ...p }));
}

export class CodeCheckError extends Error {
  constructor(readonly problems: CodeProblem[]) {
    super(problems.map((p) => `${where(p)} ${p.rule} ${p.message}`).join('\n'));
    this.name = 'CodeCheckError';
  }
}

/** `file:line:column` of a problem: its source position when known, else the bundle's. */
export function where(p: CodeProblem): string {
  const o = p.origin;
  return o ? `${o.file}:${o.line}:${o.column}` : `${p.file}:${p.line}:${p.column}`;
}
