// The twin as other projects get it: `npm pack` of the appsync-local workspace,
// installed into a scratch project that holds nothing but a third-party CDK
// app's cdk.out (aws-cdk-examples appsync-graphql-dynamodb, see
// test/fixtures/cdk-apps/cars/SOURCE.md), serving it with
// `npx appsync-local start --cdk-out cdk.out`, and imported as a library.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(root, 'test/fixtures/cdk-apps/cars');
const work = mkdtempSync(join(tmpdir(), 'appsync-pack-'));
const scratch = join(work, 'app');

// The parent `npm test` exports npm_* settings (workspace, prefix…) that must
// not steer the scratch project's own npm.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, env, encoding: 'utf8' });

let tarball = '';
let files: string[] = [];
let server: ChildProcess | undefined;
let url = '';
const iam = { accessKeyId: '', secretAccessKey: '' };
let region = '';

beforeAll(async () => {
  const report = npm(['pack', '--json', '--pack-destination', work], join(root, 'local'));
  const packed = JSON.parse(report.slice(report.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
  tarball = join(work, packed[0].filename);
  files = packed[0].files.map((f) => f.path);

  cpSync(join(fixture, 'cdk.out'), join(scratch, 'cdk.out'), { recursive: true });
  cpSync(join(fixture, 'seed/cars.json'), join(scratch, 'cars.json'));
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  // The registry is reachable wherever `npm ci` ran; the cache answers most of it.
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], scratch);

  const child = spawn(
    join(scratch, 'node_modules/.bin/appsync-local'),
    ['start', '--cdk-out', 'cdk.out', '--port', '0', '--in-memory', '--seed', 'cardata-cars=cars.json'],
    { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server = child;
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${out}`)), 60_000);
    const read = (chunk: Buffer): void => {
      out += chunk;
      const keys = /AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+) AWS_REGION=(\S+)/.exec(out);
      const graphql = /GraphQL\s+(http:\S+)/.exec(out);
      if (keys && graphql) {
        clearTimeout(timer);
        [, iam.accessKeyId, iam.secretAccessKey, region] = keys;
        url = graphql[1];
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}, 180_000);

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

async function signed(query: string, variables: Record<string, unknown>) {
  const u = new URL(url);
  const body = JSON.stringify({ query, variables });
  const signer = new SignatureV4({ service: 'appsync', region, credentials: iam, sha256: Sha256 });
  const req = await signer.sign({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: u.pathname, headers: { host: u.host, 'content-type': 'application/json' }, body });
  const res = await fetch(url, { method: 'POST', headers: req.headers as Record<string, string>, body });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

describe('the packed twin, installed into a project that holds only a cdk.out', () => {
  it('ships compiled code and nothing of this repository besides', () => {
    expect(files).toContain('cli/bin.js');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('README.md');
    expect(files.filter((f) => /(^|\/)(test|web|fixtures)\/|\.test\.|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('serves the app with `appsync-local start --cdk-out cdk.out`, IAM signed for the stack region', async () => {
    expect(region).toBe('eu-central-1');
    const car = (JSON.parse(readFileSync(join(fixture, 'seed/cars.json'), 'utf8')) as { licenseplate: { S: string }; brand: { S: string } }[])[0];
    const answer = await signed('query ($p: String!) { getCar(licenseplate: $p) { licenseplate brand } }', { p: car.licenseplate.S });
    expect(answer).toEqual({ status: 200, body: { data: { getCar: { licenseplate: car.licenseplate.S, brand: car.brand.S } } } });
  });

  it('imports as a library: the entry point and the shared lint rules', () => {
    writeFileSync(
      join(scratch, 'probe.js'),
      `import { startLocalAppSync, loadCloudAssembly } from 'appsync-local';
       import lint from 'appsync-local/lint/index.js';
       const api = loadCloudAssembly('cdk.out');
       console.log(JSON.stringify({ start: typeof startLocalAppSync, region: api.region, resolvers: api.api.resolvers.length, lint: Object.keys(lint.configs ?? {}) }));`,
    );
    const probe = JSON.parse(execFileSync(process.execPath, ['probe.js'], { cwd: scratch, env, encoding: 'utf8' }));
    expect(probe).toEqual({ start: 'function', region: 'eu-central-1', resolvers: 2, lint: expect.arrayContaining(['recommended']) });
  });
});
