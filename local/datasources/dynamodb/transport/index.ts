// How the data source reaches DynamoDB. Operations call `transport.call(name,
// input)` with SDK-shaped inputs and get SDK-shaped outputs (binary as bytes);
// failures are thrown in the SDK's error shape (name, message, $metadata, and
// the service's extra fields such as Item or CancellationReasons).
//
// Two implementations:
// - the AWS SDK v3 client, for AWS itself (credential chain, endpoint rules,
//   retries on throttling) — see sdk.ts;
// - DynamoDB's JSON protocol over a keep-alive HTTP pool, for local engines,
//   which check no signatures and never throttle — see wire.ts. The resolvers'
//   requests already are wire JSON, and the SDK client spends over three times
//   the CPU per call (numbers in wire.ts).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isAwsEndpoint } from '../../../engine/client.js';
import { sdkTransport } from './sdk.js';
import type { DynamoDbTransport } from './types.js';
import { wireTransport } from './wire.js';

export type { DynamoDbCallName, DynamoDbCalls, DynamoDbTransport } from './types.js';
export { sdkTransport } from './sdk.js';
export { wireTransport } from './wire.js';

/**
 * The transport for an endpoint: an empty endpoint (the SDK's default chain)
 * or an AWS one goes through `client`; anything else is a local engine.
 */
export function createDynamoDbTransport(endpoint: string, client: DynamoDBClient): DynamoDbTransport {
  return !endpoint || isAwsEndpoint(endpoint) ? sdkTransport(client) : wireTransport(endpoint);
}
