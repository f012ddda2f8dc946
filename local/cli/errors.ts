// The one line the CLI prints for a failure the user can fix — no Java, a port
// in use, a data folder it cannot use — instead of a stack trace. Anything
// else is a bug or an unexpected state, and keeps its stack.
import { EngineStartError } from '../engine/errors.js';
import { CloudAssemblyError } from '../cdk/errors.js';

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a file is in the way of a folder',
  EEXIST: 'a file is in the way of a folder',
  EISDIR: 'a folder is in the way of a file',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

function hostPort(e: NodeJS.ErrnoException & { address?: string; port?: number }): string {
  const host = e.address?.includes(':') ? `[${e.address}]` : (e.address ?? 'localhost');
  return `${host}:${e.port ?? '?'}`;
}

/** The user-facing line for `e`, or undefined when it should be shown with its stack. */
export function userFacingMessage(e: unknown): string | undefined {
  // A schema that does not parse is the user's to fix, as is a template the twin cannot read.
  if (e instanceof EngineStartError || e instanceof CloudAssemblyError) return e.message;
  // By name: importing the schema module here would load graphql before the engine starts.
  if (e instanceof Error && e.name === 'SchemaError') return e.message;
  if (!(e instanceof Error)) return undefined;
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number };
  if (err.code?.startsWith('ERR_PARSE_ARGS_')) return `${err.message} (see --help)`;
  if (err.syscall === 'listen' || err.syscall === 'bind') {
    if (err.code === 'EADDRINUSE') {
      return `cannot listen on ${hostPort(err)}: the port is in use (another appsync-local?); stop that program, or choose another port with --port N (0 picks a free one).`;
    }
    if (err.code === 'EACCES') return `cannot listen on ${hostPort(err)}: permission denied (ports below 1024 need privileges); choose another port with --port N.`;
    if (err.code === 'EADDRNOTAVAIL') return `cannot listen on ${hostPort(err)}: this machine has no such address; check --host.`;
  }
  if (err.code && err.path && FS_REASONS[err.code]) {
    return `cannot use ${err.path} (${FS_REASONS[err.code]}): fix it, or choose another --data-dir.`;
  }
  return undefined;
}
