// The `util` object of @aws-appsync/utils: errors, ids, encodings, type
// checks, and the namespaces that have files of their own.
import { dynamodbUtil } from './dynamodb-values.js';
import { host } from './host.js';
import { autoId, autoKsuid, autoUlid } from './ids.js';
import { math } from './math.js';
import { rdsUtil } from './rds-module.js';
import { current, errorObject, fail, isObj, unsupported } from './state.js';
import { str } from './str.js';
import { time } from './time.js';
import { transform } from './transform.js';

const blank = (v) => v === null || v === undefined || String(v).trim() === '';

export const util = {
  error: fail,
  appendError(message, errorType, data, errorInfo) {
    current().errors.push(errorObject(message, errorType, data, errorInfo));
  },
  unauthorized() {
    const { info } = current();
    fail(`Not Authorized to access ${info.fieldName} on type ${info.parentTypeName}`, 'Unauthorized');
  },
  autoId,
  autoUlid,
  autoKsuid,
  base64Encode: (s) => host.base64Encode(s),
  base64Decode: (s) => host.base64Decode(s),
  urlEncode: (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+'),
  urlDecode: (s) => decodeURIComponent(String(s).replace(/\+/g, ' ')),
  escapeJavaScript: (s) => JSON.stringify(String(s)).slice(1, -1).replace(/'/g, "\\'"),
  matches: (pattern, s) => new RegExp(`^(?:${pattern})$`).test(s),
  authType() {
    const { identity: id, authType } = current();
    if (!id) return authType === 'API_KEY' ? 'API Key Authorization' : 'Lambda Authorization';
    if (id.accountId !== undefined || id.userArn !== undefined) return 'IAM Authorization';
    if (id.sub !== undefined && id.defaultAuthStrategy !== undefined) return 'User Pool Authorization';
    if (id.resolverContext !== undefined) return 'Lambda Authorization';
    return 'Open ID Connect Authorization';
  },
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
    copyHeaders: (h) => Object.assign({}, h),
    addResponseHeader(name, value) { current().responseHeaders[name] = value; },
    addResponseHeaders(h) { Object.assign(current().responseHeaders, h); },
  },
  xml: {
    toMap: unsupported('util.xml.toMap'),
    toJsonString: unsupported('util.xml.toJsonString'),
  },
};
