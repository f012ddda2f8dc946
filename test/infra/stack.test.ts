// Assertions on the synthesized CloudFormation templates of both stages, built
// from the same definition and resolver sources the local server runs: the
// bundles are made in memory here, as `cdk synth` makes them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../local/build/index.js';
import { codeFiles } from '../../local/definition.js';
import { createApp } from '../../infra/app.js';
import { operationsIn } from '../../infra/actions.js';
import { DEFAULTS } from '../../infra/config.js';
import { resolverCodeFromTemplate } from '../../infra/template-code.js';
import { MAX_BODY_BYTES } from '../../infra/waf.js';
import { api } from '../../resolvers/api.js';

type Resource = { Type: string; Properties: any; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type TemplateJson = { Resources: Record<string, Resource>; Outputs: Record<string, any> };
type Report = { pluginReports: Array<{ pluginName: string; conclusion: string; violations: unknown[]; suppressedViolations: Array<{ ruleName: string }> }> };

interface Synth {
  stackName: string;
  json: TemplateJson;
  template: Template;
  report: Report;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdirs: string[] = [];
let bundles: Record<string, string>;
let dev: Synth;
let prod: Synth;
/** dev with every knob set from context as strings, the way `-c key=value` passes them. */
let tuned: Synth;
/** prod with what it leaves out by default asked for. */
let prodAsked: Synth;
const PROD_ASKED = { stage: 'prod', consoleClient: 'true', alarmEmail: 'oncall@example.com', mfa: 'REQUIRED' };
const TUNED = {
  wafRateLimit: '2000',
  logRetentionDays: '90',
  alarmApiLatencyP99Ms: '500',
  alarmApi4xxRatePercent: '25',
  queryDepthLimit: '5',
  resolverCountLimit: '20',
  consoleClient: 'false',
};

function synth(context?: Record<string, unknown>): Synth {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-test-'));
  outdirs.push(outdir);
  const { app, stack } = createApp({ root, definition: api, outdir, bundles, context });
  const json = app.synth().getStackByName(stack.stackName).template as TemplateJson;
  return {
    stackName: stack.stackName,
    json,
    template: Template.fromJSON(json),
    report: JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')),
  };
}

beforeAll(async () => {
  bundles = (await buildApi({ root, api, write: false })).files;
  dev = synth();
  prod = synth({ stage: 'prod' });
  tuned = synth(TUNED);
  prodAsked = synth(PROD_ASKED);
}, 240_000);
afterAll(() => {
  for (const d of outdirs) rmSync(d, { recursive: true, force: true });
});

const ofType = (s: Synth, type: string) => Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);
const one = (s: Synth, type: string) => {
  const all = ofType(s, type);
  expect(all, type).toHaveLength(1);
  return all[0];
};

const clients = (s: Synth) => Object.fromEntries(ofType(s, 'AWS::Cognito::UserPoolClient').map(([id, r]) => [r.Properties.ClientName, { id, ...r.Properties }]));

describe('no Lambda, no Scan', () => {
  it('has no Lambda function of any kind', () => {
    for (const s of [dev, prod]) {
      s.template.resourceCountIs('AWS::Lambda::Function', 0);
      s.template.resourceCountIs('AWS::Serverless::Function', 0);
      expect(JSON.stringify(s.json)).not.toMatch(/lambda:InvokeFunction|AWS_LAMBDA/);
    }
  });

  it('issues no Scan from any bundle', () => {
    for (const code of codeFiles(api)) expect(operationsIn(bundles[code]).has('Scan'), code).toBe(false);
  });
});

describe('resolvers and functions', () => {
  it('runs every resolver and function on APPSYNC_JS 1.0.0', () => {
    const all = Object.values(dev.json.Resources).filter((r) =>
      ['AWS::AppSync::Resolver', 'AWS::AppSync::FunctionConfiguration'].includes(r.Type),
    );
    expect(all).toHaveLength(api.resolvers.length + Object.keys(api.functions).length);
    for (const r of all) expect(r.Properties.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
  });

  it('deploys the exact bundle bytes of the current sources for each field and function', () => {
    const deployed = resolverCodeFromTemplate(dev.json as never);
    for (const r of api.resolvers) {
      const d = deployed.find((x) => x.kind === 'resolver' && x.typeName === r.typeName && x.fieldName === r.fieldName);
      expect(d?.code, `${r.typeName}.${r.fieldName}`).toBe(bundles[r.code]);
    }
    for (const [name, f] of Object.entries(api.functions)) {
      expect(deployed.find((x) => x.kind === 'function' && x.name === name)?.code).toBe(bundles[f.code]);
    }
  });

  it('makes pipeline resolvers from the definition', () => {
    const pipelines = api.resolvers.filter((r) => r.pipeline);
    for (const p of pipelines) {
      const found = Object.values(dev.json.Resources).find(
        (r) => r.Type === 'AWS::AppSync::Resolver' && r.Properties.TypeName === p.typeName && r.Properties.FieldName === p.fieldName,
      );
      expect(found?.Properties.Kind).toBe('PIPELINE');
      expect(found?.Properties.PipelineConfig.Functions).toHaveLength(p.pipeline!.length);
    }
  });
});

describe('the data source role', () => {
  it('allows exactly the DynamoDB actions the bundles use, on the table and its indexes', () => {
    const roles = Object.values(dev.json.Resources).filter(
      (r) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties).includes('dynamodb:'),
    );
    expect(roles).toHaveLength(1);
    const statements = roles[0].Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    const actions = new Set(statements.flatMap((s: any) => [s.Action].flat()));
    expect([...actions].sort()).toEqual([
      // The leaving check inside transactions (resolvers/lib/account.ts).
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/dynamodb:\*|Scan/);
    // No other policy in the stack grants DynamoDB access.
    const policies = Object.values(dev.json.Resources).filter((r) => r.Type === 'AWS::IAM::Policy');
    expect(JSON.stringify(policies)).not.toMatch(/dynamodb:/);
  });
});

describe('stages', () => {
  it('names one stack per stage, dev by default', () => {
    expect(dev.stackName).toBe(`${api.name}-dev`);
    expect(prod.stackName).toBe(`${api.name}-prod`);
    expect(dev.json.Outputs.Stage.Value).toBe('dev');
    expect(prod.json.Outputs.Stage.Value).toBe('prod');
    // Resources with account-wide names carry the stage, so both stages fit in one account.
    dev.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { Name: `${api.name}-dev` });
    prod.template.hasResourceProperties('AWS::WAFv2::WebACL', { Name: `${api.name}-prod-api` });
    prod.template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `${api.name}-prod` });
  });

  it('refuses an unknown stage or a bad knob with the key named', () => {
    expect(() => createApp({ root, definition: api, bundles, context: { stage: 'staging' } })).toThrow(/stage=staging/);
    expect(() => createApp({ root, definition: api, bundles, context: { logRetentionDays: '31' } })).toThrow(/logRetentionDays=31/);
    expect(() => createApp({ root, definition: api, bundles, context: { wafRateLimit: 'lots' } })).toThrow(/wafRateLimit=lots/);
  });

  it('prod keeps the table: on demand, PITR, deletion protection, encryption and RETAIN', () => {
    prod.template.hasResource('AWS::DynamoDB::GlobalTable', {
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

  it('prod keeps the user pool: deletion protection and RETAIN', () => {
    prod.template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  it('dev is destroyed whole: nothing retained, no deletion protection', () => {
    const [, table] = one(dev, 'AWS::DynamoDB::GlobalTable');
    expect(table.DeletionPolicy).toBe('Delete');
    expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(false);
    const [, pool] = one(dev, 'AWS::Cognito::UserPool');
    expect(pool.DeletionPolicy).toBe('Delete');
    expect(pool.Properties.DeletionProtection).toBe('INACTIVE');
    for (const [id, r] of Object.entries(dev.json.Resources)) {
      expect(r.DeletionPolicy ?? 'Delete', id).toMatch(/^Delete$/);
      expect(r.UpdateReplacePolicy ?? 'Delete', id).toMatch(/^Delete$/);
    }
    // Log groups are RETAIN by default in the CDK: dev sets them to go with the stack.
    expect(ofType(dev, 'AWS::Logs::LogGroup').length).toBeGreaterThanOrEqual(2);
  });

  it('prod retains its log groups', () => {
    for (const [id, r] of ofType(prod, 'AWS::Logs::LogGroup')) expect(r.DeletionPolicy, id).toBe('Retain');
  });
});

describe('the API', () => {
  it('defaults to Cognito user pools with IAM as an additional mode, X-Ray and field logs on', () => {
    dev.template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
      XrayEnabled: true,
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR' }),
      EnvironmentVariables: { TABLE_NAME: Match.anyValue() },
    });
  });

  it('bounds each request with the definition limits the local server enforces, or the context ones', () => {
    expect(api.limits?.queryDepth).toBeGreaterThan(0);
    expect(api.limits?.resolverCount).toBeGreaterThan(0);
    for (const s of [dev, prod]) {
      s.template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
        QueryDepthLimit: api.limits!.queryDepth,
        ResolverCountLimit: api.limits!.resolverCount,
      });
    }
    tuned.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { QueryDepthLimit: 5, ResolverCountLimit: 20 });
  });

  it('has a group per definition group in the user pool', () => {
    for (const group of api.userGroups ?? []) {
      dev.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    }
  });

  it('outputs what a frontend needs, including the config file', () => {
    for (const name of ['GraphQLUrl', 'RealtimeUrl', 'Region', 'UserPoolId', 'UserPoolClientId', 'FrontendConfig']) {
      expect(dev.json.Outputs[name], name).toBeDefined();
    }
    // The real-time URL is the GraphQL host with appsync-api → appsync-realtime-api over wss.
    const realtime = JSON.stringify(dev.json.Outputs.RealtimeUrl);
    expect(realtime).toContain('wss://');
    expect(realtime).toContain('appsync-realtime-api');
    expect(JSON.stringify(dev.json.Outputs.FrontendConfig)).toContain('realtimeEndpoint');
  });
});

describe('sign-in', () => {

  it('signs in by email with a strong password policy', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
    });
  });

  it("gives the frontends' client SRP only: no USER_PASSWORD_AUTH, no secret, no OAuth grant", () => {
    for (const s of [dev, prod, tuned]) {
      const web = clients(s).web;
      expect(web.ExplicitAuthFlows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
      expect(web.GenerateSecret).toBe(false);
      expect(web.AllowedOAuthFlows).toBeUndefined();
      // The frontend config hands out this client, not the console's.
      expect(JSON.stringify(s.json.Outputs.FrontendConfig)).toContain(web.id);
      expect(s.json.Outputs.UserPoolClientId.Value).toEqual({ Ref: web.id });
    }
  });

  it('gives the AppSync console a client of its own, with short-lived tokens, and outputs its id', () => {
    const consoleClient = clients(dev)['appsync-console'];
    expect(consoleClient.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH']));
    expect(consoleClient.GenerateSecret).toBe(false);
    expect(consoleClient.IdTokenValidity).toBeLessThanOrEqual(60);
    expect(consoleClient.TokenValidityUnits.IdToken).toBe('minutes');
    expect(dev.json.Outputs.AppSyncConsoleClientId.Value).toEqual({ Ref: consoleClient.id });
  });

  it('leaves the console client out with consoleClient=false', () => {
    expect(Object.keys(clients(tuned))).toEqual(['web']);
    expect(tuned.json.Outputs.AppSyncConsoleClientId).toBeUndefined();
    expect(JSON.stringify(tuned.json)).not.toContain('ALLOW_USER_PASSWORD_AUTH');
  });
});

describe('production hardening', () => {
  const api = (x: Synth) => one(x, 'AWS::AppSync::GraphQLApi')[1].Properties;
  const pool = (x: Synth) => one(x, 'AWS::Cognito::UserPool')[1].Properties;

  it('answers introspection in dev and not in prod', () => {
    expect(api(dev).IntrospectionConfig).toBe('ENABLED');
    expect(api(prod).IntrospectionConfig).toBe('DISABLED');
    expect(api(synth({ stage: 'prod', introspection: 'true' })).IntrospectionConfig).toBe('ENABLED');
  });

  it('creates no console client (USER_PASSWORD_AUTH) in prod unless asked', () => {
    expect(Object.keys(clients(prod))).toEqual(['web']);
    expect(JSON.stringify(prod.json)).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(Object.keys(clients(prodAsked)).sort()).toEqual(['appsync-console', 'web']);
  });

  it('subscribes the alarm email to the alarm topic only when given', () => {
    for (const s of [dev, prod]) s.template.resourceCountIs('AWS::SNS::Subscription', 0);
    const [, topic] = one(prodAsked, 'AWS::SNS::Topic');
    const [, sub] = one(prodAsked, 'AWS::SNS::Subscription');
    expect(sub.Properties).toMatchObject({ Protocol: 'email', Endpoint: 'oncall@example.com' });
    expect(JSON.stringify(sub.Properties.TopicArn)).toContain(Object.entries(prodAsked.json.Resources).find(([, r]) => r === topic)![0]);
    expect(() => synth({ alarmEmail: 'not-an-address' })).toThrow(/alarmEmail=not-an-address: must be an email address/);
  });

  it('offers TOTP MFA, optional by default in both stages and configurable', () => {
    for (const s of [dev, prod]) {
      expect(pool(s).MfaConfiguration).toBe('OPTIONAL');
      expect(pool(s).EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    }
    expect(pool(prodAsked).MfaConfiguration).toBe('ON');
    expect(() => synth({ mfa: 'SOMETIMES' })).toThrow(/mfa=SOMETIMES: must be one of OFF, OPTIONAL, REQUIRED/);
  });

  it('keeps the original email until a new one is verified', () => {
    for (const s of [dev, prod]) {
      expect(pool(s).UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email'] });
    }
  });

  it('grants only Query on the indexes', () => {
    for (const s of [dev, prod]) {
      const [, role] = ofType(s, 'AWS::IAM::Role').find(([, r]) => JSON.stringify(r.Properties).includes('dynamodb:'))!;
      const statements = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
      const onIndexes = statements.filter((st: any) => JSON.stringify(st.Resource).includes('/index/*'));
      expect(onIndexes).toHaveLength(1);
      expect(onIndexes[0].Action).toBe('dynamodb:Query');
      const onTable = statements.filter((st: any) => !JSON.stringify(st.Resource).includes('/index/*'));
      expect(onTable.flatMap((st: any) => [st.Action].flat())).toContain('dynamodb:PutItem');
    }
  });
});

describe('private logs', () => {
  it('excludes verbose content (headers, context, evaluated code) from the API logs', () => {
    for (const s of [dev, prod]) {
      s.template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
        LogConfig: { CloudWatchLogsRoleArn: Match.anyValue(), FieldLogLevel: 'ERROR', ExcludeVerboseContent: true },
      });
    }
  });

  it('gives every log group an explicit retention, from context', () => {
    for (const [s, days] of [[dev, DEFAULTS.logRetentionDays], [prod, DEFAULTS.logRetentionDays], [tuned, 90]] as const) {
      const groups = ofType(s, 'AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThanOrEqual(2);
      for (const [id, g] of groups) expect(g.Properties.RetentionInDays, id).toBe(days);
    }
  });

  it('redacts every credential-carrying part of the requests WAF logs, and keeps only what it blocked or counted', () => {
    const [, logging] = one(dev, 'AWS::WAFv2::LoggingConfiguration');
    const redacted = JSON.stringify(logging.Properties.RedactedFields).toLowerCase();
    for (const part of ['authorization', 'x-amz-security-token', 'sec-websocket-protocol', 'querystring']) expect(redacted).toContain(part);
    expect(logging.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [one(dev, 'AWS::WAFv2::WebACL')[0], 'Arn'] });
    expect(JSON.stringify(logging.Properties.LogDestinationConfigs)).toContain(`:log-group:aws-waf-logs-${dev.stackName}`);
    expect(logging.Properties.LoggingFilter.DefaultBehavior).toBe('DROP');
  });
});

describe('WAF', () => {
  const rules = (s: Synth) => one(s, 'AWS::WAFv2::WebACL')[1].Properties.Rules as any[];
  const rule = (s: Synth, name: string) => rules(s).find((r) => r.Name === name);

  it('associates a regional web ACL with the GraphQL API', () => {
    const [aclId, acl] = one(dev, 'AWS::WAFv2::WebACL');
    expect(acl.Properties.Scope).toBe('REGIONAL');
    expect(acl.Properties.DefaultAction).toEqual({ Allow: {} });
    expect(acl.Properties.VisibilityConfig.CloudWatchMetricsEnabled).toBe(true);
    const [apiId] = one(dev, 'AWS::AppSync::GraphQLApi');
    dev.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { 'Fn::GetAtt': [apiId, 'Arn'] },
      WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] },
    });
  });

  it('limits each client IP, from context', () => {
    const rate = (s: Synth) => rule(s, 'RateLimitPerIp');
    expect(rate(dev).Statement.RateBasedStatement).toEqual({ Limit: DEFAULTS.wafRateLimit, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(rate(dev).Action.Block.CustomResponse.ResponseCode).toBe(429);
    expect(rate(tuned).Statement.RateBasedStatement.Limit).toBe(2000);
  });

  it('runs the AWS managed IP reputation and known-bad-inputs groups, blocking', () => {
    for (const name of ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesKnownBadInputsRuleSet']) {
      const r = rule(dev, name);
      expect(r?.Statement.ManagedRuleGroupStatement, name).toEqual({ VendorName: 'AWS', Name: name });
      expect(r.OverrideAction, name).toEqual({ None: {} });
    }
  });

  it('blocks bodies over the 8 KB WAF can inspect on AppSync, oversize included', () => {
    expect(MAX_BODY_BYTES).toBe(8192);
    const size = rule(dev, 'BodySizeLimit');
    expect(size.Statement.SizeConstraintStatement).toMatchObject({
      FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
      ComparisonOperator: 'GT',
      Size: 8192,
    });
    expect(size.Action.Block).toBeDefined();
  });

  it('has unique priorities and metrics on every rule', () => {
    const r = rules(dev);
    expect(new Set(r.map((x) => x.Priority)).size).toBe(r.length);
    for (const x of r) expect(x.VisibilityConfig.CloudWatchMetricsEnabled, x.Name).toBe(true);
  });
});

describe('observability', () => {
  const alarms = (s: Synth) => ofType(s, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const metricNames = (a: any): string[] =>
    a.MetricName ? [a.MetricName] : (a.Metrics ?? []).filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.MetricName);
  const alarmOn = (s: Synth, metric: string, stat?: string) =>
    alarms(s).find((a) => metricNames(a).includes(metric) && (!stat || JSON.stringify(a).includes(`"Stat":"${stat}"`)));

  it('alarms on AppSync 5XX, 4XX rate and p99 latency, and DynamoDB throttles and system errors', () => {
    expect(alarmOn(dev, '5XXError')?.Threshold).toBe(DEFAULTS.alarmApi5xxErrors);
    const rate = alarmOn(dev, '4XXError')!;
    expect(rate.Threshold).toBe(DEFAULTS.alarmApi4xxRatePercent);
    expect(rate.Metrics.find((m: any) => m.Expression).Expression).toContain('100 *');
    expect(alarmOn(dev, 'Latency', 'p99')?.Threshold).toBe(DEFAULTS.alarmApiLatencyP99Ms);
    const throttles = alarmOn(dev, 'ThrottledRequests')!;
    const systemErrors = alarmOn(dev, 'SystemErrors')!;
    expect(throttles.Threshold).toBe(DEFAULTS.alarmTableThrottledRequests);
    expect(systemErrors.Threshold).toBe(DEFAULTS.alarmTableSystemErrors);
    // Summed over the operations the resolvers send, each one present.
    for (const a of [throttles, systemErrors]) {
      const ops = a.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.Dimensions.find((d: any) => d.Name === 'Operation').Value);
      expect(ops).toEqual(expect.arrayContaining(['GetItem', 'PutItem', 'Query', 'UpdateItem', 'DeleteItem']));
      expect(ops.length).toBeLessThanOrEqual(10);
    }
  });

  it('takes thresholds from context', () => {
    expect(alarmOn(tuned, 'Latency', 'p99')?.Threshold).toBe(500);
    expect(alarmOn(tuned, '4XXError')?.Threshold).toBe(25);
  });

  it('publishes every alarm and its recovery to an encrypted topic whose ARN is an output', () => {
    const [topicId, topic] = one(dev, 'AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    const all = alarms(dev);
    expect(all).toHaveLength(5);
    for (const a of all) {
      expect(a.AlarmActions, a.AlarmName).toEqual([{ Ref: topicId }]);
      expect(a.OKActions, a.AlarmName).toEqual([{ Ref: topicId }]);
    }
    expect(dev.json.Outputs.AlarmTopicArn.Value).toEqual({ Ref: topicId });
    // CloudWatch may publish to the topic and use its key, for this stack's alarms only.
    const policy = JSON.stringify(one(dev, 'AWS::SNS::TopicPolicy')[1].Properties);
    expect(policy).toContain('cloudwatch.amazonaws.com');
    expect(policy).toContain('aws:SourceArn');
    const key = JSON.stringify(one(dev, 'AWS::KMS::Key')[1].Properties.KeyPolicy);
    expect(key).toContain('cloudwatch.amazonaws.com');
  });

  it('has a dashboard of the same metrics plus consumed capacity', () => {
    const [, dashboard] = one(dev, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const m of ['5XXError', '4XXError', 'Latency', 'p99', 'ThrottledRequests', 'SystemErrors', 'ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits']) {
      expect(body, m).toContain(m);
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes in every stage, every accepted finding acknowledged by rule with a reason in infra/nag.ts', () => {
    const nag = readFileSync(join(root, 'infra/nag.ts'), 'utf8');
    for (const s of [dev, prod, tuned]) {
      const aws = s.report.pluginReports.find((p) => p.pluginName === 'AwsSolutions');
      expect(aws?.conclusion).toBe('success');
      expect(aws?.violations).toEqual([]);
      for (const v of aws!.suppressedViolations) expect(nag).toContain(v.ruleName);
    }
    // No blanket acknowledgement: every one names a rule.
    expect(nag).not.toMatch(/acknowledge\(\s*'AwsSolutions::\*/);
  });
});
