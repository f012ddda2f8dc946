// Contract of the APPSYNC_JS runtime as the rest of local/ uses it.
// (Implementation: local/runtime/*. Owner of this file: the runtime.)

/** ctx.identity as AppSync builds it for the caller's auth mode (null for API_KEY). */
export type Identity = Record<string, unknown> | null;

/** What the server knows about a field when it runs its resolver. */
export interface ResolverContextInput {
  arguments: Record<string, unknown>;
  identity: Identity;
  source: unknown;
  info: {
    fieldName: string;
    parentTypeName: string;
    variables: Record<string, unknown>;
    selectionSetList: string[];
    selectionSetGraphQL: string;
  };
  request: { headers: Record<string, string>; domainName: string | null };
  /** ctx.env: the API's environment variables. */
  env?: Record<string, string>;
  /** Initial ctx.stash (normally empty). */
  stash?: Record<string, unknown>;
}

/** An error as AppSync reports it for a field (util.error / util.appendError / data source). */
export interface FieldError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

/** What a data source answers for one request object. */
export interface DataSourceResult {
  result?: unknown;
  /** Becomes ctx.error in response(ctx). */
  error?: { message: string; type: string };
}

/** Hands a request object (what request(ctx) returned) to the field's data source. */
export type Invoke = (request: unknown) => Promise<DataSourceResult>;

/** Results of extensions.* calls made by a resolver. */
export interface ResolverExtensions {
  subscriptionFilter?: unknown;
  subscriptionInvalidationFilter?: unknown;
  invalidateSubscriptions?: unknown[];
  evictFromApiCache?: unknown[];
}

/** The outcome of running one field's resolver (unit or pipeline). */
export interface FieldOutcome {
  /** The field's value (undefined means null). Meaningless when `error` is set. */
  data: unknown;
  /** util.error / util.unauthorized / an unhandled data source error: the field resolves to null. */
  error?: FieldError;
  /** Where `error` was raised (util.error's call, a TypeError's position): `file:line:column` in the TypeScript source when the bundle maps it. */
  errorAt?: string;
  /** util.appendError: reported, the field keeps its value. */
  appendedErrors: FieldError[];
  /** console.log/console.error output, in order. */
  logs: string[];
  /** Data-source calls made (request objects, in order) — for the request log line and --verbose. */
  invocations: { request: unknown; result: DataSourceResult; ms: number }[];
  extensions: ResolverExtensions;
  stash: Record<string, unknown>;
}
