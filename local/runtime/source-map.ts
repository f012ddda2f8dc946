// Maps a position in a bundle back to its TypeScript source through the
// bundle's source map: the inline one the build writes (kept in the deployed
// code, byte for byte as before) or a `.js.map` file beside the bundle.
// Node's own SourceMap does the decoding.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import type { CodeProblem } from './check.js';

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export type Locate = (line: number, column: number) => SourcePosition | undefined;

const INLINE = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;
const EXTERNAL = /\/\/# sourceMappingURL=(?!data:)(\S+)\s*$/;

// One decoded map per bundle text (a handful per project; bounded anyway).
const maps = new Map<string, { map: SourceMap; sources: string[] } | null>();
const MAPS_MAX = 200;

function decode(code: string, bundlePath: string): { map: SourceMap; sources: string[] } | null {
  let payload: string | undefined;
  const inline = INLINE.exec(code);
  if (inline) payload = Buffer.from(inline[1], 'base64').toString('utf8');
  else {
    const external = EXTERNAL.exec(code)?.[1];
    for (const candidate of [external && join(dirname(bundlePath), external), `${bundlePath}.map`]) {
      if (!candidate) continue;
      try {
        payload = readFileSync(candidate, 'utf8');
        break;
      } catch {
        // no map there
      }
    }
  }
  if (!payload) return null;
  try {
    const json = JSON.parse(payload) as { sources?: string[]; sourceRoot?: string };
    // Sources are relative to the bundle (esbuild writes ../../../resolvers/x.ts).
    const base = join(dirname(bundlePath), json.sourceRoot ?? '');
    const sources = (json.sources ?? []).map((s) => (isAbsolute(s) ? s : normalize(join(base, s))));
    return { map: new SourceMap(json as never), sources };
  } catch {
    return null;
  }
}

/**
 * A function from a 1-based (line, column) of the bundle at `bundlePath` to
 * the source position, or undefined when the bundle has no map. Source paths
 * are relative to whatever the bundle path is relative to.
 */
export function sourceLocator(code: string, bundlePath: string): Locate | undefined {
  const key = `${bundlePath}\n${code}`;
  let entry = maps.get(key);
  if (entry === undefined) {
    entry = decode(code, bundlePath);
    if (maps.size >= MAPS_MAX) maps.delete(maps.keys().next().value as string);
    maps.set(key, entry);
  }
  if (!entry) return undefined;
  const { map, sources } = entry;
  return (line, column) => {
    // The segment's own start (a statement or token), not Node's findOrigin, which
    // adds the column offset within the segment and so lands on the wrong column
    // when the bundler re-indented the line.
    const o = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (!o.originalSource || o.originalLine === undefined) return undefined;
    const i = (map.payload.sources ?? []).indexOf(o.originalSource);
    const file = i >= 0 ? sources[i] : o.originalSource;
    return { file, line: o.originalLine + 1, column: (o.originalColumn ?? 0) + 1 };
  };
}

/** The problems with their source positions added (origin), where the bundle's map knows them. */
export function withOrigins(problems: CodeProblem[], code: string, bundlePath: string): CodeProblem[] {
  const locate = problems.length ? sourceLocator(code, bundlePath) : undefined;
  if (!locate) return problems;
  return problems.map((p) => {
    const origin = locate(p.line, p.column);
    return origin ? { ...p, origin } : p;
  });
}
