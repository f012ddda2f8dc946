// Assertions on the synthesized CloudFormation template, built from the same
// definition and bundles the local server runs (the global setup built them).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFiles } from '../../local/definition.js';
import { createApp } from '../../infra/app.js';
import { operationsIn } from '../../infra/actions.js';
import { resolverCodeFromTemplate } from '../../infra/template-code.js';
import { api } from '../../resolvers/api.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'cdk-test-'));
let template: Template;
let json: { Resources: Record<string, { Type: string; Properties: any }>; Outputs: Record<string, unknown> };
let report: { pluginReports: Array<{ pluginName: string; conclusion: string; violations: unknown[]; suppressedViolations: Array<{ ruleName: string }> }> };

beforeAll(() => {
  const { app, stack } = createApp({ root, definition: api, outdir });
  const assembly = app.synth();
  json = assembly.getStackByName(stack.stackName).template;
  template = Template.fromJSON(json);
  report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
}, 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const bundle = (code: string) => readFileSync(join(root, api.outDir, `${code}.js`), 'utf8');

describe('no Lambda, no Scan', () => {
  it('has no Lambda function of any kind', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::Serverless::Function', 0);
    expect(JSON.stringify(json)).not.toMatch(/lambda:InvokeFunction|AWS_LAMBDA/);
  });

  it('issues no Scan from any bundle', () => {
    for (const code of codeFiles(api)) expect(operationsIn(bundle(code)).has('Scan'), code).toBe(false);
  });
});

describe('resolvers and functions', () => {
  it('runs every resolver and function on APPSYNC_JS 1.0.0', () => {
    const all = Object.values(json.Resources).filter((r) =>
      ['AWS::AppSync::Resolver', 'AWS::AppSync::FunctionConfiguration'].includes(r.Type),
    );
    expect(all).toHaveLength(api.resolvers.length + Object.keys(api.functions).length);
    for (const r of all) expect(r.Properties.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
  });

  it('deploys the exact bundle bytes for each field and function', () => {
    const deployed = resolverCodeFromTemplate(json as never);
    for (const r of api.resolvers) {
      const d = deployed.find((x) => x.kind === 'resolver' && x.typeName === r.typeName && x.fieldName === r.fieldName);
      expect(d?.code, `${r.typeName}.${r.fieldName}`).toBe(bundle(r.code));
    }
    for (const [name, f] of Object.entries(api.functions)) {
      expect(deployed.find((x) => x.kind === 'function' && x.name === name)?.code).toBe(bundle(f.code));
    }
  });

  it('makes pipeline resolvers from the definition', () => {
    const pipelines = api.resolvers.filter((r) => r.pipeline);
    for (const p of pipelines) {
      const found = Object.values(json.Resources).find(
        (r) => r.Type === 'AWS::AppSync::Resolver' && r.Properties.TypeName === p.typeName && r.Properties.FieldName === p.fieldName,
      );
      expect(found?.Properties.Kind).toBe('PIPELINE');
      expect(found?.Properties.PipelineConfig.Functions).toHaveLength(p.pipeline!.length);
    }
  });
});

describe('the data source role', () => {
  it('allows exactly the DynamoDB actions the bundles use, on the table and its indexes', () => {
    const roles = Object.values(json.Resources).filter(
      (r) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties).includes('dynamodb:'),
    );
    expect(roles).toHaveLength(1);
    const statements = roles[0].Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    const actions = new Set(statements.flatMap((s: any) => [s.Action].flat()));
    expect([...actions].sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/dynamodb:\*|Scan/);
    // No other policy in the stack grants DynamoDB access.
    const policies = Object.values(json.Resources).filter((r) => r.Type === 'AWS::IAM::Policy');
    expect(JSON.stringify(policies)).not.toMatch(/dynamodb:/);
  });
});

describe('the table', () => {
  it('is on demand, with PITR, deletion protection, encryption and RETAIN', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: Match.objectLike({ SSEEnabled: true }),
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byStatus' })],
      }),
    });
  });
});

describe('the API', () => {
  it('defaults to Cognito user pools with IAM as an additional mode, X-Ray and field logs on', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
      XrayEnabled: true,
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR' }),
      QueryDepthLimit: api.limits?.queryDepth,
      EnvironmentVariables: { TABLE_NAME: Match.anyValue() },
    });
  });

  it('has a group per definition group in the user pool', () => {
    for (const group of api.userGroups ?? []) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    }
  });

  it('signs in by email with a strong password policy and a public SRP + password client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
    });
    const clients = Object.values(json.Resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const client = clients[0].Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH']));
    // No hosted-UI OAuth grants (the implicit grant would hand tokens to a URL).
    expect(client.AllowedOAuthFlows).toBeUndefined();
  });

  it('outputs what a frontend needs, including the config file', () => {
    for (const name of ['GraphQLUrl', 'RealtimeUrl', 'Region', 'UserPoolId', 'UserPoolClientId', 'FrontendConfig']) {
      expect(json.Outputs[name], name).toBeDefined();
    }
    // The real-time URL is the GraphQL host with appsync-api → appsync-realtime-api over wss.
    const realtime = JSON.stringify(json.Outputs.RealtimeUrl);
    expect(realtime).toContain('wss://');
    expect(realtime).toContain('appsync-realtime-api');
    expect(JSON.stringify(json.Outputs.FrontendConfig)).toContain('realtimeEndpoint');
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes, every accepted finding acknowledged with a reason in infra/nag.ts', () => {
    const aws = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions');
    expect(aws?.conclusion).toBe('success');
    expect(aws?.violations).toEqual([]);
    const nag = readFileSync(join(root, 'infra/nag.ts'), 'utf8');
    for (const s of aws!.suppressedViolations) expect(nag).toContain(s.ruleName);
  });
});
