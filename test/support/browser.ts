// The one headless Chromium every browser test uses: the build shipped inside the
// npm package @sparticuz/chromium (brotli-compressed in node_modules), so
// `npm ci && npm test` needs no apt and downloads nothing at run time.
//
// We unpack the package's files ourselves rather than through its
// executablePath(): that writes a fixed /tmp/chromium, returns it as soon as
// the path exists (a half-written binary from a concurrent run, or one of
// another version), and needs the Lambda-only library path set up to run on a
// machine without libnss3. Here, everything lands in a versioned cache
// directory that only ever appears complete (unpacked beside it, then renamed),
// so concurrent test processes and reruns are safe; each process unpacks at most once.
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { brotliDecompress, createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

const require = createRequire(import.meta.url);
// The package exports no ./package.json: find its root from its main entry (build/cjs/index.cjs).
const pkgDir = join(dirname(require.resolve('@sparticuz/chromium')), '..', '..');
const pkgVersion = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
const binDir = join(pkgDir, 'bin');

/** Where the browser is unpacked: node_modules/.cache (the usual tool cache), or $BROWSER_CACHE_DIR. */
export function browserCacheDir(): string {
  return process.env.BROWSER_CACHE_DIR ?? join(pkgDir, '..', '..', '.cache', `sparticuz-chromium-${pkgVersion}`);
}

export interface UnpackedBrowser {
  executablePath: string;
  /** Environment the browser needs: its own NSS libraries and fonts. */
  env: Record<string, string>;
}

/** Writes the regular files and directories of a ustar archive under `dest` (the package's archives hold nothing else). */
async function untar(archive: Buffer, dest: string): Promise<void> {
  for (let at = 0; at + 512 <= archive.length; ) {
    const header = archive.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, to: number): string => header.subarray(from, to).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 500);
    const name = normalize((prefix ? `${prefix}/` : '') + field(0, 100));
    const size = parseInt(field(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156]);
    if (name.startsWith('..') || name.startsWith(sep)) throw new Error(`unsafe path in browser archive: ${name}`);
    const target = join(dest, name);
    const body = archive.subarray(at + 512, at + 512 + size);
    if (type === '5') await mkdir(target, { recursive: true });
    else if (type === '0' || type === '\0') {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, body, { mode: parseInt(field(100, 108).trim() || '644', 8) & 0o755 });
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

async function unpackInto(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const executable = join(dir, 'chromium');
  await pipeline(createReadStream(join(binDir, 'chromium.br')), createBrotliDecompress({ chunkSize: 1 << 21 }), createWriteStream(executable));
  await chmod(executable, 0o755);
  // The NSS libraries the binary links (libnss3, libnspr4, libexpat…), so it
  // runs on a machine that has none of them. WebGL (swiftshader) is left out.
  const unbrotli = promisify(brotliDecompress);
  await untar(await unbrotli(readFileSync(join(binDir, 'al2023.tar.br'))), dir);
  await untar(await unbrotli(readFileSync(join(binDir, 'fonts.tar.br'))), dir);
  // Our own fontconfig file: the shipped fonts, plus the system's if it has any.
  await writeFile(
    join(dir, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
      `  <dir>${join(dir, 'fonts')}</dir>\n  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>\n</fontconfig>\n`,
  );
}

/** Staging directories of runs killed mid-unpack (an hour old: no live unpack takes that long). */
async function removeAbandonedStaging(dir: string): Promise<void> {
  const parent = dirname(dir);
  const prefix = `${basename(dir)}.`;
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const path = join(parent, name);
    const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > 3_600_000) await rm(path, { recursive: true, force: true });
  }
}

async function unpack(): Promise<UnpackedBrowser> {
  const dir = browserCacheDir();
  if (!existsSync(dir)) {
    // Unpack beside the cache dir, then rename: the cache dir exists only when
    // complete. When two processes race, the loser's rename fails (the winner's
    // directory is there and not empty) and it uses the winner's copy.
    const staging = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      await unpackInto(staging);
      await rename(staging, dir).catch((e: NodeJS.ErrnoException) => {
        if (!existsSync(join(dir, 'chromium'))) throw e;
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    await removeAbandonedStaging(dir);
  }
  const lib = join(dir, 'lib');
  return {
    executablePath: join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
  };
}

let unpacked: Promise<UnpackedBrowser> | undefined;

/** The unpacked browser, unpacked at most once per process. */
export function unpackedBrowser(): Promise<UnpackedBrowser> {
  unpacked ??= unpack();
  unpacked.catch(() => (unpacked = undefined));
  return unpacked;
}

/**
 * Chromium's switches for tests. Playwright already passes the switches that
 * stop background traffic; they are repeated here so this list says it all.
 * Not taken from the package's own list (@sparticuz/chromium `args`, meant for
 * Lambda): --disable-web-security and --allow-running-insecure-content would
 * switch off the CORS and mixed-content checks browser tests exist to meet, and
 * --single-process is not needed outside Lambda.
 */
export const BROWSER_ARGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--no-pings',
  '--disable-breakpad',
  '--disable-webgl',
  '--font-render-hinting=none',
  // Any request for a non-loopback address goes to a proxy that is not there
  // (port 9, discard) and fails; Chromium never proxies loopback addresses.
  '--proxy-server=http://127.0.0.1:9',
];

/**
 * The SPKI fingerprint Chromium's --ignore-certificate-errors-spki-list takes:
 * base64 of the SHA-256 of the certificate's public key (DER SubjectPublicKeyInfo).
 */
export function spkiFingerprint(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

export interface BrowserOptions {
  /**
   * PEM of a certificate (the local server's `--https` one) to trust, and only
   * that one: passed as --ignore-certificate-errors-spki-list, so any other
   * certificate error still fails the page as it would for a user.
   */
  trustCertificate?: string;
  /** More Playwright launch options (e.g. slowMo when debugging). */
  launch?: LaunchOptions;
}

/** Launches the test browser: headless, a fresh profile (Playwright's temporary user-data-dir), loopback only. */
/**
 * The package ships a Linux x64 build only. Elsewhere (macOS, Windows, arm64)
 * the tests use $BROWSER_EXECUTABLE, or else the installed Google Chrome.
 */
const bundled = process.platform === 'linux' && process.arch === 'x64' && !process.env.BROWSER_EXECUTABLE;

export async function launchBrowser(opts: BrowserOptions = {}): Promise<Browser> {
  const { executablePath, env } = bundled
    ? await unpackedBrowser()
    : { executablePath: process.env.BROWSER_EXECUTABLE, env: {} as Record<string, string> };
  const args = [...BROWSER_ARGS];
  if (opts.trustCertificate) args.push(`--ignore-certificate-errors-spki-list=${spkiFingerprint(opts.trustCertificate)}`);
  return chromium.launch({
    headless: true,
    ...opts.launch,
    ...(executablePath ? { executablePath } : { channel: 'chrome' }),
    args: [...args, ...(opts.launch?.args ?? [])],
    env: { ...(process.env as Record<string, string>), ...env, ...opts.launch?.env },
  });
}
