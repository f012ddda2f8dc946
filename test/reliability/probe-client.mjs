// The measured client in its own process, as another user's browser would be:
// its sending and receiving do not share the server's event loop.
// argv: GraphQL URL, API key. Over IPC: 'start' begins back-to-back `{ whoami }`
// requests from 127.0.0.2 on one kept-alive connection; { stop: n } ends once
// at least n were answered and replies with every latency in ms, and how many
// had been answered when the stop came.
import { Agent, request } from 'node:http';

const [url, apiKey] = process.argv.slice(2);
const { port } = new URL(url);
const agent = new Agent({ keepAlive: true, localAddress: '127.0.0.2', maxSockets: 1 });
const body = JSON.stringify({ query: '{ whoami }' });

function whoami() {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          if (res.statusCode !== 200 || !JSON.parse(text).data) return reject(new Error(`whoami answered ${res.statusCode}: ${text}`));
          resolve(performance.now() - t0);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let stopAt = Infinity;
let latencies = [];
let atStop = 0;
process.on('message', async (m) => {
  if (m === 'start') {
    latencies = [];
    stopAt = Infinity;
    try {
      while (latencies.length < stopAt) latencies.push(await whoami());
      process.send({ latencies, atStop });
    } catch (err) {
      process.send({ error: String(err) });
    }
  } else if (m.stop !== undefined) {
    atStop = latencies.length;
    stopAt = Math.max(m.stop, atStop);
  } else if (m === 'exit') process.exit(0);
});
process.send('ready');
