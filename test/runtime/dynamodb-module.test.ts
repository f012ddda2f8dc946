// The dynamodb module's twin-specific behaviour. Its output shapes are held
// against AWS in test/conformance/dynamodb-module.test.ts; what is here is what
// AWS does not record: operations surviving a trip through ctx.stash, and what
// the module does with input it cannot use.
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../local/runtime/index.js';
import { evalExpr } from './helpers.js';

describe('@aws-appsync/utils/dynamodb', () => {
  it('update reads operations that went through JSON (ctx.stash in a pipeline) as plain tagged objects', () => {
    const stashed = { age: { type: 'OPERATION_INCREMENT', by: 2 }, tags: { type: 'OPERATION_APPEND', items: ['x'] }, old: { type: 'OPERATION_REMOVE' } };
    expect(evalExpr('ddb.update({ key: { id: "1" }, update: ctx.stash.u })', { stash: { u: stashed } })).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: '1' } },
      update: {
        expression: 'SET #expName_1 = #expName_1 + :expValue_1, #expName_2 = list_append(#expName_2, :expValue_2) REMOVE #expName_3',
        expressionNames: { '#expName_1': 'age', '#expName_2': 'tags', '#expName_3': 'old' },
        expressionValues: { ':expValue_1': { N: 2 }, ':expValue_2': { L: [{ S: 'x' }] } },
      },
    });
  });

  it('an operation type it does not know ends the handler with an error naming it', () => {
    const a = evaluateCode({
      code: `import * as ddb from '@aws-appsync/utils/dynamodb';\nexport function request(ctx) { return ddb.update({ key: { id: "1" }, update: { a: { type: "OPERATION_MULTIPLY", by: 2 } } }); }\nexport function response(ctx) { return null; }`,
      function: 'request',
      context: {},
    });
    expect(a.error?.message).toBe('Unsupported update operation OPERATION_MULTIPLY');
  });

  it('a condition util.transform cannot render is left out of the request', () => {
    expect(evalExpr('ddb.put({ key: { id: "1" }, item: {}, condition: { v: { bogus: 1 } } })')).toEqual({ operation: 'PutItem', key: { id: { S: '1' } }, attributeValues: {} });
  });

  it('updateListItem markers serialise to {} but still drive update()', () => {
    expect(evalExpr('[ddb.operations.updateListItem("x", 0), ddb.update({ key: { id: "1" }, update: { l: [ddb.operations.updateListItem("x", 0)] } }).update.expression]')).toEqual([
      {},
      'SET #expName_1[0] = :expValue_1',
    ]);
  });
});
