// The isolated evaluator's thread (see evaluator.ts): its own V8 isolate with
// its own sandbox, heap limit and host capabilities. Jobs come in with the
// factory's source (compiled once per source) and go out as the runner's
// JSON text. The main thread stops this thread from outside when a job
// outlives its time limit, and V8 ends it when its heap is full.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createHost } from './host.js';
import { createSandbox } from './sandbox.js';

export interface WorkerJob {
  id: number;
  /** The factory's source (module.ts) and the file's base name. */
  text: string;
  filename: string;
  fn: string;
  ctxJson: string;
  timeoutMs: number;
  /** Of timeoutMs, already used by the in-process attempt. */
  spentMs: number;
  /** Answer on the synchronous port and wake the waiting thread (evaluateCode). */
  sync: boolean;
}

export interface WorkerAnswer {
  id: number;
  text: unknown;
}

// Below the event loop's priority: on a machine with few cores a runaway job
// must not take the CPU from the thread that answers everyone else. Linux only
// (setpriority on a thread id affects that thread); elsewhere nothing changes.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // Not Linux, or not allowed: the worker keeps the process's priority.
}

const { builtins, signal, syncPort } = workerData as { builtins: string; signal: SharedArrayBuffer; syncPort: MessagePort };
const host = createHost();
const sandbox = createSandbox(builtins, host);
// The meter measures an evaluation's growth from the heap it starts on: a
// heap still holding the last job's garbage (up to its 256 MB) plus a new
// job's 256 MB would pass this worker's cap before the meter could answer.
// So a job leaves the heap collected when it left much behind (off the
// server's thread: the GC costs the others nothing).
const COLLECT_ABOVE_BYTES = 64 * 1024 * 1024;
const done = new Int32Array(signal);
const factories = new Map<string, unknown>();
const FACTORIES_MAX = 500;

parentPort!.on('message', (job: WorkerJob) => {
  let text: unknown;
  try {
    let factory = factories.get(job.text);
    if (factory === undefined) {
      factory = sandbox.compile(job.text, job.filename);
      if (factories.size >= FACTORIES_MAX) factories.delete(factories.keys().next().value as string);
      factories.set(job.text, factory);
    }
    sandbox.setJob(factory, job.fn, job.ctxJson, job.timeoutMs, 0, job.spentMs);
    text = sandbox.runJob();
  } catch {
    // Whatever was thrown belongs to the sandbox: it is not looked at here.
    text = undefined;
  }
  const answer: WorkerAnswer = { id: job.id, text: typeof text === 'string' ? text : undefined };
  if (job.sync) {
    syncPort.postMessage(answer);
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
  } else parentPort!.postMessage(answer);
  // After the answer has left: the next job waits for it, not this one.
  if (Number(host.heapUsed()) > COLLECT_ABOVE_BYTES) host.collectGarbage();
});
