// The GraphQL core: parses, validates and executes operations against an
// ApiDefinition, running APPSYNC_JS resolvers through the local runtime and
// answering in AppSync's shapes. Shared by the HTTP and real-time endpoints.
import {
  GraphQLError,
  Kind,
  execute,
  executeSync,
  parse,
  specifiedRules,
  validate,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { ApiDefinition, ResolverDefinition } from '../definition.js';
import type { FieldOutcome, ResolverContextInput } from '../runtime/types.js';
import type { DataSource } from '../datasources/types.js';
import { compileCode, runPipelineResolver, runUnitResolver } from '../runtime/index.js';
import { createFieldAuthorizer } from './auth/directives.js';
import { analyzeOperation } from './graphql/depth.js';
import { BoundedCache } from './cache.js';
import { FieldResolverError, formatExecutionError, formatRequestError } from './graphql/errors.js';
import { selectionInfo } from './graphql/selection.js';
import type {
  Authenticated,
  GraphQLResponseBody,
  GraphQLService,
  Headers,
  InvalidationEvent,
  MutationEvent,
  OperationRequest,
  RequestTrace,
  SubscriptionStart,
} from './types.js';

type CompiledCode = ReturnType<typeof compileCode>;

export type { RequestTrace };

export interface ServiceOptions {
  def: ApiDefinition;
  schema: GraphQLSchema;
  /** code path → bundle source (dist/resolvers/<code>.js). */
  files: Record<string, string>;
  dataSources: Record<string, DataSource>;
  /** Physical table names, for ctx.env table references. */
  tableNames: Record<string, string>;
  /** Called once per operation with what it did. */
  onTrace?: (trace: RequestTrace) => void;
}

interface RequestState {
  auth: Authenticated;
  headers: Headers;
  trace: RequestTrace;
  appended: GraphQLFormattedError[];
  resolverCount: number;
  /** Every resolver started (settle() waits for them before the trace is final). */
  running: Promise<unknown>[];
  /** Set by the subscription field's resolver. */
  extensions?: FieldOutcome['extensions'];
  /** extensions.invalidateSubscriptions calls of mutation resolvers that succeeded. */
  invalidations: InvalidationEvent[];
}

const MAX_RESOLVER_COUNT = 10_000;
/**
 * Parser limit: graphql-java (the engine AppSync runs) stops parsing a document
 * of more than 15,000 grammar tokens (ParserOptions.MAX_QUERY_TOKENS) as a
 * denial-of-service guard. AWS's documentation is silent on it; graphql-js'
 * parser has the same option.
 */
const MAX_QUERY_TOKENS = 15_000;
/**
 * Bound on an operation's expanded field count (graphql-java's default
 * complexity: one per field selection, fragments expanded). AWS documents no
 * such limit; it is set to AppSync's maximum resolverCountLimit (10,000,
 * GraphqlApi in the AWS AppSync API Reference): an operation that selects more
 * fields than AppSync would ever let resolve is refused before it runs, with
 * the message and ExecutionAborted type of graphql-java's
 * MaxQueryComplexityInstrumentation, as the depth limit is.
 */
export const MAX_QUERY_COST = 10_000;
/** Prepared-document cache: parsed ASTs take ~80 bytes per character of query text. */
const AST_BYTES_PER_CHAR = 80;
const PREPARED_CACHE = { maxEntries: 1000, maxBytes: 64 * 1024 * 1024, maxEntryBytes: 8 * 1024 * 1024 };

/** graphql-js throws (not answers) on variables that are not an object: refuse them first. */
function variablesOk(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v));
}

/** AppSync's answer to a request body without a usable GraphQL request (see http.ts). */
function malformedRequest(): { errors: GraphQLFormattedError[] } {
  return { errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' } as unknown as GraphQLFormattedError] };
}

/** A request-level refusal in AppSync's shape (no path, no location), as graphql-java's AbortExecutionException. */
function abortError(message: string): GraphQLFormattedError {
  return { path: null, locations: null, errorType: 'ExecutionAborted', message } as unknown as GraphQLFormattedError;
}
/** AppSync: at most 5 unique extensions.invalidateSubscriptions calls per request. */
const MAX_INVALIDATIONS = 5;
const RESOLVER_TIMEOUT_MS = 30_000;

function pathString(info: GraphQLResolveInfo): string {
  const parts: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) parts.unshift(p.key);
  return parts.join('/');
}

function headersForCtx(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (k !== 'cookie') out[k] = v;
  return out;
}

export function buildEnvironment(def: ApiDefinition, tableNames: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(def.environment ?? {})) {
    env[k] = typeof v === 'string' ? v : (tableNames[v.tableName] ?? v.tableName);
  }
  return env;
}

export function createGraphQLService(opts: ServiceOptions): GraphQLService {
  const { def, schema } = opts;
  const env = buildEnvironment(def, opts.tableNames);
  const authorize = createFieldAuthorizer(def.auth.default.type, def.auth.default.type === 'AMAZON_COGNITO_USER_POOLS' ? def.auth.default.defaultAction : undefined);
  const resolverCountLimit = def.limits?.resolverCount || MAX_RESOLVER_COUNT;
  const listeners = new Set<(e: MutationEvent) => void>();
  const invalidationListeners = new Set<(e: InvalidationEvent) => void>();

  const compiled = new Map<string, CompiledCode>();
  const codeOf = (code: string): CompiledCode => {
    let c = compiled.get(code);
    if (!c) {
      const source = opts.files[code];
      if (source === undefined) throw new Error(`no bundle for "${code}" (run appsync-local build)`);
      c = compileCode(source, `${def.outDir}/${code}.js`);
      compiled.set(code, c);
    }
    return c;
  };
  const dataSource = (name: string): DataSource => {
    const ds = opts.dataSources[name];
    if (!ds) throw new Error(`unknown data source "${name}"`);
    return ds;
  };
  // Compile everything up front so a broken bundle fails at start, not at first call.
  for (const r of def.resolvers) codeOf(r.code);
  for (const f of Object.values(def.functions)) codeOf(f.code);

  async function runResolver(r: ResolverDefinition, ctx: ResolverContextInput): Promise<FieldOutcome> {
    if (r.pipeline) {
      return runPipelineResolver({
        code: codeOf(r.code),
        functions: r.pipeline.map((fn) => {
          const f = def.functions[fn];
          if (!f) throw new Error(`resolver ${r.typeName}.${r.fieldName} names unknown function "${fn}"`);
          const ds = dataSource(f.dataSource);
          return { code: codeOf(f.code), invoke: (req: unknown) => ds.invoke(req) };
        }),
        ctx,
      });
    }
    const ds = dataSource(r.dataSource!);
    return runUnitResolver({ code: codeOf(r.code), ctx, invoke: (req) => ds.invoke(req), timeoutMs: RESOLVER_TIMEOUT_MS });
  }

  // Types and fields → their resolver, looked up without building a key string.
  const resolverIndex = new Map<string, Map<string, ResolverDefinition>>();
  for (const r of def.resolvers) {
    if (!resolverIndex.has(r.typeName)) resolverIndex.set(r.typeName, new Map());
    resolverIndex.get(r.typeName)!.set(r.fieldName, r);
  }

  // Fields without a resolver resolve synchronously: an async resolver on
  // every scalar would cost a promise and a microtask per field of every item.
  const fieldResolver: GraphQLFieldResolver<unknown, RequestState> = (source, args, state, info) => {
    const parent = info.parentType;
    const field = parent.getFields()[info.fieldName];
    if (field && !authorize(parent, field, state.auth)) {
      throw new FieldResolverError(`Not Authorized to access ${info.fieldName} on type ${parent.name}`, 'Unauthorized');
    }
    const r = resolverIndex.get(parent.name)?.get(info.fieldName);
    if (!r) {
      if (source && typeof source === 'object') return (source as Record<string, unknown>)[info.fieldName];
      return undefined;
    }
    const running = resolveField(r, source, args, state, info);
    state.running.push(running);
    return running;
  };

  // graphql-js answers as soon as an error nulls a list or object whose other
  // fields are still resolving (Promise.all rejects early); those resolvers go
  // on, and may start children. Waiting for them keeps the trace (the log's
  // counts) true and leaves no work running after the answer.
  async function settle(state: RequestState): Promise<void> {
    for (let seen = 0; seen < state.running.length; ) {
      const batch = state.running.slice(seen);
      seen = state.running.length;
      await Promise.allSettled(batch);
    }
  }

  const resolveField = async (
    r: ResolverDefinition,
    source: unknown,
    args: Record<string, unknown>,
    state: RequestState,
    info: GraphQLResolveInfo,
  ): Promise<unknown> => {
    const parent = info.parentType;
    state.resolverCount += 1;
    if (state.resolverCount > resolverCountLimit) {
      throw new FieldResolverError('Resolver invocation limit reached.', 'ResolverExecutionLimitReached');
    }
    state.trace.resolvers += 1;
    const ctx: ResolverContextInput = {
      arguments: args,
      identity: state.auth.identity,
      source: source ?? null,
      info: {
        fieldName: info.fieldName,
        parentTypeName: parent.name,
        variables: info.variableValues,
        ...selectionInfo(info.fieldNodes, info.fragments),
      },
      request: { headers: headersForCtx(state.headers), domainName: null },
      env,
      stash: {},
    };
    const started = performance.now();
    const outcome = await runResolver(r, ctx);
    const ms = performance.now() - started;
    state.trace.dataSourceCalls += outcome.invocations.length;
    state.trace.fields.push({
      path: pathString(info),
      resolver: r.pipeline ? `${r.code} [${r.pipeline.join(' → ')}]` : r.code,
      logs: outcome.logs,
      invocations: outcome.invocations,
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(outcome.errorAt ? { errorAt: outcome.errorAt } : {}),
      ms,
    });
    if (parent === schema.getSubscriptionType()) state.extensions = outcome.extensions;
    if (parent === schema.getMutationType() && !outcome.error) {
      for (const inv of outcome.extensions.invalidateSubscriptions ?? []) {
        const o = inv as Partial<InvalidationEvent> | null;
        if (o && typeof o === 'object' && typeof o.subscriptionField === 'string') state.invalidations.push({ subscriptionField: o.subscriptionField, payload: o.payload ?? null });
      }
    }
    const loc = info.fieldNodes[0]?.loc;
    const location = loc ? [{ line: loc.startToken.line, column: loc.startToken.column, sourceName: null }] : null;
    const path: (string | number)[] = [];
    for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) path.unshift(p.key);
    for (const e of outcome.appendedErrors) {
      state.appended.push({
        path,
        data: e.data ?? null,
        errorType: e.errorType ?? null,
        errorInfo: e.errorInfo ?? null,
        locations: location,
        message: e.message,
      } as unknown as GraphQLFormattedError);
    }
    if (outcome.error) {
      const e = outcome.error;
      throw new FieldResolverError(e.message, e.errorType ?? null, e.data ?? null, e.errorInfo ?? null);
    }
    return outcome.data === undefined ? null : outcome.data;
  };

  type Prepared =
    | { ok: true; doc: DocumentNode; op: OperationDefinitionNode }
    | { ok: false; status: number; body: GraphQLResponseBody };

  // Parse + validate + limits depend only on the document and operation name
  // (the schema is fixed for this service): clients send the same few
  // documents again and again, so each is prepared once. The cache is bounded
  // by an estimate of the memory the parsed documents hold, not only by count.
  const prepared = new BoundedCache<Prepared>(PREPARED_CACHE, (key) => key.length * AST_BYTES_PER_CHAR);
  function prepare(req: OperationRequest): Prepared {
    const key = `${req.operationName ?? ''}\u0000${req.query}`;
    let p = prepared.get(key);
    if (!p) {
      p = prepareUncached(req);
      prepared.set(key, p);
    }
    return p;
  }

  function prepareUncached(req: OperationRequest): Prepared {
    try {
      return prepareChecked(req);
    } catch (e) {
      // A document nested deeper than the parser's or validator's recursion can go.
      // graphql-java refuses such documents at parse time (ParserOptions.maxRuleDepth); the words are ours.
      if (e instanceof RangeError) {
        return { ok: false, status: 200, body: { data: null, errors: [{ path: null, locations: null, message: 'Invalid Syntax : the document is nested too deeply to be parsed.' } as unknown as GraphQLFormattedError] } };
      }
      throw e;
    }
  }

  function prepareChecked(req: OperationRequest): Prepared {
    let doc: DocumentNode;
    try {
      doc = parse(req.query, { maxTokens: MAX_QUERY_TOKENS });
    } catch (e) {
      if (!(e instanceof GraphQLError)) throw e;
      return { ok: false, status: 200, body: { data: null, errors: [formatRequestError(e)] } };
    }
    const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const op = req.operationName ? ops.find((o) => o.name?.value === req.operationName) : ops.length === 1 ? ops[0] : undefined;
    if (!op) {
      const message = req.operationName ? `Unknown operation named '${req.operationName}'.` : 'Must provide operation name if query contains multiple operations.';
      return { ok: false, status: 400, body: { errors: [{ errorType: 'BadRequestException', message } as unknown as GraphQLFormattedError] } };
    }
    const errors = validate(schema, doc, specifiedRules);
    if (errors.length) {
      return { ok: false, status: 200, body: { data: null, errors: errors.map((e) => formatRequestError(e, doc)) } };
    }
    // Linear in the document (each fragment analysed once), so safe on any input.
    const shape = analyzeOperation(doc, op);
    const limit = def.limits?.queryDepth;
    if (limit && limit > 0 && shape.depth > limit) {
      return { ok: false, status: 200, body: { data: null, errors: [abortError(`maximum query depth exceeded ${shape.depth} > ${limit}`)] } };
    }
    if (shape.cost > MAX_QUERY_COST) {
      const cost = Number.isSafeInteger(shape.cost) ? String(shape.cost) : shape.cost.toExponential(3);
      return { ok: false, status: 200, body: { data: null, errors: [abortError(`maximum query complexity exceeded ${cost} > ${MAX_QUERY_COST}`)] } };
    }
    return { ok: true, doc, op };
  }

  function newState(req: OperationRequest, op: OperationDefinitionNode): RequestState {
    return {
      auth: req.auth,
      headers: req.headers,
      appended: [],
      invalidations: [],
      resolverCount: 0,
      running: [],
      trace: { operationName: op.name?.value ?? null, operationType: op.operation, resolvers: 0, dataSourceCalls: 0, fields: [] },
    };
  }

  function finish(result: { data?: unknown; errors?: readonly GraphQLError[] }, state: RequestState): GraphQLResponseBody {
    const errors = [...(result.errors ?? []).map((e) => formatExecutionError(e, schema)), ...state.appended];
    const body: GraphQLResponseBody = { data: result.data ?? null };
    if (errors.length) body.errors = errors;
    return body;
  }

  return {
    schema,

    async execute(req) {
      if (!variablesOk(req.variables)) return { status: 400, body: malformedRequest() };
      const p = prepare(req);
      if (!p.ok) return { status: p.status, body: p.body };
      if (p.op.operation === 'subscription') {
        return {
          status: 200,
          body: { data: null, errors: [{ path: null, locations: null, errorType: 'UnsupportedOperation', message: 'Subscriptions are only supported through the realtime WebSocket endpoint.' } as unknown as GraphQLFormattedError] },
        };
      }
      const state = newState(req, p.op);
      let result;
      try {
        result = await execute({
          schema,
          document: p.doc,
          operationName: req.operationName ?? undefined,
          variableValues: req.variables ?? undefined,
          contextValue: state,
          fieldResolver,
        });
        await settle(state);
      } finally {
        opts.onTrace?.(state.trace);
      }
      if (!result.data && result.errors?.length && !result.errors.some((e) => e.path)) {
        // Variable coercion failed before execution: graphql-java's words, no data key beyond null.
        return { status: 200, body: { data: null, errors: result.errors.map((e) => formatRequestError(e, p.doc)) }, trace: state.trace };
      }
      const body = finish(result, state);
      if (p.op.operation === 'mutation' && result.data) emitMutations(p.doc, p.op, result.data as Record<string, unknown>, result.errors ?? []);
      const refused = emitInvalidations(state.invalidations);
      if (refused) body.errors = [...(body.errors ?? []), refused];
      return { status: 200, body, trace: state.trace };
    },

    async startSubscription(req): Promise<SubscriptionStart> {
      if (!variablesOk(req.variables)) return { ok: false, errors: malformedRequest().errors };
      const p = prepare(req);
      if (!p.ok) return { ok: false, errors: p.body.errors ?? [] };
      if (p.op.operation !== 'subscription') {
        return { ok: false, errors: [{ errorType: 'UnsupportedOperation', message: `${p.op.operation} not supported through the realtime channel` } as unknown as GraphQLFormattedError] };
      }
      const rootFields = p.op.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename');
      if (rootFields.length !== 1) {
        return { ok: false, errors: [{ message: 'A subscription operation must select exactly one top-level field.' } as unknown as GraphQLFormattedError] };
      }
      const subType = schema.getSubscriptionType()!;
      const rootNode = rootFields[0];
      const fieldName = rootNode.name.value;
      const field = subType.getFields()[fieldName]!;
      const state = newState(req, p.op);
      let args: Record<string, unknown> = {};
      // Run only the subscription field (its resolver); nested fields are not resolved at registration.
      const result = await execute({
        schema,
        document: p.doc,
        operationName: req.operationName ?? undefined,
        variableValues: req.variables ?? undefined,
        contextValue: state,
        fieldResolver: async (source, a, s: RequestState, info) => {
          if (info.parentType !== subType) return null;
          args = a;
          await fieldResolver(source, a, s, info);
          return null;
        },
      });
      opts.onTrace?.(state.trace);
      if (result.errors?.length) {
        if (!result.errors.some((e) => e.path)) return { ok: false, errors: result.errors.map((e) => formatRequestError(e, p.doc)) };
        return { ok: false, errors: result.errors.map((e) => formatExecutionError(e, schema)) };
      }
      const mutations = subscribedMutations(field.astNode?.directives);
      const doc = p.doc;
      const operationName = req.operationName ?? undefined;
      const variableValues = req.variables ?? undefined;
      const responseKey = (rootNode.alias ?? rootNode.name).value;
      return {
        ok: true,
        subscriptionField: fieldName,
        mutations,
        arguments: args,
        ...(state.extensions?.subscriptionFilter !== undefined ? { filter: state.extensions.subscriptionFilter } : {}),
        ...(state.extensions?.subscriptionInvalidationFilter !== undefined ? { invalidationFilter: state.extensions.subscriptionInvalidationFilter } : {}),
        render(payload: unknown): GraphQLResponseBody {
          const r = executeSync({
            schema,
            document: doc,
            operationName,
            variableValues,
            rootValue: { [responseKey]: payload },
            fieldResolver: (source, _a, _c, info) => {
              if (info.parentType === subType) return (source as Record<string, unknown>)[info.path.key as string];
              // Payload fields are keyed by the mutation caller's response keys, i.e. names unless aliased.
              return source && typeof source === 'object' ? (source as Record<string, unknown>)[info.fieldName] : null;
            },
          });
          const body: GraphQLResponseBody = { data: r.data ?? null };
          if (r.errors?.length) body.errors = r.errors.map((e) => formatExecutionError(e, schema));
          return body;
        },
      };
    },

    onMutation(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    onInvalidation(listener) {
      invalidationListeners.add(listener);
      return () => invalidationListeners.delete(listener);
    },
  };

  /** Sends the request's unique invalidations on, or refuses them all past the limit. */
  function emitInvalidations(all: InvalidationEvent[]): GraphQLFormattedError | undefined {
    if (!all.length) return undefined; // every request passes here; almost none invalidate
    const unique = new Map(all.map((e) => [JSON.stringify([e.subscriptionField, e.payload]), e]));
    if (unique.size > MAX_INVALIDATIONS) {
      return {
        path: null,
        locations: null,
        errorType: 'LimitExceededError',
        message: `At most ${MAX_INVALIDATIONS} unique invalidateSubscriptions calls are allowed per request (got ${unique.size}).`,
      } as unknown as GraphQLFormattedError;
    }
    for (const e of unique.values()) {
      for (const l of invalidationListeners) {
        try {
          l(e);
        } catch {
          // A subscriber's failure must not fail the mutation.
        }
      }
    }
    return undefined;
  }

  function emitMutations(doc: DocumentNode, op: OperationDefinitionNode, data: Record<string, unknown>, errors: readonly GraphQLError[]): void {
    if (!listeners.size) return;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    for (const sel of op.selectionSet.selections) {
      if (sel.kind !== Kind.FIELD || sel.name.value.startsWith('__')) continue;
      const key = (sel.alias ?? sel.name).value;
      const failed = errors.some((e) => e.path?.[0] === key && e.path.length === 1);
      const payload = data[key];
      if (failed || payload === null || payload === undefined) continue;
      // Subscribers read by field name: undo the caller's aliases inside the payload.
      const event: MutationEvent = { mutationField: sel.name.value, payload: unalias(payload, sel, fragments) };
      for (const l of listeners) {
        try {
          l(event);
        } catch {
          // A subscriber's failure must not fail the mutation.
        }
      }
    }
  }
}

function subscribedMutations(directives: readonly ConstDirectiveNode[] | undefined): string[] {
  const d = directives?.find((x) => x.name.value === 'aws_subscribe');
  const arg = d?.arguments?.find((a) => a.name.value === 'mutations');
  if (!arg || arg.value.kind !== Kind.LIST) return [];
  return arg.value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
}

/** Re-keys a response value from response keys (aliases) to field names. */
function unalias(value: unknown, field: FieldNode, fragments: Record<string, FragmentDefinitionNode>): unknown {
  if (Array.isArray(value)) return value.map((v) => unalias(v, field, fragments));
  if (!value || typeof value !== 'object' || !field.selectionSet) return value;
  const out: Record<string, unknown> = {};
  const visit = (set: NonNullable<FieldNode['selectionSet']>): void => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const key = (s.alias ?? s.name).value;
        if (key in (value as Record<string, unknown>)) out[s.name.value] = unalias((value as Record<string, unknown>)[key], s, fragments);
      } else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else if (fragments[s.name.value]) visit(fragments[s.name.value].selectionSet);
    }
  };
  visit(field.selectionSet);
  return out;
}

