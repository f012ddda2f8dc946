// AWS as the oracle: send a resolver case to AppSync's EvaluateCode (AWS SDK
// EvaluateCodeCommand), keep AWS's answer as a JSON fixture, and replay it
// offline. A project builds its own corpus of AWS answers this way and holds
// the local runtime to it (compareWithOracle / checkAgainstOracle).
//
// A fixture is named by a stable hash of what AWS is asked (runtime, function,
// code, context), so the same case always finds its answer and an edited case
// asks AWS again. The fixture also holds the case, to be read and reviewed.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { AppSyncClient, AppSyncClientConfig, EvaluateCodeCommandOutput } from '@aws-sdk/client-appsync';
import { evaluateCode, type EvaluateCodeResult } from '../runtime/index.js';

export type OracleMode = 'replay' | 'record' | 'auto';

/** One EvaluateCode case: what AWS is asked. */
export interface OracleCase {
  code: string;
  function: 'request' | 'response';
  /** The resolver context; an object is sent as JSON with sorted keys, a string as it is. */
  context: string | object;
  /** AppSync accepts only APPSYNC_JS 1.0.0 (API reference, AppSyncRuntime), the default. */
  runtime?: { name: 'APPSYNC_JS'; runtimeVersion: string };
  /** A label for messages and for the fixture; not part of the hash. */
  name?: string;
}

export interface OracleOptions {
  mode: OracleMode;
  /** Where fixtures are read and written (one `<hash>.json` per case). */
  fixturesDir: string;
  /**
   * The client to ask (record, auto). Default: a new AppSyncClient with
   * `clientConfig`: credentials from the default provider chain, region from
   * the environment (AWS_REGION or the profile), as the SDK resolves them.
   */
  client?: AppSyncClient;
  clientConfig?: AppSyncClientConfig;
}

/** EvaluateCode's answer fields (API reference, EvaluateCode › Response Elements). */
export type OracleAnswer = Omit<EvaluateCodeResult, 'logs'> & { logs?: string[] };

export interface OracleFixture {
  version: 1;
  key: string;
  name?: string;
  case: { runtime: { name: string; runtimeVersion: string }; function: string; code: string; context: string };
  recordedAt: string;
  /** The endpoint that answered, when the client was pointed at one (not AWS's default). */
  endpoint?: string;
  /** AWS's 200 answer. */
  answer?: OracleAnswer;
  /** Or AWS's refusal (e.g. BadRequestException), replayed as an OracleRejectedError. */
  rejection?: { name: string; message: string; status?: number };
}

export interface OracleResult {
  answer: OracleAnswer;
  /** `aws`: asked just now (and recorded); `fixture`: replayed. */
  from: 'aws' | 'fixture';
  key: string;
  fixturePath: string;
}

/** AWS refused the case (recorded as such): the service error's name and message. */
export class OracleRejectedError extends Error {
  constructor(
    readonly rejection: { name: string; message: string; status?: number },
    readonly fixturePath: string,
  ) {
    super(`EvaluateCode refused the case: ${rejection.name}: ${rejection.message}`);
    this.name = 'OracleRejectedError';
  }
}

export class MissingFixtureError extends Error {
  constructor(
    readonly key: string,
    readonly fixturePath: string,
    label: string,
  ) {
    super(
      `No recorded AWS answer for the EvaluateCode case ${label} (key ${key}): ${fixturePath} does not exist. ` +
        `Record it once with AWS credentials: mode 'record' (or 'auto'), e.g. APPSYNC_ORACLE=record with AWS_PROFILE (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) and AWS_REGION set, ` +
        `then commit the fixture.`,
    );
    this.name = 'MissingFixtureError';
  }
}

const DEFAULT_RUNTIME = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;

/** The mode named by APPSYNC_ORACLE (replay, record or auto); `fallback` when unset. */
export function oracleModeFromEnv(env: NodeJS.ProcessEnv = process.env, fallback: OracleMode = 'replay'): OracleMode {
  const v = env.APPSYNC_ORACLE;
  if (v === undefined || v === '') return fallback;
  if (v === 'replay' || v === 'record' || v === 'auto') return v;
  throw new Error(`APPSYNC_ORACLE must be replay, record or auto (got ${JSON.stringify(v)})`);
}

/** JSON with object keys sorted at every level: the same object always reads the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The case as it is sent to EvaluateCode (context as its JSON string). */
export function normalizeCase(c: OracleCase): OracleFixture['case'] {
  const runtime = c.runtime ?? DEFAULT_RUNTIME;
  return {
    runtime: { name: runtime.name, runtimeVersion: runtime.runtimeVersion },
    function: c.function,
    code: c.code,
    context: typeof c.context === 'string' ? c.context : canonicalJson(c.context),
  };
}

/** The case's stable key: sha256 over (runtime, function, code, context), 20 hex digits. */
export function oracleKey(c: OracleCase): string {
  const n = normalizeCase(c);
  return createHash('sha256')
    .update(JSON.stringify([n.runtime.name, n.runtime.runtimeVersion, n.function, n.code, n.context]))
    .digest('hex')
    .slice(0, 20);
}

function label(c: OracleCase): string {
  if (c.name) return JSON.stringify(c.name);
  const first = c.code.split('\n').find((l) => /\S/.test(l) && !/^\s*import\b/.test(l)) ?? '';
  return `${c.function} of ${JSON.stringify(first.trim().slice(0, 60))}`;
}

/** The five answer fields of an EvaluateCodeCommand output, without SDK metadata. */
function answerOf(out: EvaluateCodeCommandOutput): OracleAnswer {
  const a: OracleAnswer = {};
  if (out.evaluationResult !== undefined) a.evaluationResult = out.evaluationResult;
  if (out.error !== undefined) {
    a.error = { message: out.error.message ?? '' };
    if (out.error.codeErrors) {
      a.error.codeErrors = out.error.codeErrors.map((e) => ({
        errorType: e.errorType ?? '',
        value: e.value ?? '',
        // CodeErrorLocation defaults: line and column 0, span -1 when unknown (API reference).
        location: { line: e.location?.line ?? 0, column: e.location?.column ?? 0, span: e.location?.span ?? -1 },
      }));
    }
  }
  if (out.logs !== undefined) a.logs = out.logs;
  if (out.stash !== undefined) a.stash = out.stash;
  if (out.outErrors !== undefined) a.outErrors = out.outErrors;
  return a;
}

/** A service's answer (it has HTTP metadata and a fault side), as opposed to a network or credentials failure. */
function serviceRejection(e: unknown): OracleFixture['rejection'] | undefined {
  const err = e as { name?: unknown; message?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: number } };
  if (!err || typeof err !== 'object' || (err.$fault !== 'client' && err.$fault !== 'server') || !err.$metadata?.httpStatusCode) return undefined;
  return { name: String(err.name), message: String(err.message), status: err.$metadata.httpStatusCode };
}

const credentialsKnown = new WeakMap<AppSyncClient, Promise<boolean>>();

/** Whether the client's credentials provider yields credentials (asked once per client). */
export function hasCredentials(client: AppSyncClient): Promise<boolean> {
  let known = credentialsKnown.get(client);
  if (!known) {
    known = Promise.resolve()
      .then(() => client.config.credentials())
      .then(
        (c) => Boolean(c?.accessKeyId),
        () => false,
      );
    credentialsKnown.set(client, known);
  }
  return known;
}

async function withClient<T>(opts: OracleOptions, use: (client: AppSyncClient) => Promise<T>): Promise<T> {
  if (opts.client) return use(opts.client);
  // Loaded only when AWS is asked: replaying needs no SDK.
  const { AppSyncClient } = await import('@aws-sdk/client-appsync');
  const client = new AppSyncClient(opts.clientConfig ?? {});
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

async function endpointOf(client: AppSyncClient): Promise<string | undefined> {
  const ep = client.config.endpoint ? await client.config.endpoint() : undefined;
  return ep ? `${ep.protocol}//${ep.hostname}${ep.port ? `:${ep.port}` : ''}${ep.path === '/' ? '' : ep.path}` : undefined;
}

async function record(c: OracleCase, opts: OracleOptions, client: AppSyncClient, key: string, fixturePath: string): Promise<OracleResult> {
  const { EvaluateCodeCommand } = await import('@aws-sdk/client-appsync');
  const n = normalizeCase(c);
  const fixture: OracleFixture = { version: 1, key, ...(c.name ? { name: c.name } : {}), case: n, recordedAt: new Date().toISOString() };
  const endpoint = await endpointOf(client);
  if (endpoint) fixture.endpoint = endpoint;
  try {
    const out = await client.send(new EvaluateCodeCommand({ runtime: { name: 'APPSYNC_JS', runtimeVersion: n.runtime.runtimeVersion }, code: n.code, context: n.context, function: n.function }));
    fixture.answer = answerOf(out);
  } catch (e) {
    const rejection = serviceRejection(e);
    if (!rejection) throw e;
    fixture.rejection = rejection;
  }
  await mkdir(opts.fixturesDir, { recursive: true });
  const tmp = `${fixturePath}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(fixture, null, 2)}\n`);
  await rename(tmp, fixturePath);
  if (fixture.rejection) throw new OracleRejectedError(fixture.rejection, fixturePath);
  return { answer: fixture.answer!, from: 'aws', key, fixturePath };
}

async function replay(c: OracleCase, key: string, fixturePath: string): Promise<OracleResult> {
  let text: string;
  try {
    text = await readFile(fixturePath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingFixtureError(key, fixturePath, label(c));
    throw e;
  }
  const fixture = JSON.parse(text) as OracleFixture;
  // The name is a hash prefix: a fixture for another case under it is a collision or an edit by hand.
  if (!isDeepStrictEqual(fixture.case, normalizeCase(c))) {
    throw new Error(`${fixturePath} holds another EvaluateCode case than ${label(c)} (key ${key}); delete it and record again`);
  }
  if (fixture.rejection) throw new OracleRejectedError(fixture.rejection, fixturePath);
  if (!fixture.answer) throw new Error(`${fixturePath} holds neither an answer nor a rejection; delete it and record again`);
  return { answer: fixture.answer, from: 'fixture', key, fixturePath };
}

/**
 * AWS's EvaluateCode answer for `c`:
 * - `record`: ask AWS (through `client`), write the fixture, return the answer;
 * - `replay`: read the fixture (MissingFixtureError when there is none);
 * - `auto`: record when the client's credentials provider yields credentials, else replay.
 * A case AWS refuses (a service error such as BadRequestException) is recorded
 * too and throws OracleRejectedError, in both modes.
 */
export async function evaluateWithOracle(c: OracleCase, opts: OracleOptions): Promise<OracleResult> {
  const key = oracleKey(c);
  const fixturePath = join(opts.fixturesDir, `${key}.json`);
  if (opts.mode === 'replay') return replay(c, key, fixturePath);
  return withClient(opts, async (client) => {
    if (opts.mode === 'auto' && !(await hasCredentials(client))) return replay(c, key, fixturePath);
    return record(c, opts, client, key, fixturePath);
  });
}

export type AnswerField = 'evaluationResult' | 'error' | 'codeErrors' | 'logs' | 'stash' | 'outErrors';

export interface OracleDifference {
  field: AnswerField;
  local: unknown;
  aws: unknown;
}

function parsedJson(s: string | undefined): unknown {
  if (s === undefined) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

/**
 * Where a local EvaluateCode answer differs from AWS's, field by field:
 * evaluationResult, stash and outErrors as parsed JSON (key order aside),
 * error by its message, codeErrors by type, text, line and column (not span:
 * the twin does not compute one), logs as lists (absent = empty). `ignore`
 * leaves fields out, e.g. while the corpus records a known difference.
 */
export function compareWithOracle(local: OracleAnswer, aws: OracleAnswer, opts: { ignore?: AnswerField[] } = {}): OracleDifference[] {
  const ignore = new Set(opts.ignore ?? []);
  const out: OracleDifference[] = [];
  const check = (field: AnswerField, l: unknown, a: unknown): void => {
    if (!ignore.has(field) && !isDeepStrictEqual(l, a)) out.push({ field, local: l, aws: a });
  };
  check('evaluationResult', parsedJson(local.evaluationResult), parsedJson(aws.evaluationResult));
  check('error', local.error?.message, aws.error?.message);
  const codeErrors = (a: OracleAnswer) =>
    (a.error?.codeErrors ?? []).map((e) => ({ errorType: e.errorType, value: e.value, line: e.location.line, column: e.location.column }));
  check('codeErrors', codeErrors(local), codeErrors(aws));
  check('logs', local.logs ?? [], aws.logs ?? []);
  check('stash', parsedJson(local.stash), parsedJson(aws.stash));
  check('outErrors', parsedJson(local.outErrors), parsedJson(aws.outErrors));
  return out;
}

/**
 * Evaluates `c` with the local runtime and with the oracle (recorded or
 * replayed AWS answer), and lists where they differ.
 */
export async function checkAgainstOracle(
  c: OracleCase,
  opts: OracleOptions & { ignore?: AnswerField[] },
): Promise<{ local: EvaluateCodeResult; aws: OracleAnswer; from: OracleResult['from']; differences: OracleDifference[]; fixturePath: string }> {
  const aws = await evaluateWithOracle(c, opts);
  const n = normalizeCase(c);
  const local = evaluateCode({ code: n.code, function: c.function, context: n.context });
  return { local, aws: aws.answer, from: aws.from, differences: compareWithOracle(local, aws.answer, opts.ignore ? { ignore: opts.ignore } : {}), fixturePath: aws.fixturePath };
}
