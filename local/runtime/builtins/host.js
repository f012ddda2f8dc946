// The capabilities the host lends the sandbox (see ../host.ts), behind a
// sandbox-side wrapper: arguments are coerced to primitives HERE, so any
// toString/valueOf/getter/Proxy trap of an argument runs as sandbox code and
// the host only ever receives strings and numbers; answers are checked to be
// primitives; a failure on the host side comes back as a sandbox-made error.
// The host's function objects never leave this module.
export let host = null;

const ERRORS = { Error, RangeError, TypeError, SyntaxError, URIError, EvalError, ReferenceError };
const parseJson = JSON.parse;

export function setHost(raw) {
  const answer = (r) => {
    if (typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean') return r;
    // The host answers undefined when it failed, and keeps the reason as JSON text.
    const why = parseJson(String(raw.lastError()));
    const Ctor = Object.hasOwn(ERRORS, why.name) ? ERRORS[why.name] : Error;
    throw new Ctor(String(why.message));
  };
  const num = (v) => Number(v);
  const str = (v) => String(v);
  host = Object.freeze({
    now: () => answer(raw.now()),
    clock: () => answer(raw.clock()),
    random: () => answer(raw.random()),
    heapUsed: () => answer(raw.heapUsed()),
    collectGarbage: () => answer(raw.collectGarbage()),
    iso: (ms) => answer(raw.iso(num(ms))),
    parseIso: (s) => answer(raw.parseIso(str(s))),
    zoneOffset: (ms, zone) => answer(raw.zoneOffset(num(ms), str(zone))),
    base64Encode: (s) => answer(raw.base64Encode(str(s))),
    base64Decode: (s) => answer(raw.base64Decode(str(s))),
  });
}
