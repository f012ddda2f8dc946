// EvaluateCode's error answers. EvaluateCode reports an error as a message only
// (no errorType); the recorder compared `{ message }`, and so do these cases.
import { describe } from 'vitest';
import { localstackRecord, moduleCases } from './support.js';

const REC = (name: string) => ({ recorded: localstackRecord('resolvers.test.js.snap', name) });
const handler = (body: string) => `export function request(ctx) {\n  ${body}\n}\nexport function response(ctx) {}\n`;

describe('EvaluateCode error messages', () => {
  moduleCases([
    { name: 'util.error answers its message', source: REC('error handling error 1'), code: handler('util.error("foo")'), expect: { message: 'foo' } },
    {
      name: 'util.unauthorized answers Unauthorized',
      source: REC('error handling unauthorized 1'),
      code: handler('util.unauthorized()'),
      expect: { message: 'Unauthorized' },
    },
    {
      name: 'util.unauthorized answers Unauthorized whatever field the context names',
      source: {
        recorded: localstackRecord('resolvers.test.js.snap', 'error handling unauthorized 1'),
        note: 'recorded with an empty context; the message names no field there, so none is assumed here either',
      },
      code: handler('util.unauthorized()'),
      context: { info: { fieldName: 'getItem', parentTypeName: 'Query' } },
      expect: { message: 'Unauthorized' },
    },
    {
      name: 'util.error with a type, data and info still answers the message alone',
      source: {
        doc: 'Built-in utilities › Error utils › util.error',
        note: 'EvaluateCode answers { message } only (recorded for util.error("foo")); errorType, data and errorInfo reach a GraphQL response, not this answer',
      },
      code: handler('util.error("bad input", "ValidationError", { a: 1 }, { b: 2 })'),
      expect: { message: 'bad input' },
    },
    {
      name: 'util.error in the response handler',
      source: { doc: 'Built-in utilities › Error utils › util.error', note: 'usable in request and response handlers alike' },
      code: 'export function request(ctx) { return {}; }\nexport function response(ctx) { util.error("after the call"); }\n',
      fn: 'response',
      context: { result: {} },
      expect: { message: 'after the call' },
    },
    {
      name: 'util.appendError does not end the handler',
      source: { doc: 'Built-in utilities › Error utils › util.appendError', note: 'the handler goes on and its value is the answer; the appended error goes to outErrors' },
      code: handler('util.appendError("soft", "Warn");\n  return { ok: true };'),
      expect: { ok: true },
    },
  ]);
});
