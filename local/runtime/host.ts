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

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Fields of a time in a zone ('UTC', '+05:30', or an IANA name). */
function parts(ms: number, zone: string) {
  let offsetMin = 0;
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (fixed) offsetMin = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  else if (zone !== 'UTC' && zone !== 'Z') {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    if (m) offsetMin = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  }
  const d = new Date(ms + offsetMin * 60_000);
  return { d, offsetMin };
}

/** A subset of Java's DateTimeFormatter patterns, as util.time documents them. */
function format(ms: number, pattern: string, zone: string): string {
  const { d, offsetMin } = parts(ms, zone);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const tokens: Record<string, () => string> = {
    yyyy: () => String(d.getUTCFullYear()),
    yy: () => pad(d.getUTCFullYear() % 100),
    MM: () => pad(d.getUTCMonth() + 1),
    dd: () => pad(d.getUTCDate()),
    HH: () => pad(d.getUTCHours()),
    mm: () => pad(d.getUTCMinutes()),
    ss: () => pad(d.getUTCSeconds()),
    SSS: () => pad(d.getUTCMilliseconds(), 3),
    Z: () => `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`,
    XXX: () => (offsetMin === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`),
  };
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    if (pattern[i] === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    const tok = ['yyyy', 'SSS', 'XXX', 'yy', 'MM', 'dd', 'HH', 'mm', 'ss', 'Z'].find((t) => pattern.startsWith(t, i));
    if (tok) {
      out += tokens[tok]();
      i += tok.length;
    } else {
      out += pattern[i];
      i += 1;
    }
  }
  return out;
}

function parse(text: string, pattern: string, zone: string): number {
  const fields: Record<string, number> = { yyyy: 1970, MM: 1, dd: 1, HH: 0, mm: 0, ss: 0, SSS: 0 };
  let re = '';
  const order: string[] = [];
  for (let i = 0; i < pattern.length; ) {
    const tok = ['yyyy', 'SSS', 'MM', 'dd', 'HH', 'mm', 'ss', 'Z'].find((t) => pattern.startsWith(t, i));
    if (tok) {
      re += tok === 'Z' ? '([+-]\\d{4})' : `(\\d{${tok.length}})`;
      order.push(tok);
      i += tok.length;
    } else {
      re += pattern[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  const m = new RegExp(`^${re}$`).exec(text);
  if (!m) return NaN;
  let offset = zone;
  order.forEach((tok, idx) => {
    if (tok === 'Z') offset = m[idx + 1];
    else fields[tok] = Number(m[idx + 1]);
  });
  const utc = Date.UTC(fields.yyyy, fields.MM - 1, fields.dd, fields.HH, fields.mm, fields.ss, fields.SSS);
  return utc - parts(utc, offset).offsetMin * 60_000;
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

// Patterns and zones are short; a megabyte pattern would make format/parse
// (host code, outside the sandbox's meter) run long. Local bound, AWS is silent.
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
    random: lend(random),
    heapUsed: lend(() => v8.getHeapStatistics().used_heap_size),
    collectGarbage: lend(() => (collect(), true)),
    iso: lend((ms: number) => new Date(ms).toISOString()),
    parseIso: lend((s: string) => Date.parse(s)),
    format: lend((ms: number, pattern: string, zone: string) => format(ms, shortText(pattern, 'format'), shortText(zone, 'time zone'))),
    parse: lend((s: string, pattern: string, zone: string) => parse(shortText(s, 'text'), shortText(pattern, 'format'), shortText(zone, 'time zone'))),
    base64Encode: lend((s: string) => Buffer.from(s, 'utf8').toString('base64')),
    base64Decode: lend((s: string) => Buffer.from(s, 'base64').toString('utf8')),
    lastError: () => lastError,
  };
}

export type HostCapabilities = ReturnType<typeof createHost>;
