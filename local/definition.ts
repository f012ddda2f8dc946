// The shape of an AppSync API definition: everything both the CDK stack and
// the local server need to know, written once by the project (see
// resolvers/api.ts). Nothing here is specific to one API.

export type KeyType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Defaults to ALL. */
  projection?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** With INCLUDE: the non-key attributes projected into the index. */
  nonKeyAttributes?: string[];
}

export interface TableDefinition {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalSecondaryIndexes?: IndexDefinition[];
  /** Local secondary indexes share the table's partition key (created with the table only). */
  localSecondaryIndexes?: Omit<IndexDefinition, 'partitionKey'>[];
  /** Attribute holding the item's expiry time (DynamoDB TTL). */
  timeToLiveAttribute?: string;
  /** Name of the table in a local engine; on AWS CloudFormation names it. */
  localName?: string;
}

export type DataSourceDefinition =
  | { type: 'AMAZON_DYNAMODB'; /** key into ApiDefinition.tables */ table: string; description?: string }
  | { type: 'NONE'; description?: string };

/** A pipeline function: one code file run against one data source. */
export interface FunctionDefinition {
  /** Source path relative to the source directory, without extension, e.g. "functions/getProfile". */
  code: string;
  dataSource: string;
}

/**
 * A resolver: a unit resolver (code + dataSource) or a pipeline resolver
 * (code holds the before/after handlers, pipeline the function names).
 */
export type ResolverDefinition =
  | { typeName: string; fieldName: string; code: string; dataSource: string; pipeline?: undefined }
  | { typeName: string; fieldName: string; code: string; pipeline: string[]; dataSource?: undefined };

export type AuthMode =
  | { type: 'AMAZON_COGNITO_USER_POOLS'; /** UserPoolConfig.DefaultAction (default ALLOW). */ defaultAction?: 'ALLOW' | 'DENY' }
  | { type: 'AWS_IAM' }
  | { type: 'API_KEY' }
  | { type: 'OPENID_CONNECT'; issuer: string; clientId?: string };

export type AuthType = AuthMode['type'];

/** A resolver environment variable (ctx.env); a table reference resolves to its physical name. */
export type EnvironmentValue = string | { tableName: string };

export interface ApiDefinition {
  name: string;
  /** Path of the SDL file, relative to the project root. */
  schema: string;
  /** Directory of resolver sources and of their bundles, relative to the project root. */
  sourceDir: string;
  outDir: string;
  auth: { default: AuthMode; additional: AuthMode[] };
  /** Cognito groups the project knows (created in the user pool, offered by the local token minting). */
  userGroups?: string[];
  tables: Record<string, TableDefinition>;
  dataSources: Record<string, DataSourceDefinition>;
  functions: Record<string, FunctionDefinition>;
  resolvers: ResolverDefinition[];
  environment?: Record<string, EnvironmentValue>;
  limits?: { queryDepth?: number; resolverCount?: number };
  /** AWS region the API is served as (SigV4 scope, Cognito issuer); default: the data directory's keys (us-east-1). */
  region?: string;
  /** Folder of example operations (*.graphql), relative to the project root: the local console's editor opens with them. Not deployed. */
  operations?: string;
}

/** Every code file the definition refers to (resolvers and functions), each once, in a stable order. */
export function codeFiles(def: ApiDefinition): string[] {
  const all = [...def.resolvers.map((r) => r.code), ...Object.values(def.functions).map((f) => f.code)];
  return [...new Set(all)].sort();
}

export function isPipeline(r: ResolverDefinition): r is Extract<ResolverDefinition, { pipeline: string[] }> {
  return Array.isArray(r.pipeline);
}
