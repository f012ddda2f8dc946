// npm run bench:flood — what a header flood does to another client's p99, on the
// twin (`appsync-local start --in-memory`, its own process) and on a bare Node
// server that does nothing but close the flood at accept (bench/flood-floor-server.ts),
// round by round in this one script. The flood is test/reliability/flood-client.mjs
// (30 at a time send 100 KB headers from 127.0.0.1) at nice 19; the measured client
// sends `{ __typename }` one at a time on a kept-alive connection from 127.0.0.2.
// The floor's ratio is the machine's: a flooder on the same cores lifts even a
// server that runs no code for it. Writes bench/results/flood.json.
//
//   npm run bench:flood -- [--rounds 3] [--seconds 3]
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startApiProcess, startFloorServer } from './api-process.js';
import { percentile } from './load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '3' } } });
const rounds = Number(values.rounds);
const phaseMs = Number(values.seconds) * 1000;
const PENALTY_MS = 1_000; // the twin's default refusalPenaltyMs

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

async function startFloor(): Promise<Target> {
  const floor = await startFloorServer(root, 'flood-floor-server.ts');
  return { name: 'bare server (floor)', url: `${floor.url}graphql`, headers: {}, stop: floor.stop };
}

async function startTwin(): Promise<Target> {
  const api = await startApiProcess({ root });
  return { name: 'twin', url: api.url, headers: { authorization: await api.mintToken('bench', 'bench-flood') }, stop: api.stop };
}

/** Sequential `{ __typename }` requests for `ms` (or until `until` settles); their latencies. */
async function measure(target: Target, agent: Agent, ms: number, until?: Promise<unknown>): Promise<number[]> {
  const { hostname, port, pathname } = new URL(target.url);
  const body = JSON.stringify({ query: '{ __typename }' });
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const req = request({ host: hostname, port, path: pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', ...target.headers } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`${target.name} answered ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  let done = false;
  until?.then(() => (done = true));
  const out: number[] = [];
  const end = performance.now() + ms;
  while (until ? !done : performance.now() < end) out.push(await one());
  return out;
}

const quantile = (xs: number[], q: number) => percentile([...xs].sort((a, b) => a - b), q * 100);

/** Quiet, flooded, quiet: the flooded p99 against the calmer quiet one. */
async function round(target: Target) {
  // Kept alive below the server's 5 s, so one connection carries every request (Node's
  // agent will not reuse a socket within a second of the server's keep-alive hint).
  const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: '127.0.0.2' });
  await measure(target, agent, 1000); // warm-up
  const before = await measure(target, agent, phaseMs);
  const flooder = fork(fileURLToPath(new URL('../test/reliability/flood-client.mjs', import.meta.url)), ['headers', target.url, 'ws://127.0.0.1:1/', '{}', String(phaseMs), String(PENALTY_MS)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  setPriority(flooder.pid!, 19);
  let out = '';
  flooder.stdout!.on('data', (d: Buffer) => (out += d));
  const exited = new Promise<void>((r) => flooder.once('exit', () => r()));
  await new Promise((r) => flooder.once('message', r));
  const during = await measure(target, agent, 0, exited);
  const after = await measure(target, agent, phaseMs);
  agent.destroy();
  const answers = (JSON.parse(out) as { answers: Record<string, number> }).answers;
  const quiet = Math.min(quantile(before, 0.99), quantile(after, 0.99));
  const flooded = quantile(during, 0.99);
  return {
    target: target.name,
    quietP99Ms: quiet,
    floodedP99Ms: flooded,
    ratio: flooded / quiet,
    addedMs: flooded - quiet,
    p50Ms: { quiet: quantile(before, 0.5), flooded: quantile(during, 0.5) },
    measuredDuringFlood: during.length,
    floodConnectionsPerSecond: Object.values(answers).reduce((a, b) => a + b, 0) / (phaseMs / 1000),
  };
}

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}`;
console.log(`machine: ${machine}`);
const targets = [await startTwin(), await startFloor()];
const rows: Awaited<ReturnType<typeof round>>[] = [];
try {
  for (let r = 1; r <= rounds; r += 1) {
    // Alternate which goes first, so neither always follows the other's flood.
    for (const target of r % 2 ? targets : [...targets].reverse()) {
      const row = await round(target);
      rows.push(row);
      console.log(
        `round ${r} ${row.target.padEnd(20)} quiet p99 ${row.quietP99Ms.toFixed(2)} ms, flooded ${row.floodedP99Ms.toFixed(2)} ms = ${row.ratio.toFixed(1)}× (+${row.addedMs.toFixed(2)} ms); p50 ${row.p50Ms.quiet.toFixed(2)} → ${row.p50Ms.flooded.toFixed(2)} ms; ${row.floodConnectionsPerSecond.toFixed(0)} flood connections/s`,
      );
    }
  }
} finally {
  for (const t of targets) await t.stop();
}
const median = (xs: number[]) => quantile(xs, 0.5);
const summary = Object.fromEntries(
  targets.map((t) => {
    const mine = rows.filter((r) => r.target === t.name);
    return [t.name, { medianRatio: median(mine.map((r) => r.ratio)), medianAddedMs: median(mine.map((r) => r.addedMs)) }];
  }),
);
console.log('\nmedian over rounds:');
for (const [name, s] of Object.entries(summary)) console.log(`  ${name.padEnd(20)} ${s.medianRatio.toFixed(1)}× the quiet p99 (+${s.medianAddedMs.toFixed(2)} ms)`);
writeFileSync(`${root}/bench/results/flood.json`, `${JSON.stringify({ machine, phaseMs, rows, summary }, null, 2)}\n`);
