// The only capabilities the sandbox borrows from the host: the clock, random
// numbers, a few conversions, and the heap meter. Each takes and returns
// primitives only, so no host object ever becomes reachable from resolver
// code: arguments are coerced inside the sandbox before they cross
// (builtins/host.js), anything else is refused here, and a failure never
// throws a host Error into the sandbox: the function answers undefined and
// lastError() tells the sandbox what to throw, as JSON text.
import { randomBytes } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';

// One formatter per IANA zone: building an Intl.DateTimeFormat costs about a
// millisecond, reading an offset from one a few microseconds. Bounded, since
// zone names come from resolver code.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
const MAX_ZONES = 256;

/** The UTC offset in minutes of `zone` ('UTC', '+05:30', or an IANA name) at `ms`. */
function zoneOffset(ms: number, zone: string): number {
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  if (zone === 'UTC' || zone === 'Z') return 0;
  let f = zoneFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    if (zoneFormats.size >= MAX_ZONES) zoneFormats.clear();
    zoneFormats.set(zone, f);
  }
  const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** Uniform floats in [0, 1) from a pool of cryptographic random bytes. */
function randomSource(): () => number {
  let pool = randomBytes(6 * 1024);
  let at = 0;
  return () => {
    if (at + 6 > pool.length) {
      pool = randomBytes(6 * 1024);
      at = 0;
    }
    const v = pool.readUIntBE(at, 6) / 2 ** 48;
    at += 6;
    return v;
  };
}

/** A full GC, for the sandbox's memory limit: garbage counts as used until collected. */
const collect: () => void = (() => {
  // The documented way to get gc() without starting node with --expose-gc:
  // the flag only affects contexts created while it is set.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  return gc;
})();

// Zone names are short; a megabyte one would make the host (outside the
// sandbox's meter) run long. Local bound, AWS is silent.
const MAX_PATTERN = 1024;

type Primitive = string | number | boolean;

function shortText(s: string, what: string): string {
  if (s.length > MAX_PATTERN) throw new RangeError(`${what} longer than ${MAX_PATTERN} characters`);
  return s;
}

export function createHost() {
  const random = randomSource();
  let lastError = '{"name":"Error","message":"unknown host failure"}';
  /** Primitives in, a primitive out; failures become lastError and an undefined answer. */
  const lend =
    <A extends Primitive[]>(fn: (...args: A) => Primitive) =>
    (...args: unknown[]): Primitive | undefined => {
      try {
        for (const a of args) if (a !== null && (typeof a === 'object' || typeof a === 'function')) throw new TypeError('host capabilities take primitives only');
        const r = fn(...(args as A));
        if (typeof r !== 'string' && typeof r !== 'number' && typeof r !== 'boolean') throw new TypeError('host capability answered a non-primitive');
        return r;
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        lastError = JSON.stringify({ name: String(e.name), message: String(e.message) });
        return undefined;
      }
    };
  return {
    now: lend(() => Date.now()),
    /** Monotonic milliseconds (fractions included), for the meter's time limit and slice. */
    clock: lend(() => performance.now()),
    random: lend(random),
    heapUsed: lend(() => v8.getHeapStatistics().used_heap_size),
    collectGarbage: lend(() => (collect(), true)),
    iso: lend((ms: number) => new Date(ms).toISOString()),
    parseIso: lend((s: string) => Date.parse(s)),
    zoneOffset: lend((ms: number, zone: string) => zoneOffset(ms, shortText(zone, 'time zone'))),
    base64Encode: lend((s: string) => Buffer.from(s, 'utf8').toString('base64')),
    base64Decode: lend((s: string) => Buffer.from(s, 'base64').toString('utf8')),
    lastError: () => lastError,
  };
}

export type HostCapabilities = ReturnType<typeof createHost>;
