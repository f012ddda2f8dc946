// The floor for the header-flood row of bench/flood.ts: a bare Node HTTP server
// that closes every connection from 127.0.0.1 (the flooder) at accept, before a
// Socket is built, as the twin's penalty box does, and answers everyone else a
// fixed GraphQL answer. What a flood costs this server is what it costs the
// machine, not any server's code. Prints "listening <port>".
import { createServer } from 'node:http';

interface Handle {
  onconnection(err: unknown, client?: { getpeername?(out: { address?: string }): void; close(): void }): void;
}

const answer = JSON.stringify({ data: { __typename: 'Query' } });
const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.on('clientError', (_err, socket) => socket.destroy());
server.listen(0, '127.0.0.1', () => {
  const handle = (server as unknown as { _handle: Handle })._handle;
  const accept = handle.onconnection;
  handle.onconnection = function (err, client) {
    const peer: { address?: string } = {};
    client?.getpeername?.(peer);
    if (peer.address === '127.0.0.1') return client!.close();
    return accept.call(this, err, client);
  };
  const { port } = server.address() as { port: number };
  console.log(`listening ${port}`);
});
