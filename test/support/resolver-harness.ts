// Runs our *bundled* resolvers (dist/resolvers, built by the global setup)
// through the local APPSYNC_JS runtime with a scripted data source, so each
// test sees the request object a resolver sends and what it makes of an answer.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileCode, runPipelineResolver, runUnitResolver } from '../../local/runtime/index.js';
import type { DataSourceResult, FieldOutcome, ResolverContextInput } from '../../local/runtime/types.js';
import { api } from '../../resolvers/api.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const compiled = new Map<string, ReturnType<typeof compileCode>>();

export function bundle(code: string): ReturnType<typeof compileCode> {
  let c = compiled.get(code);
  if (!c) {
    const file = `${api.outDir}/${code}.js`;
    c = compileCode(readFileSync(`${root}/${file}`, 'utf8'), file);
    compiled.set(code, c);
  }
  return c;
}

export const TABLE = 'items-table';

/** A Cognito identity; its ID-token claims carry a verified email (`<sub>@example.com` unless given). */
export function cognito(sub: string, groups: string[] = [], email: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub,
    issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_local',
    username: sub,
    claims: { sub, 'cognito:username': sub, 'cognito:groups': groups, email: `${sub}@example.com`, email_verified: true, ...email },
    sourceIp: ['127.0.0.1'],
    defaultAuthStrategy: 'ALLOW',
    groups: groups.length ? groups : null,
  };
}

export interface CallOptions {
  args?: Record<string, unknown>;
  identity?: Record<string, unknown> | null;
  source?: unknown;
  /** Answers each data-source request in order; the default answers `{ result: null }`. */
  answers?: Array<DataSourceResult | ((request: any) => DataSourceResult)>;
}

export interface Call {
  outcome: FieldOutcome;
  /** Request objects the resolver handed to its data source(s), in order. */
  requests: any[];
}

function context(typeName: string, fieldName: string, o: CallOptions): ResolverContextInput {
  return {
    arguments: o.args ?? {},
    identity: o.identity === undefined ? cognito('alice') : o.identity,
    source: o.source ?? null,
    info: { fieldName, parentTypeName: typeName, variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    request: { headers: {}, domainName: null },
    env: { TABLE_NAME: TABLE, ITEMS_PER_USER: String(api.environment?.ITEMS_PER_USER ?? '') },
  };
}

/** Runs the resolver the API definition attaches to typeName.fieldName. */
export async function call(typeName: string, fieldName: string, o: CallOptions = {}): Promise<Call> {
  const def = api.resolvers.find((r) => r.typeName === typeName && r.fieldName === fieldName);
  if (!def) throw new Error(`no resolver for ${typeName}.${fieldName}`);
  const requests: any[] = [];
  const answers = [...(o.answers ?? [])];
  const invoke = async (request: unknown): Promise<DataSourceResult> => {
    requests.push(request);
    const next = answers.shift() ?? { result: null };
    return typeof next === 'function' ? next(request) : next;
  };
  const ctx = context(typeName, fieldName, o);
  const outcome = def.pipeline
    ? await runPipelineResolver({
        code: bundle(def.code),
        functions: def.pipeline.map((name) => ({ code: bundle(api.functions[name].code), invoke })),
        ctx,
      })
    : await runUnitResolver({ code: bundle(def.code), ctx, invoke });
  return { outcome, requests };
}

/**
 * A failed condition under the Reject strategy, as AWS documents it ("Condition
 * expressions › Handling a condition check failure"): ctx.error typed
 * DynamoDB:ConditionalCheckFailedException, and the handler example reads the
 * current item from ctx.result. `current: undefined` leaves ctx.result empty,
 * for resolvers that must not depend on it.
 */
export const conditionFailed = (current?: Record<string, unknown> | null): DataSourceResult => ({
  ...(current === undefined ? {} : { result: current }),
  error: {
    message: 'The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: test)',
    type: 'DynamoDB:ConditionalCheckFailedException',
  },
});
