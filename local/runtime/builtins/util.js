// The `util` object of @aws-appsync/utils: errors, ids, encodings, type
// checks, and the namespaces that have files of their own.
import { dynamodbUtil } from './dynamodb-values.js';
import { host } from './host.js';
import { autoId, autoKsuid, autoUlid } from './ids.js';
import { boundStringsDeep } from './limits.js';
import { math } from './math.js';
import { rdsUtil } from './rds-module.js';
import { current, errorObject, errorSignal, fail, isObj, unsupported } from './state.js';
import { str } from './str.js';
import { time } from './time.js';
import { transform } from './transform.js';

// util.authType() reads the mode off ctx.identity, as recorded from EvaluateCode
// (localstack/appsync-utils authType.test.js.snap): an identity belongs to a mode
// when all its keys are that mode's and the mode's required keys are not null;
// anything else, no identity included, is an API key request.
const AUTH_MODES = [
  ['IAM Authorization', ['accountId', 'cognitoIdentityPoolId', 'cognitoIdentityId', 'sourceIp', 'username', 'userArn', 'cognitoIdentityAuthType', 'cognitoIdentityAuthProvider'], ['accountId', 'sourceIp', 'username', 'userArn']],
  ['User Pool Authorization', ['sourceIp', 'username', 'groups', 'sub', 'issuer', 'claims', 'defaultAuthStrategy'], ['sourceIp', 'username', 'sub', 'issuer', 'claims', 'defaultAuthStrategy']],
  // sourceIp is allowed here for the local server's OIDC identities (no AWS record either way).
  ['Open ID Connect Authorization', ['sub', 'issuer', 'claims', 'sourceIp'], ['sub', 'issuer', 'claims']],
  // A Lambda authorizer may return no context, leaving an identity with no keys.
  ['Lambda Authorization', ['resolverContext'], []],
];

function authTypeOf(state) {
  const id = state.identity;
  if (!isObj(id)) return 'API Key Authorization';
  const keys = Object.keys(id);
  for (const [mode, allowed, required] of AUTH_MODES) {
    if (keys.every((k) => allowed.indexOf(k) >= 0) && required.every((k) => id[k] !== null && id[k] !== undefined)) return mode;
  }
  return 'API Key Authorization';
}

// "HTTP helpers in util.http": copyHeaders drops these; addResponseHeader also
// refuses the CORS/Vary/Content-Type names and the x-amz(n)- prefixes, and an
// empty name, a refused name or a null value is ignored with a
// ResponseHeaderError in the operation's errors (its message is not documented).
const HOP_BY_HOP = new Set(['transfer-encoding', 'connection', 'host', 'expect', 'keep-alive', 'upgrade', 'proxy-authenticate', 'proxy-authorization', 'te', 'content-length']);
const RESPONSE_ONLY = new Set([
  'access-control-allow-credentials',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
  'content-type',
]);

function addResponseHeader(name, value) {
  const n = name === null || name === undefined ? '' : String(name);
  const lower = n.toLowerCase();
  if (!n || HOP_BY_HOP.has(lower) || RESPONSE_ONLY.has(lower) || lower.startsWith('x-amz-') || lower.startsWith('x-amzn-') || value === null || value === undefined) {
    current().errors.push(errorObject(`Response header '${n}' was ignored: empty or restricted name, or null value`, 'ResponseHeaderError'));
    return;
  }
  current().responseHeaders[n] = value;
}

const blank = (v) => v === null || v === undefined || String(v).trim() === '';

// Every helper that takes a string refuses one over the size cap (limits.js)
// before doing any work: AWS documents no such limit (it is the local server's own).
export const util = boundStringsDeep({
  error: fail,
  appendError(message, errorType, data, errorInfo) {
    current().errors.push(errorObject(message, errorType, data, errorInfo));
  },
  // EvaluateCode answers the message `Unauthorized` (localstack/appsync-utils
  // resolvers.test.js.snap, "error handling unauthorized"); a GraphQL field error
  // keeps AppSync's "Not Authorized to access F on type T" ("Built-in utilities":
  // util.unauthorized throws Unauthorized for the field being resolved), so the
  // error carries both and evaluateCode reports `evaluateMessage`.
  unauthorized() {
    const { info } = current();
    const e = errorObject(`Not Authorized to access ${info.fieldName} on type ${info.parentTypeName}`, 'Unauthorized');
    e.evaluateMessage = 'Unauthorized';
    throw errorSignal(e);
  },
  autoId,
  autoUlid,
  autoKsuid,
  base64Encode: (s) => host.base64Encode(s),
  base64Decode: (s) => host.base64Decode(s),
  // "Built-in utilities": application/x-www-form-urlencoded, whose byte set left
  // as is is alphanumerics and `*-._` (space as `+`); encodeURIComponent also
  // leaves `!'()~`, so those are escaped and `*` put back.
  urlEncode: (s) =>
    encodeURIComponent(s)
      .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+'),
  urlDecode: (s) => decodeURIComponent(String(s).replace(/\+/g, ' ')),
  escapeJavaScript: (s) => JSON.stringify(String(s)).slice(1, -1).replace(/'/g, "\\'"),
  matches: (pattern, s) => new RegExp(`^(?:${pattern})$`).test(s),
  authType: () => authTypeOf(current()),
  isNull: (v) => v === null || v === undefined,
  isNullOrEmpty: (v) => v === null || v === undefined || v === '',
  isNullOrBlank: blank,
  defaultIfNull: (v, d) => (v === null || v === undefined ? d : v),
  defaultIfNullOrEmpty: (v, d) => (v === null || v === undefined || v === '' ? d : v),
  defaultIfNullOrBlank: (v, d) => (blank(v) ? d : v),
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
  rds: rdsUtil,
  http: {
    copyHeaders(h) {
      const out = {};
      for (const k of Object.keys(h || {})) if (!HOP_BY_HOP.has(k.toLowerCase())) out[k] = h[k];
      return out;
    },
    addResponseHeader,
    addResponseHeaders(h) {
      for (const k of Object.keys(h || {})) addResponseHeader(k, h[k]);
    },
  },
  xml: {
    toMap: unsupported('util.xml.toMap'),
    toJsonString: unsupported('util.xml.toJsonString'),
  },
}, 'util');
