// vitest `globalSetup` (or jest `globalSetup`): one in-memory DynamoDB Local
// for the whole run, its endpoint handed to every test file through the
// environment (workers inherit it), stopped at the end.
import { startDynamoDbLocal } from '../engine/index.js';
import { quietAwsSdk } from '../util/quiet-aws-sdk.js';
import { ENDPOINT_VARIABLE } from './engine.js';

export default async function setup(): Promise<() => Promise<void>> {
  quietAwsSdk();
  if (process.env[ENDPOINT_VARIABLE]) return async () => {};
  const engine = await startDynamoDbLocal({ inMemory: true });
  process.env[ENDPOINT_VARIABLE] = engine.endpoint;
  return async () => {
    delete process.env[ENDPOINT_VARIABLE];
    await engine.stop();
  };
}
