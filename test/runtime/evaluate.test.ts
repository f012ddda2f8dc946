// The EvaluateCode twin, as a function and as `appsync-local evaluate`.
// Doc: "Testing and debugging resolvers in AWS AppSync (JavaScript)" and the
// EvaluateCode API reference (evaluationResult, error, logs, stash, outErrors).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateCode } from '../../local/runtime/index.js';

const code = `import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) {
  console.log('getting', ctx.args.id);
  ctx.stash.seen = true;
  return ddb.get({ key: { id: ctx.args.id } });
}
export function response(ctx) {
  if (!ctx.result) util.error('Not found', 'NotFound');
  util.appendError('partial', 'Warning');
  return ctx.result;
}
`;

describe('evaluateCode', () => {
  it('answers request with evaluationResult, logs and stash as EvaluateCode does', () => {
    const a = evaluateCode({ code, function: 'request', context: JSON.stringify({ arguments: { id: '7' } }) });
    expect(a.error).toBeUndefined();
    expect(JSON.parse(a.evaluationResult!)).toEqual({ operation: 'GetItem', key: { id: { S: '7' } } });
    expect(a.logs).toEqual(['getting 7']);
    expect(JSON.parse(a.stash!)).toEqual({ seen: true });
    expect(JSON.parse(a.outErrors!)).toEqual([]);
  });
  it('answers response with the result and appended errors', () => {
    const a = evaluateCode({ code, function: 'response', context: { arguments: {}, result: { id: '7' } } });
    expect(JSON.parse(a.evaluationResult!)).toEqual({ id: '7' });
    expect(JSON.parse(a.outErrors!)).toEqual([{ message: 'partial', errorType: 'Warning', data: null, errorInfo: null }]);
  });
  it('reports util.error as error.message without a result', () => {
    const a = evaluateCode({ code, function: 'response', context: { arguments: {}, result: null } });
    expect(a.evaluationResult).toBeUndefined();
    expect(a.error?.message).toBe('Not found');
  });
  it('reports code that breaks the language rules as codeErrors with locations', () => {
    const bad = 'export function request(ctx) {\n  let i = 0;\n  i++;\n  return i;\n}\nexport function response(ctx) { return null; }\n';
    const a = evaluateCode({ code: bad, function: 'request', context: {} });
    expect(a.evaluationResult).toBeUndefined();
    expect(a.error?.codeErrors?.[0]).toMatchObject({ location: { line: 3, column: 3 } });
    expect(a.error?.codeErrors?.[0].errorType).toMatch(/unary/);
  });
});

describe('appsync-local evaluate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'appsync-evaluate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const codeFile = join(dir, 'resolver.js');
  writeFileSync(codeFile, code);
  const cli = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['local/cli/bin.js', 'evaluate', ...args], { input, encoding: 'utf8', timeout: 60_000 });

  it('prints the EvaluateCode JSON for a context file', () => {
    const ctxFile = join(dir, 'ctx.json');
    writeFileSync(ctxFile, JSON.stringify({ arguments: { id: 'x' } }));
    const r = cli(['--code', codeFile, '--function', 'request', '--context', ctxFile]);
    expect(r.status).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(JSON.parse(answer.evaluationResult)).toEqual({ operation: 'GetItem', key: { id: { S: 'x' } } });
    expect(answer.logs).toEqual(['getting x']);
  });
  it('reads the context from stdin with --context - and exits 1 on util.error', () => {
    const r = cli(['--code', codeFile, '--function', 'response', '--context', '-'], JSON.stringify({ arguments: {}, result: null }));
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.message).toBe('Not found');
  });
  it('explains itself with --help', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--code FILE --function request\|response --context FILE\|-/);
  });
});
