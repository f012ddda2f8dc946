// One CloudFormation template's AppSync API as the twin's ApiDefinition, with
// the resolver code (`files`) and the schema SDL, read as CloudFormation means
// it. AWS: CloudFormation resource reference, AWS::AppSync::GraphQLApi,
// GraphQLSchema, DataSource, FunctionConfiguration, Resolver, ApiKey,
// SourceApiAssociation; AWS::DynamoDB::Table / GlobalTable; the AppSync
// Developer Guide on resolvers (unit and pipeline, APPSYNC_JS runtime).
import type { ApiDefinition, AuthMode, DataSourceDefinition, EnvironmentValue, FunctionDefinition, ResolverDefinition, TableDefinition } from '../definition.js';
import { MAX_CODE_LENGTH } from '../build/limits.js';
import { checkCode } from '../runtime/check.js';
import { stagedText } from './code.js';
import { CloudAssemblyError, type AssemblyProblem } from './errors.js';
import { resolveValue, type IntrinsicContext, type Resource } from './intrinsics.js';
import { TABLE_TYPES, tableFromResource } from './tables.js';

export interface TemplateOptions {
  /** The template file, relative to the assembly (for error locations). */
  file: string;
  /** The cloud assembly directory holding the staged assets. */
  assetDir: string;
  region: string;
  accountId?: string;
  stackName: string;
  /** Serve what can be served; unsupported fields answer an error. */
  allowUnsupported?: boolean;
}

export interface TemplateApi {
  api: ApiDefinition;
  schema: string;
  /** code key → code text, as the server takes it. */
  files: Record<string, string>;
  /** Logical id of the AWS::AppSync::GraphQLApi. */
  apiLogicalId: string;
  /** Table logical id → local (unprefixed) table name. */
  tables: Record<string, string>;
  /** What could not be served (empty unless allowUnsupported). */
  unsupported: AssemblyProblem[];
}

/** Data source types AppSync has that the twin does not run (AWS::AppSync::DataSource, Type). */
const UNSERVED_DATA_SOURCES: Record<string, string> = {
  AWS_LAMBDA: 'a Lambda data source',
  HTTP: 'an HTTP data source',
  AMAZON_OPENSEARCH_SERVICE: 'an OpenSearch data source',
  AMAZON_ELASTICSEARCH: 'an Elasticsearch data source',
  RELATIONAL_DATABASE: 'an RDS (Aurora Data API) data source',
  AMAZON_EVENTBRIDGE: 'an EventBridge data source',
  AMAZON_BEDROCK_RUNTIME: 'a Bedrock data source',
};

/** Synthetic NONE data source behind fields that cannot run (--allow-unsupported). */
const UNSUPPORTED_DS = '__appsync_local_unsupported';

/**
 * The code of a field that cannot run locally: it answers a field error
 * (util.error in the request handler, as AppSync reports any resolver error:
 * data null for the field, an entry in errors with path and errorType). What
 * AppSync itself would answer depends on the real backend; AWS is silent on
 * a twin's stand-in, so the errorType names the cause.
 */
function unsupportedCode(message: string): string {
  return [
    "import { util } from '@aws-appsync/utils';",
    `export function request(ctx) { return util.error(${JSON.stringify(message)}, 'UnsupportedByAppSyncLocal'); }`,
    'export function response(ctx) { return ctx.result; }',
    '',
  ].join('\n');
}

function props(r: Resource): Record<string, unknown> {
  return r.Properties ?? {};
}

export function apiFromTemplate(template: Record<string, unknown>, opts: TemplateOptions): TemplateApi {
  const file = opts.file;
  const resources = (template.Resources ?? {}) as Record<string, Resource>;
  const problems: AssemblyProblem[] = [];
  const problem = (logicalId: string, message: string, extra: Partial<AssemblyProblem> = {}) => problems.push({ file, logicalId, message, ...extra });
  const byType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

  // Tables first: a Ref to one is its local name everywhere else.
  const tableIds = Object.entries(resources).filter(([, r]) => TABLE_TYPES.has(r.Type)).map(([id]) => id);
  const localNames: Record<string, string> = {};
  const fnNames: Record<string, string> = {};
  const ctx: IntrinsicContext = {
    resources,
    parameters: (template.Parameters ?? {}) as IntrinsicContext['parameters'],
    conditions: (template.Conditions ?? {}) as Record<string, unknown>,
    region: opts.region,
    accountId: opts.accountId ?? '123456789012',
    stackName: opts.stackName,
    file,
    ref: (id) => localNames[id] ?? id,
    getAtt: (id, attr) => {
      const r = resources[id];
      if (TABLE_TYPES.has(r.Type) && attr === 'Arn') return `arn:aws:dynamodb:${opts.region}:${ctx.accountId}:table/${ctx.ref(id)}`;
      if (r.Type === 'AWS::AppSync::GraphQLApi' && attr === 'ApiId') return id;
      if (r.Type === 'AWS::AppSync::DataSource' && attr === 'Name') return resolveValue(props(r).Name, ctx, id);
      // A function's id is its logical id here: pipelines map it straight back.
      if (r.Type === 'AWS::AppSync::FunctionConfiguration' && attr === 'FunctionId') return id;
      if (r.Type === 'AWS::AppSync::FunctionConfiguration' && attr === 'Name') return fnNames[id] ?? resolveValue(props(r).Name, ctx, id);
      return undefined;
    },
  };
  const resolved = (id: string): Record<string, unknown> => resolveValue(props(resources[id]), ctx, id) as Record<string, unknown>;

  for (const [id] of byType('AWS::CloudFormation::Stack')) {
    problem(id, 'a nested stack: the twin reads one template and does not deploy nested ones; serve the nested stack\'s own template if the API is in it, or move the API into this stack');
  }
  for (const [id] of byType('AWS::AppSync::SourceApiAssociation')) {
    problem(id, 'a merged API source association: merged APIs are not served; serve each source API on its own (--stack)');
  }

  const apis = byType('AWS::AppSync::GraphQLApi');
  if (apis.length === 0) throw new CloudAssemblyError([{ file, message: 'no AWS::AppSync::GraphQLApi in this template' }]);
  if (apis.length > 1) {
    throw new CloudAssemblyError([{ file, message: `${apis.length} AppSync APIs in one stack (${apis.map(([id]) => id).join(', ')}); the twin serves one API per stack` }]);
  }
  const [apiId] = apis[0];
  const apiProps = resolved(apiId);
  if (apiProps.ApiType === 'MERGED') {
    throw new CloudAssemblyError([{ file, logicalId: apiId, message: 'a merged API (ApiType MERGED) is not served; serve each source API on its own (--stack)' }]);
  }
  const ours = (id: string) => resolveValue(props(resources[id]).ApiId, ctx, id) === apiId;

  const tables: Record<string, TableDefinition> = {};
  for (const id of tableIds) {
    tables[id] = tableFromResource(id, resolved(id), file);
    localNames[id] = tables[id].localName!;
  }

  // Data sources, keyed by their Name (what DataSourceName holds).
  const dataSources: Record<string, DataSourceDefinition> = {};
  const unservedSources = new Map<string, string>();
  for (const [id] of byType('AWS::AppSync::DataSource').filter(([id]) => ours(id))) {
    const raw = props(resources[id]);
    let p: Record<string, unknown>;
    try {
      p = resolved(id);
    } catch (e) {
      // e.g. Fn::ImportValue of a Lambda's ARN: located, and the rest may still be served.
      if (!(e instanceof CloudAssemblyError)) throw e;
      problems.push(...e.problems);
      unservedSources.set(String(raw.Name), `data source ${String(raw.Name)} refers to what is outside this template`);
      continue;
    }
    const name = String(p.Name);
    const description = typeof p.Description === 'string' ? { description: p.Description } : {};
    if (p.Type === 'NONE') dataSources[name] = { type: 'NONE', ...description };
    else if (p.Type === 'AMAZON_DYNAMODB') {
      const rawName = (raw.DynamoDBConfig as Record<string, unknown> | undefined)?.TableName;
      const tableName = (p.DynamoDBConfig as Record<string, unknown> | undefined)?.TableName;
      const ref = rawName && typeof rawName === 'object' && 'Ref' in rawName ? String((rawName as { Ref: unknown }).Ref) : undefined;
      const table = ref && tables[ref] ? ref : tableIds.find((t) => localNames[t] === tableName);
      if (table) dataSources[name] = { type: 'AMAZON_DYNAMODB', table, ...description };
      else {
        const why = `table "${String(tableName)}" is not defined in this template, so the twin cannot create it; define the table in this stack (or serve the stack that defines it)`;
        problem(id, `DynamoDB data source "${name}": ${why}`);
        unservedSources.set(name, `data source ${name} reads ${why}`);
      }
    } else {
      const what = UNSERVED_DATA_SOURCES[String(p.Type)] ?? `a data source of type ${String(p.Type)}`;
      problem(id, `data source "${name}" is ${what}, which the twin does not run (it serves DynamoDB and NONE); use --allow-unsupported to serve the rest, its fields then answer an error`);
      unservedSources.set(name, `data source ${name} is ${what}, which appsync-local does not run`);
    }
  }

  const files: Record<string, string> = {};
  const unsupported = new Map<string, string>(); // code key → why
  // APPSYNC_JS code of a resolver or function, checked like AppSync checks it.
  const codeFor = (id: string, p: Record<string, unknown>): string | undefined => {
    const runtime = (p.Runtime as { Name?: string } | undefined)?.Name;
    if (runtime !== 'APPSYNC_JS') {
      problem(id, 'a VTL resolver (no Runtime APPSYNC_JS): the twin runs APPSYNC_JS only; rewrite it in JavaScript (AppSync Developer Guide, "Resolver reference (JavaScript)")');
      unsupported.set(id, 'VTL mapping templates are not run by appsync-local');
      return id;
    }
    let staged;
    try {
      staged = stagedText(p, 'Code', 'CodeS3Location', id, opts.assetDir, file);
    } catch (e) {
      if (!(e instanceof CloudAssemblyError)) throw e;
      problems.push(...e.problems);
      unsupported.set(id, 'its code is missing from the cloud assembly');
      return id;
    }
    // Inline code is keyed by its resource; an asset by its file (shared by every resource that uses it).
    const key = staged.file ? staged.file.replace(/\.js$/, '') : id;
    const where = staged.file ?? file;
    if (staged.text.length > MAX_CODE_LENGTH) {
      problem(id, `code is ${staged.text.length} characters, over AppSync's limit of ${MAX_CODE_LENGTH} (AppSync API reference, Resolver.code)`, { file: where });
    }
    const found = checkCode(staged.text, where);
    for (const c of found) problems.push({ file: where, line: c.line, column: c.column, logicalId: id, message: `${c.rule} ${c.message}` });
    if (found.length || staged.text.length > MAX_CODE_LENGTH) {
      unsupported.set(id, 'its code is rejected by the APPSYNC_JS runtime');
      return id;
    }
    files[key] = staged.text;
    return key;
  };
  const dataSourceOf = (id: string, p: Record<string, unknown>): string | undefined => {
    const name = p.DataSourceName === undefined ? undefined : String(p.DataSourceName);
    if (name === undefined) return undefined;
    if (dataSources[name]) return name;
    if (unservedSources.has(name)) unsupported.set(id, unservedSources.get(name)!);
    else {
      problem(id, `DataSourceName "${name}" is no data source of this API in the template`);
      unsupported.set(id, `data source ${name} is not in the template`);
    }
    return undefined;
  };

  const functions: Record<string, FunctionDefinition> = {};
  for (const [id] of byType('AWS::AppSync::FunctionConfiguration').filter(([id]) => ours(id))) {
    const p = resolved(id);
    fnNames[id] = String(p.Name);
    const code = codeFor(id, p);
    const ds = dataSourceOf(id, p);
    if (ds === undefined && !unsupported.has(id)) {
      problem(id, 'a pipeline function needs a DataSourceName');
      unsupported.set(id, 'it has no data source');
    }
    functions[id] = unsupported.has(id) ? { code: id, dataSource: UNSUPPORTED_DS } : { code: code!, dataSource: ds! };
  }

  const resolvers: ResolverDefinition[] = [];
  for (const [id] of byType('AWS::AppSync::Resolver').filter(([id]) => ours(id))) {
    const p = resolved(id);
    const typeName = String(p.TypeName);
    const fieldName = String(p.FieldName);
    const code = codeFor(id, p);
    if (p.Kind === 'PIPELINE') {
      const pipeline = ((p.PipelineConfig as { Functions?: unknown[] } | undefined)?.Functions ?? []).map(String);
      for (const f of pipeline) {
        if (!functions[f]) {
          problem(id, `PipelineConfig.Functions entry "${f}" is no AWS::AppSync::FunctionConfiguration of this template (use Fn::GetAtt [<id>, FunctionId])`);
          unsupported.set(id, `pipeline function ${f} is not in the template`);
        }
      }
      resolvers.push(unsupported.has(id) ? { typeName, fieldName, code: id, dataSource: UNSUPPORTED_DS } : { typeName, fieldName, code: code!, pipeline });
    } else {
      const ds = dataSourceOf(id, p);
      if (ds === undefined && !unsupported.has(id)) {
        problem(id, 'a UNIT resolver needs a DataSourceName');
        unsupported.set(id, 'it has no data source');
      }
      resolvers.push(unsupported.has(id) ? { typeName, fieldName, code: id, dataSource: UNSUPPORTED_DS } : { typeName, fieldName, code: code!, dataSource: ds! });
    }
  }

  const schemas = byType('AWS::AppSync::GraphQLSchema').filter(([id]) => ours(id));
  let schema = '';
  if (schemas.length !== 1) problems.push({ file, logicalId: apiId, message: schemas.length ? 'several AWS::AppSync::GraphQLSchema for one API' : 'no AWS::AppSync::GraphQLSchema for this API' });
  else schema = stagedText(resolved(schemas[0][0]), 'Definition', 'DefinitionS3Location', schemas[0][0], opts.assetDir, file).text;

  const auth = authOf(apiId, apiProps, problem);
  const groups = byType('AWS::Cognito::UserPoolGroup').map(([id]) => String(resolved(id).GroupName ?? id));

  // A Ref to a table stays a table reference so a table prefix applies to it too.
  const environment: Record<string, EnvironmentValue> = {};
  const rawEnv = (props(resources[apiId]).EnvironmentVariables ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(rawEnv)) {
    const ref = v && typeof v === 'object' && 'Ref' in v ? String((v as { Ref: unknown }).Ref) : undefined;
    environment[k] = ref && tables[ref] ? { tableName: ref } : String(resolveValue(v, ctx, apiId));
  }

  // Without a schema nothing can be served, even with --allow-unsupported.
  if (problems.length && (!opts.allowUnsupported || !schema)) throw new CloudAssemblyError(problems);
  if (unsupported.size) {
    dataSources[UNSUPPORTED_DS] = { type: 'NONE', description: 'appsync-local: fields that cannot run locally' };
    for (const [key, why] of unsupported) files[key] = unsupportedCode(`${key}: ${why}`);
  }

  const limits: NonNullable<ApiDefinition['limits']> = {};
  if (typeof apiProps.QueryDepthLimit === 'number' && apiProps.QueryDepthLimit > 0) limits.queryDepth = apiProps.QueryDepthLimit;
  if (typeof apiProps.ResolverCountLimit === 'number' && apiProps.ResolverCountLimit > 0) limits.resolverCount = apiProps.ResolverCountLimit;
  // MaxBatchSize (Lambda batching) and caching (AWS::AppSync::ApiCache, CachingConfig) are
  // accepted and have no local effect: answers are the same with or without them, only cost and latency differ.

  const api: ApiDefinition = {
    name: String(apiProps.Name ?? apiId),
    schema: file,
    // Where the code comes from: runtime errors name files in the assembly.
    sourceDir: opts.assetDir,
    outDir: opts.assetDir,
    auth,
    ...(groups.length ? { userGroups: [...new Set(groups)] } : {}),
    tables,
    dataSources,
    functions,
    resolvers,
    ...(Object.keys(environment).length ? { environment } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
    region: opts.region,
  };
  return { api, schema, files, apiLogicalId: apiId, tables: localNames, unsupported: problems };
}

/** AuthenticationType + AdditionalAuthenticationProviders (AWS::AppSync::GraphQLApi) as the twin's modes. */
function authOf(apiId: string, p: Record<string, unknown>, problem: (id: string, message: string) => void): ApiDefinition['auth'] {
  const modeOf = (m: Record<string, unknown>): AuthMode | undefined => {
    switch (m.AuthenticationType) {
      case 'API_KEY':
        // The template's AWS::AppSync::ApiKey has no value before deployment: the local key stands in for it.
        return { type: 'API_KEY' };
      case 'AWS_IAM':
        return { type: 'AWS_IAM' };
      case 'AMAZON_COGNITO_USER_POOLS': {
        const action = (m.UserPoolConfig as { DefaultAction?: string } | undefined)?.DefaultAction;
        return { type: 'AMAZON_COGNITO_USER_POOLS', ...(action === 'DENY' ? { defaultAction: 'DENY' as const } : {}) };
      }
      case 'OPENID_CONNECT': {
        const c = (m.OpenIDConnectConfig ?? {}) as { Issuer?: string; ClientId?: string };
        if (!c.Issuer) {
          problem(apiId, 'OPENID_CONNECT without OpenIDConnectConfig.Issuer');
          return undefined;
        }
        return { type: 'OPENID_CONNECT', issuer: c.Issuer, ...(c.ClientId ? { clientId: c.ClientId } : {}) };
      }
      default:
        problem(apiId, `auth mode ${String(m.AuthenticationType)} is not served by the twin (it serves API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS and OPENID_CONNECT)`);
        return undefined;
    }
  };
  const additional = ((p.AdditionalAuthenticationProviders ?? []) as Record<string, unknown>[]).flatMap((m) => modeOf(m) ?? []);
  const main = modeOf(p);
  if (!main) return { default: additional[0] ?? { type: 'API_KEY' }, additional: additional.slice(1) };
  return { default: main, additional };
}
