// A greedy client in its own process, so the flood's own sending and receiving
// do not load the process that measures the server's latency.
// argv: mode, GraphQL URL, realtime URL, connect-header JSON, flood ms, the
// server's refusal penalty ms.
// Modes: headers (30 at a time send 100 KB headers), connections (50
// WebSockets hold the per-client cap, 250 at a time ask past it),
// subscriptions (rounds of 3,000 starts on one connection).
// Sends 'flooding' over IPC when the flood begins; prints one JSON summary line.
import { connect } from 'node:net';
import { WebSocket } from 'ws';

const [mode, httpUrl, realtimeUrl, authJson, floodMsText, penaltyMsText] = process.argv.slice(2);
const floodMs = Number(floodMsText);
/** Waits out the penalty a refusal starts, so the next connection is answered again. */
const outOfPenalty = () => new Promise((r) => setTimeout(r, Number(penaltyMsText) + 100));
const { hostname: host, port } = new URL(httpUrl);
const authorization = JSON.parse(authJson);
const protocols = ['graphql-ws', `header-${Buffer.from(authJson).toString('base64url')}`];

/** One raw request on its own socket: "<status> <errorType>" of the answer, or "closed". */
function ask(text) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let got = '';
    socket.on('connect', () => socket.write(text));
    socket.on('data', (d) => (got += d));
    socket.on('error', () => {});
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(got)?.[1];
      const errorType = /"errorType":"(\w+)"/.exec(got)?.[1];
      resolve(status ? `${status} ${errorType ?? ''}`.trim() : 'closed');
    });
  });
}

async function sustained(width, once) {
  const tally = {};
  const end = Date.now() + floodMs;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (Date.now() < end) {
        const answer = await once();
        tally[answer] = (tally[answer] ?? 0) + 1;
      }
    }),
  );
  return tally;
}

function openSocket() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(realtimeUrl, protocols);
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
    ws.on('message', (raw) => {
      if (JSON.parse(raw.toString()).type === 'connection_ack') resolve(ws);
    });
  });
}

async function headers() {
  const big = `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nx-big: ${'b'.repeat(100 * 1024)}\r\n\r\n`;
  process.send('flooding');
  return { answers: await sustained(30, () => ask(big)) };
}

async function connections() {
  const held = [];
  for (let i = 0; i < 50; i += 1) held.push(await openSocket());
  const request = `POST /graphql HTTP/1.1\r\nHost: ${host}\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`;
  process.send('flooding');
  const answers = await sustained(250, () => ask(request));
  await outOfPenalty();
  const upgrade = await new Promise((resolve) => {
    const ws = new WebSocket(realtimeUrl, protocols);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
    ws.on('open', () => resolve(101));
    ws.on('error', () => resolve('error'));
  });
  await Promise.all(held.map((ws) => new Promise((resolve) => (ws.on('close', resolve), ws.close()))));
  // Under the cap again once the held connections are gone (and the upgrade's refusal waited out).
  await outOfPenalty();
  const after = await ask(request);
  return { answers, upgrade, after };
}

async function subscriptions() {
  const ws = await openSocket();
  const data = JSON.stringify({ query: 'subscription { onPutNote { id } }' });
  const start = (id) => ws.send(JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization } } }));
  const PER_ROUND = 3000;
  const end = Date.now() + floodMs;
  let rounds = 0;
  let answered = 0;
  let firstRoundMs;
  const began = performance.now();
  const acks = [];
  const errorTypes = {};
  return new Promise((resolve) => {
    const round = () => {
      for (let i = 0; i < PER_ROUND; i += 1) start(`r${rounds}s${i}`);
      rounds += 1;
    };
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString());
      if (m.id === 'again' && (m.type === 'start_ack' || m.type === 'error')) {
        ws.close();
        return resolve({ rounds, acks: acks.length, errorTypes, again: m.type, firstRoundMs });
      }
      if (m.type === 'complete') return start('again'); // a stopped subscription frees its place
      if (m.type !== 'start_ack' && m.type !== 'error') return;
      if (m.type === 'start_ack') acks.push(m.id);
      else errorTypes[m.payload.errors[0].errorType] = (errorTypes[m.payload.errors[0].errorType] ?? 0) + 1;
      answered += 1;
      if (answered === PER_ROUND) firstRoundMs = performance.now() - began;
      if (answered < rounds * PER_ROUND) return;
      if (Date.now() < end) round();
      else ws.send(JSON.stringify({ id: acks[0], type: 'stop' }));
    });
    process.send('flooding');
    round();
  });
}

const result = await { headers, connections, subscriptions }[mode]();
console.log(JSON.stringify(result));
process.exit(0);
