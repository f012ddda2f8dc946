// The --cdk-out door reading small hand-written templates: intrinsics,
// tables, data sources, unit and pipeline resolvers, auth, environment.
import { describe, expect, it } from 'vitest';
import { loadCloudAssembly, selectStack } from '../../local/cdk/index.js';
import { resolveValue, type IntrinsicContext } from '../../local/cdk/intrinsics.js';
import { toAttributeValues } from '../../local/cdk/seed.js';
import { BY_MAKE, carsResources, DEFECTS, GET_CAR, SCHEMA, writeAssembly } from './fixture.js';

function ctx(resources: IntrinsicContext['resources'] = {}): IntrinsicContext {
  return {
    resources,
    parameters: { Stage: { Default: 'dev' }, NoDefault: {} },
    conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
    region: 'eu-west-3',
    accountId: '111122223333',
    stackName: 'S',
    file: 'S.template.json',
    ref: (id) => (id === 'T' ? 'table-local' : id),
    getAtt: (id, attr) => (attr === 'Name' ? `${id}-name` : undefined),
  };
}

describe('intrinsic functions', () => {
  const c = ctx({ T: { Type: 'AWS::DynamoDB::Table' }, D: { Type: 'AWS::AppSync::DataSource' } });
  it('resolves Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::If and pseudo-parameters', () => {
    expect(resolveValue({ Ref: 'T' }, c, 'X')).toBe('table-local');
    expect(resolveValue({ Ref: 'AWS::Region' }, c, 'X')).toBe('eu-west-3');
    expect(resolveValue({ Ref: 'Stage' }, c, 'X')).toBe('dev');
    expect(resolveValue({ 'Fn::GetAtt': ['D', 'Name'] }, c, 'X')).toBe('D-name');
    expect(resolveValue({ 'Fn::GetAtt': 'D.Name' }, c, 'X')).toBe('D-name');
    expect(resolveValue({ 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:${T}/${D.Name}/${!Literal}' }, c, 'X')).toBe(
      'arn:aws:x:eu-west-3:111122223333:table-local/D-name/${Literal}',
    );
    expect(resolveValue({ 'Fn::Sub': ['${A}-${AWS::StackName}', { A: { Ref: 'T' } }] }, c, 'X')).toBe('table-local-S');
    expect(resolveValue({ 'Fn::Join': ['/', ['a', { Ref: 'T' }, 3]] }, c, 'X')).toBe('a/table-local/3');
    expect(resolveValue({ 'Fn::Select': [1, { 'Fn::Split': [',', 'x,y,z'] }] }, c, 'X')).toBe('y');
    expect(resolveValue({ 'Fn::If': ['IsProd', 'big', 'small'] }, c, 'X')).toBe('small');
    expect(resolveValue({ a: { Ref: 'AWS::NoValue' }, b: [1, { Ref: 'AWS::NoValue' }] }, c, 'X')).toEqual({ b: [1] });
  });
  it('names the logical id for what it cannot resolve', () => {
    expect(() => resolveValue({ 'Fn::ImportValue': 'SharedTable' }, c, 'MyDataSource')).toThrow(/S\.template\.json MyDataSource: Fn::ImportValue "SharedTable".*another stack/);
    expect(() => resolveValue({ Ref: 'Nope' }, c, 'R1')).toThrow(/R1: Ref to "Nope"/);
    expect(() => resolveValue({ Ref: 'NoDefault' }, c, 'R1')).toThrow(/R1: Ref to parameter "NoDefault", which has no Default/);
    expect(() => resolveValue({ 'Fn::GetAtt': ['Nope', 'Arn'] }, c, 'R2')).toThrow(/R2: Fn::GetAtt of "Nope"/);
  });
});

describe('reading a template', () => {
  const dir = writeAssembly();
  const read = loadCloudAssembly(dir);

  it('takes the region and stack from manifest.json, and --region over it', () => {
    expect(read.region).toBe('eu-central-1');
    expect(read.stack.id).toBe('CarsStack');
    expect(loadCloudAssembly(dir, { region: 'ap-south-1' }).region).toBe('ap-south-1');
    expect(loadCloudAssembly(writeAssembly({ region: 'unknown-region' })).region).toBe('us-east-1');
  });

  it('reads the schema and the code from the staged assets and inline, one asset shared', () => {
    expect(read.schema).toBe(SCHEMA);
    const byField = Object.fromEntries(read.api.resolvers.map((r) => [`${r.typeName}.${r.fieldName}`, r]));
    expect(read.files[byField['Query.getCar'].code]).toBe(GET_CAR);
    expect(read.files[byField['Query.carsByMake'].code]).toBe(BY_MAKE);
    expect(read.files[read.api.functions.DefectsFn.code]).toBe(DEFECTS);
  });

  it('maps UNIT and PIPELINE resolvers on any type, Fn::GetAtt function ids and data source names', () => {
    const byField = Object.fromEntries(read.api.resolvers.map((r) => [`${r.typeName}.${r.fieldName}`, r]));
    expect(byField['Car.defects'].pipeline).toEqual(['DefectsFn']);
    expect(byField['Query.getCar'].dataSource).toBe('cars');
    expect(byField['Query.carsByMake'].dataSource).toBe('cars');
    expect(read.api.functions.DefectsFn.dataSource).toBe('defects');
    expect(read.api.dataSources).toEqual({
      cars: { type: 'AMAZON_DYNAMODB', table: 'CarsTable' },
      defects: { type: 'AMAZON_DYNAMODB', table: 'DefectsTable' },
      none: { type: 'NONE' },
    });
  });

  it('reads tables: fixed names, GSI, LSI with an INCLUDE projection, TTL', () => {
    expect(read.tables).toEqual({ CarsTable: 'cars', DefectsTable: 'defects-v1' });
    expect(read.api.tables.CarsTable.globalSecondaryIndexes).toEqual([{ indexName: 'byMake', partitionKey: { name: 'make', type: 'S' }, projection: 'ALL' }]);
    expect(read.api.tables.DefectsTable).toMatchObject({
      partitionKey: { name: 'carId', type: 'S' },
      sortKey: { name: 'id', type: 'S' },
      localSecondaryIndexes: [{ indexName: 'bySeverity', sortKey: { name: 'severity', type: 'N' }, projection: 'INCLUDE', nonKeyAttributes: ['text'] }],
      timeToLiveAttribute: 'expiresAt',
    });
  });

  it('keeps table Refs of EnvironmentVariables as table references, resolves the rest; takes the limits', () => {
    expect(read.api.environment).toEqual({ CARS_TABLE: { tableName: 'CarsTable' }, STAGE: 'CarsStack-eu-central-1' });
    expect(read.api.limits).toEqual({ queryDepth: 5, resolverCount: 20 });
    expect(read.api.auth).toEqual({ default: { type: 'AWS_IAM' }, additional: [] });
  });

  it('reads every auth mode: API key, Cognito with its DefaultAction and groups, OIDC with its issuer', () => {
    const resources = carsResources();
    resources.Api.Properties = {
      ...resources.Api.Properties,
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      UserPoolConfig: { UserPoolId: { Ref: 'Pool' }, DefaultAction: 'DENY', AwsRegion: { Ref: 'AWS::Region' } },
      AdditionalAuthenticationProviders: [
        { AuthenticationType: 'API_KEY' },
        { AuthenticationType: 'OPENID_CONNECT', OpenIDConnectConfig: { Issuer: 'https://issuer.example.com', ClientId: 'abc' } },
      ],
    };
    resources.Pool = { Type: 'AWS::Cognito::UserPool', Properties: {} };
    resources.Admins = { Type: 'AWS::Cognito::UserPoolGroup', Properties: { GroupName: 'admins', UserPoolId: { Ref: 'Pool' } } };
    resources.Key = { Type: 'AWS::AppSync::ApiKey', Properties: { ApiId: { 'Fn::GetAtt': ['Api', 'ApiId'] } } };
    const r = loadCloudAssembly(writeAssembly({ resources }));
    expect(r.api.auth).toEqual({
      default: { type: 'AMAZON_COGNITO_USER_POOLS', defaultAction: 'DENY' },
      additional: [{ type: 'API_KEY' }, { type: 'OPENID_CONNECT', issuer: 'https://issuer.example.com', clientId: 'abc' }],
    });
    expect(r.api.userGroups).toEqual(['admins']);
  });

  it('finds the one stack with an API, and asks for --stack when there are several', () => {
    const other = carsResources();
    const two = writeAssembly({ more: { Other: other } });
    expect(() => selectStack(two)).toThrow(/2 stacks hold an AppSync API; choose one with --stack: CarsStack, Other/);
    expect(loadCloudAssembly(two, { stack: 'Other' }).region).toBe('us-east-1');
    expect(() => selectStack(two, 'Missing')).toThrow(/no stack "Missing"; the assembly has: CarsStack, Other/);
    const withoutApi = writeAssembly({ more: { Plain: { Bucket: { Type: 'AWS::S3::Bucket' } } } });
    expect(selectStack(withoutApi).stack.id).toBe('CarsStack');
  });
});

describe('seed items', () => {
  it('keeps attribute-value JSON and marshals plain JSON, per item', () => {
    expect(toAttributeValues({ id: { S: 'c1' }, n: { N: '3' } })).toEqual({ id: { S: 'c1' }, n: { N: '3' } });
    expect(toAttributeValues({ id: 'c1', n: 3, ok: true, none: null, tags: ['a'], m: { S: 'x', y: 1 } })).toEqual({
      id: { S: 'c1' },
      n: { N: '3' },
      ok: { BOOL: true },
      none: { NULL: true },
      tags: { L: [{ S: 'a' }] },
      m: { M: { S: { S: 'x' }, y: { N: '1' } } },
    });
  });
});
