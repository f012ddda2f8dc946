// Checks DynamoDB Local's database folder before the JVM starts, so a folder
// that cannot be used is reported in one line instead of as a Java stack
// trace, or as an engine that never answers.
import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EngineStartError } from './errors.js';

/** The file DynamoDB Local keeps every table in when started with -sharedDb. */
export const SHARED_DB_FILE = 'shared-local-instance.db';

const SQLITE_HEADER = 'SQLite format 3\0';

const WHAT_TO_DO = 'move it away (tables start empty), start with --in-memory, or choose another --data-dir';

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way of a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    default:
      return err.code ?? err.message;
  }
}

/** Makes `dbPath` (or finds it) and checks the database in it is one DynamoDB Local can open. */
export function prepareDbPath(dbPath: string): void {
  try {
    mkdirSync(dbPath, { recursive: true });
    if (!statSync(dbPath).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(dbPath, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new EngineStartError('data-dir', `cannot use ${dbPath} for DynamoDB Local's data (${reason(e)}): ${WHAT_TO_DO}.`);
  }
  const file = join(dbPath, SHARED_DB_FILE);
  let fd: number;
  try {
    if (!statSync(file).isFile()) {
      throw new EngineStartError('data-dir', `${file} is not a file, so DynamoDB Local cannot open its database: ${WHAT_TO_DO}.`);
    }
    fd = openSync(file, 'r+');
  } catch (e) {
    if (e instanceof EngineStartError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // a fresh folder
    throw new EngineStartError('data-dir', `cannot open ${file} (${reason(e)}): ${WHAT_TO_DO}.`);
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, head, 0, head.length, 0);
    // An empty file is what SQLite itself makes before the first write.
    if (n > 0 && head.toString('latin1', 0, n) !== SQLITE_HEADER.slice(0, n)) {
      throw new EngineStartError('data-dir', `${file} is not a DynamoDB Local database (damaged, or written by another program): ${WHAT_TO_DO}.`);
    }
  } finally {
    closeSync(fd);
  }
}

/** A database DynamoDB Local started on but cannot use (its sqlite layer logs these). */
export function unusableDatabaseMessage(dbPath: string): string {
  return `DynamoDB Local cannot use the database in ${dbPath} (damaged, or from an incompatible version): ${WHAT_TO_DO}.`;
}
