// The default log stays readable under load: up to `linesPerSecond` request
// lines in a second, then one summary line for that second (count, statuses,
// error types, p50/p99). A second after a busy one prints only its summary.
// Requests with an error, a non-200 status or field errors, always get their own
// line; --verbose prints every request line.
import type { GraphQLRequestInfo } from './http.js';
import { errorRefs, formatRequestLine } from './log.js';

export interface RequestLogOptions {
  /** Receives lines already redacted (formatRequestLine redacts their free-text parts). */
  print: (line: string) => void;
  verbose?: boolean;
  /** Request lines per second before the log switches to summaries (default 20). */
  linesPerSecond?: number;
  /** For tests: the clock (ms). */
  now?: () => number;
  /** For tests: no timer; the caller calls flush(). */
  manual?: boolean;
}

export interface RequestLog {
  request(info: GraphQLRequestInfo): void;
  /** Prints the summary of the second in progress, if any request went unprinted. */
  flush(): void;
  stop(): void;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function createRequestLog(opts: RequestLogOptions): RequestLog {
  const now = opts.now ?? Date.now;
  const budget = opts.linesPerSecond ?? 20;
  let second = Math.floor(now() / 1000);
  let busy = false; // the previous second went over budget
  let printed = 0;
  let unprinted = 0;
  let ms: number[] = [];
  const statuses = new Map<number, number>();
  const errors = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  const summary = (): string => {
    const sorted = ms.sort((a, b) => a - b);
    const st = [...statuses].map(([s, n]) => `${s}×${n}`).join(' ');
    const er = [...errors].map(([t, n]) => `${t}×${n}`).join(' ');
    return `${clock(second * 1000)} summary 1s: ${sorted.length} requests (${unprinted} not shown) ${st}${er ? ` errors: ${er}` : ''} p50=${percentile(sorted, 50).toFixed(1)}ms p99=${percentile(sorted, 99).toFixed(1)}ms`;
  };

  const roll = (to: number): void => {
    if (unprinted > 0) opts.print(summary());
    busy = printed + unprinted > budget && to === second + 1;
    second = to;
    printed = 0;
    unprinted = 0;
    ms = [];
    statuses.clear();
    errors.clear();
  };

  const arm = (): void => {
    if (opts.manual || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      flush();
    }, 1000 - (now() % 1000) + 5);
    timer.unref();
  };

  function flush(): void {
    const s = Math.floor(now() / 1000);
    if (s !== second) roll(s);
    else if (unprinted > 0) arm();
  }

  return {
    request(info) {
      const s = Math.floor(now() / 1000);
      if (s !== second) roll(s);
      ms.push(info.ms);
      statuses.set(info.status, (statuses.get(info.status) ?? 0) + 1);
      const refs = errorRefs(info.errors);
      const types = info.errorType ? [info.errorType] : refs.map((r) => r.split('@')[0]);
      for (const t of types) errors.set(t, (errors.get(t) ?? 0) + 1);
      const failed = info.status !== 200 || types.length > 0;
      if (opts.verbose || failed || (!busy && printed < budget)) {
        printed += 1;
        opts.print(formatRequestLine(info, info.trace));
        return;
      }
      unprinted += 1;
      arm();
    },
    flush,
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (unprinted > 0) opts.print(summary());
      unprinted = 0;
    },
  };
}
