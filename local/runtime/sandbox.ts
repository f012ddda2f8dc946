// One V8 context for all APPSYNC_JS code: no Node globals (process, require,
// Buffer, timers, fetch), no clock (Date is absent: util.time is the clock),
// intrinsics frozen so no evaluation can change what another one sees.
import vm from 'node:vm';

const LOCKDOWN = `
(() => {
  delete globalThis.Date;
  const seen = new Set();
  const freeze = (o) => {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) return;
    seen.add(o);
    Object.freeze(o);
    for (const key of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key);
      if (d && 'value' in d) freeze(d.value);
    }
    freeze(Object.getPrototypeOf(o));
  };
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (name !== 'globalThis' && name !== 'console') freeze(globalThis[name]);
    // The global object itself cannot be frozen in a vm context, but its
    // bindings can be made read-only so \`JSON = x\` cannot outlive an evaluation.
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    if (d && 'value' in d && (d.writable || d.configurable)) {
      Object.defineProperty(globalThis, name, { value: d.value, writable: false, configurable: false, enumerable: d.enumerable });
    }
  }
})();
`;

export interface Sandbox {
  context: vm.Context;
  /** Compiles code once; the script can be run many times. */
  compile(source: string, filename: string): vm.Script;
  /** Lines written with console.* by code running now go to this sink. */
  setLogSink(sink: string[] | null): void;
}

export function createSandbox(): Sandbox {
  let sink: string[] | null = null;
  const format = (args: unknown[]) =>
    args.map((a) => (typeof a === 'string' ? a : (() => { try { return JSON.stringify(a); } catch { return String(a); } })())).join(' ');
  const write = (level: string) => (...args: unknown[]) => {
    sink?.push(level === 'log' ? format(args) : `${level.toUpperCase()} ${format(args)}`);
  };
  const console = Object.freeze({ log: write('log'), info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug') });
  const context = vm.createContext({ console }, { codeGeneration: { strings: false, wasm: false }, name: 'APPSYNC_JS' });
  vm.runInContext(LOCKDOWN, context);
  return {
    context,
    compile: (source, filename) => new vm.Script(source, { filename }),
    setLogSink: (s) => {
      sink = s;
    },
  };
}
