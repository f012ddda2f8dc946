// Every function the installed @aws-appsync/utils declares exists in the local
// runtime (checked inside the sandbox, as resolver code would see it).
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../local/runtime/index.js';
import { declaredSurface } from './surface.js';

const NOT_SUPPORTED_LOCALLY = /^(@aws-appsync\/utils\/(rds|ai):|util\.rds\.|util\.xml\.|util\.transform\.toElasticsearchQueryDSL$)/;

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
    const code = `import * as rds from '@aws-appsync/utils/rds';
export function request(ctx) { return rds.select({ table: 't' }); }
export function response(ctx) { return null; }`;
    const answer = evaluateCode({ code, function: 'request', context: {} });
    expect(answer.error?.message).toBe('not supported locally: @aws-appsync/utils/rds.select');
    const xml = evaluateCode({ code: code.replace("import * as rds from '@aws-appsync/utils/rds';", "import { util } from '@aws-appsync/utils';").replace("rds.select({ table: 't' })", 'util.xml.toMap("<a/>")'), function: 'request', context: {} });
    expect(xml.error?.message).toBe('not supported locally: util.xml.toMap');
    const gaps = declared.filter((p) => NOT_SUPPORTED_LOCALLY.test(p));
    // The README lists exactly these families; growing the list must be deliberate.
    expect(gaps.every((g) => /rds|ai:|xml|Elasticsearch/.test(g))).toBe(true);
  });
});
