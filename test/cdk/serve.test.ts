// Serving hand-written cloud assemblies end to end: the stack's region in
// SigV4 and the Cognito issuer, a pipeline on a nested field, a GSI, fixed
// table names an app's own script can write to, --seed, --allow-unsupported,
// Cognito DefaultAction DENY, and hot reload from cdk.out.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalAppSync, type LocalAppSync, type StartOptions } from '../../local/server/index.js';
import { carsResources, writeAssembly, type Resources } from './fixture.js';

const js = { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' };
const apiId = { 'Fn::GetAtt': ['Api', 'ApiId'] };
const started: LocalAppSync[] = [];

/** The fixture with table names of this run (tables live in the shared DynamoDB Local). */
function resourcesNamed(suffix: string): Resources {
  const r = carsResources();
  r.CarsTable.Properties!.TableName = `cars${suffix}`;
  r.DefectsTable.Properties!.TableName = `defects${suffix}`;
  (r.DefectsSource.Properties!.DynamoDBConfig as Record<string, unknown>).TableName = `defects${suffix}`;
  return r;
}

async function serve(dir: string, more: Partial<StartOptions> = {}): Promise<LocalAppSync & { lines: string[] }> {
  const lines: string[] = [];
  const app = await startLocalAppSync({
    root: dir,
    cdkOut: { dir: '.' },
    dataDir: mkdtempSync(join(tmpdir(), 'appsync-cdk-data-')),
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    port: 0,
    watch: false,
    frontendConfigPath: false,
    log: (l) => lines.push(l),
    ...more,
  });
  started.push(app);
  return Object.assign(app, { lines });
}

async function signed(app: LocalAppSync, query: string, region = app.keys.region) {
  const u = new URL(app.url);
  const body = JSON.stringify({ query });
  const signer = new SignatureV4({ service: 'appsync', region, credentials: app.keys.iam, sha256: Sha256 });
  const req = await signer.sign({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/graphql', headers: { host: u.host, 'content-type': 'application/json' }, body });
  const res = await fetch(app.url, { method: 'POST', headers: req.headers as Record<string, string>, body });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

afterAll(async () => {
  for (const app of started) await app.stop();
});

describe('an IAM-only app in eu-central-1 with fixed table names', () => {
  const suffix = `-${process.pid}-a`;
  let app: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    const dir = writeAssembly({ resources: resourcesNamed(suffix) });
    writeFileSync(join(dir, 'cars.json'), JSON.stringify([{ id: 'c1', make: 'vw' }, { id: 'c2', make: 'vw' }, { id: 'c1', make: 'bmw' }]));
    writeFileSync(join(dir, 'defects.json'), JSON.stringify([{ carId: { S: 'c1' }, id: { S: 'd1' }, text: { S: 'rust' }, severity: { N: '2' } }]));
    app = await serve(dir, {
      seed: [
        { table: `cars${suffix}`, file: join(dir, 'cars.json') },
        { table: 'DefectsTable', file: join(dir, 'defects.json') },
      ],
    });
  });

  it('serves as the stack region: SigV4 for eu-central-1 passes, us-east-1 is refused', async () => {
    expect(app.keys.region).toBe('eu-central-1');
    expect(app.keys.userPoolId).toMatch(/^eu-central-1_/);
    expect((await signed(app, '{ version }')).body).toEqual({ data: { version: `cars${suffix}|CarsStack-eu-central-1` } });
    const wrong = await signed(app, '{ version }', 'us-east-1');
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors![0]).toMatchObject({ errorType: 'UnauthorizedException', message: expect.stringMatching(/scoped to a valid region/) });
  });

  it('seeds in file order (last write of a key wins), plain and attribute-value JSON, by TableName or logical id', async () => {
    expect(app.lines).toContain(`seeded cars${suffix} with 3 items`);
    const r = await signed(app, '{ getCar(id: "c1") { id make defects { id text } } }');
    expect(r.body).toEqual({ data: { getCar: { id: 'c1', make: 'bmw', defects: [{ id: 'd1', text: 'rust' }] } } });
  });

  it('answers a GSI query, and sees what an app writes with the AWS SDK through AWS_ENDPOINT_URL_DYNAMODB', async () => {
    const before = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = app.dynamodbEndpoint;
    // The SDK takes the endpoint from the environment (AWS SDKs and Tools Reference Guide, service-specific endpoints).
    const client = new DynamoDBClient({ region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      await client.send(new PutItemCommand({ TableName: `cars${suffix}`, Item: { id: { S: 'c3' }, make: { S: 'vw' } } }));
      const r = await signed(app, '{ carsByMake(make: "vw") { id } }');
      expect(r.body.data.carsByMake.map((c: { id: string }) => c.id).sort()).toEqual(['c2', 'c3']);
      const defects = (await client.send(new DescribeTableCommand({ TableName: `defects${suffix}` }))).Table!;
      expect(defects.LocalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'bySeverity', Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['text'] } });
      const ttl = (await client.send(new DescribeTimeToLiveCommand({ TableName: `defects${suffix}` }))).TimeToLiveDescription;
      expect(ttl).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    } finally {
      client.destroy();
      if (before === undefined) delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
      else process.env.AWS_ENDPOINT_URL_DYNAMODB = before;
    }
  });

  it('refuses what the template does not allow (IAM only: no API key)', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': app.apiKey }, body: JSON.stringify({ query: '{ version }' }) });
    expect(res.status).toBe(401);
  });
});

describe('--allow-unsupported', () => {
  it('serves the rest; a field on a Lambda data source answers a field error in AppSync shape', async () => {
    const resources = resourcesNamed(`-${process.pid}-b`);
    resources.Fn = { Type: 'AWS::AppSync::DataSource', Properties: { ApiId: apiId, Name: 'fn', Type: 'AWS_LAMBDA', LambdaConfig: { LambdaFunctionArn: 'arn:aws:lambda:eu-central-1:1:function:x' } } };
    resources.GetCar.Properties!.DataSourceName = 'fn';
    const app = await serve(writeAssembly({ resources }), { cdkOut: { dir: '.', allowUnsupported: true } });
    expect(app.lines.some((l) => /not served \(--allow-unsupported\): .*Fn: data source "fn" is a Lambda data source/.test(l))).toBe(true);
    const r = await signed(app, '{ getCar(id: "x") { id } version }');
    expect(r.body.data).toEqual({ getCar: null, version: expect.stringMatching(/^cars-/) });
    expect(r.body.errors).toEqual([expect.objectContaining({ path: ['getCar'], errorType: 'UnsupportedByAppSyncLocal', message: expect.stringMatching(/Lambda data source/) })]);
  });
});

describe('Cognito user pools with DefaultAction', () => {
  const schema = 'type Query { admin: String @aws_auth(cognito_groups: ["admins"]) open: String }\n';
  async function cognitoApp(action: 'ALLOW' | 'DENY') {
    const resources: Resources = {
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
      Admins: { Type: 'AWS::Cognito::UserPoolGroup', Properties: { GroupName: 'admins', UserPoolId: { Ref: 'Pool' } } },
      Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { Name: 'c', AuthenticationType: 'AMAZON_COGNITO_USER_POOLS', UserPoolConfig: { UserPoolId: { Ref: 'Pool' }, AwsRegion: { Ref: 'AWS::Region' }, DefaultAction: action } } },
      Schema: { Type: 'AWS::AppSync::GraphQLSchema', Properties: { ApiId: apiId, Definition: schema } },
      None: { Type: 'AWS::AppSync::DataSource', Properties: { ApiId: apiId, Name: 'none', Type: 'NONE' } },
      ...Object.fromEntries(
        ['admin', 'open'].map((f) => [
          `R${f}`,
          { Type: 'AWS::AppSync::Resolver', Properties: { ApiId: apiId, TypeName: 'Query', FieldName: f, DataSourceName: 'none', Runtime: js, Code: `export function request(ctx) { return { payload: ctx.identity.defaultAuthStrategy }; }\nexport function response(ctx) { return ctx.result; }\n` } },
        ]),
      ),
    };
    return serve(writeAssembly({ resources }));
  }
  const ask = async (app: LocalAppSync, token: string, field: string) => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query: `{ ${field} }` }) });
    return (await res.json()) as { data: any; errors?: any[] };
  };

  it('DENY: a user reads only fields whose directives admit their group', async () => {
    const app = await cognitoApp('DENY');
    const user = await app.mintToken('u1');
    const admin = await app.mintToken('a1', ['admins']);
    expect(await ask(app, admin, 'admin')).toEqual({ data: { admin: 'DENY' } });
    expect((await ask(app, admin, 'open')).errors![0]).toMatchObject({ errorType: 'Unauthorized' });
    expect((await ask(app, user, 'open')).errors![0]).toMatchObject({ errorType: 'Unauthorized' });
    expect((await ask(app, user, 'admin')).errors![0]).toMatchObject({ errorType: 'Unauthorized' });
  });

  it('ALLOW: fields without directives are open to every user', async () => {
    const app = await cognitoApp('ALLOW');
    const user = await app.mintToken('u1');
    expect(await ask(app, user, 'open')).toEqual({ data: { open: 'ALLOW' } });
    expect((await ask(app, user, 'admin')).errors![0]).toMatchObject({ errorType: 'Unauthorized' });
  });
});

describe('hot reload from cdk.out', () => {
  it('re-reads the assembly when cdk synth rewrites it, and keeps the previous version on a bad one', async () => {
    const dir = writeAssembly({ resources: resourcesNamed(`-${process.pid}-c`) });
    const app = await serve(dir, { watch: true });
    const template = join(dir, 'CarsStack.template.json');
    const next = JSON.parse(readFileSync(template, 'utf8'));
    next.Resources.Version.Properties.Code = "export function request(ctx) { return { payload: 'v2' }; }\nexport function response(ctx) { return ctx.result; }\n";
    const waitFor = async (re: RegExp, from: number) => {
      for (let i = 0; i < 100 && !app.lines.slice(from).some((l) => re.test(l)); i++) await new Promise((r) => setTimeout(r, 50));
      expect(app.lines.slice(from).some((l) => re.test(l))).toBe(true);
    };
    let mark = app.lines.length;
    writeFileSync(template, JSON.stringify(next));
    writeFileSync(join(dir, 'manifest.json'), readFileSync(join(dir, 'manifest.json')));
    await waitFor(/^reloaded in/, mark);
    expect((await signed(app, '{ version }')).body).toEqual({ data: { version: 'v2' } });

    mark = app.lines.length;
    next.Resources.Version.Properties.DataSourceName = 'nowhere';
    writeFileSync(template, JSON.stringify(next));
    await waitFor(/reload failed, still serving the previous version/, mark);
    expect(app.lines.slice(mark).join('\n')).toMatch(/Version: DataSourceName "nowhere" is no data source/);
    expect((await signed(app, '{ version }')).body).toEqual({ data: { version: 'v2' } });
  });
});
