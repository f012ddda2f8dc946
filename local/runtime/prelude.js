// APPSYNC_JS built-ins, evaluated INSIDE the sandbox context so that nothing a
// resolver can reach belongs to the host realm. The host lends two
// primitives-only capabilities: __host.now() (ms) and __host.random() (a float).
(function (__host) {
  'use strict';
  const ERROR = Symbol('appsync.error');
  const EARLY = Symbol('appsync.earlyReturn');
  let state = null; // per evaluation: { errors, extensions, info }

  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

  // ---- errors ---------------------------------------------------------
  function fail(message, errorType, data, errorInfo) {
    const e = { message: message === undefined ? null : String(message), errorType: errorType === undefined ? null : errorType, data: data === undefined ? null : data, errorInfo: errorInfo === undefined ? null : errorInfo };
    throw { [ERROR]: e };
  }

  // ---- ids ------------------------------------------------------------
  const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let lastUlidTime = -1;
  let lastUlidRandom = [];
  function autoUlid() {
    const now = __host.now();
    let rand;
    if (now === lastUlidTime) {
      // Monotonic within a millisecond: increment the previous randomness.
      rand = lastUlidRandom.slice();
      let i = rand.length - 1;
      while (i >= 0 && rand[i] === 31) { rand[i] = 0; i -= 1; }
      if (i >= 0) rand[i] += 1;
    } else {
      rand = [];
      for (let i = 0; i < 16; i += 1) rand.push(Math.floor(__host.random() * 32));
    }
    lastUlidTime = now;
    lastUlidRandom = rand;
    let t = now;
    let time = '';
    for (let i = 0; i < 10; i += 1) { time = CROCKFORD[t % 32] + time; t = Math.floor(t / 32); }
    return time + rand.map((r) => CROCKFORD[r]).join('');
  }
  function autoId() {
    const hex = [];
    for (let i = 0; i < 16; i += 1) hex.push(Math.floor(__host.random() * 256));
    hex[6] = (hex[6] & 0x0f) | 0x40;
    hex[8] = (hex[8] & 0x3f) | 0x80;
    const h = hex.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  const KSUID_EPOCH = 1400000000;
  const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  function autoKsuid() {
    const bytes = [];
    let ts = Math.floor(__host.now() / 1000) - KSUID_EPOCH;
    const tsb = [];
    for (let i = 0; i < 4; i += 1) { tsb.unshift(ts & 0xff); ts = Math.floor(ts / 256); }
    bytes.push(...tsb);
    for (let i = 0; i < 16; i += 1) bytes.push(Math.floor(__host.random() * 256));
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

  // ---- DynamoDB typed values ------------------------------------------
  function toDynamoDB(v) {
    if (v === null || v === undefined) return { NULL: true };
    if (typeof v === 'string') return { S: v };
    if (typeof v === 'number') return { N: v };
    if (typeof v === 'boolean') return { BOOL: v };
    if (Array.isArray(v)) return { L: v.map((x) => toDynamoDB(x)) };
    if (typeof v === 'object') return { M: toMapValues(v) };
    fail(`Cannot convert ${typeof v} to a DynamoDB value`);
  }
  function toMapValues(obj) {
    const out = {};
    for (const k of Object.keys(obj)) if (obj[k] !== undefined) out[k] = toDynamoDB(obj[k]);
    return out;
  }
  function s3Object(key, bucket, region, version) {
    const o = { key, bucket, region };
    if (version !== undefined) o.version = version;
    return { S: JSON.stringify({ s3: o }) };
  }
  const dynamodbUtil = {
    toDynamoDB,
    toMapValues,
    toString: (v) => ({ S: v }),
    toStringSet: (v) => ({ SS: v }),
    toNumber: (v) => ({ N: v }),
    toNumberSet: (v) => ({ NS: v }),
    toBinary: (v) => ({ B: v }),
    toBinarySet: (v) => ({ BS: v }),
    toBoolean: (v) => ({ BOOL: v }),
    toNull: () => ({ NULL: null }),
    toList: (v) => ({ L: v.map((x) => toDynamoDB(x)) }),
    toMap: (v) => ({ M: toMapValues(v) }),
    toS3Object: s3Object,
    fromS3ObjectJson: (s) => JSON.parse(s).s3,
  };

  // ---- filters and conditions -----------------------------------------
  // Placeholders follow AppSync's documented shape: #field and :field_operator
  // (e.g. contains(#title, :title_contains)); repeats get a numeric suffix.
  function expressionFrom(filter) {
    const names = {};
    const values = {};
    const safe = (p) => String(p).replace(/[^A-Za-z0-9_]/g, '_');
    const name = (field) => String(field).split('.').map((p) => { const k = `#${safe(p)}`; names[k] = p; return k; }).join('.');
    const value = (field, op, v) => {
      let k = `:${safe(field)}_${op}`;
      for (let i = 1; values[k] !== undefined; i += 1) k = `:${safe(field)}_${op}_${i}`;
      values[k] = toDynamoDB(v);
      return k;
    };
    const CMP = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };
    function group(obj) {
      const parts = [];
      for (const key of Object.keys(obj)) {
        const c = obj[key];
        if (key === 'and' || key === 'or') {
          parts.push(`(${c.map((x) => group(x)).join(key === 'and' ? ' AND ' : ' OR ')})`);
          continue;
        }
        if (key === 'not') { parts.push(`(NOT ${group(c)})`); continue; }
        const f = name(key);
        for (const op of Object.keys(c)) {
          const v = c[op];
          if (CMP[op]) parts.push(`${f} ${CMP[op]} ${value(key, op, v)}`);
          else if (op === 'between') parts.push(`${f} BETWEEN ${value(key, 'between', v[0])} AND ${value(key, 'between', v[1])}`);
          else if (op === 'contains') parts.push(`contains(${f}, ${value(key, op, v)})`);
          else if (op === 'notContains') parts.push(`NOT contains(${f}, ${value(key, op, v)})`);
          else if (op === 'beginsWith') parts.push(`begins_with(${f}, ${value(key, op, v)})`);
          else if (op === 'attributeExists') parts.push(v ? `attribute_exists(${f})` : `attribute_not_exists(${f})`);
          else if (op === 'attributeType') parts.push(`attribute_type(${f}, ${value(key, op, v)})`);
          else if (op === 'in') parts.push(`${f} IN (${v.map((x) => value(key, 'in', x)).join(', ')})`);
          else if (op === 'size') {
            for (const sop of Object.keys(v)) parts.push(`size(${f}) ${CMP[sop]} ${value(key, `size_${sop}`, v[sop])}`);
          } else fail(`Unsupported operator ${op}`);
        }
      }
      return parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' AND ');
    }
    const expression = group(filter);
    const out = { expression };
    if (Object.keys(names).length) out.expressionNames = names;
    if (Object.keys(values).length) out.expressionValues = values;
    return out;
  }
  const SUB_OPS = ['eq', 'ne', 'le', 'lt', 'ge', 'gt', 'contains', 'notContains', 'beginsWith', 'in', 'notIn', 'between', 'containsAny'];
  function toSubscriptionFilter(obj, ignoredFields, rules) {
    const skip = new Set(ignoredFields || []);
    const filters = [];
    for (const field of Object.keys(obj)) {
      if (skip.has(field)) continue;
      const cond = obj[field];
      for (const op of Object.keys(cond)) {
        if (SUB_OPS.indexOf(op) < 0) fail(`Unsupported subscription filter operator ${op}`);
        filters.push({ fieldName: field, operator: op, value: cond[op] });
      }
    }
    const groups = [{ filters }];
    if (rules) for (const r of [].concat(rules)) groups.push(toSubscriptionFilter(r).filterGroup[0]);
    return { filterGroup: groups };
  }
  const transform = {
    toDynamoDBFilterExpression: (f) => JSON.stringify(expressionFrom(f)),
    toDynamoDBConditionExpression: (f) => JSON.stringify(expressionFrom(f)),
    toSubscriptionFilter,
    toElasticsearchQueryDSL: () => fail('not supported locally: util.transform.toElasticsearchQueryDSL'),
  };

  // ---- time -----------------------------------------------------------
  const iso = (ms) => new __host.Date(ms);
  const time = {
    nowISO8601: () => __host.iso(__host.now()),
    nowEpochSeconds: () => Math.floor(__host.now() / 1000),
    nowEpochMilliSeconds: () => __host.now(),
    nowFormatted: (format, zone) => __host.format(__host.now(), format, zone || 'UTC'),
    parseFormattedToEpochMilliSeconds: (s, format, zone) => __host.parse(s, format, zone || 'UTC'),
    parseISO8601ToEpochMilliSeconds: (s) => __host.parseIso(s),
    epochMilliSecondsToSeconds: (ms) => Math.floor(ms / 1000),
    epochMilliSecondsToISO8601: (ms) => __host.iso(ms),
    epochMilliSecondsToFormatted: (ms, format, zone) => __host.format(ms, format, zone || 'UTC'),
  };
  void iso;

  // ---- strings, math, encodings ---------------------------------------
  const str = {
    toUpper: (s) => s.toUpperCase(),
    toLower: (s) => s.toLowerCase(),
    toReplace: (s, a, b) => s.split(a).join(b),
    normalize: (s, form) => s.normalize(String(form).toUpperCase()),
  };
  const math = {
    roundNum: (n) => Math.round(n),
    minVal: (a, b) => Math.min(a, b),
    maxVal: (a, b) => Math.max(a, b),
    randomDouble: () => __host.random(),
    randomWithinRange: (lo, hi) => Math.floor(__host.random() * (hi - lo + 1)) + lo,
  };

  const util = {
    error: fail,
    appendError(message, errorType, data, errorInfo) {
      state.errors.push({ message: message === undefined ? null : String(message), errorType: errorType === undefined ? null : errorType, data: data === undefined ? null : data, errorInfo: errorInfo === undefined ? null : errorInfo });
    },
    unauthorized() {
      fail(`Not Authorized to access ${state.info.fieldName} on type ${state.info.parentTypeName}`, 'Unauthorized');
    },
    autoId,
    autoUlid,
    autoKsuid,
    base64Encode: (s) => __host.base64Encode(s),
    base64Decode: (s) => __host.base64Decode(s),
    urlEncode: (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+'),
    urlDecode: (s) => decodeURIComponent(String(s).replace(/\+/g, ' ')),
    escapeJavaScript: (s) => JSON.stringify(String(s)).slice(1, -1).replace(/'/g, "\\'"),
    matches: (pattern, s) => new RegExp(`^(?:${pattern})$`).test(s),
    authType() {
      const id = state.identity;
      if (!id) return state.authType === 'API_KEY' ? 'API Key Authorization' : 'Lambda Authorization';
      if (id.accountId !== undefined || id.userArn !== undefined) return 'IAM Authorization';
      if (id.sub !== undefined && id.defaultAuthStrategy !== undefined) return 'User Pool Authorization';
      if (id.resolverContext !== undefined) return 'Lambda Authorization';
      return 'Open ID Connect Authorization';
    },
    isNull: (v) => v === null || v === undefined,
    isNullOrEmpty: (v) => v === null || v === undefined || v === '',
    isNullOrBlank: (v) => v === null || v === undefined || String(v).trim() === '',
    defaultIfNull: (v, d) => (v === null || v === undefined ? d : v),
    defaultIfNullOrEmpty: (v, d) => (v === null || v === undefined || v === '' ? d : v),
    defaultIfNullOrBlank: (v, d) => (v === null || v === undefined || String(v).trim() === '' ? d : v),
    isString: (v) => typeof v === 'string',
    isNumber: (v) => typeof v === 'number',
    isBoolean: (v) => typeof v === 'boolean',
    isList: (v) => Array.isArray(v),
    isMap: (v) => isObj(v),
    typeOf: (v) => (v === null || v === undefined ? 'Null' : Array.isArray(v) ? 'List' : typeof v === 'string' ? 'String' : typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Boolean' : 'Map'),
    time,
    str,
    math,
    dynamodb: dynamodbUtil,
    transform,
    http: {
      copyHeaders: (h) => Object.assign({}, h),
      addResponseHeader(name, value) { state.responseHeaders[name] = value; },
      addResponseHeaders(h) { Object.assign(state.responseHeaders, h); },
    },
    xml: {
      toMap: () => unsupported('util.xml.toMap')(),
      toJsonString: () => unsupported('util.xml.toJsonString')(),
    },
  };

  const runtime = {
    earlyReturn(value) {
      throw { [EARLY]: { value: value === undefined ? null : value } };
    },
  };

  const extensions = {
    setSubscriptionFilter(f) { state.extensions.subscriptionFilter = f; },
    setSubscriptionInvalidationFilter(f) { state.extensions.subscriptionInvalidationFilter = f; },
    invalidateSubscriptions(o) { (state.extensions.invalidateSubscriptions ||= []).push(o); },
    evictFromApiCache(typeName, fieldName, keys) { (state.extensions.evictFromApiCache ||= []).push({ typeName, fieldName, keys }); },
  };

  // ---- the dynamodb module --------------------------------------------
  function keyOf(key) { return toMapValues(key); }
  function projectionOf(p) {
    if (!p || !p.length) return undefined;
    const names = {};
    const expr = p.map((f) => String(f).split('.').map((part) => { const k = `#${part.replace(/[^A-Za-z0-9_]/g, '_')}`; names[k] = part; return k; }).join('.')).join(', ');
    return { expression: expr, expressionNames: names };
  }
  function keyCondition(query) {
    const names = {};
    const values = {};
    const parts = [];
    for (const field of Object.keys(query)) {
      const k = `#${field}`;
      names[k] = field;
      const cond = query[field];
      for (const op of Object.keys(cond)) {
        const v = `:${field}_${op}`;
        const ops = { eq: '=', le: '<=', lt: '<', ge: '>=', gt: '>' };
        if (ops[op]) { values[v] = toDynamoDB(cond[op]); parts.push(`${k} ${ops[op]} ${v}`); }
        else if (op === 'beginsWith') { values[v] = toDynamoDB(cond[op]); parts.push(`begins_with(${k}, ${v})`); }
        else if (op === 'between') { values[`${v}_0`] = toDynamoDB(cond[op][0]); values[`${v}_1`] = toDynamoDB(cond[op][1]); parts.push(`${k} BETWEEN ${v}_0 AND ${v}_1`); }
        else fail(`Unsupported key condition ${op}`);
      }
    }
    return { expression: parts.join(' AND '), expressionNames: names, expressionValues: values };
  }
  function clean(o) {
    const out = {};
    for (const k of Object.keys(o)) if (o[k] !== undefined && o[k] !== null) out[k] = o[k];
    return out;
  }
  const opTag = (type, value) => ({ __op: type, value });
  function updateExpression(update) {
    const names = {};
    const values = {};
    const sets = [];
    const removes = [];
    const adds = [];
    const deletes = [];
    let n = 0;
    for (const field of Object.keys(update)) {
      const k = `#${field.replace(/[^A-Za-z0-9_]/g, '_')}`;
      names[k] = field;
      const u = update[field];
      n += 1;
      const v = `:${field.replace(/[^A-Za-z0-9_]/g, '_')}_${n}`;
      if (u && u.__op) {
        if (u.__op === 'remove') removes.push(k);
        else if (u.__op === 'add') { values[v] = toDynamoDB(u.value); adds.push(`${k} ${v}`); }
        else if (u.__op === 'delete') { values[v] = toDynamoDB(u.value); deletes.push(`${k} ${v}`); }
        else if (u.__op === 'increment') { values[v] = toDynamoDB(u.value); sets.push(`${k} = ${k} + ${v}`); }
        else if (u.__op === 'decrement') { values[v] = toDynamoDB(u.value); sets.push(`${k} = ${k} - ${v}`); }
        else if (u.__op === 'append') { values[v] = toDynamoDB(u.value); sets.push(`${k} = list_append(${k}, ${v})`); }
        else if (u.__op === 'prepend') { values[v] = toDynamoDB(u.value); sets.push(`${k} = list_append(${v}, ${k})`); }
        else if (u.__op === 'replace') { values[v] = toDynamoDB(u.value); sets.push(`${k} = ${v}`); }
        else if (u.__op === 'updateListItem') { values[v] = toDynamoDB(u.value); sets.push(`${k}[${u.index}] = ${v}`); }
      } else if (u === null || u === undefined) removes.push(k);
      else { values[v] = toDynamoDB(u); sets.push(`${k} = ${v}`); }
    }
    const clauses = [];
    if (sets.length) clauses.push(`SET ${sets.join(', ')}`);
    if (removes.length) clauses.push(`REMOVE ${removes.join(', ')}`);
    if (adds.length) clauses.push(`ADD ${adds.join(', ')}`);
    if (deletes.length) clauses.push(`DELETE ${deletes.join(', ')}`);
    const out = { expression: clauses.join(' ') };
    if (Object.keys(names).length) out.expressionNames = names;
    if (Object.keys(values).length) out.expressionValues = values;
    return out;
  }
  const cond = (c) => (c ? expressionFrom(c) : undefined);
  const filt = (f) => (f ? expressionFrom(f) : undefined);
  const dynamodb = {
    get: (p) => clean({ operation: 'GetItem', key: keyOf(p.key), consistentRead: p.consistentRead, projection: projectionOf(p.projection) }),
    put: (p) => clean({ operation: 'PutItem', key: keyOf(p.key), attributeValues: toMapValues(p.item), condition: cond(p.condition), _version: p._version }),
    remove: (p) => clean({ operation: 'DeleteItem', key: keyOf(p.key), condition: cond(p.condition), _version: p._version }),
    update: (p) => clean({ operation: 'UpdateItem', key: keyOf(p.key), update: updateExpression(p.update), condition: cond(p.condition), _version: p._version }),
    query: (p) => clean({ operation: 'Query', query: keyCondition(p.query), filter: filt(p.filter), index: p.index, nextToken: p.nextToken, limit: p.limit, scanIndexForward: p.scanIndexForward, consistentRead: p.consistentRead, select: p.select, projection: projectionOf(p.projection) }),
    scan: (p) => clean({ operation: 'Scan', filter: filt(p.filter), index: p.index, nextToken: p.nextToken, limit: p.limit, consistentRead: p.consistentRead, segment: p.segment, totalSegments: p.totalSegments, select: p.select, projection: projectionOf(p.projection) }),
    sync: (p) => clean({ operation: 'Sync', basePartitionKey: p.basePartitionKey, deltaIndexName: p.deltaIndexName, limit: p.limit, nextToken: p.nextToken, lastSync: p.lastSync, filter: filt(p.filter) }),
    batchGet: (p) => ({ operation: 'BatchGetItem', tables: Object.fromEntries(Object.keys(p.tables).map((t) => { const v = p.tables[t]; const keys = Array.isArray(v) ? v : v.keys; return [t, clean({ keys: keys.map((k) => keyOf(k)), consistentRead: v.consistentRead, projection: projectionOf(v.projection) })]; })) }),
    batchPut: (p) => ({ operation: 'BatchPutItem', tables: Object.fromEntries(Object.keys(p.tables).map((t) => [t, p.tables[t].map((i) => toMapValues(i))])) }),
    batchDelete: (p) => ({ operation: 'BatchDeleteItem', tables: Object.fromEntries(Object.keys(p.tables).map((t) => [t, p.tables[t].map((k) => keyOf(k))])) }),
    transactGet: (p) => ({ operation: 'TransactGetItems', transactItems: p.items.map((i) => clean({ table: i.table, key: keyOf(i.key), projection: projectionOf(i.projection) })) }),
    transactWrite: (p) => ({ operation: 'TransactWriteItems', transactItems: p.items.map((i) => {
      const base = { table: i.table, key: keyOf(i.key) };
      if (i.operation === 'PutItem') return clean({ ...base, operation: 'PutItem', attributeValues: toMapValues(i.item), condition: cond(i.condition) });
      if (i.operation === 'UpdateItem') return clean({ ...base, operation: 'UpdateItem', update: updateExpression(i.update), condition: cond(i.condition) });
      if (i.operation === 'DeleteItem') return clean({ ...base, operation: 'DeleteItem', condition: cond(i.condition) });
      return clean({ ...base, operation: 'ConditionCheck', condition: cond(i.condition) });
    }) }),
    toStringSet: (v) => ({ SS: v }),
    toNumberSet: (v) => ({ NS: v }),
    toBinarySet: (v) => ({ BS: v }),
    operations: {
      add: (v) => opTag('add', v),
      remove: () => opTag('remove'),
      replace: (v) => opTag('replace', v),
      increment: (v) => opTag('increment', v),
      decrement: (v) => opTag('decrement', v),
      append: (v) => opTag('append', v),
      prepend: (v) => opTag('prepend', v),
      updateListItem: (v, index) => ({ __op: 'updateListItem', value: v, index }),
      delete: (v) => opTag('delete', v),
    },
  };

  // RDS and Bedrock helpers build requests for data sources the local server
  // does not run; each says so plainly instead of returning a wrong request.
  const unsupported = (name) => () => fail(`not supported locally: ${name}`, 'NotSupportedLocally');
  const stubs = (module, names) => {
    const out = {};
    for (const n of names) {
      const [head, tail] = n.split('.');
      if (tail) {
        out[head] = out[head] || {};
        out[head][tail] = unsupported(`${module}.${n}`);
      } else out[head] = unsupported(`${module}.${n}`);
    }
    return out;
  };
  const rds = stubs('@aws-appsync/utils/rds', [
    'sql', 'select', 'insert', 'update', 'remove', 'createPgStatement', 'createMySQLStatement', 'toJsonObject',
    'agg.avg', 'agg.avgDistinct', 'agg.count', 'agg.countDistinct', 'agg.max', 'agg.maxDistinct', 'agg.min', 'agg.minDistinct', 'agg.sum', 'agg.sumDistinct',
    'typeHint.DATE', 'typeHint.DECIMAL', 'typeHint.JSON', 'typeHint.TIME', 'typeHint.TIMESTAMP', 'typeHint.UUID',
  ]);
  const ai = stubs('@aws-appsync/utils/ai', ['converse', 'invokeModel']);
  util.rds = { toJsonObject: unsupported('util.rds.toJsonObject') };

  const modules = {
    '@aws-appsync/utils': { util, runtime, extensions },
    '@aws-appsync/utils/dynamodb': dynamodb,
    '@aws-appsync/utils/rds': rds,
    '@aws-appsync/utils/ai': ai,
  };
  const deepFreeze = (o) => {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || Object.isFrozen(o)) return;
    Object.freeze(o);
    for (const k of Object.keys(o)) deepFreeze(o[k]);
  };
  deepFreeze(modules);

  // ---- running a handler ----------------------------------------------
  // Returns a JSON string (built in here, so no host code touches sandbox objects):
  // { ok, value } | { error } | { early } plus the evaluation's side effects.
  // Time limit: resolver code calls tick() on every function entry and loop
  // iteration (inserted at compile time); every 256 ticks it reads the clock.
  const TIMEOUT = Symbol('appsync.timeout');
  let ticks = 0;
  let deadline = Infinity;
  function tick() {
    ticks += 1;
    if ((ticks & 255) === 0 && __host.now() > deadline) throw { [TIMEOUT]: true };
  }

  // What resolver code sees as globalThis: the sandbox's globals, frozen.
  const safeGlobal = Object.fromEntries(
    Object.getOwnPropertyNames(globalThis).filter((n) => !n.startsWith('__appsync')).map((n) => [n, globalThis[n]]),
  );
  safeGlobal.globalThis = safeGlobal;
  Object.freeze(safeGlobal);

  let job = null;
  function setJob(factory, fnName, ctxJson, timeoutMs) {
    job = { factory, fnName, ctxJson, timeoutMs };
  }
  function run() {
    const { factory, fnName, ctxJson, timeoutMs } = job;
    job = null;
    ticks = 0;
    deadline = timeoutMs > 0 ? __host.now() + timeoutMs : Infinity;
    const ctx = JSON.parse(ctxJson);
    state = { errors: [], extensions: {}, responseHeaders: {}, info: ctx.info || {}, identity: ctx.identity, authType: ctx.__authType };
    delete ctx.__authType;
    ctx.args = ctx.arguments;
    const out = { errors: state.errors, extensions: state.extensions };
    try {
      const mod = factory(modules, tick, safeGlobal);
      const fn = mod[fnName];
      if (typeof fn !== 'function') {
        out.missing = true;
      } else {
        const value = fn(ctx);
        out.ok = true;
        out.value = value === undefined ? null : value;
      }
    } catch (e) {
      if (e && typeof e === 'object' && e[ERROR]) out.error = e[ERROR];
      else if (e && typeof e === 'object' && e[EARLY]) out.early = e[EARLY];
      else if (e && typeof e === 'object' && e[TIMEOUT]) out.thrown = `Execution timed out after ${timeoutMs} ms`;
      else out.thrown = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    out.stash = ctx.stash;
    state = null;
    return JSON.stringify(out);
  }
  Object.defineProperty(globalThis, '__appsync_run', { value: run, writable: false, configurable: false });
  return setJob;
});
