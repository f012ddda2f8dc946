// One V8 context for all APPSYNC_JS code. What it guarantees:
// - Nothing from the host realm is reachable: the context's global is backed
//   by a null-prototype object (a plain {} would answer `constructor` with the
//   host's Object, hence the host's Function), console and every built-in are
//   made inside it (builtins/), the host lends only functions that take and
//   return primitives (host.ts), and jobs go in and answers come out as JSON.
// - No Node globals (process, require, Buffer, timers, fetch), no clock (Date
//   is absent: util.time is the clock), nothing that runs code later: Promise,
//   WeakRef/FinalizationRegistry, Atomics, SharedArrayBuffer, WebAssembly and
//   typed arrays are removed (the "Supported runtime features" page lists
//   numbers, strings, booleans, objects, arrays and functions as the types,
//   and AWS's lint rejects Promise), and code generation from strings is off.
// - Intrinsics are frozen after the built-ins are installed, so no evaluation
//   can change what another one sees.
// - Time and memory: see builtins/runner.js (meter), builtins/limits.js, and
//   evaluator.ts (jobs that leave their slice run isolated on worker threads).
import v8 from 'node:v8';
import vm from 'node:vm';
import type { HostCapabilities } from './host.js';

// Catastrophic backtracking (e.g. util.matches('(a+)+$', 'aaaa…b')) happens
// inside one built-in call, where no probe runs: V8 switches such regexps to
// its linear-time engine after too many backtracks. Same matches, bounded
// time. Regexps that cannot switch (backreferences, lookarounds, …) never run
// on the host's thread (builtins/limits.js tells them apart by compiling
// them with the linear engine's own flag, l, which the second flag enables).
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
v8.setFlagsFromString('--enable-experimental-regexp-engine');

const REMOVED = [
  'Date',
  'Promise',
  'WeakRef',
  'FinalizationRegistry',
  'Atomics',
  'SharedArrayBuffer',
  'WebAssembly',
  'ArrayBuffer',
  'DataView',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

// error.stack lists only resolver code's frames, named by the file's base
// name: the runtime's own frames, the host's (absolute paths of the twin's
// files, node: internals) are dropped. V8 calls the context's own
// Error.prepareStackTrace, which LOCKDOWN then freezes. AWS does not document
// what error.stack holds in APPSYNC_JS.
const STACK = `
Error.prepareStackTrace = (error, frames) => {
  let text = String(error);
  for (const f of frames) {
    const file = f.getFileName();
    if (typeof file !== 'string' || file === 'appsync-builtins.js' || file.includes('/') || file.includes('\\\\') || file.startsWith('node:')) continue;
    text += '\\n    at ' + (f.getFunctionName() || '<anonymous>') + ' (' + file + ':' + f.getLineNumber() + ':' + f.getColumnNumber() + ')';
  }
  return text;
};`;

const PRELUDE = `(() => { for (const name of ${JSON.stringify(REMOVED)}) delete globalThis[name]; })();${STACK}`;

const LOCKDOWN = `
(() => {
  __appsync_builtins = undefined;
  const seen = new Set();
  const freeze = (o) => {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) return;
    seen.add(o);
    Object.freeze(o);
    for (const key of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key);
      if (d && 'value' in d) freeze(d.value);
      else if (d) { freeze(d.get); freeze(d.set); }
    }
    freeze(Object.getPrototypeOf(o));
  };
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (name !== 'globalThis') freeze(globalThis[name]);
    // The global object itself cannot be frozen in a vm context, but its
    // bindings can be made read-only so \`JSON = x\` cannot outlive an evaluation.
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    if (d && 'value' in d && (d.writable || d.configurable)) {
      Object.defineProperty(globalThis, name, { value: d.value, writable: false, configurable: false, enumerable: d.enumerable });
    }
  }
  freeze(Object.getPrototypeOf(globalThis));
})();
`;

/** What install() in builtins/index.js answers (sandbox functions; the host passes them primitives only). */
interface Installed {
  setJob(factory: unknown, fnName: string, ctxJson: string, timeoutMs: number, sliceMs: number, spentMs: number): void;
  run(): unknown;
}

export interface Sandbox {
  /** Compiles a factory's source once and returns the factory (a sandbox function). */
  compile(source: string, filename: string): unknown;
  /**
   * Hands the runner its next job: primitives and a factory from compile().
   * `sliceMs` > 0: an in-process attempt that answers `{"escalate":why}` past
   * that many ms or before work it must not do on this thread (evaluator.ts).
   * `spentMs` of the time limit are already used (by that attempt).
   */
  setJob(factory: unknown, fnName: string, ctxJson: string, timeoutMs: number, sliceMs: number, spentMs: number): void;
  /** Runs the job; answers its JSON text, or something else if the runner itself failed. */
  runJob(): unknown;
}

export function createSandbox(builtinsScript: string, host: HostCapabilities): Sandbox {
  const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false }, name: 'APPSYNC_JS' });
  vm.runInContext(PRELUDE, context);
  // Strict mode for the whole bundle: sloppy functions would expose .caller and .arguments.
  const install = vm.runInContext(`"use strict";\n${builtinsScript}`, context, { filename: 'appsync-builtins.js' }) as (h: HostCapabilities) => Installed;
  const installed = install(host);
  const { setJob, run } = installed;
  vm.runInContext(LOCKDOWN, context);
  return {
    // The base name only: a host path in a stack frame would tell resolver code where the twin runs.
    compile: (source, filename) => new vm.Script(source, { filename: filename.replace(/^.*[\\/]/, '') }).runInContext(context),
    setJob,
    // Called directly rather than through a vm.Script: entering the context via
    // runInContext costs several µs per call (time and memory are metered inside).
    runJob: run,
  };
}
