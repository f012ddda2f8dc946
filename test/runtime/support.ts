import { evaluateCode } from '../../local/runtime/index.js';

/** Evaluates `expr` (resolver code) inside the runtime and returns its JSON value. */
export function js(expr: string, context: object = {}, imports = "import { util, runtime, extensions } from '@aws-appsync/utils';"): any {
  const code = `${imports}\nexport function request(ctx) { return ${expr}; }\nexport function response(ctx) { return ctx.result; }`;
  const answer = evaluateCode({ code, function: 'request', context });
  if (answer.error) throw new Error(answer.error.message);
  return JSON.parse(answer.evaluationResult!);
}
