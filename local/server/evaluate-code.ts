// AppSync's control-plane EvaluateCode API, served by the twin so that the AWS
// CLI (`aws appsync evaluate-code --endpoint-url …`) and the SDK's
// EvaluateCodeCommand pointed at it get the local runtime's answers.
//
// AWS AppSync API Reference, "EvaluateCode": `POST /v1/dataplane-evaluatecode`,
// JSON body { runtime: { name, runtimeVersion }, code, context, function },
// answer 200 { evaluationResult, error: EvaluateCodeErrorDetail, logs, stash,
// outErrors }; errors AccessDeniedException (403), BadRequestException (400),
// InternalFailureException (500). Control-plane errors are restJson1: the type
// in the `x-amzn-ErrorType` header and `{ "message": … }` as the body (the
// shape the SDK's deserializer reads).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { evaluateCode, MAX_CODE_LENGTH } from '../runtime/index.js';
import { verifySigV4, type SigV4Failure } from './auth/sigv4.js';
import { lowerHeaders, readBody } from './http.js';
import type { LocalKeys } from './keys.js';

export const EVALUATE_CODE_PATH = '/v1/dataplane-evaluatecode';

/** API reference, EvaluateCode › Request Body › context: length 2 to 28,000. */
const CONTEXT_MIN = 2;
const CONTEXT_MAX = 28_000;
/**
 * AWS documents no body limit for EvaluateCode (silent). code (32,768) and
 * context (28,000) fit many times over in 1 MB even with every character
 * JSON-escaped.
 */
const MAX_BODY_BYTES = 1024 * 1024;

export interface EvaluateCodeHttpOptions {
  keys: () => LocalKeys;
  onRequest?: (info: { status: number; errorType?: string; ms: number }) => void;
}

type Failure = { status: number; type: string; message: string };

function badRequest(message: string): Failure {
  // BadRequestException (400) is EvaluateCode's error for a malformed request:
  // a missing required field or an invalid value (API reference, EvaluateCode › Errors).
  return { status: 400, type: 'BadRequestException', message };
}

/**
 * A SigV4 failure as AWS's common errors name it (AppSync API Reference,
 * "Common Errors": MissingAuthenticationToken 403, IncompleteSignature 400,
 * InvalidClientTokenId 403). The page names no type for a signature that does
 * not match or has expired (silent): we answer 403 with the words AWS services
 * use for those cases, as the GraphQL endpoint does.
 */
function sigV4Failure(reason: SigV4Failure | 'missing', detail: string | undefined, region: string): Failure {
  switch (reason) {
    case 'missing':
      return { status: 403, type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
    case 'unknown-key':
      return { status: 403, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
    case 'expired':
      return { status: 403, type: 'InvalidSignatureException', message: detail ?? 'Signature expired.' };
    case 'host-unsigned':
      return { status: 400, type: 'IncompleteSignatureException', message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." };
    case 'scope-service':
      return { status: 403, type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'appsync'." };
    case 'scope-region':
      return { status: 403, type: 'InvalidSignatureException', message: `Credential should be scoped to a valid region (this server is '${region}').` };
    case 'scope-date':
      return { status: 403, type: 'InvalidSignatureException', message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ${detail ?? ''}, from 'x-amz-date'.` };
    case 'malformed':
    case 'mismatch':
      return {
        status: 403,
        type: 'InvalidSignatureException',
        message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      };
  }
}

export interface EvaluateCodeRequestBody {
  code: string;
  context: Record<string, unknown>;
  function: 'request' | 'response';
}

/** Validates an EvaluateCode body against the API reference's constraints. */
export function parseEvaluateCodeBody(text: string): { ok: true; value: EvaluateCodeRequestBody } | { ok: false; failure: Failure } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // AWS is silent on the wording for a body that is not JSON.
    return { ok: false, failure: badRequest('The request body is not valid JSON.') };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { ok: false, failure: badRequest('The request body must be a JSON object.') };
  const body = json as Record<string, unknown>;
  // runtime: required; its name can only be APPSYNC_JS and its version only
  // 1.0.0 (API reference, AppSyncRuntime; AWS CLI reference, evaluate-code --runtime).
  const runtime = body.runtime as Record<string, unknown> | undefined;
  if (!runtime || typeof runtime !== 'object' || Array.isArray(runtime)) return { ok: false, failure: badRequest('runtime is required.') };
  if (runtime.name !== 'APPSYNC_JS') return { ok: false, failure: badRequest(`runtime.name must be APPSYNC_JS (got ${JSON.stringify(runtime.name ?? null)}).`) };
  if (runtime.runtimeVersion !== '1.0.0') return { ok: false, failure: badRequest(`runtime.runtimeVersion must be 1.0.0 (got ${JSON.stringify(runtime.runtimeVersion ?? null)}).`) };
  // code: required, length 1 to 32,768 (API reference, EvaluateCode › Request Body).
  if (typeof body.code !== 'string' || body.code.length === 0) return { ok: false, failure: badRequest('code is required.') };
  if (body.code.length > MAX_CODE_LENGTH) return { ok: false, failure: badRequest(`code is ${body.code.length} characters; the maximum is ${MAX_CODE_LENGTH}.`) };
  // context: required string, length 2 to 28,000 (same section).
  if (typeof body.context !== 'string') return { ok: false, failure: badRequest('context is required.') };
  if (body.context.length < CONTEXT_MIN || body.context.length > CONTEXT_MAX) {
    return { ok: false, failure: badRequest(`context is ${body.context.length} characters; it must be ${CONTEXT_MIN} to ${CONTEXT_MAX}.`) };
  }
  // function: optional, and then request or response (API reference, EvaluateCode
  // › Request Body). AWS is silent on what an omitted function evaluates; the twin asks for one.
  if (body.function !== 'request' && body.function !== 'response') {
    return { ok: false, failure: badRequest(`function must be request or response (got ${JSON.stringify(body.function ?? null)}).`) };
  }
  // A context that is not a JSON object: AWS is silent on the answer; the twin
  // refuses the request rather than guess at a ctx.
  let context: unknown;
  try {
    context = JSON.parse(body.context);
  } catch (e) {
    return { ok: false, failure: badRequest(`context is not valid JSON: ${(e as Error).message}`) };
  }
  if (!context || typeof context !== 'object' || Array.isArray(context)) return { ok: false, failure: badRequest('context must be a JSON object.') };
  return { ok: true, value: { code: body.code, context: context as Record<string, unknown>, function: body.function } };
}

/** Handles one request to EVALUATE_CODE_PATH (path already matched). */
export async function handleEvaluateCode(req: IncomingMessage, res: ServerResponse, opts: EvaluateCodeHttpOptions): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  const reply = (status: number, body: unknown, errorType?: string): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': requestId,
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    res.end(text);
    opts.onRequest?.({ status, ms: performance.now() - started, ...(errorType ? { errorType } : {}) });
  };
  const fail = (f: Failure): void => reply(f.status, { message: f.message }, f.type);

  if (req.method !== 'POST') {
    fail({ status: 404, type: 'NotFoundException', message: `No route for ${req.method} ${EVALUATE_CODE_PATH}` });
    return;
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  if (!body.ok && body.aborted) return;
  if (!body.ok) {
    res.setHeader('connection', 'close');
    fail({ status: 413, type: 'PayloadTooLargeException', message: 'Request body is too large.' });
    return;
  }
  const keys = opts.keys();
  const headers = lowerHeaders(req);
  if (!headers.authorization) {
    fail(sigV4Failure('missing', undefined, keys.region));
    return;
  }
  const v = await verifySigV4(
    { method: 'POST', path: req.url ?? EVALUATE_CODE_PATH, headers, body: body.text },
    (id) => (id === keys.iam.accessKeyId ? keys.iam : undefined),
    keys.region,
  );
  if (!v.ok) {
    fail(sigV4Failure(v.reason, v.detail, keys.region));
    return;
  }
  const parsed = parseEvaluateCodeBody(body.text);
  if (!parsed.ok) {
    fail(parsed.failure);
    return;
  }
  // Code that breaks the APPSYNC_JS rules, util.error and runtime errors are a
  // 200 answer with `error` (EvaluateCodeErrorDetail with codeErrors), not a
  // BadRequestException: EvaluateCodeResponse carries them.
  let answer: ReturnType<typeof evaluateCode>;
  try {
    answer = evaluateCode(parsed.value);
  } catch (e) {
    // InternalFailureException: 500 (API reference, EvaluateCode › Errors).
    fail({ status: 500, type: 'InternalFailureException', message: `An internal failure occurred: ${(e as Error).message}` });
    return;
  }
  reply(200, answer);
}
