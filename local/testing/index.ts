// appsync-local/testing: a test kit for APPSYNC_JS resolvers, for vitest or
// jest. Load code from source (bundled as AppSync bundles it) or from a built
// file, build a context with a typed `arguments` and an identity of any auth
// mode, run one handler (as EvaluateCode) or a whole unit or pipeline resolver
// against scripted answers or a real DynamoDB Local, and assert on what it sends.
export { bundleSource, codeFromText, loadCode, type LoadOptions } from './code.js';
export { evaluateCodeContext, resolverContext, type TestContext } from './context.js';
export { dynamodb, scripted, type Answer, type CancellationReason, type ScriptedDataSource, type SentRequest } from './datasources.js';
export { createTestTable, ENDPOINT_VARIABLE, sharedEndpoint, type TestTable } from './engine.js';
export { apiKeyIdentity, cognitoIdentity, iamIdentity, identity, lambdaIdentity, oidcIdentity, type CognitoIdentityOptions, type IamIdentityOptions } from './identities.js';
export { appsyncMatchers, codeProblems, holds } from './matchers.js';
export { evaluate, runResolver, type DataSourceLike, type Evaluation, type PipelineFunction, type ResolverRun, type RunOptions } from './run.js';
export { plainMap, plainRequest, plainValue } from './values.js';
export type { CompiledCode } from '../runtime/index.js';
export type { FieldOutcome } from '../runtime/types.js';
export {
  checkAgainstOracle,
  compareWithOracle,
  evaluateWithOracle,
  MissingFixtureError,
  oracleKey,
  oracleModeFromEnv,
  OracleRejectedError,
  type OracleCase,
  type OracleMode,
  type OracleOptions,
  type OracleResult,
} from './oracle.js';
