// resolverCodeFromTemplate reads code whether the template holds it inline or
// as a staged S3 asset; the frontend config round-trips through the outputs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import { afterAll, describe, expect, it } from 'vitest';
import { amplifyConfig, frontendConfigFromOutputs, type FrontendConfig } from '../../infra/frontend-config.js';
import { resolverCodeFromTemplate } from '../../infra/template-code.js';

const dir = mkdtempSync(join(tmpdir(), 'tpl-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolverCodeFromTemplate', () => {
  it('reads asset code from the cloud assembly and inline code from the template', () => {
    // Placeholder bundles in a temp dir: the shape matters, not the API.
    mkdirSync(join(dir, 'src'));
    const assetCode = 'export function request(ctx) { return {}; }\nexport function response(ctx) { return "asset"; }\n';
    const inlineCode = 'export function request(ctx) { return {}; }\nexport function response(ctx) { return "inline"; }\n';
    writeFileSync(join(dir, 'src', 'a.js'), assetCode);
    const app = new App({ outdir: join(dir, 'out') });
    const stack = new Stack(app, 'S');
    writeFileSync(join(dir, 'schema.graphql'), 'type Query { a: String b: String }\n');
    const api = new appsync.GraphqlApi(stack, 'Api', { name: 'T', definition: appsync.Definition.fromFile(join(dir, 'schema.graphql')) });
    const none = api.addNoneDataSource('none');
    const runtime = appsync.FunctionRuntime.JS_1_0_0;
    none.createResolver('A', { typeName: 'Query', fieldName: 'a', runtime, code: appsync.Code.fromAsset(join(dir, 'src', 'a.js')) });
    none.createFunction('F', { name: 'f', runtime, code: appsync.Code.fromInline(inlineCode) });
    const template = app.synth().getStackByName('S').template;

    expect(() => resolverCodeFromTemplate(template)).toThrow(/asset/);
    const found = resolverCodeFromTemplate(template, join(dir, 'out'));
    expect(found).toEqual(
      expect.arrayContaining([
        { kind: 'resolver', typeName: 'Query', fieldName: 'a', code: assetCode },
        { kind: 'function', name: 'f', code: inlineCode },
      ]),
    );
    expect(found).toHaveLength(2);
  }, 60_000);
});

describe('frontend config', () => {
  const cfg: FrontendConfig = {
    graphqlEndpoint: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
    realtimeEndpoint: 'wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
    region: 'eu-west-1',
    defaultAuthMode: 'AMAZON_COGNITO_USER_POOLS',
    additionalAuthModes: ['AWS_IAM'],
    userPoolId: 'eu-west-1_x',
    userPoolClientId: 'client',
  };

  it('is read back from the stack outputs', () => {
    expect(frontendConfigFromOutputs({ FrontendConfig: JSON.stringify(cfg), Region: 'eu-west-1' })).toEqual(cfg);
  });

  it('turns into an Amplify v6 configuration', () => {
    expect(amplifyConfig(cfg)).toEqual({
      Auth: { Cognito: { userPoolId: 'eu-west-1_x', userPoolClientId: 'client' } },
      API: { GraphQL: { endpoint: cfg.graphqlEndpoint, region: 'eu-west-1', defaultAuthMode: 'userPool' } },
    });
  });
});
