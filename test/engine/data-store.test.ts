import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openDataStore } from '../../local/engine/index.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('openDataStore', () => {
  it('uses a given endpoint instead of starting an engine', async () => {
    const store = await openDataStore({ endpoint: inject('dynamodbEndpoint') });
    expect(store.engine).toBeUndefined();
    expect(store.endpoint).toBe(inject('dynamodbEndpoint'));
    expect((await store.client.send(new ListTablesCommand({}))).TableNames).toBeInstanceOf(Array);
    await store.stop();
  });

  it('uses AWS_ENDPOINT_URL_DYNAMODB when no endpoint is given, even if asked for an in-memory engine', async () => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = inject('dynamodbEndpoint');
    const store = await openDataStore({ inMemory: true });
    expect(store.engine).toBeUndefined();
    expect(store.endpoint).toBe(inject('dynamodbEndpoint'));
    await store.stop();
  });

  it('needs inMemory or a dbPath to start an engine', async () => {
    delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
    delete process.env.AWS_ENDPOINT_URL;
    await expect(openDataStore({})).rejects.toThrow(/inMemory: true or a dbPath/);
  });
});
