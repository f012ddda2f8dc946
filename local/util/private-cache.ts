// A cache folder only we can write: node_modules/.cache/appsync-local (the usual
// place for build caches) or, when that cannot be made ours, a per-user folder
// in the OS temp directory. A folder another user owns or can write is never
// used: the engine runs classes found there, and the checker trusts verdicts.
import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The candidate roots, in order, for a node_modules folder. */
export function cacheRoots(nodeModules: string): string[] {
  const uid = process.getuid?.() ?? 0;
  return [join(nodeModules, '.cache', 'appsync-local'), join(tmpdir(), `appsync-local-${uid}`)];
}

/** Makes `path` (mode 0700) and says whether it is ours alone. */
export function ownedPrivateDir(path: string): boolean {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    const st = lstatSync(path);
    if (!st.isDirectory()) return false;
    // Windows has no owner uid or mode bits here; its per-user temp folder is private.
    if (process.platform === 'win32' || !process.getuid) return true;
    // Another owner, or group- or world-writable: someone else could plant files.
    return st.uid === process.getuid() && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
