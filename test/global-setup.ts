// Runs once per `npm test`: bundles the resolvers (tests run what ships) and
// starts one in-memory DynamoDB Local shared by every test file. Tests that
// need tables create their own, with unique names, through test/support/.
import type { TestProject } from 'vitest/node';
import { fileURLToPath } from 'node:url';
import { quietAwsSdk } from '../local/util/quiet-aws-sdk.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  quietAwsSdk();
  const { buildApi } = await import('../local/build/index.js');
  await buildApi({ root });

  const { startDynamoDbLocal } = await import('../local/engine/dynamodb-local.js');
  const engine = await startDynamoDbLocal({ inMemory: true });
  project.provide('dynamodbEndpoint', engine.endpoint);
  return async () => {
    await engine.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}
