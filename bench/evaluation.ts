// Resolver evaluation overhead: Query.getItem's bundle, request + response,
// through the sandboxed runtime with an in-process data source (no I/O), so
// the figure is the runtime's own cost per field.
import { readFileSync } from 'node:fs';
import { buildApi } from '../local/build/index.js';
import { compileCode, runUnitResolver } from '../local/runtime/index.js';
import type { ResolverContextInput } from '../local/runtime/types.js';

export interface EvaluationResult {
  microsPerPair: number;
  iterations: number;
}

export async function measureEvaluation(root: string, iterations = 20_000): Promise<EvaluationResult> {
  const { api } = await buildApi({ root });
  const file = `${root}/${api.outDir}/Query/getItem.js`;
  const code = compileCode(readFileSync(file, 'utf8'), file);
  const item = { userId: 'u1', itemId: 'i1', title: 't', status: 'TODO', version: 1 };
  const ctx: ResolverContextInput = {
    arguments: { itemId: 'i1' },
    identity: { sub: 'u1', username: 'u1', claims: {}, issuer: 'local', sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups: null },
    source: null,
    info: { fieldName: 'getItem', parentTypeName: 'Query', variables: {}, selectionSetList: ['itemId'], selectionSetGraphQL: '{ itemId }' },
    request: { headers: {}, domainName: null },
    env: { TABLE_NAME: 'items' },
  };
  const invoke = async () => ({ result: item });
  const once = () => runUnitResolver({ code, ctx, invoke });
  for (let i = 0; i < 2_000; i += 1) await once(); // warm-up: JIT and caches
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) await once();
  const ns = Number(process.hrtime.bigint() - t0);
  return { microsPerPair: ns / iterations / 1000, iterations };
}
