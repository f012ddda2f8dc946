// The context a resolver test runs with: what the local server would build for
// one field, every part optional. `arguments` is typed by the caller, e.g. with
// the codegen type of the field's arguments (`context<MutationCreateItemArgs>`).
import type { Identity, ResolverContextInput } from '../runtime/types.js';
import { cognitoIdentity } from './identities.js';

export interface TestContext<Args = Record<string, unknown>> {
  arguments?: Args;
  /** Default: a Cognito user (identities.ts); null for API_KEY. */
  identity?: Identity;
  source?: unknown;
  stash?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Only the info fields given are set; the rest default from typeName/fieldName. */
  info?: Partial<ResolverContextInput['info']>;
  headers?: Record<string, string>;
  /** For evaluate(…, 'response'): ctx.result, ctx.error and ctx.prev.result. */
  result?: unknown;
  error?: { message: string; type: string } | null;
  prev?: { result: unknown };
}

export function resolverContext<Args>(c: TestContext<Args> = {}, field: { typeName?: string; fieldName?: string } = {}): ResolverContextInput {
  return {
    arguments: (c.arguments ?? {}) as Record<string, unknown>,
    identity: c.identity === undefined ? cognitoIdentity() : c.identity,
    source: c.source ?? null,
    info: {
      fieldName: field.fieldName ?? 'field',
      parentTypeName: field.typeName ?? 'Query',
      variables: {},
      selectionSetList: [],
      selectionSetGraphQL: '',
      ...c.info,
    },
    request: { headers: c.headers ?? {}, domainName: null },
    env: c.env ?? {},
    stash: c.stash ?? {},
  };
}

/** The JSON context EvaluateCode takes ("EvaluateCode › context"). */
export function evaluateCodeContext<Args>(c: TestContext<Args> = {}, field: { typeName?: string; fieldName?: string } = {}): Record<string, unknown> {
  const base = resolverContext(c, field);
  return {
    arguments: base.arguments,
    identity: base.identity,
    source: base.source,
    stash: base.stash,
    info: base.info,
    request: base.request,
    env: base.env,
    ...(c.result !== undefined ? { result: c.result } : {}),
    ...(c.error ? { error: c.error } : {}),
    ...(c.prev ? { prev: c.prev } : {}),
  };
}
