// The job runner: runs one handler of one compiled module against a JSON
// context and answers with a JSON string built in here, so the host never
// touches a sandbox object and the sandbox never sees a host one:
// { ok, value } | { error } | { early } | { thrown } | { missing }, plus the
// evaluation's side effects (appended errors, extensions, stash) and its
// console lines.
import { host } from './host.js';
import { MAX_STRING_LENGTH, meteredStringify, spread } from './limits.js';
import { EARLY, ERROR, ESCALATE, SITE, TIMEOUT, setState } from './state.js';

// Taken before limits.js guards JSON: the context comes from the host and may
// be as big as a data source answer.
const parseJson = JSON.parse;

/** Ends an evaluation that went over a size or memory limit (see limits.js). */
const LIMIT = Symbol('appsync.limit');

// The meter. Resolver code calls tick() on every function entry and loop turn
// (inserted at compile time, see ../module.ts); guarded built-ins charge the
// elements or characters they work on (limits.js). Every CHECK_EVERY units the
// clock and the heap are read, so work done inside built-ins counts against
// the time limit too, and a heap that keeps growing ends the evaluation.
// One unit can allocate up to ~0.8 MB (`new Array(99999)`), so between two
// checks the heap can pass the limit by ~200 MB at most.
const CHECK_EVERY = 256;
/**
 * Heap an evaluation may add, in bytes. AWS documents no memory limit for
 * APPSYNC_JS; this is the local server's own bound, well below V8's heap
 * limit so that one evaluation cannot take the process down.
 */
export const MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;

let units = 0;
let checkAt = CHECK_EVERY;
let deadline = Infinity;
let baseHeap = -1;
let collectAt = MEMORY_LIMIT_BYTES; // growth that triggers the next collection
let running = false;
// The in-process slice (../evaluator.ts): when the host runs a job on its own
// thread it gives it a few ms; past them, or before one built-in call of more
// than BIG_OP units, or a regexp without a linear-time fallback, the attempt
// ends with an escalation signal and the host runs the job again, whole, in
// an isolated worker. Infinity when the job already runs there.
let sliceEnd = Infinity;
/** One built-in call over this many units (a sort, a join, a split) leaves the host's thread. */
const BIG_OP = 100_000;
let ended = null; // the signal that ended this evaluation: thrown again at every later check

function check() {
  if (!running) {
    checkAt = units + CHECK_EVERY;
    return;
  }
  if (ended) throw ended;
  const now = host.clock();
  if (now > deadline) {
    ended = { [TIMEOUT]: true };
    throw ended;
  }
  if (now > sliceEnd) escalate('time slice');
  const used = host.heapUsed();
  if (baseHeap < 0) baseHeap = used;
  else if (used - baseHeap > collectAt) {
    // Garbage counts as used until a GC runs: collect before deciding, and let
    // the heap grow a quarter of the limit past what survived before the next one.
    host.collectGarbage();
    const kept = host.heapUsed() - baseHeap;
    if (kept > MEMORY_LIMIT_BYTES) {
      ended = { [LIMIT]: `Execution exceeded the memory limit of ${MEMORY_LIMIT_BYTES / 1024 / 1024} MB` };
      throw ended;
    }
    collectAt = Math.max(MEMORY_LIMIT_BYTES, kept + MEMORY_LIMIT_BYTES / 4);
  }
  checkAt = units + CHECK_EVERY;
}

function tick() {
  units += 1;
  if (units >= checkAt) check();
}

/** Adds `n` units of built-in work to the meter. */
export function charge(n) {
  if (n >= BIG_OP && sliceEnd !== Infinity) escalate('large operation');
  units += n;
  if (units >= checkAt) check();
}

/** True while the job runs on the host's thread, within its slice. */
export const slicing = () => running && sliceEnd !== Infinity;

/** Ends an in-process attempt so that the host runs the job in isolation; nothing in isolation. */
export function escalate(reason) {
  if (!slicing()) return;
  ended = { [ESCALATE]: String(reason) };
  throw ended;
}

/**
 * What every \`+\`, \`+=\` and template literal of resolver code evaluates to
 * passes here (inserted by ../module.ts): V8 builds a long concatenation as a
 * rope in O(1) and flattens it later, anywhere (a property key, a comparison),
 * where no built-in guard runs; so a string over MAX_STRING_LENGTH is refused
 * when it is made, and long ones are charged (a unit per 256 characters) so
 * the heap is read while they pile up.
 */
export function cap(v) {
  if (typeof v === 'string' && v.length >= 4096) {
    if (v.length > MAX_STRING_LENGTH) tooBig(`string concatenation: string of ${v.length} characters (limit ${MAX_STRING_LENGTH})`);
    charge(v.length >>> 8);
  }
  return v;
}

/** Ends the evaluation: a guarded built-in was asked for more than the caps allow. */
export function tooBig(what) {
  ended = { [LIMIT]: `Execution exceeded a size limit: ${what}` };
  throw ended;
}

// console, built in here: lines go to the running job's log, which leaves
// with its answer. Strings are written as they are, other values as JSON.
let logs = [];
function write(prefix) {
  return (...args) => {
    const line = args.map((a) => (typeof a === 'string' ? a : toLogText(a))).join(' ');
    charge(line.length);
    logs.push(prefix + line);
  };
}
function toLogText(a) {
  try {
    return JSON.stringify(a);
  } catch (e) {
    if (isSignal(e)) throw e;
    return String(a);
  }
}
export const console = Object.freeze({
  log: write(''),
  info: write('INFO '),
  warn: write('WARN '),
  error: write('ERROR '),
  debug: write('DEBUG '),
});

const isSignal = (e) => e !== null && typeof e === 'object' && (e === ended || Object.hasOwn(e, ERROR) || Object.hasOwn(e, EARLY));

let job = null;
/** `spentMs`: time the job already used elsewhere (its in-process slice), counted against `timeoutMs`. */
export function setJob(factory, fnName, ctxJson, timeoutMs, sliceMs, spentMs) {
  job = { factory, fnName: String(fnName), ctxJson: String(ctxJson), timeoutMs: Number(timeoutMs), sliceMs: Number(sliceMs), spentMs: Number(spentMs) || 0 };
}

/** What ended a handler, as text: never runs more than the meter allows. */
function describe(e, timeoutMs) {
  if (e && typeof e === 'object' && Object.hasOwn(e, TIMEOUT)) return `Execution timed out after ${timeoutMs} ms`;
  if (e && typeof e === 'object' && Object.hasOwn(e, LIMIT)) return e[LIMIT];
  try {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    return ended ? describe(ended, timeoutMs) : 'Error';
  }
}

/**
 * [line, column] of the innermost frame of resolver code in a stack (not the
 * built-ins'), or undefined. Reads the stack only of real errors and of the
 * runtime's own signals, so no resolver getter runs here.
 */
function siteOf(holder) {
  let stack;
  try {
    const d = holder !== null && typeof holder === 'object' ? Object.getOwnPropertyDescriptor(holder, 'stack') : undefined;
    stack = d && 'value' in d ? d.value : undefined;
  } catch {
    return undefined;
  }
  if (typeof stack !== 'string') return undefined;
  for (const line of stack.split('\n').slice(1)) {
    if (line.includes('appsync-builtins.js')) continue;
    const m = /:(\d+):(\d+)\)?$/.exec(line);
    if (m) return [Number(m[1]), Number(m[2])];
  }
  return undefined;
}

/** Returns run(): the handler named by the last setJob, given the frozen modules and globals. */
export function createRunner(modules, safeGlobal) {
  return function run() {
    const { factory, fnName, ctxJson, timeoutMs, sliceMs, spentMs } = job;
    job = null;
    units = 0;
    checkAt = CHECK_EVERY;
    baseHeap = -1;
    collectAt = MEMORY_LIMIT_BYTES;
    ended = null;
    logs = [];
    const start = host.clock();
    deadline = timeoutMs > 0 ? start + timeoutMs - spentMs : Infinity;
    sliceEnd = sliceMs > 0 ? start + sliceMs : Infinity;
    const ctx = parseJson(ctxJson);
    const state = { errors: [], extensions: {}, responseHeaders: {}, info: ctx.info || {}, identity: ctx.identity, authType: ctx.__authType };
    delete ctx.__authType;
    ctx.args = ctx.arguments;
    const out = { errors: state.errors, extensions: state.extensions };
    setState(state);
    running = true;
    let answer;
    try {
      try {
        const mod = factory(modules, tick, safeGlobal, spread, cap);
        const fn = mod[fnName];
        if (typeof fn !== 'function') {
          out.missing = true;
        } else {
          const value = fn(ctx);
          out.ok = true;
          out.value = value === undefined ? null : value;
        }
      } catch (e) {
        if (e && typeof e === 'object' && Object.hasOwn(e, ERROR)) {
          out.error = e[ERROR];
          if (Object.hasOwn(e, SITE)) out.at = siteOf(e[SITE]);
        } else if (e && typeof e === 'object' && Object.hasOwn(e, EARLY)) out.early = e[EARLY];
        else {
          out.thrown = describe(e, timeoutMs);
          out.at = siteOf(e);
        }
      }
      out.stash = ctx.stash;
      out.logs = logs;
      // Serialising runs resolver code too (toJSON, getters): still metered.
      answer = meteredStringify(out);
    } catch (e) {
      // The answer itself could not be built: report why, with only plain parts.
      running = false;
      out.thrown = describe(e, timeoutMs);
      answer = meteredStringify({ thrown: out.thrown, errors: [], extensions: {}, stash: {}, logs });
    } finally {
      running = false;
      setState(null);
    }
    // Whatever the handler did after a signal (it cannot catch it: no try in
    // APPSYNC_JS, and every later check throws it again; a built-in's own catch,
    // around JSON.parse say, may have swallowed it once), the signal decides.
    if (ended && Object.hasOwn(ended, ESCALATE)) return meteredStringify({ escalate: ended[ESCALATE] });
    if (ended && out.thrown === undefined) answer = meteredStringify({ thrown: describe(ended, timeoutMs), errors: [], extensions: {}, stash: {}, logs });
    return answer;
  };
}
