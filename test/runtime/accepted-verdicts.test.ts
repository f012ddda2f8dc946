// The check remembers accepted bundles across processes, so a start whose
// bundles were all checked before loads neither ESLint nor typescript (about
// half a second of a cold start); refused code is linted every time.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCode } from '../../local/runtime/check.js';
import { wasAccepted } from '../../local/runtime/accepted-verdicts.js';

const root = new URL('../../', import.meta.url);

/** Runs checkCode on `source` in a fresh Node process: its verdict, and whether typescript or ESLint got loaded. */
function checkInFreshProcess(source: string, env: Record<string, string> = {}): { problems: number; loaded: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const { checkCode } = await import(${JSON.stringify(new URL('local/runtime/check.ts', root).href)});
    const problems = checkCode(process.env.SOURCE, 'code.js').length;
    const cache = createRequire(import.meta.url).cache;
    const loaded = Object.keys(cache).some((k) => /node_modules[\\\\/](typescript|eslint)[\\\\/]/.test(k));
    console.log(JSON.stringify({ problems, loaded }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('.', root),
    env: { ...process.env, ...env, SOURCE: source },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('accepted verdicts', () => {
  it('a bundle accepted once is not linted again by the next process', () => {
    const source = `export function request(ctx) { return { id: '${randomUUID()}' }; }\nexport function response(ctx) { return ctx.result; }\n`;
    expect(wasAccepted(source)).toBe(false);
    expect(checkInFreshProcess(source)).toEqual({ problems: 0, loaded: true });
    expect(wasAccepted(source)).toBe(true);
    expect(checkInFreshProcess(source)).toEqual({ problems: 0, loaded: false });
    // Off: lints again.
    expect(checkInFreshProcess(source, { APPSYNC_LOCAL_CHECK_CACHE: 'off' })).toEqual({ problems: 0, loaded: true });
  });

  it('refused code is never remembered and is refused again with its messages', () => {
    const source = `export function request(ctx) { try { return {}; } catch (e) { return { x: '${randomUUID()}' }; } }\nexport function response(ctx) { return ctx.result; }\n`;
    expect(checkCode(source, 'refused.js').map((p) => p.message)).toContain('Try statements are not supported.');
    expect(wasAccepted(source)).toBe(false);
    expect(checkInFreshProcess(source)).toEqual({ problems: 1, loaded: true });
  });
});
