// Every function the installed @aws-appsync/utils declares exists in the local
// runtime (checked inside the sandbox, as resolver code would see it).
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../local/runtime/index.js';
import { declaredSurface } from './surface.js';

// Only where a data source is not emulated locally (README "Not supported locally").
const NOT_SUPPORTED_LOCALLY = /^(@aws-appsync\/utils\/ai:|util\.xml\.|util\.transform\.toElasticsearchQueryDSL$)/;

const probe = `
import { util, runtime, extensions } from '@aws-appsync/utils';
import * as dynamodb from '@aws-appsync/utils/dynamodb';
import * as rds from '@aws-appsync/utils/rds';
import * as ai from '@aws-appsync/utils/ai';
const roots = { util, runtime, extensions, '@aws-appsync/utils/dynamodb': dynamodb, '@aws-appsync/utils/rds': rds, '@aws-appsync/utils/ai': ai };
export function request(ctx) {
  return ctx.arguments.paths.map((p) => {
    const split = p.split(':');
    const root = split.length > 1 ? roots[split[0]] : roots[p.split('.')[0]];
    const rest = split.length > 1 ? split[1].split('.') : p.split('.').slice(1);
    const fn = rest.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), root);
    return typeof fn === 'function' ? null : p;
  }).filter((p) => p !== null);
}
export function response(ctx) { return ctx.result; }
`;

describe('runtime surface vs @aws-appsync/utils declarations', () => {
  const declared = declaredSurface();

  it('finds the declared surface (sanity: the walker sees the package)', () => {
    expect(declared.length).toBeGreaterThan(90);
    expect(declared).toContain('util.time.nowISO8601');
    expect(declared).toContain('@aws-appsync/utils/dynamodb:operations.increment');
  });

  it('implements every declared function', () => {
    const answer = evaluateCode({ code: probe, function: 'request', context: { arguments: { paths: declared } } });
    expect(answer.error).toBeUndefined();
    expect(JSON.parse(answer.evaluationResult!)).toEqual([]);
  });

  it('names the offline gaps plainly: "not supported locally: NAME"', () => {
    const run = (imports: string, expr: string) =>
      evaluateCode({ code: `${imports}\nexport function request(ctx) { return ${expr}; }\nexport function response(ctx) { return null; }`, function: 'request', context: {} });
    expect(run("import * as ai from '@aws-appsync/utils/ai';", "ai.converse({ messages: [] })").error?.message).toBe('not supported locally: @aws-appsync/utils/ai.converse');
    expect(run("import { util } from '@aws-appsync/utils';", 'util.xml.toMap("<a/>")').error?.message).toBe('not supported locally: util.xml.toMap');
    const gaps = declared.filter((p) => NOT_SUPPORTED_LOCALLY.test(p));
    // The README lists exactly these families; growing the list must be deliberate.
    expect(gaps.every((g) => /^@aws-appsync\/utils\/ai:|^util\.xml\.|Elasticsearch/.test(g))).toBe(true);
    expect(gaps.length).toBeGreaterThan(0);
  });

  it('implements the rds module and util.rds: every declared rds function answers instead of "not supported locally"', () => {
    const rdsPaths = declared.filter((p) => p.startsWith('@aws-appsync/utils/rds:') || p.startsWith('util.rds.'));
    expect(rdsPaths).toEqual(expect.arrayContaining(['@aws-appsync/utils/rds:select', '@aws-appsync/utils/rds:typeHint.UUID', '@aws-appsync/utils/rds:agg.count', 'util.rds.toJsonObject']));
    const code = `import { util } from '@aws-appsync/utils';
import * as rds from '@aws-appsync/utils/rds';
export function request(ctx) {
  const calls = {
    sql: () => rds.createPgStatement(rds.sql\`select \${1}\`),
    select: () => rds.createPgStatement(rds.select({ table: 't' })),
    insert: () => rds.createPgStatement(rds.insert({ table: 't', values: { a: 1 } })),
    update: () => rds.createPgStatement(rds.update({ table: 't', values: { a: 1 } })),
    remove: () => rds.createPgStatement(rds.remove({ table: 't' })),
    createPgStatement: () => rds.createPgStatement('select 1'),
    createMySQLStatement: () => rds.createMySQLStatement('select 1'),
    toJsonObject: () => rds.toJsonObject('{"sqlStatementResults":[]}'),
  };
  const out = {};
  for (const p of ctx.arguments.paths) {
    const [mod, name] = p.includes(':') ? p.split(':') : ['util', p.slice('util.rds.'.length)];
    const [head, tail] = name.split('.');
    const fn = mod === 'util' ? util.rds[head] : tail ? () => rds.createPgStatement(rds.select({ table: 't', columns: [rds[head][tail]('c')] })) : calls[head];
    out[p] = mod === 'util' ? fn('{"sqlStatementResults":[]}') : tail && head === 'typeHint' ? rds.typeHint[tail]('v') : fn();
  }
  return out;
}
export function response(ctx) { return null; }`;
    const answer = evaluateCode({ code, function: 'request', context: { arguments: { paths: rdsPaths } } });
    expect(answer.error).toBeUndefined();
    const out = JSON.parse(answer.evaluationResult!) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual([...rdsPaths].sort());
    expect(JSON.stringify(out)).not.toContain('not supported locally');
  });
});
