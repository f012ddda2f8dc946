// The whole API on AWS, generated from the API definition (resolvers/api.ts).
// Nothing here names a field of our API: change the definition instead.
import { Aws, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import type { Construct } from 'constructs';
import type { ApiDefinition } from '../local/definition.js';
import { dynamoDbMetricOperations } from './actions.js';
import { createApi } from './api.js';
import { createUserPool } from './auth.js';
import { readSettings, type StackSettings } from './config.js';
import type { FrontendConfig } from './frontend-config.js';
import { createMonitoring } from './monitoring.js';
import { createTables } from './table.js';
import { createWebAcl } from './waf.js';

export interface ApiStackProps extends StackProps {
  definition: ApiDefinition;
  /** Project root: the schema is read relative to it. */
  root: string;
  /** Code path (e.g. "Query/me") → bundle text, as buildApi returns it. */
  bundles: Record<string, string>;
}

export class ApiStack extends Stack {
  readonly api: appsync.GraphqlApi;
  readonly settings: StackSettings;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const def = props.definition;
    const settings = (this.settings = readSettings(this.node, def));
    const tables = createTables(this, def, settings);
    const { userPool, client, consoleClient } = createUserPool(this, def, settings);
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(def.environment ?? {})) {
      environment[name] = typeof value === 'string' ? value : tables[value.tableName].tableName;
    }
    this.api = createApi(this, def, { root: props.root, bundles: props.bundles, settings, userPool, tables, environment });
    const webAcl = createWebAcl(this, this.api, settings);
    const readBundle = (code: string) => props.bundles[code] ?? '';
    const { topic } = createMonitoring(this, {
      api: this.api,
      webAcl,
      settings,
      tables: Object.entries(tables).map(([name, table]) => ({
        name,
        table,
        operations: dynamoDbMetricOperations(def, name, readBundle),
        indexes: (def.tables[name].globalSecondaryIndexes ?? []).map((g) => g.indexName),
      })),
    });

    // AppSync's real-time host is the GraphQL host with appsync-api → appsync-realtime-api.
    const host = Fn.select(2, Fn.split('/', this.api.graphqlUrl));
    const realtimeHost = Fn.join('appsync-realtime-api', Fn.split('appsync-api', host));
    const realtimeUrl = Fn.join('', ['wss://', realtimeHost, '/graphql']);
    const config: FrontendConfig = {
      graphqlEndpoint: this.api.graphqlUrl,
      realtimeEndpoint: realtimeUrl,
      region: Aws.REGION,
      defaultAuthMode: def.auth.default.type,
      additionalAuthModes: def.auth.additional.map((m) => m.type),
      userPoolId: userPool.userPoolId,
      userPoolClientId: client.userPoolClientId,
    };
    new CfnOutput(this, 'Stage', { value: settings.stage });
    new CfnOutput(this, 'GraphQLUrl', { value: this.api.graphqlUrl });
    new CfnOutput(this, 'RealtimeUrl', { value: realtimeUrl });
    new CfnOutput(this, 'Region', { value: Aws.REGION });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    if (consoleClient) {
      new CfnOutput(this, 'AppSyncConsoleClientId', {
        description: 'App client for "Login with User Pools" in the AppSync console query editor (not for frontends)',
        value: consoleClient.userPoolClientId,
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'SNS topic the CloudWatch alarms publish to: subscribe the on-call address to it',
      value: topic.topicArn,
    });
    new CfnOutput(this, 'FrontendConfig', {
      description: 'The frontend config file (same shape as .appsync-local/frontend-config.json)',
      value: this.toJsonString(config),
    });
  }
}
