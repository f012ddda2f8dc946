// `npx cdk synth` on a fresh clone (issue 13, item 9): no bundles at all, or a
// stale one, and the CDK app still synthesizes the current resolver code,
// because it bundles the sources itself. Runs the real CDK CLI, which runs
// cdk.json's app command, in a temporary copy of the project (the shared
// dist/ that other tests read is never touched).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../local/build/index.js';
import { resolverCodeFromTemplate, type TemplateCode } from '../../infra/template-code.js';
import { api } from '../../resolvers/api.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const clone = mkdtempSync(join(tmpdir(), 'fresh-clone-'));
const STALE = 'export function request() { return {}; }\nexport function response() { return "stale"; }\n';
let deployed: TemplateCode[];
let template: { Resources: Record<string, { Type: string; Properties: any }> };
let current: Record<string, string>;
let cliOutput: string;

beforeAll(async () => {
  // What a fresh clone holds: sources, no dist/. local/ and node_modules/ are linked, not copied.
  for (const f of ['cdk.json', 'package.json', 'tsconfig.json', api.schema]) cpSync(join(root, f), join(clone, f));
  for (const d of [api.sourceDir, 'infra']) cpSync(join(root, d), join(clone, d), { recursive: true });
  symlinkSync(join(root, 'local'), join(clone, 'local'));
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
  expect(existsSync(join(clone, 'dist'))).toBe(false);
  // …except one stale bundle, as an edit after the last build leaves it.
  mkdirSync(join(clone, api.outDir, 'Query'), { recursive: true });
  writeFileSync(join(clone, api.outDir, 'Query/me.js'), STALE);

  const out = join(clone, 'cdk.out');
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/aws-cdk/bin/cdk'), 'synth', '--quiet', '--no-notices', '-c', 'stage=prod', '-c', 'wafRateLimit=1234', '-o', out],
    { cwd: clone, env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' }, timeout: 280_000 },
  );
  cliOutput = stdout + stderr;
  template = JSON.parse(readFileSync(join(out, `${api.name}-prod.template.json`), 'utf8'));
  deployed = resolverCodeFromTemplate(template, out);
  current = (await buildApi({ root: clone, api, write: false })).files;
}, 300_000);
afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe('cdk synth on a fresh clone', () => {
  it('synthesizes the stage asked for on the command line, with its context', () => {
    expect(cliOutput).not.toMatch(/ENOENT/);
    const acl = Object.values(template.Resources).find((r) => r.Type === 'AWS::WAFv2::WebACL')!;
    expect(acl.Properties.Rules.find((r: any) => r.Name === 'RateLimitPerIp').Statement.RateBasedStatement.Limit).toBe(1234);
  });

  it('deploys the current code of every resolver and function, not the stale bundle', () => {
    expect(deployed).toHaveLength(api.resolvers.length + Object.keys(api.functions).length);
    for (const r of api.resolvers) {
      const d = deployed.find((x) => x.kind === 'resolver' && x.typeName === r.typeName && x.fieldName === r.fieldName);
      expect(d?.code, `${r.typeName}.${r.fieldName}`).toBe(current[r.code]);
    }
    for (const [name, f] of Object.entries(api.functions)) {
      expect(deployed.find((x) => x.kind === 'function' && x.name === name)?.code, name).toBe(current[f.code]);
    }
    expect(deployed.filter((d) => d.code.includes('"stale"'))).toEqual([]);
  });

  it('bundles in memory: the clone has no bundles written, the stale one is left as it was', () => {
    expect(existsSync(join(clone, api.outDir, 'Query/getItem.js'))).toBe(false);
    expect(readFileSync(join(clone, api.outDir, 'Query/me.js'), 'utf8')).toBe(STALE);
  });
});
