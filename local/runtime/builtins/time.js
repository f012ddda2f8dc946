// util.time: the sandbox's only clock (Date is absent). "Time helpers in
// util.time": formats follow Java's DateTimeFormatter. Formatting runs here on
// plain arithmetic; the host lends the clock, ISO parsing, formatted parsing
// and a zone's UTC offset (primitives only).
import { host } from './host.js';
import { fail } from './state.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86400000;

// Civil date of a day count since 1970-01-01 (proleptic Gregorian).
function civil(days) {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const CUM = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** The zone's offset in minutes at `ms`, read from the host as "+hhmm". */
function offsetMinutes(ms, zone) {
  const z = host.format(ms, 'Z', zone);
  const m = /^([+-])(\d\d)(\d\d)$/.exec(z);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function fields(ms, zone) {
  const off = offsetMinutes(ms, zone);
  const local = ms + off * 60000;
  const days = Math.floor(local / DAY_MS);
  const inDay = local - days * DAY_MS;
  const { y, m, d } = civil(days);
  return {
    y,
    m,
    d,
    doy: CUM[m - 1] + d + (m > 2 && isLeap(y) ? 1 : 0),
    dow: (((days + 4) % 7) + 7) % 7,
    H: Math.floor(inDay / 3600000),
    min: Math.floor(inDay / 60000) % 60,
    s: Math.floor(inDay / 1000) % 60,
    ms: inDay % 1000,
    inDay,
    off,
    zone,
  };
}

const pad = (n, w) => {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= w ? s : '0'.repeat(w - s.length) + s);
};

function offsetText(off, withColon, zeroAsZ, minutes) {
  if (off === 0 && zeroAsZ) return 'Z';
  const a = Math.abs(off);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  const sign = off < 0 ? '-' : '+';
  if (minutes === 'optional' && a % 60 === 0) return sign + hh;
  return sign + hh + (withColon ? ':' : '') + mm;
}

function letter(f, c, n) {
  switch (c) {
    case 'G':
      return n === 4 ? 'Anno Domini' : n === 5 ? 'A' : 'AD';
    case 'y':
    case 'u':
    case 'Y':
      // Y (week-based year) is approximated by the calendar year.
      return n === 2 ? pad(f.y % 100, 2) : pad(f.y, n);
    case 'M':
    case 'L':
      return n === 1 ? String(f.m) : n === 2 ? pad(f.m, 2) : n === 3 ? MONTHS[f.m - 1].slice(0, 3) : n === 4 ? MONTHS[f.m - 1] : MONTHS[f.m - 1][0];
    case 'd':
      return pad(f.d, n);
    case 'D':
      return pad(f.doy, n);
    case 'E':
      return n <= 3 ? DAYS[f.dow].slice(0, 3) : n === 4 ? DAYS[f.dow] : DAYS[f.dow][0];
    case 'a':
      return f.H < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(f.H, n);
    case 'k':
      return pad(f.H === 0 ? 24 : f.H, n);
    case 'K':
      return pad(f.H % 12, n);
    case 'h':
      return pad(f.H % 12 === 0 ? 12 : f.H % 12, n);
    case 'm':
      return pad(f.min, n);
    case 's':
      return pad(f.s, n);
    case 'S':
      // Fraction of a second, truncated to n digits.
      return (pad(f.ms, 3) + '000000').slice(0, n);
    case 'A':
      return pad(f.inDay, n);
    case 'n':
      return pad(f.ms * 1000000, n);
    case 'N':
      return pad(f.inDay * 1000000, n);
    case 'V':
      return f.zone;
    case 'O':
      return f.off === 0 ? 'GMT' : n === 4 ? `GMT${offsetText(f.off, true)}` : `GMT${f.off < 0 ? '-' : '+'}${Math.floor(Math.abs(f.off) / 60)}${Math.abs(f.off) % 60 ? `:${pad(Math.abs(f.off) % 60, 2)}` : ''}`;
    case 'X':
    case 'x':
      return n === 1 ? offsetText(f.off, false, c === 'X', 'optional') : offsetText(f.off, n === 3 || n === 5, c === 'X');
    case 'Z':
      return n <= 3 ? offsetText(f.off, false, false) : n === 4 ? (f.off === 0 ? 'GMT' : `GMT${offsetText(f.off, true)}`) : offsetText(f.off, true, true);
    case 'z':
      // Zone names need locale data; UTC is the one the docs use.
      return f.off === 0 && /^(UTC|Z|GMT)$/i.test(f.zone) ? 'UTC' : `GMT${offsetText(f.off, true)}`;
    default:
      return fail(`Unknown pattern letter: ${c}`);
  }
}

function format(ms, pattern, zone) {
  const p = String(pattern);
  const f = fields(Number(ms), zone === undefined || zone === null ? 'UTC' : String(zone));
  let out = '';
  for (let i = 0; i < p.length; ) {
    const c = p[i];
    if (c === "'") {
      // Quoted text; '' is a quote, inside or outside.
      if (p[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      i += 1;
      while (i < p.length) {
        if (p[i] === "'" && p[i + 1] === "'") {
          out += "'";
          i += 2;
        } else if (p[i] === "'") {
          i += 1;
          break;
        } else {
          out += p[i];
          i += 1;
        }
      }
      continue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      let n = 1;
      while (p[i + n] === c) n += 1;
      out += letter(f, c, n);
      i += n;
      continue;
    }
    // Optional-section brackets print their content.
    if (c !== '[' && c !== ']') out += c;
    i += 1;
  }
  return out;
}

export const time = {
  nowISO8601: () => host.iso(host.now()),
  nowEpochSeconds: () => Math.floor(host.now() / 1000),
  nowEpochMilliSeconds: () => host.now(),
  nowFormatted: (pattern, zone) => format(host.now(), pattern, zone),
  parseFormattedToEpochMilliSeconds: (s, pattern, zone) => host.parse(s, pattern, zone || 'UTC'),
  parseISO8601ToEpochMilliSeconds: (s) => host.parseIso(s),
  epochMilliSecondsToSeconds: (ms) => Math.floor(ms / 1000),
  epochMilliSecondsToISO8601: (ms) => host.iso(ms),
  epochMilliSecondsToFormatted: (ms, pattern, zone) => format(ms, pattern, zone),
};
