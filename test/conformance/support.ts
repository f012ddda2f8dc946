// Conformance to AWS: every case names where its expected answer comes from.
// A case is either an AWS documentation example with a stated output, or a
// public record of a real EvaluateCode answer. Where AWS is silent the case
// says so in `source.note` and asserts only what the docs do promise.
import { expect, test } from 'vitest';
import { evaluateCode, type EvaluateCodeResult } from '../../local/runtime/index.js';

export interface Source {
  /** AWS documentation: "page title › section". */
  doc?: string;
  /** A public record of a real AppSync answer (URL, pinned to a commit). */
  recorded?: string;
  /** What AWS does not say, when the case relies on less than a full answer. */
  note?: string;
}

/** Recorded EvaluateCode answers published by localstack/appsync-utils (jest snapshots that its suite checks against AWS). */
export const LOCALSTACK_SNAPSHOTS = 'https://github.com/localstack/appsync-utils/blob/8f8ef7f/__tests__/__snapshots__';

/**
 * A recorded answer in a localstack/appsync-utils snapshot file, pinned to the
 * commit that holds it (its suite checks every snapshot against AWS's EvaluateCode).
 */
export function localstackRecord(file: string, name: string, commit = '8f8ef7f'): string {
  return `https://github.com/localstack/appsync-utils/blob/${commit}/__tests__/__snapshots__/${file} › ${name}`;
}

export const IMPORTS = [
  "import { util, runtime, extensions } from '@aws-appsync/utils';",
  "import * as ddb from '@aws-appsync/utils/dynamodb';",
  "import * as rds from '@aws-appsync/utils/rds';",
].join('\n');

/** EvaluateCode twin on `request(ctx) { return EXPR; }`, as the recorded answers were produced. */
export function evaluateExpression(expr: string, context: object = {}): EvaluateCodeResult {
  const code = `${IMPORTS}\nexport function request(ctx) { return ${expr}; }\nexport function response(ctx) { return ctx.result; }`;
  return evaluateCode({ code, function: 'request', context });
}

/** The answer as AppSync's recorders compare it: the parsed evaluationResult, or { message } on error. */
export function answerOf(result: EvaluateCodeResult): unknown {
  if (result.error) return { message: result.error.message };
  return JSON.parse(result.evaluationResult ?? 'null');
}

export interface ExpressionCase {
  name: string;
  source: Source;
  expr: string;
  context?: object;
  /** Expected answer, compared as JSON regardless of key order. */
  expect: unknown;
}

function requireSource(s: Source): void {
  if (!s.doc && !s.recorded) throw new Error('a conformance case must cite an AWS page or a recorded answer');
}

/** Registers one vitest test per case. */
export function expressionCases(cases: ExpressionCase[]): void {
  for (const c of cases) {
    requireSource(c.source);
    test(`${c.name} — ${c.source.doc ?? c.source.recorded}`, () => {
      expect(answerOf(evaluateExpression(c.expr, c.context))).toEqual(c.expect);
    });
  }
}

export interface ModuleCase {
  name: string;
  source: Source;
  /** A whole resolver module; IMPORTS go in front, as the recorders put their own imports. */
  code: string;
  fn?: 'request' | 'response';
  context?: object;
  /** Expected answer, compared as JSON regardless of key order. */
  expect: unknown;
}

/** Registers one vitest test per case: the EvaluateCode twin on a whole module and context. */
export function moduleCases(cases: ModuleCase[]): void {
  for (const c of cases) {
    requireSource(c.source);
    test(`${c.name} — ${c.source.doc ?? c.source.recorded}`, () => {
      const code = `${IMPORTS}\n${c.code}`;
      expect(answerOf(evaluateCode({ code, function: c.fn ?? 'request', context: c.context ?? {} }))).toEqual(c.expect);
    });
  }
}
