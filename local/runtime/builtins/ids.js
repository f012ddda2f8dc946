// util.autoId (UUID v4), util.autoUlid, util.autoKsuid.
import { host } from './host.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastUlidTime = -1;
let lastUlidRandom = [];

export function autoUlid() {
  const now = host.now();
  let rand;
  if (now === lastUlidTime) {
    // Monotonic within a millisecond: increment the previous randomness.
    rand = lastUlidRandom.slice();
    let i = rand.length - 1;
    while (i >= 0 && rand[i] === 31) { rand[i] = 0; i -= 1; }
    if (i >= 0) rand[i] += 1;
  } else {
    rand = [];
    for (let i = 0; i < 16; i += 1) rand.push(Math.floor(host.random() * 32));
  }
  lastUlidTime = now;
  lastUlidRandom = rand;
  let t = now;
  let time = '';
  for (let i = 0; i < 10; i += 1) { time = CROCKFORD[t % 32] + time; t = Math.floor(t / 32); }
  return time + rand.map((r) => CROCKFORD[r]).join('');
}

export function autoId() {
  const hex = [];
  for (let i = 0; i < 16; i += 1) hex.push(Math.floor(host.random() * 256));
  hex[6] = (hex[6] & 0x0f) | 0x40;
  hex[8] = (hex[8] & 0x3f) | 0x80;
  const h = hex.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const KSUID_EPOCH = 1400000000;
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function autoKsuid() {
  const bytes = [];
  let ts = Math.floor(host.now() / 1000) - KSUID_EPOCH;
  const tsb = [];
  for (let i = 0; i < 4; i += 1) { tsb.unshift(ts & 0xff); ts = Math.floor(ts / 256); }
  bytes.push(...tsb);
  for (let i = 0; i < 16; i += 1) bytes.push(Math.floor(host.random() * 256));
  // base62 of a 160-bit big-endian number, 27 characters.
  let digits = bytes.slice();
  let out = '';
  while (digits.some((d) => d !== 0)) {
    let rem = 0;
    const next = [];
    for (const d of digits) {
      const acc = rem * 256 + d;
      const q = Math.floor(acc / 62);
      rem = acc % 62;
      if (next.length || q) next.push(q);
    }
    out = B62[rem] + out;
    digits = next;
  }
  return out.padStart(27, '0');
}
