// The AppSync GraphQL API, its data sources, pipeline functions and resolvers,
// all APPSYNC_JS, all from the definition and its resolver bundles.
import { join } from 'node:path';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { isPipeline, type ApiDefinition, type AuthMode } from '../local/definition.js';
import { dynamoDbActions } from './actions.js';
import type { StackSettings } from './config.js';

const runtime = appsync.FunctionRuntime.JS_1_0_0;

function authorizationMode(mode: AuthMode, userPool: cognito.IUserPool): appsync.AuthorizationMode {
  switch (mode.type) {
    case 'AMAZON_COGNITO_USER_POOLS':
      return { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool } };
    case 'AWS_IAM':
      return { authorizationType: appsync.AuthorizationType.IAM };
    case 'API_KEY':
      return { authorizationType: appsync.AuthorizationType.API_KEY };
    case 'OPENID_CONNECT':
      return {
        authorizationType: appsync.AuthorizationType.OIDC,
        openIdConnectConfig: { oidcProvider: mode.issuer, ...(mode.clientId ? { clientId: mode.clientId } : {}) },
      };
  }
}

/**
 * Field-level logs at ERROR (the failing fields and their errors, not every
 * field of every query) into a log group with an explicit retention.
 * excludeVerboseContent drops the sections that hold request headers (the
 * Authorization JWT), the context (identity claims, arguments) and the
 * evaluated request/response objects, at every log level (AppSync API
 * reference, LogConfig.excludeVerboseContent). Set on the L1 resource: the L2
 * logConfig would add the CDK's log-retention custom resource, a Lambda, and an
 * AWS managed policy.
 */
function enableLogging(scope: Construct, api: appsync.GraphqlApi, settings: StackSettings): void {
  new logs.LogGroup(scope, 'ApiLogs', {
    logGroupName: `/aws/appsync/apis/${api.apiId}`,
    retention: settings.logRetentionDays as logs.RetentionDays,
    removalPolicy: settings.removalPolicy,
  });
  const role = new iam.Role(scope, 'ApiLogsRole', {
    assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
    description: 'AppSync writes its logs to the API log group',
    inlinePolicies: {
      logs: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            // Named by pattern: the group's own ARN would make the API depend on itself.
            resources: [
              Stack.of(scope).formatArn({
                service: 'logs',
                resource: 'log-group',
                resourceName: '/aws/appsync/apis/*',
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ],
          }),
        ],
      }),
    },
  });
  (api.node.defaultChild as appsync.CfnGraphQLApi).logConfig = {
    cloudWatchLogsRoleArn: role.roleArn,
    fieldLogLevel: 'ERROR',
    excludeVerboseContent: true,
  };
}

/**
 * The table gets every action the bundles send; its indexes only Query, the
 * one action of those that reads an index (DynamoDB API reference: Query and
 * Scan take IndexName; writes and GetItem address the base table only).
 */
function indexAwareStatements(tableArn: string, actions: string[]): iam.PolicyStatement[] {
  const statements = [new iam.PolicyStatement({ actions, resources: [tableArn] })];
  if (actions.includes('dynamodb:Query')) {
    statements.push(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${tableArn}/index/*`] }));
  }
  return statements;
}

export interface ApiResources {
  root: string;
  /** Code path (e.g. "Query/me") → bundle text, as buildApi returns it. */
  bundles: Record<string, string>;
  settings: StackSettings;
  userPool: cognito.IUserPool;
  tables: Record<string, dynamodb.ITableV2>;
  environment: Record<string, string>;
}

export function createApi(scope: Construct, def: ApiDefinition, res: ApiResources): appsync.GraphqlApi {
  const api = new appsync.GraphqlApi(scope, 'Api', {
    // One account can hold both stages: the name says which is which.
    name: `${def.name}-${res.settings.stage}`,
    definition: appsync.Definition.fromFile(join(res.root, def.schema)),
    authorizationConfig: {
      defaultAuthorization: authorizationMode(def.auth.default, res.userPool),
      additionalAuthorizationModes: def.auth.additional.map((m) => authorizationMode(m, res.userPool)),
    },
    xrayEnabled: true,
    // Schema introspection answers any signed-in caller with the whole API's
    // shape; prod turns it off (AppSync Developer Guide, "Disabling
    // introspection": a disabled API answers introspection queries with an error).
    introspectionConfig: res.settings.introspection ? appsync.IntrospectionConfig.ENABLED : appsync.IntrospectionConfig.DISABLED,
    environmentVariables: res.environment,
    // Per-request bounds, the same the local server enforces (from the definition unless overridden).
    ...(res.settings.queryDepthLimit ? { queryDepthLimit: res.settings.queryDepthLimit } : {}),
    ...(res.settings.resolverCountLimit ? { resolverCountLimit: res.settings.resolverCountLimit } : {}),
  });

  enableLogging(scope, api, res.settings);

  const bundle = (code: string) => {
    const text = res.bundles[code];
    if (text === undefined) throw new Error(`no bundle for "${code}"`);
    return text;
  };
  const code = (file: string) => appsync.Code.fromInline(bundle(file));

  const dataSources: Record<string, appsync.BaseDataSource> = {};
  for (const [name, ds] of Object.entries(def.dataSources)) {
    if (ds.type === 'NONE') {
      dataSources[name] = api.addNoneDataSource(name, { description: ds.description });
      continue;
    }
    const table = res.tables[ds.table];
    // The role allows exactly the actions the bundles send, on the table and
    // its indexes. It is handed to the data source as an immutable reference so
    // the CDK adds no broad read/write grant of its own.
    const role = new iam.Role(scope, `${name}Role`, {
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      description: `AppSync data source ${name}: DynamoDB actions used by its resolvers`,
      inlinePolicies: {
        dynamodb: new iam.PolicyDocument({
          statements: indexAwareStatements(table.tableArn, dynamoDbActions(def, name, bundle)),
        }),
      },
    });
    dataSources[name] = new appsync.DynamoDbDataSource(scope, `${name}DataSource`, {
      api,
      table,
      name,
      description: ds.description,
      serviceRole: iam.Role.fromRoleArn(scope, `${name}RoleRef`, role.roleArn, { mutable: false }),
    });
  }

  const functions: Record<string, appsync.AppsyncFunction> = {};
  for (const [name, fn] of Object.entries(def.functions)) {
    functions[name] = new appsync.AppsyncFunction(scope, `Function-${name}`, {
      api,
      name,
      dataSource: dataSources[fn.dataSource],
      runtime,
      code: code(fn.code),
    });
  }

  for (const r of def.resolvers) {
    new appsync.Resolver(scope, `Resolver-${r.typeName}-${r.fieldName}`, {
      api,
      typeName: r.typeName,
      fieldName: r.fieldName,
      runtime,
      code: code(r.code),
      ...(isPipeline(r)
        ? { pipelineConfig: r.pipeline.map((f) => functions[f]) }
        : { dataSource: dataSources[r.dataSource] }),
    });
  }
  return api;
}
