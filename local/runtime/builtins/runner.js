// The job runner: runs one handler of one compiled module against a JSON
// context and answers with a JSON string built in here, so no host code
// touches sandbox objects: { ok, value } | { error } | { early } | { thrown },
// plus the evaluation's side effects (appended errors, extensions, stash).
import { host } from './host.js';
import { EARLY, ERROR, TIMEOUT, setState } from './state.js';

// Time limit: resolver code calls tick() on every function entry and loop
// iteration (inserted at compile time, see ../module.ts); every 256 ticks it
// reads the clock.
let ticks = 0;
let deadline = Infinity;
function tick() {
  ticks += 1;
  if ((ticks & 255) === 0 && host.now() > deadline) throw { [TIMEOUT]: true };
}

let job = null;
export function setJob(factory, fnName, ctxJson, timeoutMs) {
  job = { factory, fnName, ctxJson, timeoutMs };
}

/** Returns run(): the handler named by the last setJob, given the frozen modules and globals. */
export function createRunner(modules, safeGlobal) {
  return function run() {
    const { factory, fnName, ctxJson, timeoutMs } = job;
    job = null;
    ticks = 0;
    deadline = timeoutMs > 0 ? host.now() + timeoutMs : Infinity;
    const ctx = JSON.parse(ctxJson);
    const state = { errors: [], extensions: {}, responseHeaders: {}, info: ctx.info || {}, identity: ctx.identity, authType: ctx.__authType };
    setState(state);
    delete ctx.__authType;
    ctx.args = ctx.arguments;
    const out = { errors: state.errors, extensions: state.extensions };
    try {
      const mod = factory(modules, tick, safeGlobal);
      const fn = mod[fnName];
      if (typeof fn !== 'function') {
        out.missing = true;
      } else {
        const value = fn(ctx);
        out.ok = true;
        out.value = value === undefined ? null : value;
      }
    } catch (e) {
      if (e && typeof e === 'object' && e[ERROR]) out.error = e[ERROR];
      else if (e && typeof e === 'object' && e[EARLY]) out.early = e[EARLY];
      else if (e && typeof e === 'object' && e[TIMEOUT]) out.thrown = `Execution timed out after ${timeoutMs} ms`;
      else out.thrown = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    out.stash = ctx.stash;
    setState(null);
    return JSON.stringify(out);
  };
}
