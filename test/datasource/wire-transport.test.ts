// Which transport an endpoint gets, and the wire transport's own duties, against a scripted HTTP server: the request
// it sends, failures in the SDK's error shape, binary values back as bytes, and
// the single retry when a kept-alive socket was closed by the engine.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbTransport, wireTransport, type DynamoDbTransport } from '../../local/datasources/index.js';
import { bytesFromBase64 } from '../../local/datasources/dynamodb/transport/bytes.js';

let server: Server | undefined;
let transport: DynamoDbTransport | undefined;
afterEach(async () => {
  transport?.destroy();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = transport = undefined;
});

async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers });
  res.end(JSON.stringify(body));
};

describe('wire transport', () => {
  it('posts the input as DynamoDB JSON with the operation as X-Amz-Target, binary as base64', async () => {
    let seen: { target?: string | string[]; auth?: string; body?: unknown } = {};
    transport = wireTransport(
      await serve((req, body, res) => {
        seen = { target: req.headers['x-amz-target'], auth: req.headers.authorization, body: JSON.parse(body) };
        json(res, 200, { Item: { pk: { S: 'a' }, b: { B: 'AAH/' }, bs: { BS: ['AQ==', 'Ag=='] }, m: { M: { B: { S: 'not binary' } } } } });
      }),
    );
    const out = await transport.call('GetItem', { TableName: 't', Key: { pk: { S: 'a' }, b: { B: bytesFromBase64('AAH/') } } });
    expect(seen.target).toBe('DynamoDB_20120810.GetItem');
    expect(seen.auth).toMatch(/^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/us-east-1\/dynamodb\/aws4_request, /);
    expect(seen.body).toEqual({ TableName: 't', Key: { pk: { S: 'a' }, b: { B: 'AAH/' } } });
    expect(out.Item?.b.B).toBeInstanceOf(Uint8Array);
    expect([...out.Item!.b.B!]).toEqual([0, 1, 255]);
    expect(out.Item?.bs.BS?.map((b) => [...b])).toEqual([[1], [2]]);
    expect(out.Item?.m.M?.B).toEqual({ S: 'not binary' });
  });

  it('throws service errors in the SDK shape: name, message, status, request id and extra fields', async () => {
    transport = wireTransport(
      await serve((_req, _body, res) =>
        json(
          res,
          400,
          { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed', Item: { b: { B: 'AQ==' } } },
          { 'x-amzn-RequestId': 'req-1' },
        ),
      ),
    );
    const err = await transport.call('PutItem', { TableName: 't', Item: {} }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed', $metadata: { httpStatusCode: 400, requestId: 'req-1' } });
    expect((err as { Item: { b: { B: unknown } } }).Item.b.B).toBeInstanceOf(Uint8Array);
  });

  it('reads Message as well as message, and survives a body that is not JSON', async () => {
    let n = 0;
    transport = wireTransport(
      await serve((_req, _body, res) => {
        n += 1;
        if (n === 1) json(res, 400, { __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException', Message: 'Transaction cancelled', CancellationReasons: [{ Code: 'None' }] });
        else {
          res.writeHead(502);
          res.end('<html>bad gateway</html>');
        }
      }),
    );
    expect(await transport.call('TransactWriteItems', { TransactItems: [] }).catch((e: unknown) => e)).toMatchObject({
      name: 'TransactionCanceledException',
      message: 'Transaction cancelled',
      CancellationReasons: [{ Code: 'None' }],
    });
    expect(await transport.call('GetItem', { TableName: 't', Key: {} }).catch((e: unknown) => e)).toMatchObject({ name: 'HTTP502', message: '<html>bad gateway</html>', $metadata: { httpStatusCode: 502 } });
  });

  it('rejects a success status whose body is not JSON instead of throwing out of the socket handler', async () => {
    transport = wireTransport(
      await serve((_req, _body, res) => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end('{"Item": {"pk"');
      }),
    );
    expect(await transport.call('GetItem', { TableName: 't', Key: {} }).catch((e: unknown) => e)).toMatchObject({ name: 'HTTP200', $metadata: { httpStatusCode: 200 } });
  });

  it('retries once when the engine closed a kept-alive socket before answering', async () => {
    const sockets = new Set<unknown>();
    let requests = 0;
    transport = wireTransport(
      await serve((req, _body, res) => {
        requests += 1;
        // The second request on the first socket is dropped unanswered, as when the engine closes an idle connection.
        if (sockets.has(req.socket)) return void req.socket.destroy();
        sockets.add(req.socket);
        json(res, 200, { Item: { n: { N: String(requests) } } });
      }),
    );
    expect((await transport.call('GetItem', { TableName: 't', Key: {} })).Item).toEqual({ n: { N: '1' } });
    expect((await transport.call('GetItem', { TableName: 't', Key: {} })).Item).toEqual({ n: { N: '3' } });
    expect(requests).toBe(3);
  });

  it('rejects with the network error when nothing listens', async () => {
    transport = wireTransport('http://127.0.0.1:9');
    const err = (await transport.call('GetItem', { TableName: 't', Key: {} }).catch((e: unknown) => e)) as Error & { $metadata?: unknown };
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.$metadata).toBeUndefined();
  });
});

describe('choosing the transport', () => {
  const sdkClient = () => {
    const sent: unknown[] = [];
    const client = { send: async (cmd: { input: unknown }) => (sent.push(cmd.input), { Item: { via: { S: 'sdk' } } }) } as unknown as DynamoDBClient;
    return { client, sent };
  };

  it('sends to AWS endpoints, and with no endpoint at all, through the SDK client', async () => {
    for (const endpoint of ['https://dynamodb.eu-west-1.amazonaws.com', '']) {
      const { client, sent } = sdkClient();
      const out = await createDynamoDbTransport(endpoint, client).call('GetItem', { TableName: 't', Key: {} });
      expect(out.Item).toEqual({ via: { S: 'sdk' } });
      expect(sent).toEqual([{ TableName: 't', Key: {} }]);
    }
  });

  it('speaks the wire protocol to any other endpoint', async () => {
    const { client, sent } = sdkClient();
    transport = createDynamoDbTransport(await serve((_req, _body, res) => json(res, 200, { Item: { via: { S: 'wire' } } })), client);
    expect((await transport.call('GetItem', { TableName: 't', Key: {} })).Item).toEqual({ via: { S: 'wire' } });
    expect(sent).toEqual([]);
  });
});
