// Where a handler runs. Every job starts on the host's thread, in the main
// sandbox, with a short slice (SLICE_MS): that is the common path, and it
// costs nothing more than before (~20 µs per request+response pair). A job
// that outlives its slice, or is about to do what no probe can interrupt (a
// regexp without a linear-time fallback, one built-in call over 100,000
// units: builtins/runner.js), ends there with an escalation signal and runs
// again, whole, on a pool of worker threads (evaluator-worker.ts), each its
// own V8 isolate with its own sandbox and a heap limit (resourceLimits). So:
// - a runaway resolver occupies a worker, not the event loop: other clients
//   keep their latency (test/reliability/hostile-resolvers.test.ts);
// - a worker past the time limit (a backtracking regexp inside one call) is
//   terminated from outside, which V8 honours even inside irregexp;
// - a worker whose heap fills up dies alone (ERR_WORKER_OUT_OF_MEMORY) and
//   the process lives on; a fresh worker replaces it.
// Measured alternatives (README): a vm `timeout` around every handler costs
// ~40 µs per call, and every job on a worker ~12 µs per message round trip,
// two per pair on top of the evaluation: both over the 25 µs budget per pair.
// AWS documents no memory limit or isolation model for APPSYNC_JS: these are
// the local server's own.
import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { WorkerAnswer, WorkerJob } from './evaluator-worker.js';

/** How long a job may run on the host's thread before it moves to a worker. */
export const SLICE_MS = 5;
/** Workers that run escalated jobs at the same time; more wait their turn. */
const POOL_SIZE = 2;
/** Heap of one worker (old generation), in MB: above the sandbox's own 256 MB meter, which normally answers first. */
export const WORKER_HEAP_MB = 512;
/** How long after its time limit a job's worker is terminated (the worker's own meter normally stops it first). */
const GRACE_MS = 50;
/** How long a synchronous caller waits for a fresh worker to start. */
const START_MS = 15_000;

export interface IsolatedJob {
  text: string;
  filename: string;
  fn: string;
  ctxJson: string;
  timeoutMs: number;
  spentMs: number;
}

/** The runner's JSON text, or why the worker gave none. */
export type IsolatedResult = { text: string } | { failure: string };

interface Pending {
  job: IsolatedJob;
  resolve: (r: IsolatedResult) => void;
}

interface Slot {
  worker: Worker;
  /** [0]: 1 once started, +1 per synchronous answer. */
  done: Int32Array;
  syncPort: MessagePort;
  ready: boolean;
  busy: (Pending & { id: number; timer: NodeJS.Timeout }) | null;
}

let source: string | undefined;
/** The worker's code as one CommonJS script (the sources are TypeScript in the repository, JavaScript in dist/). */
function workerSource(): string {
  if (source === undefined) {
    const ts = fileURLToPath(new URL('./evaluator-worker.ts', import.meta.url));
    const entry = existsSync(ts) ? ts : fileURLToPath(new URL('./evaluator-worker.js', import.meta.url));
    const out = buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'cjs', platform: 'node', target: 'node20', legalComments: 'none' });
    // Tell the main thread (and a synchronous waiter) that the sandbox is built.
    source = `${out.outputFiles[0].text}\n;{ const w = require('node:worker_threads'); Atomics.add(new Int32Array(w.workerData.signal), 0, 1); Atomics.notify(new Int32Array(w.workerData.signal), 0); w.parentPort.postMessage({ ready: true }); }`;
  }
  return source;
}

const memoryFailure = `Execution exceeded the memory limit of ${WORKER_HEAP_MB} MB`;
const timeoutFailure = (ms: number) => `Execution timed out after ${ms} ms`;

export interface EvaluatorPool {
  run(job: IsolatedJob): Promise<IsolatedResult>;
  /** The same, blocking this thread (for the synchronous evaluateCode). */
  runSync(job: IsolatedJob): IsolatedResult;
}

export function createEvaluatorPool(builtins: () => string): EvaluatorPool {
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;

  const remove = (slot: Slot, failure: string) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    if (slot.busy) {
      clearTimeout(slot.busy.timer);
      slot.busy.resolve({ failure });
      slot.busy = null;
    }
    void slot.worker.terminate();
    dispatch();
  };

  const spawn = (): Slot => {
    const signal = new SharedArrayBuffer(4);
    const channel = new MessageChannel();
    const worker = new Worker(workerSource(), {
      eval: true,
      execArgv: [],
      workerData: { builtins: builtins(), signal, syncPort: channel.port2 },
      transferList: [channel.port2],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    });
    const slot: Slot = { worker, done: new Int32Array(signal), syncPort: channel.port1, ready: false, busy: null };
    worker.unref();
    channel.port1.unref();
    worker.on('message', (m: WorkerAnswer | { ready: true }) => {
      if ('ready' in m) {
        slot.ready = true;
      } else if (slot.busy && slot.busy.id === m.id) {
        const { resolve, timer } = slot.busy;
        clearTimeout(timer);
        slot.busy = null;
        resolve(typeof m.text === 'string' ? { text: m.text } : { failure: 'Execution failed' });
      }
      dispatch();
    });
    worker.on('error', (err: Error & { code?: string }) => remove(slot, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memoryFailure : 'Execution failed'));
    worker.on('exit', () => remove(slot, 'Execution failed'));
    slots.push(slot);
    return slot;
  };

  function dispatch(): void {
    while (queue.length) {
      const slot = slots.find((s) => s.ready && !s.busy);
      if (!slot) {
        // Start another worker if there is room; the queue moves on when it is ready.
        if (slots.length < POOL_SIZE && !slots.some((s) => !s.ready)) spawn();
        return;
      }
      const p = queue.shift()!;
      const id = nextId;
      nextId += 1;
      const timer = setTimeout(() => remove(slot, timeoutFailure(p.job.timeoutMs)), p.job.timeoutMs - p.job.spentMs + GRACE_MS);
      slot.busy = { ...p, id, timer };
      const msg: WorkerJob = { id, ...p.job, sync: false };
      slot.worker.postMessage(msg);
    }
  }

  return {
    run(job) {
      return new Promise((resolve) => {
        queue.push({ job, resolve });
        dispatch();
      });
    },
    runSync(job) {
      let slot = slots.find((s) => !s.busy && Atomics.load(s.done, 0) > 0);
      if (!slot) {
        slot = spawn();
        if (Atomics.wait(slot.done, 0, 0, START_MS) === 'timed-out') {
          remove(slot, 'Execution failed');
          return { failure: 'Execution failed: the isolated evaluator did not start' };
        }
      }
      slot.ready = true;
      const id = nextId;
      nextId += 1;
      const before = Atomics.load(slot.done, 0);
      const msg: WorkerJob = { id, ...job, sync: true };
      slot.worker.postMessage(msg);
      const end = performance.now() + job.timeoutMs - job.spentMs + GRACE_MS;
      for (let left = end - performance.now(); Atomics.load(slot.done, 0) === before && left > 0; left = end - performance.now()) {
        Atomics.wait(slot.done, 0, before, left);
      }
      for (let m = receiveMessageOnPort(slot.syncPort); m; m = receiveMessageOnPort(slot.syncPort)) {
        const a = m.message as WorkerAnswer;
        if (a.id === id) return typeof a.text === 'string' ? { text: a.text } : { failure: 'Execution failed' };
      }
      // No answer in time: stopped. A worker that died of its heap cap cannot
      // tell a blocked thread so; it is reported at the time limit too (rare:
      // the sandbox's own 256 MB meter normally answers first).
      remove(slot, timeoutFailure(job.timeoutMs));
      return { failure: timeoutFailure(job.timeoutMs) };
    },
  };
}
