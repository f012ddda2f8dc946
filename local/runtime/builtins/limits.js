// Size limits on the built-ins whose cost a single call can blow up: the
// time-limit probes (../module.ts) only run between calls, so without these
// `Array.from({ length: 2e7 })` or `'x'.repeat(2 ** 28)` would run (and
// allocate) unchecked inside one call. Each guarded built-in refuses inputs
// or results over the caps, and charges the work it does to the evaluation's
// meter (runner.js), which checks the clock and the heap every so many units.
//
// AWS documents no per-evaluation size or memory limit for APPSYNC_JS (the
// "Supported runtime features" page and the AppSync quotas are silent), so
// the caps are the local server's own: far above what a resolver shaping a
// DynamoDB request or a 1 MB Query page needs, far below what hurts the host.
// AWS's own lint (@aws-appsync/eslint-plugin, rule no-disallowed-methods)
// goes further and lists Array.from, String.repeat, padStart and padEnd as
// not implemented in APPSYNC_JS at all.

/** Most elements an array may have when a guarded built-in works on it. */
export const MAX_ARRAY_LENGTH = 1_000_000;
/** Most characters a string may have when a guarded built-in works on it. */
export const MAX_STRING_LENGTH = 8 * 1024 * 1024;

const { apply } = Reflect;
const { isArray } = Array;
const regExpSource = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
/** A real RegExp: the source getter reads an internal slot that only real ones have. */
const isRegExp = (v) => {
  if (v === null || typeof v !== 'object') return false;
  try {
    regExpSource.call(v);
    return true;
  } catch {
    return false;
  }
};
const StringCtor = String;
const stringifyJson = JSON.stringify;
let meter = () => {};
let arrayCheck = () => {};
let tooLarge = () => {};
let stringCheck = () => {};

/**
 * Refuses (and charges) every string argument of `fn` over MAX_STRING_LENGTH:
 * for the util.* helpers and host capabilities, whose work is not otherwise
 * metered (util.base64Encode took 268M characters in one call).
 */
export function boundStrings(fn, what) {
  return function (...args) {
    for (let i = 0; i < args.length; i += 1) if (typeof args[i] === 'string') stringCheck(args[i].length, what);
    return apply(fn, this, args);
  };
}

/** The same, on every function of `obj` and its nested plain objects, in place. */
export function boundStringsDeep(obj, path) {
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (typeof v === 'function') obj[k] = boundStrings(v, `${path}.${k}`);
    else if (v !== null && typeof v === 'object' && !isArray(v)) boundStringsDeep(v, `${path}.${k}`);
  }
  return obj;
}

/** Most characters of an evaluation's answer (JSON); far above a 16 MB BatchGetItem result. */
export const MAX_ANSWER_LENGTH = 64 * 1024 * 1024;

/**
 * A JSON.stringify replacer that meters every node, refuses arrays over
 * MAX_ARRAY_LENGTH before they are walked, and keeps a running estimate of
 * the output so that the text is refused before it is built past `limit`.
 */
function jsonGuard(limit, what, user) {
  let size = 0;
  return function (key, v) {
    meter(1);
    const r = user ? apply(user, this, [key, v]) : v;
    size += isArray(this) ? 1 : String(key).length + 4; // separators, quotes, the key
    if (typeof r === 'string') size += r.length;
    else if (isArray(r)) arrayCheck(r.length, what);
    if (size > limit) tooLarge(`${what}: more than ${limit} characters`);
    return r;
  };
}

const keysOf = Object.keys;
/** Answers up to this many objects and arrays may take the plain (fast) path. */
const PLAIN_NODES = 10_000;

/**
 * True when `value` is small plain data: no toJSON, no array or object over
 * PLAIN_NODES entries, no deeper than 64, text within MAX_STRING_LENGTH. Such
 * an answer can go through V8's fast JSON path; anything else is serialised
 * with the guard. (Reads each property once more than JSON.stringify does: a
 * getter that answers differently on its second read is not covered.)
 */
function plainAndSmall(value) {
  let nodes = 0;
  let size = 0;
  const ok = (v, depth) => {
    if (typeof v === 'string') {
      size += v.length;
      return size <= MAX_STRING_LENGTH;
    }
    if (v === null || typeof v !== 'object') return true;
    nodes += 1;
    if (nodes > PLAIN_NODES || depth > 64 || typeof v.toJSON === 'function') return false;
    if (isArray(v)) {
      const n = v.length;
      if (n > PLAIN_NODES) return false;
      for (let i = 0; i < n; i += 1) if (!ok(v[i], depth + 1)) return false;
      return true;
    }
    const keys = keysOf(v);
    if (keys.length > PLAIN_NODES) return false;
    for (let i = 0; i < keys.length; i += 1) {
      size += keys[i].length;
      if (!ok(v[keys[i]], depth + 1)) return false;
    }
    return true;
  };
  return ok(value, 0);
}

/** JSON text of an evaluation's answer: may be as big as the data source answer it carries, within MAX_ANSWER_LENGTH. */
export function meteredStringify(value) {
  if (plainAndSmall(value)) return stringifyJson(value);
  return stringifyJson(value, jsonGuard(MAX_ANSWER_LENGTH, 'answer', null));
}

/**
 * What resolver code spreads (`[...x]`, `f(...x)`) or destructures with a rest
 * element (`const [a, ...r] = x`): ../module.ts routes it through here, since
 * V8 would copy every element of a sparse `length` of 4e9 in one step.
 */
export function spread(x) {
  if (x !== null && x !== undefined) {
    if (typeof x === 'string' || isArray(x)) arrayCheck(x.length, 'spread');
    else if (typeof x === 'object' && typeof x.size === 'number') arrayCheck(x.size, 'spread');
  }
  return x;
}

/**
 * Wraps the built-ins in place. `charge(units)` meters work (and may end the
 * evaluation); `tooBig(what)` ends it with a size error; `escalate(why)` ends
 * an in-process attempt (while `slicing()`) so that it runs isolated instead
 * (runner.js). Must run before the intrinsics are frozen.
 */
export function installLimits(charge, tooBig, escalate, slicing) {
  const arrayLength = (n, what) => {
    if (n > MAX_ARRAY_LENGTH) tooBig(`${what}: array of ${n} elements (limit ${MAX_ARRAY_LENGTH})`);
    charge(n > 0 ? n : 0);
  };
  const stringLength = (n, what) => {
    if (n > MAX_STRING_LENGTH) tooBig(`${what}: string of ${n} characters (limit ${MAX_STRING_LENGTH})`);
    charge(n > 0 ? n : 0);
  };
  meter = charge;
  arrayCheck = arrayLength;
  stringCheck = stringLength;
  tooLarge = tooBig;
  const resultSize = (r, what) => {
    if (typeof r === 'string') stringLength(r.length, what);
    else if (isArray(r)) arrayLength(r.length, what);
    return r;
  };
  const replace = (obj, name, make) => {
    const orig = obj[name];
    if (typeof orig !== 'function') return;
    const guarded = make(orig);
    Object.defineProperty(guarded, 'name', { value: orig.name });
    Object.defineProperty(guarded, 'length', { value: orig.length });
    Object.defineProperty(obj, name, { value: guarded, writable: true, configurable: true, enumerable: false });
  };

  // Array.prototype: every method walks `this.length` elements (holes included),
  // and `a.length = 4e9` makes such an array for free, so the length is checked
  // before the walk. The iterators (Array.prototype.values, [Symbol.iterator],
  // String.prototype[Symbol.iterator]) are left alone on purpose: changing
  // them trips V8 protectors that are shared by the whole isolate, and every
  // spread and for-of of the host would get several times slower. Spreads in
  // resolver code are checked where they are written instead (spread() below,
  // inserted by ../module.ts).
  const AP = Array.prototype;
  const cheap = new Set(['at', 'pop', 'push', 'constructor', 'values', 'keys', 'entries']);
  for (const name of Reflect.ownKeys(AP)) {
    if (typeof name !== 'string' || cheap.has(name)) continue;
    replace(AP, name, (orig) =>
      function (...args) {
        arrayLength(this == null ? 0 : this.length, `Array.prototype.${name}`);
        if (name === 'concat') {
          let total = this.length;
          for (const a of args) total += isArray(a) ? a.length : 1;
          arrayLength(total, 'Array.prototype.concat');
        }
        return resultSize(apply(orig, this, args), `Array.prototype.${name}`);
      },
    );
  }
  replace(Array, 'from', (orig) =>
    function from(items, ...rest) {
      const n = typeof items === 'string' ? items.length : items != null ? items.length : 0;
      arrayLength(n, 'Array.from');
      return resultSize(apply(orig, this, [items, ...rest]), 'Array.from');
    },
  );

  // String.prototype: strings built with `+` can reach V8's maximum length, so
  // every method checks the receiver; the ones that build bigger strings check
  // the size they are asked for first.
  const SP = String.prototype;
  for (const name of Reflect.ownKeys(SP)) {
    // toString/valueOf are what String(obj) calls: wrapping them would recurse.
    if (typeof name !== 'string' || name === 'constructor' || name === 'length' || name === 'toString' || name === 'valueOf') continue;
    const label = name;
    replace(SP, name, (orig) =>
      function (...args) {
        const s = StringCtor(this);
        stringLength(s.length, `String.prototype.${label}`);
        if (name === 'repeat' || name === 'padStart' || name === 'padEnd') {
          // Coerced once here, so a valueOf runs once, as with the plain built-in.
          args[0] = Number(args[0]);
          stringLength(name === 'repeat' ? s.length * args[0] : args[0], `String.prototype.${name}`);
        }
        return resultSize(apply(orig, s, args), `String.prototype.${label}`);
      },
    );
  }

  // Regular expressions: the subject string is checked; catastrophic
  // backtracking is cut by V8's linear-time fallback engine (see ../sandbox.ts).
  // V8 has no such fallback for backreferences, lookarounds, \b, large
  // counted repeats, the i, u, v and d flags: such a regexp, however short
  // its subject, may backtrack for minutes inside one call that no probe
  // interrupts, so it never runs on the host's thread: the attempt escalates
  // to the isolated evaluator, which is stopped from outside at the time limit.
  const RP = RegExp.prototype;
  const RegExpCtor = RegExp;
  const linear = new Map(); // flags/source → has a linear-time fallback
  const hasFallback = (re) => {
    // A fresh copy made from the internal slots: own `source`/`flags` properties
    // that resolver code defined on `re` cannot change what is looked at.
    const copy = new RegExpCtor(re);
    const key = `${copy.flags}/${copy.source}`;
    let ok = linear.get(key);
    if (ok === undefined) {
      // The l flag (--enable-experimental-regexp-engine, ../sandbox.ts) compiles only what the linear engine can run.
      ok = true;
      try {
        new RegExpCtor(copy.source, `${copy.flags}l`);
      } catch {
        ok = false;
      }
      if (linear.size >= 1024) linear.clear();
      linear.set(key, ok);
    }
    return ok;
  };
  for (const name of ['exec', 'test', Symbol.match, Symbol.matchAll, Symbol.replace, Symbol.search, Symbol.split]) {
    const label = typeof name === 'string' ? name : name.description;
    replace(RP, name, (orig) =>
      function (input, ...rest) {
        const s = StringCtor(input);
        stringLength(s.length, `RegExp.prototype[${label}]`);
        if (slicing() && isRegExp(this) && !hasFallback(this)) escalate('regexp without a linear-time fallback');
        return resultSize(apply(orig, this, [s, ...rest]), `RegExp.prototype[${label}]`);
      },
    );
  }

  // JSON: stringify walks every index of an array however sparse; a replacer
  // checks each array before it is walked and meters the nodes.
  replace(JSON, 'stringify', (orig) =>
    function stringify(value, replacer, space) {
      const guard = isArray(replacer) ? replacer : jsonGuard(MAX_STRING_LENGTH, 'JSON.stringify', typeof replacer === 'function' ? replacer : null);
      return resultSize(apply(orig, JSON, [value, guard, space]), 'JSON.stringify');
    },
  );
  replace(JSON, 'parse', (orig) =>
    function parse(text, ...rest) {
      const s = StringCtor(text);
      stringLength(s.length, 'JSON.parse');
      return apply(orig, JSON, [s, ...rest]);
    },
  );

  // Object: results are as big as what exists, but copying them in a loop is
  // work the probes would not see.
  for (const name of ['keys', 'values', 'entries', 'getOwnPropertyNames']) {
    replace(Object, name, (orig) =>
      function (...args) {
        const r = apply(orig, Object, args);
        if (isArray(r)) arrayLength(r.length, `Object.${name}`);
        return r;
      },
    );
  }

  // Spreading an array-like into arguments first copies `length` elements
  // (`f.apply(null, { length: 1e8 })` allocates 800 MB before failing).
  const argsLength = (list, what) => arrayLength(list == null ? 0 : list.length, what);
  replace(Function.prototype, 'apply', () =>
    function (thisArg, list) {
      argsLength(list, 'Function.prototype.apply');
      return apply(this, thisArg, list == null ? [] : list);
    },
  );
  replace(Reflect, 'apply', (orig) =>
    function (target, thisArg, list) {
      argsLength(list, 'Reflect.apply');
      return orig(target, thisArg, list);
    },
  );
  replace(Reflect, 'construct', (orig) =>
    function (target, list, ...rest) {
      argsLength(list, 'Reflect.construct');
      return apply(orig, Reflect, [target, list, ...rest]);
    },
  );

  // URI coding: output is up to nine times the input.
  for (const name of ['encodeURI', 'encodeURIComponent', 'decodeURI', 'decodeURIComponent', 'escape', 'unescape']) {
    replace(globalThis, name, (orig) =>
      function (input) {
        const s = StringCtor(input);
        stringLength(s.length, name);
        return resultSize(orig(s), name);
      },
    );
  }
}
