// A closed-loop load generator: `concurrency` workers each run `task` back to
// back for `durationMs`; latencies are kept whole for exact percentiles.

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  firstError?: string;
}

/** The p-th percentile (0–100) of latencies sorted ascending. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Raw material of one run, so several runs (interleaved rounds) can be summarised together. */
export interface LoadSample {
  latencies: number[];
  errors: number;
  seconds: number;
  firstError?: string;
}

export function summarize(samples: LoadSample[]): LoadResult {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((t, s) => t + s.seconds, 0);
  const firstError = samples.find((s) => s.firstError)?.firstError;
  return {
    requests: latencies.length,
    errors: samples.reduce((t, s) => t + s.errors, 0),
    seconds,
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    ...(firstError ? { firstError } : {}),
  };
}

export async function runLoad(opts: {
  concurrency: number;
  durationMs: number;
  /** `worker` is 0..concurrency-1, `n` counts that worker's calls. */
  task: (worker: number, n: number) => Promise<void>;
}): Promise<LoadResult> {
  return summarize([await sampleLoad(opts)]);
}

export async function sampleLoad(opts: {
  concurrency: number;
  durationMs: number;
  task: (worker: number, n: number) => Promise<void>;
}): Promise<LoadSample> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline; n += 1) {
        const t0 = performance.now();
        try {
          await opts.task(worker, n);
          latencies.push(performance.now() - t0);
        } catch (err) {
          errors += 1;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - started) / 1000, ...(firstError ? { firstError } : {}) };
}
