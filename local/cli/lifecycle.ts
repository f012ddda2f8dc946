// When `appsync-local start` must stop: a signal (Ctrl-C, a terminal closing,
// a supervisor's SIGTERM), or its parent going away without passing a signal
// on. `npm start` is the common case of the latter: SIGTERM to npm ends npm
// and its `sh`, and nothing reaches us, so we would keep serving — and keep
// the port and the engine — as an orphan.
import { constants } from 'node:os';
import { processAlive } from '../util/process-alive.js';

export type StopReason = NodeJS.Signals | 'parent-exited';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How often the parent is looked at; a stop within a second is soon enough. */
const PARENT_POLL_MS = 500;

/**
 * Calls `onStopRequest` once, on the first of: SIGINT, SIGTERM, SIGHUP, or the parent
 * process ending (POSIX hands orphans to init or a subreaper, so our ppid
 * changes; on Windows it does not, so the parent's pid is checked too). A
 * process whose parent is init (pid 1) from the start is not watched. Returns
 * a function that removes every hook.
 */
export function onStop(onStopRequest: (reason: StopReason) => void): () => void {
  let fired = false;
  const fire = (reason: StopReason): void => {
    if (fired) {
      // A second Ctrl-C means now, without waiting for the server to drain.
      if (reason !== 'parent-exited') process.exit(exitCodeFor(reason));
      return;
    }
    fired = true;
    onStopRequest(reason);
  };
  const handlers = SIGNALS.map((sig) => {
    const h = (): void => fire(sig);
    process.on(sig, h);
    return [sig, h] as const;
  });
  const parent = process.ppid;
  const timer =
    parent > 1
      ? setInterval(() => {
          if (process.ppid !== parent || !processAlive(parent)) fire('parent-exited');
        }, PARENT_POLL_MS)
      : undefined;
  // Watching must not be what keeps the process alive.
  timer?.unref();
  return () => {
    clearInterval(timer);
    for (const [sig, h] of handlers) process.off(sig, h);
  };
}

/** The shell's exit status for death by `reason` (128 + signal number). */
export function exitCodeFor(reason: StopReason): number {
  return reason === 'parent-exited' ? 0 : 128 + (constants.signals[reason] ?? 15);
}
