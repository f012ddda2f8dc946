// npm run bench — the local API under load against the raw engine, resolver
// evaluation overhead, cold start, and consumed capacity per operation as the
// table grows. Prints a table and writes bench/results/latest.json.
//
//   npm run bench -- [--seconds 5] [--warmup 30] [--concurrency 16] [--skip-cost] [--skip-cold]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { quietAwsSdk } from '../local/util/quiet-aws-sdk.js';
import { measureApi } from './api-load.js';
import { measureColdStart } from './cold-start.js';
import { measureCost } from './cost.js';
import { measureEvaluation } from './evaluation.js';
import { measureLayer } from './layer.js';

quietAwsSdk();
const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '16' },
    'skip-cost': { type: 'boolean', default: false },
    'skip-cold': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`machine: ${machine}`);

const evaluation = await measureEvaluation(root);
console.log(`resolver evaluation (Query.getItem request+response): ${evaluation.wallMicrosPerPair.toFixed(1)} µs wall, ${evaluation.cpuMicrosPerPair.toFixed(1)} µs CPU per pair`);

const layer = await measureLayer(root);
console.log(`our layer per getItem (auth with a known token, GraphQL, resolver, JSON answer; no I/O): ${layer.cpuMicrosPerRequest.toFixed(1)} µs CPU`);

const cold = values['skip-cold'] ? null : await measureColdStart(root);
if (cold) {
  const row = (f: { medianMs: number; minMs: number; maxMs: number }) => `median ${f.medianMs} ms (min ${f.minMs}, max ${f.maxMs})`;
  console.log(`cold start, process spawn → first answer with data, ${cold.ours.runs.length} runs each in turn after ${cold.warmupRuns} unmeasured:`);
  console.log(`  appsync-local start --in-memory (DynamoDB Local in memory): ${row(cold.ours)}`);
  console.log(`  Amplify mock's AppSync simulator (NONE data source, no DynamoDB): ${row(cold.amplifyMock)}`);
}

const load = await measureApi({ root, seconds, concurrency, warmupSeconds: Number(values.warmup) });
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');
console.log(`\nload: ${concurrency} concurrent, ${seconds} s each after ${load.warmupSeconds} s of warm-up, table of ${load.seededItems} items over ${load.users} users (API: appsync-local start in its own process)`);
console.log('operation'.padEnd(22) + 'req/s'.padStart(9) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9) + '  raw op'.padEnd(17) + 'raw req/s'.padStart(10) + 'API/raw'.padStart(9));
for (const row of load.rows) {
  console.log(
    row.operation.padEnd(22) +
      fmt(row.api.rps).padStart(9) +
      fmt(row.api.p50Ms, 1).padStart(9) +
      fmt(row.api.p99Ms, 1).padStart(9) +
      `  ${row.rawOperation}`.padEnd(17) +
      fmt(row.raw.rps).padStart(10) +
      fmt(row.ratio, 2).padStart(9) +
      (row.api.errors ? `  (${row.api.errors} errors: ${row.api.firstError})` : ''),
  );
}

if (load.rows.some((r) => r.wireBaseline)) {
  console.log('"GetItem, wire": the raw side on the server\'s own DynamoDB transport instead of AWS SDK v3 — the engine\'s ceiling from this machine.');
}
if (load.rows.some((r) => r.floor)) {
  console.log('"bare proxy": the same GetItem through a do-nothing HTTP server on the server\'s DynamoDB transport (bench/proxy-server.ts) — the floor for any layer that adds an HTTP hop; the API\'s getItem row is that plus our layer.');
}
console.log('\nCPU ms per request (load generator + API server + engine; raw: load generator + engine):');
console.log('operation'.padEnd(22) + 'API: gen'.padStart(9) + 'server'.padStart(8) + 'engine'.padStart(8) + 'total'.padStart(8) + '   raw: gen'.padStart(12) + 'engine'.padStart(8) + 'total'.padStart(8));
for (const row of load.rows) {
  const a = row.cpuMsPerRequest.api;
  const r = row.cpuMsPerRequest.raw;
  console.log(
    (row.wireBaseline ? `${row.operation} vs wire` : row.operation).padEnd(22) +
      fmt(a.loadGenerator, 2).padStart(9) +
      fmt(a.apiServer, 2).padStart(8) +
      fmt(a.engine, 2).padStart(8) +
      fmt(a.loadGenerator + a.apiServer + a.engine, 2).padStart(8) +
      fmt(r.loadGenerator, 2).padStart(12) +
      fmt(r.engine, 2).padStart(8) +
      fmt(r.loadGenerator + r.engine, 2).padStart(8),
  );
}

const cost = values['skip-cost'] ? null : await measureCost({ root, sizes: [1_000, 10_000, 100_000] });
if (cost) {
  // "before": the same measurement in the previous results file, at the largest size it has.
  const previous = readPreviousCost(`${root}/bench/results/latest.json`);
  console.log('\nconsumed capacity units per API operation (ReturnConsumedCapacity), by table size:');
  console.log('operation'.padEnd(32) + cost.sizes.map((s) => `${s} items`.padStart(14)).join('') + `before (${previous?.date.slice(0, 10) ?? 'none'})`.padStart(24));
  for (const row of cost.rows) {
    const before = previous?.rows.find((r) => r.operation === row.operation)?.units.at(-1);
    console.log(row.operation.padEnd(32) + row.units.map((u) => fmt(u, 1).padStart(14)).join('') + (before === undefined ? '—' : fmt(before, 1)).padStart(24));
  }
}

function readPreviousCost(file: string): { date: string; rows: Array<{ operation: string; units: number[] }> } | null {
  if (!existsSync(file)) return null;
  const prev = JSON.parse(readFileSync(file, 'utf8')) as { date: string; cost?: { rows: Array<{ operation: string; units: number[] }> } | null };
  return prev.cost ? { date: prev.date, rows: prev.cost.rows } : null;
}

mkdirSync(`${root}/bench/results`, { recursive: true });
const out = { date: new Date().toISOString(), machine, seconds, concurrency, evaluation, layer, cold, load, cost };
writeFileSync(`${root}/bench/results/latest.json`, `${JSON.stringify(out, null, 2)}\n`);
console.log('\nwrote bench/results/latest.json');
process.exit(0);
