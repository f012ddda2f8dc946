import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoDbClient, isAwsEndpoint } from '../../local/engine/client.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

async function endpointOf(client: ReturnType<typeof createDynamoDbClient>): Promise<string> {
  const ep = await (client.config.endpoint as () => Promise<{ protocol: string; hostname: string; port?: number }>)();
  return `${ep.protocol}//${ep.hostname}${ep.port ? `:${ep.port}` : ''}`;
}

describe('createDynamoDbClient', () => {
  it('gives a local endpoint fixed dummy credentials and us-east-1', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'real-looking';
    const client = createDynamoDbClient('http://127.0.0.1:8123');
    expect(await endpointOf(client)).toBe('http://127.0.0.1:8123');
    expect(await client.config.region()).toBe('us-east-1');
    expect((await client.config.credentials()).accessKeyId).toBe('local');
  });

  it('uses AWS_ENDPOINT_URL_DYNAMODB, then AWS_ENDPOINT_URL, when no endpoint is given', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:7001';
    expect(await endpointOf(createDynamoDbClient())).toBe('http://127.0.0.1:7001');
    process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://localhost:7002';
    expect(await endpointOf(createDynamoDbClient())).toBe('http://localhost:7002');
  });

  it('leaves credentials of a real AWS endpoint to the default chain and takes the region from its host', async () => {
    expect(isAwsEndpoint('https://dynamodb.eu-west-1.amazonaws.com')).toBe(true);
    expect(isAwsEndpoint('http://localhost:8000')).toBe(false);
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFROMENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    const client = createDynamoDbClient('https://dynamodb.eu-west-1.amazonaws.com');
    expect(await client.config.region()).toBe('eu-west-1');
    expect((await client.config.credentials()).accessKeyId).toBe('AKIDFROMENV');
  });
});
