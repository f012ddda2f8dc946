// The browser every browser test uses (test/support/browser.ts): Chromium from
// the npm package, unpacked safely under concurrency, self-contained, loopback
// only, and trusting the local --https certificate the way a tester would.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalAppSync } from '../../local/server/index.js';
import { startHttpsFixture } from '../realtime/support.js';
import { browserCacheDir, launchBrowser, unpackedBrowser } from '../support/browser.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function launchInChild(cacheDir: string): Promise<{ version: string; executablePath: string; text: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'test/console/fixtures/launch.ts')],
      { cwd: root, env: { ...process.env, BROWSER_CACHE_DIR: cacheDir }, timeout: 90_000 },
      (err, stdout, stderr) => {
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop() ?? ''));
        } catch {
          reject(new Error(`launch child failed: ${err?.message ?? ''}\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** Pids of the browser processes this process started (Linux /proc). */
function browserPids(executablePath: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/exe`) === executablePath && Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('test browser', () => {
  it('unpacks once when two processes start on an empty cache at the same time, then reuses it', async () => {
    const base = mkdtempSync(join(tmpdir(), 'browser-cache-'));
    const cache = join(base, 'chromium');
    // Left by a run killed mid-unpack two hours ago.
    const abandoned = `${cache}.999-dead.tmp`;
    mkdirSync(abandoned);
    utimesSync(abandoned, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    try {
      const [a, b] = await Promise.all([launchInChild(cache), launchInChild(cache)]);
      expect(a.text).toBe('rendered');
      expect(b.text).toBe('rendered');
      expect(a.executablePath).toBe(join(cache, 'chromium'));
      expect(a.version).toMatch(/^143\./);
      // The loser's staging directory and the abandoned one are gone; only the complete cache remains.
      expect(readdirSync(base)).toEqual(['chromium']);
      const unpackedAt = statSync(join(cache, 'chromium')).mtimeMs;
      const c = await launchInChild(cache);
      expect(c.text).toBe('rendered');
      expect(statSync(join(cache, 'chromium')).mtimeMs).toBe(unpackedAt);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  }, 180_000);

  describe('launched', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('needs nothing from the system but the C runtime: NSS and the rest come from the package', async () => {
      const { executablePath } = await unpackedBrowser();
      const pids = browserPids(executablePath);
      expect(pids.length).toBeGreaterThan(0);
      const libs = new Set<string>();
      for (const pid of pids) {
        for (const line of readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
          const lib = /\s(\/\S+\.so[.\d]*)$/.exec(line)?.[1];
          if (lib) libs.add(lib);
        }
      }
      const own = join(browserCacheDir(), 'lib');
      expect([...libs].filter((l) => l.startsWith(own)).map((l) => basename(l))).toEqual(expect.arrayContaining(['libnss3.so', 'libnspr4.so', 'libexpat.so.1']));
      const fromSystem = [...libs].filter((l) => !l.startsWith(own)).map((l) => basename(l));
      for (const lib of fromSystem) expect(['ld-linux-x86-64.so.2', 'libc.so.6', 'libdl.so.2', 'libgcc_s.so.1', 'libm.so.6', 'libpthread.so.0', 'librt.so.1']).toContain(lib);
    });

    it('reaches nothing but loopback: other addresses go to a proxy that is not there', async () => {
      const page = await browser.newPage();
      // 192.0.2.1 is TEST-NET-1 (RFC 5737): without the proxy switch this would time out instead.
      await expect(page.goto('http://192.0.2.1/', { timeout: 10_000 })).rejects.toThrow(/ERR_PROXY_CONNECTION_FAILED/);
      await page.close();
    });
  });

  describe('over --https', () => {
    let server: LocalAppSync;
    let certPem: string;
    beforeAll(async () => {
      const started = await startHttpsFixture(true);
      server = started.server;
      certPem = readFileSync(started.certPath, 'utf8');
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('trusts the local certificate it is given (HTTPS and WSS), and a browser not given it refuses the page', async () => {
      const origin = new URL(server.url).origin;
      const trusting = await launchBrowser({ trustCertificate: certPem });
      try {
        const page = await trusting.newPage();
        const res = await page.goto(`${origin}/`);
        expect(res?.status()).toBe(200);
        const opened = await page.evaluate(
          (url) =>
            new Promise<string>((resolve) => {
              const ws = new WebSocket(url, ['graphql-ws']);
              ws.onopen = () => resolve('open');
              ws.onerror = () => resolve('error');
            }),
          server.realtimeUrl,
        );
        expect(opened).toBe('open');
      } finally {
        await trusting.close();
      }
      const plain = await launchBrowser();
      try {
        await expect((await plain.newPage()).goto(`${origin}/`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
      } finally {
        await plain.close();
      }
    });
  });
});
