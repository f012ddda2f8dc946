// appsync-local evaluate: the local twin of AppSync's EvaluateCode API.
// Prints the same JSON fields (evaluationResult, error, logs, stash, outErrors).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateCodeWithSources } from '../../runtime/index.js';

const USAGE = `usage: appsync-local evaluate --code FILE --function request|response --context FILE|-

Runs one handler of a bundled APPSYNC_JS resolver or function, as AppSync's
EvaluateCode does, and prints its answer as JSON. --context - reads stdin.
Errors are also printed to stderr at their TypeScript source line when the
bundle carries a source map (inline, or FILE.map beside it).
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      code: { type: 'string' },
      function: { type: 'string' },
      context: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.code || !values.context || (values.function !== 'request' && values.function !== 'response')) {
    process.stderr.write(USAGE);
    return 2;
  }
  const context = values.context === '-' ? await readStdin() : readFileSync(values.context, 'utf8');
  const { answer, sources } = evaluateCodeWithSources({
    code: readFileSync(values.code, 'utf8'),
    function: values.function,
    context,
    filename: values.code,
  });
  process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  for (const line of sources) process.stderr.write(`${line}\n`);
  return answer.error ? 1 : 0;
}
