// CPU time of the processes in a load run, per request: on a small machine the
// three processes (load generator, API server, engine) share the cores, so
// throughput ratios follow from these costs. Linux /proc only; elsewhere NaN.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the bench targets

function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the stat line (11 and 12 after the name).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

export type CpuMeter = () => Record<string, number>;

/** Starts a meter over this process and the named pids; calling it returns ms used since. */
export function cpuMeter(pids: Record<string, number | undefined>): CpuMeter {
  const self0 = process.cpuUsage();
  const start = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid ? processCpuMs(pid) : NaN]));
  return () => {
    const self = process.cpuUsage(self0);
    const out: Record<string, number> = { loadGenerator: (self.user + self.system) / 1000 };
    for (const [k, pid] of Object.entries(pids)) out[k] = pid ? processCpuMs(pid) - start[k] : NaN;
    return out;
  };
}

/** Runs `call` `warmup` times unmeasured (JIT, caches), then `iterations` times: µs per call. */
export async function timeCalls(call: () => Promise<unknown>, iterations: number, warmup = 5_000): Promise<{ wallMicros: number; cpuMicros: number }> {
  for (let i = 0; i < warmup; i += 1) await call();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) await call();
  const wallMicros = Number(process.hrtime.bigint() - t0) / iterations / 1000;
  const used = process.cpuUsage(cpu0);
  return { wallMicros, cpuMicros: (used.user + used.system) / iterations };
}
