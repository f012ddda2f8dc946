// The whole API on AWS, generated from the API definition (resolvers/api.ts).
// Nothing here names a field of our API: change the definition instead.
import { Aws, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import type { Construct } from 'constructs';
import type { ApiDefinition } from '../local/definition.js';
import { createApi } from './api.js';
import { createUserPool } from './auth.js';
import type { FrontendConfig } from './frontend-config.js';
import { createTables } from './table.js';

export interface ApiStackProps extends StackProps {
  definition: ApiDefinition;
  /** Project root: the schema and bundles are read relative to it. */
  root: string;
}

export class ApiStack extends Stack {
  readonly api: appsync.GraphqlApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const def = props.definition;
    const tables = createTables(this, def);
    const { userPool, client } = createUserPool(this, def);
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(def.environment ?? {})) {
      environment[name] = typeof value === 'string' ? value : tables[value.tableName].tableName;
    }
    this.api = createApi(this, def, { root: props.root, userPool, tables, environment });

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
    new CfnOutput(this, 'GraphQLUrl', { value: this.api.graphqlUrl });
    new CfnOutput(this, 'RealtimeUrl', { value: realtimeUrl });
    new CfnOutput(this, 'Region', { value: Aws.REGION });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'FrontendConfig', {
      description: 'The frontend config file (same shape as .appsync-local/frontend-config.json)',
      value: this.toJsonString(config),
    });
  }
}
