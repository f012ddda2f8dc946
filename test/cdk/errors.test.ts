// Everything the twin cannot serve from a cloud assembly gets one located
// message (file, logical id, what to do), never a stack trace.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CloudAssemblyError, loadCloudAssembly } from '../../local/cdk/index.js';
import { carsResources, writeAssembly, type Resources } from './fixture.js';

const apiId = { 'Fn::GetAtt': ['Api', 'ApiId'] };

function problemsOf(change: (r: Resources) => void, opts: { allowUnsupported?: boolean } = {}): string {
  const resources = carsResources();
  change(resources);
  try {
    loadCloudAssembly(writeAssembly({ resources }), opts);
  } catch (e) {
    expect(e).toBeInstanceOf(CloudAssemblyError);
    return (e as Error).message;
  }
  return '';
}

const withSource = (type: string, extra: Record<string, unknown> = {}) => (r: Resources) => {
  r.Other = { Type: 'AWS::AppSync::DataSource', Properties: { ApiId: apiId, Name: 'other', Type: type, ...extra } };
  r.GetCar.Properties!.DataSourceName = 'other';
};

describe('unsupported constructs, each by logical id', () => {
  it.each([
    ['AWS_LAMBDA', /CarsStack\.template\.json Other: data source "other" is a Lambda data source, which the twin does not run.*--allow-unsupported/],
    ['HTTP', /Other: data source "other" is an HTTP data source/],
    ['AMAZON_OPENSEARCH_SERVICE', /Other: data source "other" is an OpenSearch data source/],
    ['RELATIONAL_DATABASE', /Other: data source "other" is an RDS \(Aurora Data API\) data source/],
  ])('a %s data source', (type, message) => {
    expect(problemsOf(withSource(type))).toMatch(message);
  });

  it('a VTL resolver', () => {
    const msg = problemsOf((r) => {
      const p = r.GetCar.Properties!;
      delete p.Runtime;
      delete p.CodeS3Location;
      p.RequestMappingTemplate = '{"version":"2018-05-29","operation":"GetItem"}';
    });
    expect(msg).toMatch(/GetCar: a VTL resolver \(no Runtime APPSYNC_JS\).*rewrite it in JavaScript/);
  });

  it('Fn::ImportValue and a literal table name with no table in the template', () => {
    expect(problemsOf(withSource('AMAZON_DYNAMODB', { DynamoDBConfig: { TableName: { 'Fn::ImportValue': 'SharedTableName' } } }))).toMatch(
      /Other: Fn::ImportValue "SharedTableName": the value is exported by another stack/,
    );
    expect(problemsOf(withSource('AMAZON_DYNAMODB', { DynamoDBConfig: { TableName: 'someone-elses-table' } }))).toMatch(
      /Other: DynamoDB data source "other": table "someone-elses-table" is not defined in this template/,
    );
  });

  it('nested stacks and merged APIs', () => {
    expect(problemsOf((r) => (r.Nested = { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'x' } }))).toMatch(/Nested: a nested stack/);
    expect(problemsOf((r) => (r.Assoc = { Type: 'AWS::AppSync::SourceApiAssociation', Properties: {} }))).toMatch(/Assoc: a merged API source association/);
    expect(problemsOf((r) => (r.Api.Properties!.ApiType = 'MERGED'))).toMatch(/Api: a merged API \(ApiType MERGED\) is not served/);
  });

  it('code the APPSYNC_JS runtime rejects, by logical id, file and line', () => {
    const msg = problemsOf((r) => {
      r.Version.Properties!.Code = 'export function request(ctx) {\n  throw new Error("x");\n}\nexport function response(ctx) { return 1; }\n';
    });
    expect(msg).toMatch(/CarsStack\.template\.json:2:3 Version: .*Throw statements are not supported/);
  });

  it("code over AppSync's 32 KB limit", () => {
    const msg = problemsOf((r) => {
      r.Version.Properties!.Code = `// ${'x'.repeat(33_000)}\nexport function request(ctx) { return {}; }\nexport function response(ctx) { return 1; }\n`;
    });
    expect(msg).toMatch(/Version: code is 330\d\d characters, over AppSync's limit of 32768/);
  });

  it('a pipeline naming a function that is not in the template', () => {
    expect(problemsOf((r) => ((r.CarDefects.Properties!.PipelineConfig as { Functions: unknown[] }).Functions = ['abcdef123']))).toMatch(
      /CarDefects: PipelineConfig\.Functions entry "abcdef123" is no AWS::AppSync::FunctionConfiguration/,
    );
  });

  it('lists every problem at once', () => {
    const msg = problemsOf((r) => {
      withSource('AWS_LAMBDA')(r);
      r.Nested = { Type: 'AWS::CloudFormation::Stack', Properties: {} };
    });
    expect(msg.split('\n')).toHaveLength(3);
  });

  it('--allow-unsupported serves the rest, and says what is not served', () => {
    const resources = carsResources();
    withSource('AWS_LAMBDA')(resources);
    const read = loadCloudAssembly(writeAssembly({ resources }), { allowUnsupported: true });
    expect(read.unsupported.map((p) => p.logicalId)).toEqual(['Other']);
    const getCar = read.api.resolvers.find((r) => r.fieldName === 'getCar')!;
    expect(read.files[getCar.code]).toMatch(/util\.error\(.*Lambda data source/);
  });
});

describe('appsync-local start --cdk-out on an assembly it cannot serve', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  it('prints one line naming the logical id and exits 1', async () => {
    const resources = carsResources();
    withSource('HTTP')(resources);
    const dir = writeAssembly({ resources });
    const run = promisify(execFile)(process.execPath, [`${root}local/cli/bin.js`, 'start', '--cdk-out', dir, '--port', '0', '--in-memory', '--data-dir', `${dir}/.data`], { cwd: dir });
    const failed = (await run.then(() => undefined, (e: unknown) => e)) as { code: number; stderr: string; stdout: string };
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^appsync-local: .*CarsStack\.template\.json Other: data source "other" is an HTTP data source/)]);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('names the stacks when several hold an API', async () => {
    const dir = writeAssembly({ more: { Second: carsResources() } });
    const failed = (await promisify(execFile)(process.execPath, [`${root}local/cli/bin.js`, 'start', '--cdk-out', dir, '--port', '0', '--in-memory', '--data-dir', `${dir}/.data`], { cwd: dir }).then(
      () => undefined,
      (e: unknown) => e,
    )) as { code: number; stderr: string };
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^appsync-local: .*2 stacks hold an AppSync API; choose one with --stack: CarsStack, Second\n$/);
  }, 30_000);

  it('a schema that does not parse: one line naming the template that holds it', async () => {
    const dir = writeAssembly();
    // A field without its colon. (A `;` after a field is AppSync's dialect and is served: see
    // test/cdk-apps/subscription-filter.test.ts.)
    writeFileSync(join(dir, 'asset.schemahash.graphql'), 'type Query { version String }\n');
    const failed = (await promisify(execFile)(process.execPath, [`${root}local/cli/bin.js`, 'start', '--cdk-out', dir, '--port', '0', '--in-memory', '--data-dir', `${dir}/.data`], { cwd: dir }).then(
      () => undefined,
      (e: unknown) => e,
    )) as { code: number; stderr: string };
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^appsync-local: .*CarsStack\.template\.json \(AWS::AppSync::GraphQLSchema\): schema does not parse: Syntax Error: Expected ":", found Name "String"\.\n$/);
  }, 30_000);
});
