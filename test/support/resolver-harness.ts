// This project's resolver tests on the twin's test kit (local/testing, what
// `appsync-local/testing` exports): runs our *bundled* resolvers
// (dist/resolvers, built by the global setup) with scripted data-source
// answers, so each test sees the request objects a resolver sends and what it
// makes of an answer. The kit knows nothing of this API; this file only looks
// fields up in resolvers/api.ts.
import { fileURLToPath } from 'node:url';
import { cognitoIdentity, dynamodb, loadCode, runResolver, type Answer } from '../../local/testing/index.js';
import type { FieldOutcome, Identity } from '../../local/runtime/types.js';
import { api } from '../../resolvers/api.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const bundle = (code: string) => loadCode(`${api.outDir}/${code}.js`, { root, built: true });

export const TABLE = 'items-table';

/** A Cognito identity; its ID-token claims carry a verified email (`<sub>@example.com` unless given). */
export function cognito(sub: string, groups: string[] = [], email: Record<string, unknown> = {}): Identity {
  return cognitoIdentity({ sub, groups, claims: { 'cognito:groups': groups, email: `${sub}@example.com`, email_verified: true, ...email } });
}

export interface CallOptions {
  args?: Record<string, unknown>;
  identity?: Identity;
  source?: unknown;
  /** Answers each data-source request in order; the default answers `{ result: null }`. */
  answers?: Answer[];
}

export interface Call {
  outcome: FieldOutcome;
  /** Request objects the resolver handed to its data source(s), in order. */
  requests: any[];
}

/** Runs the resolver the API definition attaches to typeName.fieldName. */
export async function call(typeName: string, fieldName: string, o: CallOptions = {}): Promise<Call> {
  const def = api.resolvers.find((r) => r.typeName === typeName && r.fieldName === fieldName);
  if (!def) throw new Error(`no resolver for ${typeName}.${fieldName}`);
  const { requests, ...outcome } = await runResolver(await bundle(def.code), {
    typeName,
    fieldName,
    arguments: o.args ?? {},
    identity: o.identity === undefined ? cognito('alice') : o.identity,
    source: o.source ?? null,
    env: { TABLE_NAME: TABLE, ITEMS_PER_USER: String(api.environment?.ITEMS_PER_USER ?? '') },
    dataSource: o.answers ?? [],
    ...(def.pipeline ? { functions: await Promise.all(def.pipeline.map((name) => bundle(api.functions[name].code))) } : {}),
  });
  return { outcome, requests };
}

/** A failed condition under the Reject strategy (the kit's dynamodb.conditionFailed). */
export const conditionFailed = dynamodb.conditionFailed;
