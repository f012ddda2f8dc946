// The server's caches of client-chosen text (prepared documents, verified
// tokens) are bounded by bytes as well as entries: a few dozen distinct large
// queries must not be able to hold the process's memory.
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../local/server/cache.js';

describe('BoundedCache', () => {
  const opts = { maxEntries: 100, maxBytes: 1000, maxEntryBytes: 400 };
  const size = (key: string) => key.length;

  it('evicts least recently used entries to stay within its byte budget', () => {
    const c = new BoundedCache<number>(opts, size);
    for (let i = 0; i < 10; i += 1) c.set(`${i}`.padEnd(300, '.'), i);
    expect(c.bytes).toBeLessThanOrEqual(1000);
    expect(c.size).toBe(3);
    // The newest three are kept.
    expect(c.get('9'.padEnd(300, '.'))).toBe(9);
    expect(c.get('6'.padEnd(300, '.'))).toBeUndefined();
  });

  it('keeps what was used recently', () => {
    const c = new BoundedCache<number>(opts, size);
    c.set('a'.padEnd(300, '.'), 1);
    c.set('b'.padEnd(300, '.'), 2);
    c.set('c'.padEnd(300, '.'), 3);
    c.get('a'.padEnd(300, '.'));
    c.set('d'.padEnd(300, '.'), 4);
    expect(c.get('a'.padEnd(300, '.'))).toBe(1);
    expect(c.get('b'.padEnd(300, '.'))).toBeUndefined();
  });

  it('does not keep an entry larger than its per-entry limit', () => {
    const c = new BoundedCache<number>(opts, size);
    c.set('small', 1);
    c.set('x'.repeat(401), 2);
    expect(c.get('x'.repeat(401))).toBeUndefined();
    expect(c.get('small')).toBe(1);
    expect(c.bytes).toBe(5);
  });

  it('bounds entries by count too, and accounts replaced entries once', () => {
    const c = new BoundedCache<number>({ maxEntries: 3, maxBytes: 1e9, maxEntryBytes: 1e9 }, size);
    for (let i = 0; i < 10; i += 1) c.set(`k${i}`, i);
    expect(c.size).toBe(3);
    c.set('k9', 99);
    expect(c.size).toBe(3);
    expect(c.bytes).toBe(6);
    expect(c.get('k9')).toBe(99);
  });
});
