// The floor for the API's getItem: a bare HTTP server that turns each request
// into the same GetItem over the same DynamoDB transport the server uses and
// answers the item as JSON — the second network hop and the DynamoDB call, none
// of our layer. Run by the bench as its own process:
//   node --import tsx bench/proxy-server.ts <endpoint> <table>
import { createServer } from 'node:http';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createDynamoDbTransport } from '../local/datasources/index.js';
import { createDynamoDbClient } from '../local/engine/client.js';
import { quietAwsSdk } from '../local/util/quiet-aws-sdk.js';

quietAwsSdk();
const [endpoint, table] = process.argv.slice(2);
const transport = createDynamoDbTransport(endpoint, createDynamoDbClient(endpoint));

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: { pk: string; sk: string } };
    transport.call('GetItem', { TableName: table, Key: { pk: { S: variables.pk }, sk: { S: variables.sk } } }).then(
      (out) => {
        const text = JSON.stringify({ data: { getItem: out.Item ? unmarshall(out.Item) : null } });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      },
      (e: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: e.message }] }));
      },
    );
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
