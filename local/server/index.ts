// The local AppSync: builds the resolver bundles, connects DynamoDB (its own
// DynamoDB Local or a given endpoint), serves GraphQL over HTTP(S) with the
// real-time endpoint and the console beside it, and reloads on source changes
// without touching the data.
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { codeFiles, type ApiDefinition, type AuthType } from '../definition.js';
import { buildApi } from '../build/index.js';
import { assemblyRegion, formatProblem, loadCloudAssembly, seedTables, type SeedSpec } from '../cdk/index.js';
import { loadDefinition, DEFAULT_DEFINITION } from '../build/definition.js';
import { createDataSources, createDynamoDbTransport, type DynamoDbTransport } from '../datasources/index.js';
import { createDynamoDbClient } from '../engine/client.js';
import { engineDataPath, startDynamoDbLocal, type DynamoDbLocal } from '../engine/dynamodb-local.js';
import { ensureTables } from '../engine/tables.js';
import { createAuthenticator } from './auth/authenticator.js';
import { mintToken, type MintOptions } from './auth/tokens.js';
import { loadAppSyncSchema, SchemaError } from './graphql/schema.js';
import { EVALUATE_CODE_PATH, handleEvaluateCode } from './evaluate-code.js';
import { handleGraphQL, requestUrl, send } from './http.js';
import { isLocalRequest, isLoopbackHost } from './loopback.js';
import { createServerGuard, httpServerOptions, resolveLimits, type ServerLimits } from './limits.js';
import { installSafetyNet } from './safety-net.js';
import { cognitoIssuer, loadOrCreateKeys, type LocalKeys } from './keys.js';
import { formatVerbose } from './log.js';
import { createRequestLog } from './request-log.js';
import { redact } from './redact.js';
import { createGraphQLService } from './service.js';
import type { Authenticator, GraphQLService, InvalidationEvent, MutationEvent, RequestTrace } from './types.js';
import { frontendConfig } from './frontend-config.js';
import { createConsoleHandler } from './console/index.js';
import { attachRealtime } from './realtime/index.js';
import { ensureCertificate, trustInstructions } from './tls.js';

export interface StartOptions {
  /** Project root (default: cwd). */
  root?: string;
  /** Definition module relative to root (default resolvers/api.ts); ignored when `api` is given. */
  definition?: string;
  /**
   * Serve the AppSync API of this cloud assembly (a synthesized CDK app, e.g.
   * cdk.out, relative to root) instead of a definition module; reload re-reads it.
   */
  cdkOut?: { dir: string; stack?: string; allowUnsupported?: boolean };
  /** AWS region to serve as (default: the cdk.out stack's, else the definition's, else us-east-1). */
  region?: string;
  /** Items to put into tables at start (by physical TableName or logical id). */
  seed?: SeedSpec[];
  /** Serve this definition instead of loading one. */
  api?: ApiDefinition;
  /** SDL to serve instead of reading api.schema. */
  schema?: string;
  /** Bundles (code path → source) to serve instead of building. */
  files?: Record<string, string>;
  /** Serve the bundles already in the definition's outDir instead of building (e.g. under the test setup). */
  prebuilt?: boolean;
  /** Where keys, DynamoDB data and the frontend config live (default <root>/.appsync-local). */
  dataDir?: string;
  port?: number;
  host?: string;
  https?: boolean;
  /** Use this DynamoDB endpoint instead of starting DynamoDB Local. */
  dynamodbEndpoint?: string;
  /** DynamoDB Local without persistence. */
  inMemory?: boolean;
  /** Extra JVM options for DynamoDB Local (the CLI asks for a fast start). */
  engineJvmArgs?: string[];
  /**
   * DynamoDB Local already starting for this server, on engineDataPath(dataDir)
   * or in memory: the CLI boots the JVM before it loads the server's modules.
   * The server owns it from here and stops it with itself.
   */
  engine?: Promise<DynamoDbLocal>;
  /** Prefix of physical table names (test isolation). */
  tablePrefix?: string;
  /** Rebuild and reload when the schema or resolver sources change (default false here; the CLI turns it on). */
  watch?: boolean;
  verbose?: boolean;
  /** Where the frontend config is written (default <dataDir>/frontend-config.json); false to skip. */
  frontendConfigPath?: string | false;
  /** Receives every log line (default: none). */
  log?: (line: string) => void;
  /**
   * Log and survive exceptions and rejections nothing caught (the CLI turns it
   * on; off by default so an embedding process keeps its own policy).
   */
  safetyNet?: boolean;
  /** Called with the capacity units each DynamoDB call consumed (benchmarks). */
  onConsumedCapacity?: (operation: string, units: number) => void;
  /** Timeouts and caps per client (defaults in limits.ts and local/server/README.md). */
  limits?: Partial<ServerLimits>;
}

export interface LocalAppSync {
  url: string;
  realtimeUrl: string;
  apiKey: string;
  keys: LocalKeys;
  /** With https: the self-signed certificate clients must trust. */
  certPath?: string;
  /** Physical table names in use. */
  tableNames: Record<string, string>;
  dynamodbEndpoint: string;
  client: DynamoDBClient;
  service: GraphQLService;
  /** The request authenticator the endpoints use (the current definition's modes). */
  authenticator: Authenticator;
  authModes: AuthType[];
  /** An ID token for `user` signed with the local key. */
  mintToken(user: string, groups?: string[], opts?: Omit<MintOptions, 'user' | 'groups'>): Promise<string>;
  servedCode(): ServedCode;
  /** Rebuilds and swaps in the current sources (what the watcher does). */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

/** The code the server runs for each resolver and pipeline function, exactly as handed to the runtime. */
export interface ServedCode {
  resolvers: Array<{ typeName: string; fieldName: string; code: string }>;
  functions: Array<{ name: string; code: string }>;
}

interface Loaded {
  def: ApiDefinition;
  files: Record<string, string>;
  service: GraphQLService;
  authenticator: Authenticator & { modes: AuthType[] };
  tableNames: Record<string, string>;
}

/** A GraphQLService whose implementation can be replaced on reload, keeping its listeners. */
function swappableService(initial: GraphQLService): { service: GraphQLService; swap(next: GraphQLService): void } {
  let current = initial;
  // Listeners stay with the swappable service across reloads; each reload
  // re-hooks the forwarders onto the new service.
  const mutations = new Set<(e: MutationEvent) => void>();
  const invalidations = new Set<(e: InvalidationEvent) => void>();
  const hook = (s: GraphQLService) => {
    const offMutation = s.onMutation((e) => mutations.forEach((l) => l(e)));
    const offInvalidation = s.onInvalidation((e) => invalidations.forEach((l) => l(e)));
    return () => {
      offMutation();
      offInvalidation();
    };
  };
  const listen = <E>(set: Set<(e: E) => void>, listener: (e: E) => void) => {
    set.add(listener);
    return () => void set.delete(listener);
  };
  let unhook = hook(current);
  return {
    service: {
      get schema() {
        return current.schema;
      },
      execute: (req) => current.execute(req),
      startSubscription: (req) => current.startSubscription(req),
      onMutation: (listener) => listen(mutations, listener),
      onInvalidation: (listener) => listen(invalidations, listener),
    },
    swap(next) {
      unhook();
      current = next;
      unhook = hook(current);
    },
  };
}

/** The bundles of every code file of `def`, as built into its outDir. */
export async function readBundles(root: string, def: ApiDefinition): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const code of codeFiles(def)) files[code] = await readFile(join(root, def.outDir, `${code}.js`), 'utf8');
  return files;
}

/** A schema that does not load is named by where it came from (a file, or the template holding it). */
function withSchemaSource<T>(load: () => T, source: string): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof SchemaError) throw new SchemaError(`${source}: ${e.message}`);
    throw e;
  }
}

export async function startLocalAppSync(opts: StartOptions = {}): Promise<LocalAppSync> {
  const root = resolve(opts.root ?? process.cwd());
  const dataDir = resolve(root, opts.dataDir ?? '.appsync-local');
  // Every line the server writes goes through redact(): no token, key or email in the log.
  const sink = opts.log;
  const log = sink ? (line: string) => sink(redact(line)) : () => {};
  // One line per request; summaries per second under load unless verbose (request-log.ts).
  // Its lines are redacted part by part (log.ts: an error path reads like an address).
  const requestLog = createRequestLog({ print: sink ?? (() => {}), ...(opts.verbose ? { verbose: true } : {}) });
  await mkdir(dataDir, { recursive: true });
  const cdkDir = opts.cdkOut ? resolve(root, opts.cdkOut.dir) : undefined;
  const cdkOpts = opts.cdkOut ? { ...(opts.cdkOut.stack ? { stack: opts.cdkOut.stack } : {}), ...(opts.region ? { region: opts.region } : {}), ...(opts.cdkOut.allowUnsupported ? { allowUnsupported: true } : {}) } : {};
  let region: string | undefined;
  try {
    region = opts.region ?? (cdkDir ? assemblyRegion(cdkDir, cdkOpts) : opts.api?.region);
  } catch (e) {
    // A bad assembly is reported before anything runs: the engine the CLI started stops with it.
    await (await opts.engine?.catch(() => undefined))?.stop();
    throw e;
  }
  const keys = await loadOrCreateKeys(dataDir, region);

  // The JVM takes seconds to start: let it boot while the bundles build.
  const enginePromise: Promise<DynamoDbLocal | undefined> = opts.dynamodbEndpoint
    ? Promise.resolve(undefined)
    : (opts.engine ??
      startDynamoDbLocal({
        ...(opts.inMemory ? { inMemory: true } : { dbPath: engineDataPath(dataDir) }),
        ...(opts.engineJvmArgs ? { jvmArgs: opts.engineJvmArgs } : {}),
      }));
  enginePromise.catch(() => {});
  let engine: DynamoDbLocal | undefined;
  let endpoint = opts.dynamodbEndpoint ?? '';
  let client: DynamoDBClient | undefined;
  let transport: DynamoDbTransport | undefined;

  // Subscription registrations have no HTTP line of their own: log them here.
  const onTrace = (trace: RequestTrace): void => {
    if (trace.operationType === 'subscription') log(`subscription ${trace.operationName ?? '(anonymous)'} registered resolvers=${trace.resolvers}`);
    if (opts.verbose) for (const line of formatVerbose(trace)) log(line);
  };

  // The build checks the definition too (check-definition.ts); its warnings go to the log.
  const buildAndWarn = async (def: ApiDefinition): Promise<Record<string, string>> => {
    const built = await buildApi({ root, api: def, definition: opts.definition ?? DEFAULT_DEFINITION });
    for (const w of built.warnings) log(w);
    return built.files;
  };

  async function load(): Promise<Loaded> {
    const assembly = cdkDir && !opts.api ? loadCloudAssembly(cdkDir, cdkOpts) : undefined;
    for (const p of assembly?.unsupported ?? []) log(`not served (--allow-unsupported): ${formatProblem(p)}`);
    const def = opts.api ?? assembly?.api ?? (await loadDefinition(root, opts.definition ?? DEFAULT_DEFINITION));
    // Tables are created (mostly waiting on the engine) while the bundles build.
    const tablesReady = (async () => {
      if (!client) {
        engine = await enginePromise;
        if (engine) endpoint = engine.endpoint;
        client = createDynamoDbClient(endpoint);
        transport = createDynamoDbTransport(endpoint, client);
      }
      return { transport: transport!, tableNames: await ensureTables(client, def, { prefix: opts.tablePrefix ?? '' }) };
    })();
    tablesReady.catch(() => {});
    const files = opts.files ?? assembly?.files ?? (opts.prebuilt ? await readBundles(root, def) : await buildAndWarn(def));
    const sdl = opts.schema ?? assembly?.schema ?? (await readFile(join(root, def.schema), 'utf8'));
    const schema = withSchemaSource(() => loadAppSyncSchema(sdl), opts.schema ? 'schema' : assembly ? `${assembly.templatePath} (AWS::AppSync::GraphQLSchema)` : def.schema);
    const { transport: toDynamoDb, tableNames } = await tablesReady;
    const dataSources = createDataSources(def, {
      transport: toDynamoDb,
      tableNames,
      tokenSecret: Buffer.from(keys.tokenSecret, 'base64'),
      ...(opts.onConsumedCapacity ? { onConsumedCapacity: opts.onConsumedCapacity } : {}),
    });
    const service = createGraphQLService({ def, schema, files, dataSources, tableNames, onTrace });
    const authenticator = createAuthenticator({ modes: def.auth, keys });
    return { def, files, service, authenticator, tableNames };
  }

  let loaded: Loaded;
  try {
    loaded = await load();
  } catch (e) {
    await (engine ?? (await enginePromise.catch(() => undefined)))?.stop();
    client?.destroy();
    transport?.destroy();
    throw e;
  }
  const dynamo = client!;
  if (opts.seed?.length) {
    for (const done of await seedTables(dynamo, opts.seed, loaded.def.tables, loaded.tableNames)) log(`seeded ${done.table} with ${done.items} items`);
  }
  const swappable = swappableService(loaded.service);
  const authenticator: Authenticator = { authenticate: (req) => loaded.authenticator.authenticate(req) };

  const tls = opts.https ? await ensureCertificate(join(dataDir, 'tls')) : undefined;
  const consoleHandler = createConsoleHandler({
    endpointPath: '/graphql',
    authModes: loaded.authenticator.modes,
    tokenMintPath: '/token',
    region: keys.region,
    root,
    definition: () => loaded.def,
    schema: () => swappable.service.schema,
  });

  const limits = resolveLimits(opts.limits);
  const guard = createServerGuard(limits, log);
  const host = opts.host ?? '127.0.0.1';
  const loopbackOnly = isLoopbackHost(host);
  if (!loopbackOnly) {
    log(`warning: listening on ${host}, beyond this machine: anyone who can reach it can call the API with the local keys printed here. The token mint (/token) is off.`);
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (guard.refuse(req, res)) return;
    const path = (req.url ?? '/').split('?')[0];
    void (async () => {
      if (path === '/graphql' && (req.method === 'POST' || req.method === 'GET' || req.method === 'OPTIONS')) {
        await handleGraphQL(req, res, {
          service: () => swappable.service,
          authenticator: () => authenticator,
          onRequest: (info) => requestLog.request(info),
        });
        return;
      }
      if (path === EVALUATE_CODE_PATH) {
        await handleEvaluateCode(req, res, { keys: () => keys, onRequest: (i) => log(`EvaluateCode ${i.status}${i.errorType ? ` ${i.errorType}` : ''} ${Math.round(i.ms)} ms`) });
        return;
      }
      if (path === '/.well-known/jwks.json' && req.method === 'GET') {
        send(res, 200, { keys: [keys.signingKey.publicJwk] }, { 'access-control-allow-origin': '*' });
        return;
      }
      if (path === '/token' && (req.method === 'POST' || req.method === 'GET')) {
        // Local convenience for the console: mint a token for a user name and
        // groups. Only for this machine: never when the server listens beyond
        // loopback, and only to loopback callers naming it localhost/127.0.0.1/[::1]
        // (a DNS-rebinding page names it by its own host). The CLI's
        // `appsync-local token` signs with the data directory's key instead.
        if (!loopbackOnly || !isLocalRequest(req)) {
          send(res, 403, { errors: [{ errorType: 'AccessDeniedException', message: 'The token mint answers only local callers of a server bound to loopback; use `appsync-local token`.' }] });
          return;
        }
        const url = requestUrl(req);
        const user = url.searchParams.get('user') ?? 'alice';
        const groups = url.searchParams.getAll('group').flatMap((g) => g.split(',')).filter(Boolean);
        const token = await mintToken(keys, { user, groups });
        send(res, 200, { token, user, groups });
        return;
      }
      if (consoleHandler(req, res)) return;
      send(res, 404, { errors: [{ errorType: 'NotFoundException', message: `No route for ${req.method} ${path}` }] });
    })().catch((e: unknown) => {
      log(`error: ${(e as Error).stack ?? String(e)}`);
      if (!res.headersSent) send(res, 500, { errors: [{ errorType: 'InternalFailureException', message: 'An internal failure occurred.' }] });
    });
  };

  const server: Server = tls ? createHttpsServer({ ...httpServerOptions(limits), key: tls.key, cert: tls.cert }, handler) : createHttpServer(httpServerOptions(limits), handler);
  guard.attach(server);
  const realtime = attachRealtime(server, {
    service: swappable.service,
    authenticator,
    path: '/graphql/realtime',
    initTimeoutMs: limits.connectionInitTimeoutMs,
    maxSubscriptionsPerConnection: limits.maxSubscriptionsPerConnection,
    framesPerSecond: limits.framesPerSecondPerConnection,
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `${tls ? 'https' : 'http'}://${shownHost}:${port}/graphql`;
  const realtimeUrl = `${tls ? 'wss' : 'ws'}://${shownHost}:${port}/graphql/realtime`;

  const configPath = opts.frontendConfigPath === false ? undefined : resolve(root, opts.frontendConfigPath ?? join(dataDir, 'frontend-config.json'));
  const writeConfig = async (): Promise<void> => {
    if (!configPath) return;
    await mkdir(dirname(configPath), { recursive: true });
    await writeFile(configPath, JSON.stringify(frontendConfig({ def: loaded.def, url, realtimeUrl, keys }), null, 2) + '\n');
  };
  await writeConfig();

  async function reload(): Promise<void> {
    const started = performance.now();
    const next = await load();
    loaded = next;
    swappable.swap(next.service);
    await writeConfig();
    log(`reloaded in ${Math.round(performance.now() - started)} ms`);
  }

  const watchers: FSWatcher[] = [];
  if (opts.watch && !opts.api) {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const schedule = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(reload).catch((e: unknown) => log(`reload failed, still serving the previous version:\n${(e as Error).message}`));
      }, 150);
    };
    const outDir = resolve(root, loaded.def.outDir);
    const sourceDir = resolve(root, loaded.def.sourceDir);
    // `cdk synth` / `cdk watch` rewrite the assembly's manifest and templates: re-read it
    // (the assets they name are written before them).
    if (cdkDir) {
      watchers.push(watch(cdkDir, (_event, file) => {
        if (!file || /(^manifest\.json|\.template\.json)$/.test(file.toString())) schedule();
      }));
    } else watchers.push(watch(resolve(root, loaded.def.schema), schedule));
    if (!cdkDir) watchers.push(
      watch(sourceDir, { recursive: true }, (_event, file) => {
        // Our own build output must not trigger another build.
        if (file && resolve(sourceDir, file.toString()).startsWith(outDir)) return;
        schedule();
      }),
    );
  }

  const uninstallSafetyNet = opts.safetyNet ? installSafetyNet(log) : () => {};

  let stopped = false;
  return {
    url,
    realtimeUrl,
    apiKey: keys.apiKey,
    keys,
    ...(tls ? { certPath: tls.certPath } : {}),
    get tableNames() {
      return loaded.tableNames;
    },
    dynamodbEndpoint: endpoint,
    client: dynamo,
    service: swappable.service,
    authenticator,
    authModes: loaded.authenticator.modes,
    servedCode: () => ({
      resolvers: loaded.def.resolvers.map((r) => ({ typeName: r.typeName, fieldName: r.fieldName, code: loaded.files[r.code] })),
      functions: Object.entries(loaded.def.functions).map(([name, f]) => ({ name, code: loaded.files[f.code] })),
    }),
    mintToken: (user, groups, more) => mintToken(keys, { ...more, user, ...(groups ? { groups } : {}) }),
    reload,
    async stop() {
      if (stopped) return;
      stopped = true;
      uninstallSafetyNet();
      requestLog.stop();
      for (const w of watchers) w.close();
      await realtime.close();
      server.closeAllConnections?.();
      await new Promise<void>((ok) => server.close(() => ok()));
      dynamo.destroy();
      transport?.destroy();
      await engine?.stop();
    },
  };
}

export { cognitoIssuer, loadOrCreateKeys, mintToken };
export type { LocalKeys, MintOptions };
export { trustInstructions };
