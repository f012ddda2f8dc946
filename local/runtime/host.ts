// The only capabilities the sandbox borrows from the host: the clock, random
// numbers, and a few conversions. Each takes and returns primitives only, so
// no host object ever becomes reachable from resolver code.
import { randomBytes } from 'node:crypto';

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

export function createHost() {
  const random = randomSource();
  return {
    now: () => Date.now(),
    random,
    iso: (ms: number) => new Date(ms).toISOString(),
    parseIso: (s: string) => Date.parse(s),
    format: (ms: number, pattern: string, zone: string) => format(ms, pattern, zone),
    parse: (s: string, pattern: string, zone: string) => parse(s, pattern, zone),
    base64Encode: (s: string) => Buffer.from(String(s), 'utf8').toString('base64'),
    base64Decode: (s: string) => Buffer.from(String(s), 'base64').toString('utf8'),
  };
}
