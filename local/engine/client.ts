// A DynamoDB client for the local engine or for any endpoint, including real AWS.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { endpointFromEnvironment, isAwsEndpoint } from './endpoints.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-credentials.js';

export { endpointFromEnvironment, isAwsEndpoint, LOCAL_CREDENTIALS, LOCAL_REGION };

/** Region named by an AWS endpoint host such as dynamodb.eu-west-1.amazonaws.com. */
function regionOf(endpoint: string): string | undefined {
  const m = /^dynamodb(?:-fips)?\.([a-z0-9-]+)\./.exec(new URL(endpoint).hostname.toLowerCase());
  return m?.[1];
}

/**
 * `endpoint` (or AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL) pointing at a local
 * engine gets dummy credentials and us-east-1; an AWS endpoint, or none at all,
 * uses the SDK's default credential and region chain.
 */
export function createDynamoDbClient(endpoint?: string): DynamoDBClient {
  const url = endpoint ?? endpointFromEnvironment();
  if (!url) return new DynamoDBClient({ cacheMiddleware: true });
  if (isAwsEndpoint(url)) {
    const region = regionOf(url);
    return new DynamoDBClient({ endpoint: url, cacheMiddleware: true, ...(region ? { region } : {}) });
  }
  // For a local engine this client does tables, seeding and checks; resolver
  // calls go through the data source's wire transport. It keeps the same
  // socket pool as that transport, larger than the SDK's 50, so concurrent
  // tests and the bench's raw baseline never queue inside the client.
  return new DynamoDBClient({
    endpoint: url,
    region: LOCAL_REGION,
    // Nothing here changes a client's middleware after its first request, so
    // the stack is resolved once per command class instead of on every send.
    cacheMiddleware: true,
    credentials: { ...LOCAL_CREDENTIALS },
    requestHandler: { httpAgent: { maxSockets: 256, keepAlive: true } },
  });
}
