// The web app's first load against the local server: from navigation start to
// the first page of items on screen, in headless Chromium. A returning user
// (session in localStorage, as after a reload), a fresh browser context per run
// (empty HTTP cache), the production build (Vite) served from 127.0.0.1, and
// `appsync-local start --in-memory` in its own process, as `npm start` runs it.
// Also: how long a change made elsewhere takes to show (the live update).
//
//   npx tsx bench/web-first-load.ts [--runs 20]
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { loadOrCreateKeys, mintToken } from '../local/server/index.js';
import { launchBrowser } from '../test/support/browser.js';
import { serveApp } from '../web/serve.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);
const PAGE = 20;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p90: at(0.9), min: s[0]!, max: s.at(-1)! };
};
const ms = (x: number) => `${Math.round(x)} ms`;

// 1. The production build, and what it weighs.
process.env.NODE_ENV = 'production';
const dist = mkdtempSync(join(tmpdir(), 'web-bench-'));
await build({ configFile: join(root, 'web/vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: dist } });
const js = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const sizes = js.map((f) => {
  const bytes = readFileSync(join(dist, 'assets', f));
  return { file: f, raw: statSync(join(dist, 'assets', f)).size, gzip: gzipSync(bytes, { level: 9 }).length };
});
for (const s of sizes) console.log(`bundle ${s.file.padEnd(28)} ${(s.raw / 1024).toFixed(1).padStart(6)} KB, gzip ${(s.gzip / 1024).toFixed(1).padStart(5)} KB`);
console.log(`bundle JS total gzip ${(sizes.reduce((n, s) => n + s.gzip, 0) / 1024).toFixed(1)} KB (the Cognito chunk loads only against AWS)`);

// 2. The local server, as `npm start --in-memory` runs it.
const dataDir = mkdtempSync(join(tmpdir(), 'web-bench-api-'));
const logPath = join(dataDir, 'server.log');
const server = spawn(process.execPath, [join(root, 'local/cli/bin.js'), 'start', '--in-memory', '--port', '0', '--no-watch', '--data-dir', dataDir], {
  cwd: root,
  stdio: ['ignore', openSync(logPath, 'w'), openSync(logPath, 'a')],
});
const exited = new Promise<void>((r) => server.once('exit', () => r()));
let url: string | undefined;
for (const started = performance.now(); !url; await new Promise((r) => setTimeout(r, 50))) {
  url = /GraphQL\s+(http\S+)/.exec(readFileSync(logPath, 'utf8'))?.[1];
  if (!url && (server.exitCode !== null || performance.now() - started > 120_000)) throw new Error(readFileSync(logPath, 'utf8'));
}
const keys = await loadOrCreateKeys(dataDir);
const token = await mintToken(keys, { user: 'bench' });
const gql = async (query: string, variables: Record<string, unknown>) => {
  const res = await fetch(url!, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};
const create = 'mutation C($i: CreateItemInput!) { createItem(input: $i) { userId itemId title status priority dueDate tags createdAt updatedAt version } }';
for (let i = 0; i < 2 * PAGE; i++) await gql(create, { i: { title: `Seeded item ${i}`, tags: ['bench'] } });

const web = await serveApp(dist, { configPath: join(dataDir, 'frontend-config.json') });
const browser = await launchBrowser();

// (Functions run in the page have no inner named functions: tsx would wrap them in a helper the page lacks.)
// Records, in the page, when the first page of rows is on screen and when updates are live.
function observe({ session, page }: { session: string; page: number }): void {
  localStorage.setItem('items-app:local-session', session);
  const w = window as unknown as Record<string, number>;
  new MutationObserver(() => {
    if (!w.visible && document.querySelectorAll('li.item[data-item-id]').length >= page) w.visible = performance.now();
    if (!w.live && document.querySelector('[role=status]')?.textContent === 'Live') w.live = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

const session = JSON.stringify({ user: 'bench', admin: false, token });
const visible: number[] = [];
const live: number[] = [];
const phases: Record<string, number[]> = {};
try {
  for (let run = 0; run <= runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(observe, { session, page: PAGE });
    await page.goto(web.origin);
    await page.waitForFunction(() => (window as unknown as Record<string, number>).live > 0 && (window as unknown as Record<string, number>).visible > 0, undefined, { timeout: 30_000 });
    const t = await page.evaluate(() => {
      const w = window as unknown as { visible: number; live: number };
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const api = resources.filter((r) => r.name.endsWith('/graphql'));
      return {
        visible: w.visible,
        live: w.live,
        html: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
        script: resources.filter((r) => r.name.endsWith('.js')).reduce((m, r) => Math.max(m, r.responseEnd), 0),
        config: resources.find((r) => r.name.endsWith('/frontend-config.json'))?.responseEnd ?? NaN,
        listStart: api[0]?.startTime ?? NaN,
        listEnd: api[0]?.responseEnd ?? NaN,
      };
    });
    if (run === 0) console.log(`first run (cold server and browser): items ${ms(t.visible)}, live ${ms(t.live)}`);
    else {
      visible.push(t.visible);
      live.push(t.live);
      for (const [k, v] of Object.entries(t)) (phases[k] ??= []).push(v);
    }
    await context.close();
  }
  console.log(`load average during the runs: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (this machine's 2 cores are shared; figures grow with it)`);
  const v = stats(visible);
  const l = stats(live);
  console.log(`first load, navigation start → ${PAGE} items visible (${runs} runs): median ${ms(v.median)}, p90 ${ms(v.p90)}, min ${ms(v.min)}, max ${ms(v.max)}`);
  console.log(`navigation start → subscriptions live: median ${ms(l.median)}, p90 ${ms(l.p90)}`);
  const names: Record<string, string> = { html: 'page HTML received', script: 'scripts received', config: 'config received', listStart: 'ListItems sent', listEnd: 'ListItems answered' };
  console.log(`  where the time goes (medians): ${Object.entries(names).map(([k, n]) => `${n} ${ms(stats(phases[k]!).median)}`).join(', ')}`);

  // A change made elsewhere (another client's mutation) until it is on screen.
  const page = await (await browser.newContext()).newPage();
  await page.addInitScript(observe, { session, page: PAGE });
  await page.goto(web.origin);
  await page.waitForFunction(() => (window as unknown as Record<string, number>).live > 0);
  const delays: number[] = [];
  for (let i = 0; i < 10; i++) {
    const title = `Live ${i}`;
    const seen = page.waitForFunction((t) => [...document.querySelectorAll('.item-title')].some((e) => e.textContent === t) && Date.now(), title, { polling: 'raf' });
    const sent = Date.now();
    await gql(create, { i: { title } });
    delays.push(((await (await seen).jsonValue()) as number) - sent);
  }
  const d = stats(delays);
  console.log(`live update, mutation sent → row on screen (10 runs): median ${ms(d.median)}, p90 ${ms(d.p90)}, max ${ms(d.max)}`);
} finally {
  await browser.close();
  await web.close();
  server.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
}
