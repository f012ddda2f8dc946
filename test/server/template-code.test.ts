// Every resolver and pipeline function in the synthesized CloudFormation template
// is served by the local server with byte-identical code, and nothing else is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../infra/app.js';
import type { FrontendConfig as InfraFrontendConfig } from '../../infra/frontend-config.js';
import { resolverCodeFromTemplate, type TemplateCode } from '../../infra/template-code.js';
import { frontendConfig } from '../../local/server/frontend-config.js';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';
import { api } from '../../resolvers/api.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'cdk-served-'));
let fromTemplate: TemplateCode[];
let app: LocalAppSync;

beforeAll(async () => {
  const { app: cdk, stack } = createApp({ root, definition: api, outdir });
  fromTemplate = resolverCodeFromTemplate(cdk.synth().getStackByName(stack.stackName).template);
  app = await startLocalAppSync({
    root,
    prebuilt: true,
    dataDir: mkdtempSync(join(tmpdir(), 'appsync-served-')),
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `tpl${process.pid}_`,
    frontendConfigPath: false,
  });
}, 90_000);
afterAll(async () => {
  await app?.stop();
  rmSync(outdir, { recursive: true, force: true });
});

describe('deployed code = served code', () => {
  it('serves every resolver of the template with the same code, and no other', () => {
    const served = app.servedCode();
    const tplResolvers = fromTemplate.filter((t) => t.kind === 'resolver');
    expect(tplResolvers.length).toBeGreaterThan(0);
    expect(served.resolvers.map((r) => `${r.typeName}.${r.fieldName}`).sort()).toEqual(tplResolvers.map((t) => `${t.typeName}.${t.fieldName}`).sort());
    for (const t of tplResolvers) {
      const s = served.resolvers.find((r) => r.typeName === t.typeName && r.fieldName === t.fieldName)!;
      expect(s.code === t.code, `${t.typeName}.${t.fieldName}`).toBe(true);
    }
  });

  it('serves every pipeline function of the template with the same code, and no other', () => {
    const served = app.servedCode();
    const tplFunctions = fromTemplate.filter((t) => t.kind === 'function');
    expect(served.functions.map((f) => f.name).sort()).toEqual(tplFunctions.map((t) => t.name).sort());
    for (const t of tplFunctions) expect(served.functions.find((f) => f.name === t.name)!.code === t.code, t.name).toBe(true);
  });

  it('writes the frontend config in the shape the CDK outputs give', () => {
    const cfg: InfraFrontendConfig = frontendConfig({ def: api, url: app.url, realtimeUrl: app.realtimeUrl, keys: app.keys });
    expect(Object.keys(cfg).sort()).toEqual(['additionalAuthModes', 'defaultAuthMode', 'graphqlEndpoint', 'realtimeEndpoint', 'region', 'userPoolClientId', 'userPoolId']);
  });
});
