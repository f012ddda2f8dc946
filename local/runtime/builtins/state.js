// Per-evaluation state and the control-flow signals built-ins raise. The
// runner (runner.js) sets the state before a handler runs and clears it after.
export const ERROR = Symbol('appsync.error');
export const EARLY = Symbol('appsync.earlyReturn');
export const TIMEOUT = Symbol('appsync.timeout');
/** Ends an in-process attempt whose work must run in an isolated evaluator instead (see ../evaluator.ts). */
export const ESCALATE = Symbol('appsync.escalate');
/** The stack where an error signal was raised: the runner reads the resolver's line from it. */
export const SITE = Symbol('appsync.site');

let state = null; // { errors, extensions, responseHeaders, info, identity, authType }

export function current() {
  return state;
}

export function setState(s) {
  state = s;
}

const orNull = (v) => (v === undefined ? null : v);

export function errorObject(message, errorType, data, errorInfo) {
  return { message: message === undefined ? null : String(message), errorType: orNull(errorType), data: orNull(data), errorInfo: orNull(errorInfo) };
}

/** Ends the handler with an error (util.error and every built-in's own failures). */
export function fail(message, errorType, data, errorInfo) {
  throw errorSignal(errorObject(message, errorType, data, errorInfo));
}

/** The signal that ends a handler with `error`, remembering where it was raised (error paths only). */
export function errorSignal(error) {
  const site = {};
  Error.captureStackTrace(site);
  return { [ERROR]: error, [SITE]: site };
}

/** A built-in whose data source is not emulated locally. */
export const unsupported = (name) => () => fail(`not supported locally: ${name}`, 'NotSupportedLocally');

export const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
