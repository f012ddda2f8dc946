// Small helpers for runtime tests: a ctx with sensible defaults and a way to
// evaluate one expression inside the sandbox.
import { evaluateCode } from '../../local/runtime/index.js';
import type { ResolverContextInput } from '../../local/runtime/types.js';

export function makeCtx(over: Partial<ResolverContextInput> = {}): ResolverContextInput {
  return {
    arguments: {},
    identity: { sub: 'u1', username: 'u1', claims: {}, issuer: 'local', sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups: null },
    source: null,
    info: { fieldName: 'getThing', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    request: { headers: {}, domainName: null },
    ...over,
  };
}

/** Evaluates `expr` (with util, runtime, extensions and ddb in scope) and returns its parsed value. */
export function evalExpr(expr: string, context: object = {}): unknown {
  const code = `import { util, runtime, extensions } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) { return ${expr}; }
export function response(ctx) { return ctx.result; }
`;
  const answer = evaluateCode({ code, function: 'request', context });
  if (answer.error) throw new Error(answer.error.message);
  return JSON.parse(answer.evaluationResult!);
}
