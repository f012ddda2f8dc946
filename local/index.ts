// appsync-local, the library: what other projects import. The command line
// (`appsync-local start|build|evaluate|token`) is built on the same functions.
export { startLocalAppSync, type StartOptions, type LocalAppSync } from './server/index.js';
export { buildApi, checkApiDefinition, BuildError, type BuildOptions, type BuildResult } from './build/index.js';
export { loadCloudAssembly, seedTables, CloudAssemblyError, type CloudAssemblyOptions, type CloudAssemblyApi } from './cdk/index.js';
export { startDynamoDbLocal, type DynamoDbLocal, type DynamoDbLocalOptions } from './engine/index.js';
export { evaluateCode, checkCode, CodeCheckError, MAX_CODE_LENGTH, type EvaluateCodeResult } from './runtime/index.js';
export type * from './definition.js';
