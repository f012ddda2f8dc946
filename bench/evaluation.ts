// Resolver evaluation overhead: our Query.getItem bundle, request + response,
// through the sandboxed runtime with an in-process data source (no I/O), so
// the figure is the runtime's own cost per field. Wall time and this
// process's CPU time are both reported: on a shared machine the CPU figure is
// the one other processes disturb least.
//   npx tsx bench/evaluation.ts     (also part of npm run bench)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApi } from '../local/build/index.js';
import { compileCode, runUnitResolver } from '../local/runtime/index.js';
import type { ResolverContextInput } from '../local/runtime/types.js';
import { timeCalls } from './cpu.js';

export interface EvaluationResult {
  wallMicrosPerPair: number;
  cpuMicrosPerPair: number;
  iterations: number;
}

export async function measureEvaluation(root: string, iterations = 50_000): Promise<EvaluationResult> {
  const { api } = await buildApi({ root });
  const file = `${root}/${api.outDir}/Query/getItem.js`;
  const code = compileCode(readFileSync(file, 'utf8'), file);
  const item = { pk: 'USER#u1', sk: 'ITEM#i1', userId: 'u1', itemId: 'i1', title: 't', status: 'TODO', version: 1 };
  const ctx: ResolverContextInput = {
    arguments: { itemId: 'i1' },
    identity: { sub: 'u1', username: 'u1', claims: {}, issuer: 'local', sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups: null },
    source: null,
    info: { fieldName: 'getItem', parentTypeName: 'Query', variables: {}, selectionSetList: ['itemId', 'title'], selectionSetGraphQL: '{ itemId title }' },
    request: { headers: {}, domainName: null },
    env: { TABLE_NAME: 'items' },
  };
  const invoke = async () => ({ result: item });
  const once = () => runUnitResolver({ code, ctx, invoke });
  const check = await once();
  if (check.error || (check.data as { itemId?: string }).itemId !== 'i1') throw new Error(`getItem misbehaves: ${JSON.stringify(check)}`);
  const t = await timeCalls(once, iterations);
  return { wallMicrosPerPair: t.wallMicros, cpuMicrosPerPair: t.cpuMicros, iterations };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await measureEvaluation(fileURLToPath(new URL('..', import.meta.url)));
  console.log(`Query.getItem request+response: ${r.wallMicrosPerPair.toFixed(1)} µs wall, ${r.cpuMicrosPerPair.toFixed(1)} µs CPU per pair (${r.iterations} runs after warm-up; target ≤ 50 µs)`);
}
