// Runtime overhead per field: µs per request + response pair of a GetItem-style
// resolver, run through the sandbox with an in-process data source (no I/O),
// after a warm-up. Run: npx tsx bench/runtime-eval.ts
import { compileCode, runUnitResolver } from '../local/runtime/index.js';
import type { ResolverContextInput } from '../local/runtime/types.js';

// What esbuild emits for a typical GetItem resolver.
const bundle = `import { util } from "@aws-appsync/utils";
import * as ddb from "@aws-appsync/utils/dynamodb";
function request(ctx) {
  return ddb.get({ key: { pk: "USER#" + ctx.identity.sub, sk: "ITEM#" + ctx.args.itemId } });
}
function response(ctx) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result) util.error("Item not found", "NotFound");
  const { pk, sk, ...rest } = ctx.result;
  return { ...rest, itemId: sk.slice(5) };
}
export { request, response };
`;

const ctx: ResolverContextInput = {
  arguments: { itemId: '01HXYZ' },
  identity: { sub: 'u1', username: 'u1', claims: {}, issuer: 'local', sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups: null },
  source: null,
  info: { fieldName: 'getItem', parentTypeName: 'Query', variables: {}, selectionSetList: ['itemId', 'title'], selectionSetGraphQL: '{ itemId title }' },
  request: { headers: {}, domainName: null },
};
const item = { pk: 'USER#u1', sk: 'ITEM#01HXYZ', title: 't', status: 'TODO', version: 1 };

const code = compileCode(bundle, 'getItem.js');
const invoke = async () => ({ result: item });
const once = () => runUnitResolver({ code, ctx, invoke });

const check = await once();
if (check.error || (check.data as { itemId?: string }).itemId !== '01HXYZ') throw new Error(`benchmark resolver misbehaves: ${JSON.stringify(check)}`);

const warmup = 5_000;
const iterations = 50_000;
for (let i = 0; i < warmup; i += 1) await once();
// Wall time, and CPU time of this process: on a shared machine the CPU figure
// is the one that does not depend on what the other processes are doing.
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (let i = 0; i < iterations; i += 1) await once();
const wall = Number(process.hrtime.bigint() - t0) / iterations / 1000;
const used = process.cpuUsage(cpu0);
const cpu = (used.user + used.system) / iterations;
console.log(
  `runtime evaluation (GetItem resolver, ${iterations} runs after ${warmup} warm-up, target ≤ 50 µs): ` +
    `${wall.toFixed(1)} µs wall, ${cpu.toFixed(1)} µs CPU per request+response pair`,
);
