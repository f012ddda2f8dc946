// Small hand-written cloud assemblies (what `cdk synth` writes: manifest.json,
// <Stack>.template.json, asset.<hash>.<ext>) for the --cdk-out door's tests.
// The default app: an IAM-only API in eu-central-1 with two tables of fixed
// names (one with a GSI), a plain-JS pipeline on the nested field Car.defects
// and a unit resolver sharing one staged asset.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

export const SCHEMA = `type Car { id: ID! make: String defects: [Defect] }
type Defect { carId: ID! id: ID! text: String }
type Query { getCar(id: ID!): Car carsByMake(make: String!): [Car] version: String }
schema { query: Query }
`;

// One asset, used by a unit resolver and a pipeline function (a plain `.js` asset, as CDK stages it).
export const GET_CAR = `import { util } from '@aws-appsync/utils';
export function request(ctx) { return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) }; }
export function response(ctx) { return ctx.result; }
`;
export const BY_MAKE = `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  return { operation: 'Query', index: 'byMake', query: { expression: 'make = :m', expressionValues: util.dynamodb.toMapValues({ ':m': ctx.args.make }) } };
}
export function response(ctx) { return ctx.result.items; }
`;
export const DEFECTS = `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  return { operation: 'Query', query: { expression: 'carId = :c', expressionValues: util.dynamodb.toMapValues({ ':c': ctx.source.id }) } };
}
export function response(ctx) { return ctx.result.items; }
`;
export const PIPELINE = `export function request(ctx) { return {}; }
export function response(ctx) { return ctx.prev.result; }
`;
export const VERSION = `export function request(ctx) { return { payload: ctx.env.CARS_TABLE + '|' + ctx.env.STAGE }; }
export function response(ctx) { return ctx.result; }
`;

const apiId = { 'Fn::GetAtt': ['Api', 'ApiId'] };
const js = { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' };
const asset = (hash: string) => ({ 'Fn::Sub': `s3://cdk-hnb659fds-assets-\${AWS::AccountId}-\${AWS::Region}/${hash}` });

export function carsResources(): Resources {
  return {
    CarsTable: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: 'cars',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'make', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [{ IndexName: 'byMake', KeySchema: [{ AttributeName: 'make', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    },
    DefectsTable: {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: {
        TableName: { 'Fn::Join': ['-', ['defects', 'v1']] },
        KeySchema: [
          { AttributeName: 'carId', KeyType: 'HASH' },
          { AttributeName: 'id', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'carId', AttributeType: 'S' },
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'severity', AttributeType: 'N' },
        ],
        LocalSecondaryIndexes: [
          { IndexName: 'bySeverity', KeySchema: [{ AttributeName: 'carId', KeyType: 'HASH' }, { AttributeName: 'severity', KeyType: 'RANGE' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['text'] } },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        Replicas: [{ Region: { Ref: 'AWS::Region' } }],
      },
    },
    Api: {
      Type: 'AWS::AppSync::GraphQLApi',
      Properties: {
        Name: 'cars-api',
        AuthenticationType: 'AWS_IAM',
        EnvironmentVariables: { CARS_TABLE: { Ref: 'CarsTable' }, STAGE: { 'Fn::Sub': '${AWS::StackName}-${AWS::Region}' } },
        QueryDepthLimit: 5,
        ResolverCountLimit: 20,
      },
    },
    Schema: { Type: 'AWS::AppSync::GraphQLSchema', Properties: { ApiId: apiId, DefinitionS3Location: asset('schemahash.graphql') } },
    CarsSource: {
      Type: 'AWS::AppSync::DataSource',
      Properties: { ApiId: apiId, Name: 'cars', Type: 'AMAZON_DYNAMODB', DynamoDBConfig: { TableName: { Ref: 'CarsTable' }, AwsRegion: { Ref: 'AWS::Region' } } },
    },
    DefectsSource: {
      Type: 'AWS::AppSync::DataSource',
      // A literal name, as an app that fixes its table names may write it.
      Properties: { ApiId: apiId, Name: 'defects', Type: 'AMAZON_DYNAMODB', DynamoDBConfig: { TableName: 'defects-v1', AwsRegion: 'eu-central-1' } },
    },
    NoneSource: { Type: 'AWS::AppSync::DataSource', Properties: { ApiId: apiId, Name: 'none', Type: 'NONE' } },
    DefectsFn: {
      Type: 'AWS::AppSync::FunctionConfiguration',
      Properties: { ApiId: apiId, Name: 'listDefects', DataSourceName: { 'Fn::GetAtt': ['DefectsSource', 'Name'] }, Runtime: js, CodeS3Location: asset('defectshash.js') },
    },
    GetCar: {
      Type: 'AWS::AppSync::Resolver',
      Properties: { ApiId: apiId, TypeName: 'Query', FieldName: 'getCar', Kind: 'UNIT', DataSourceName: 'cars', Runtime: js, CodeS3Location: asset('getcarhash.js') },
    },
    CarsByMake: {
      Type: 'AWS::AppSync::Resolver',
      Properties: { ApiId: apiId, TypeName: 'Query', FieldName: 'carsByMake', DataSourceName: { 'Fn::GetAtt': ['CarsSource', 'Name'] }, Runtime: js, Code: BY_MAKE, CachingConfig: { Ttl: 60 } },
    },
    Version: {
      Type: 'AWS::AppSync::Resolver',
      Properties: { ApiId: apiId, TypeName: 'Query', FieldName: 'version', DataSourceName: 'none', Runtime: js, Code: VERSION },
    },
    CarDefects: {
      Type: 'AWS::AppSync::Resolver',
      Properties: {
        ApiId: apiId,
        TypeName: 'Car',
        FieldName: 'defects',
        Kind: 'PIPELINE',
        PipelineConfig: { Functions: [{ 'Fn::GetAtt': ['DefectsFn', 'FunctionId'] }] },
        Runtime: js,
        Code: PIPELINE,
        MaxBatchSize: 10,
      },
    },
  };
}

export interface AssemblyOptions {
  stack?: string;
  region?: string;
  resources?: Resources;
  /** More stacks: id → resources. */
  more?: Record<string, Resources>;
  dir?: string;
}

/** Writes a cloud assembly; returns its directory. */
export function writeAssembly(opts: AssemblyOptions = {}): string {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'appsync-cdk-fixture-'));
  mkdirSync(dir, { recursive: true });
  const stack = opts.stack ?? 'CarsStack';
  const stacks: Record<string, Resources> = { [stack]: opts.resources ?? carsResources(), ...opts.more };
  const artifacts: Record<string, unknown> = {};
  for (const [id, resources] of Object.entries(stacks)) {
    writeFileSync(join(dir, `${id}.template.json`), JSON.stringify({ Resources: resources, Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } } }, null, 1));
    artifacts[id] = {
      type: 'aws:cloudformation:stack',
      environment: `aws://unknown-account/${id === stack ? (opts.region ?? 'eu-central-1') : 'unknown-region'}`,
      properties: { templateFile: `${id}.template.json` },
    };
  }
  writeFileSync(join(dir, 'asset.schemahash.graphql'), SCHEMA);
  writeFileSync(join(dir, 'asset.getcarhash.js'), GET_CAR);
  writeFileSync(join(dir, 'asset.defectshash.js'), DEFECTS);
  // Written last, as cdk synth does.
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts }, null, 1));
  return dir;
}
