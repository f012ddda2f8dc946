// util.time: the sandbox's only clock (Date is absent). "Time helpers in
// util.time": formats follow Java's DateTimeFormatter. Formatting and parsing
// run here on plain arithmetic; the host lends the clock, ISO parsing and a
// zone's UTC offset (primitives only).
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

/** The zone's offset in minutes at `ms` (the host knows the zone rules). */
function offsetMinutes(ms, zone) {
  return host.zoneOffset(ms, zone);
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
      return f.off === 0 && /^(UTC|Z|GMT)$/.test(String(f.zone).toUpperCase()) ? 'UTC' : `GMT${offsetText(f.off, true)}`;
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

// Parsing, for the same letters: each becomes a capture group; the instant is
// built from the fields and the offset in the text, else the zone's offset.
const daysFromCivil = (y, m, d) => {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
};
const ESC = /[.*+?^${}()|[\]\\]/g;
const alternation = (names) => `(${names.join('|')})`;

function parseOffset(t) {
  if (t === 'Z' || t === 'GMT' || t === 'UTC') return 0;
  const m = /^(?:GMT)?([+-])(\d\d):?(\d\d)?$/.exec(t);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] || 0)) : null;
}

function parse(text, pattern, zone) {
  const p = String(pattern);
  const s = String(text);
  let re = '';
  const slots = [];
  for (let i = 0; i < p.length; ) {
    const c = p[i];
    if (c === "'") {
      let lit = '';
      if (p[i + 1] === "'") {
        lit = "'";
        i += 2;
      } else {
        i += 1;
        while (i < p.length && !(p[i] === "'" && p[i + 1] !== "'")) {
          lit += p[i];
          i += p[i] === "'" ? 2 : 1;
        }
        i += 1;
      }
      re += lit.replace(ESC, '\\$&');
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      if (c !== '[' && c !== ']') re += c.replace(ESC, '\\$&');
      i += 1;
      continue;
    }
    let n = 1;
    while (p[i + n] === c) n += 1;
    i += n;
    let g;
    if ('yuY'.includes(c)) g = n === 2 ? '(\\d{2})' : `([+-]?\\d{${n},})`;
    else if ('ML'.includes(c)) g = n >= 4 ? alternation(MONTHS) : n === 3 ? alternation(MONTHS.map((x) => x.slice(0, 3))) : n === 2 ? '(\\d{2})' : '(\\d{1,2})';
    else if ('dHhKkms'.includes(c)) g = n === 2 ? '(\\d{2})' : '(\\d{1,2})';
    else if (c === 'D') g = `(\\d{${n},3})`;
    else if (c === 'S') g = `(\\d{${n}})`;
    else if (c === 'E') g = alternation(n >= 4 ? DAYS : DAYS.map((x) => x.slice(0, 3)));
    else if (c === 'a') g = '(AM|PM|am|pm)';
    else if (c === 'G') g = '(AD|BC|Anno Domini|A)';
    else if ('ZXxO'.includes(c)) g = '(Z|GMT|UTC|(?:GMT)?[+-]\\d\\d(?::?\\d\\d)?)';
    else if (c === 'V' || c === 'z') g = '([A-Za-z_]+(?:/[A-Za-z_]+)*|[+-]\\d\\d:?\\d\\d)';
    else return fail(`Unknown pattern letter: ${c}`);
    re += g;
    slots.push([c, n]);
  }
  const m = new RegExp(`^${re}$`).exec(s);
  if (!m) return fail(`Text '${s}' could not be parsed with pattern '${p}'`);
  const f = { y: 1970, m: 1, d: 1, doy: null, H: 0, h: null, pm: null, min: 0, sec: 0, ms: 0, off: null, zone: null };
  slots.forEach(([c, n], idx) => {
    const v = m[idx + 1];
    if ('yuY'.includes(c)) f.y = n === 2 ? 2000 + Number(v) : Number(v);
    else if ('ML'.includes(c)) f.m = n >= 3 ? MONTHS.findIndex((x) => (n >= 4 ? x : x.slice(0, 3)) === v) + 1 : Number(v);
    else if (c === 'd') f.d = Number(v);
    else if (c === 'D') f.doy = Number(v);
    else if (c === 'H') f.H = Number(v);
    else if (c === 'k') f.H = Number(v) % 24;
    else if (c === 'h' || c === 'K') f.h = Number(v) % 12;
    else if (c === 'a') f.pm = v.toUpperCase() === 'PM';
    else if (c === 'm') f.min = Number(v);
    else if (c === 's') f.sec = Number(v);
    else if (c === 'S') f.ms = Number(`${v}00`.slice(0, 3));
    else if ('ZXxO'.includes(c)) f.off = parseOffset(v);
    else if (c === 'V' || c === 'z') f.zone = v;
  });
  if (f.h !== null) f.H = f.h + (f.pm ? 12 : 0);
  const days = f.doy !== null ? daysFromCivil(f.y, 1, 1) + f.doy - 1 : daysFromCivil(f.y, f.m, f.d);
  const local = days * DAY_MS + ((f.H * 60 + f.min) * 60 + f.sec) * 1000 + f.ms;
  if (f.off !== null) return local - f.off * 60000;
  const z = f.zone || (zone === undefined || zone === null ? 'UTC' : String(zone));
  // The zone's offset at that local time: take it at the UTC reading, then again at the corrected instant.
  const first = local - offsetMinutes(local, z) * 60000;
  return local - offsetMinutes(first, z) * 60000;
}

export const time = {
  nowISO8601: () => host.iso(host.now()),
  nowEpochSeconds: () => Math.floor(host.now() / 1000),
  nowEpochMilliSeconds: () => host.now(),
  nowFormatted: (pattern, zone) => format(host.now(), pattern, zone),
  parseFormattedToEpochMilliSeconds: (s, pattern, zone) => parse(s, pattern, zone),
  parseISO8601ToEpochMilliSeconds: (s) => host.parseIso(s),
  epochMilliSecondsToSeconds: (ms) => Math.floor(ms / 1000),
  epochMilliSecondsToISO8601: (ms) => host.iso(ms),
  epochMilliSecondsToFormatted: (ms, pattern, zone) => format(ms, pattern, zone),
};
