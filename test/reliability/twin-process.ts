// The fixture API's twin in a process of its own, as `appsync-local start`
// runs on a developer's machine: what it answers under a flood is measured
// without the test runner's heap and event loop in the same process.
// argv: DynamoDB endpoint, limits JSON. Sends { url, realtimeUrl, apiKey } over
// IPC once serving; 'stop' stops it and exits.
import { startLocalAppSync } from '../../local/server/index.js';
import { fixtureOptions } from '../server/fixture-options.js';

const [dynamodbEndpoint, limitsJson] = process.argv.slice(2);
const app = await startLocalAppSync(await fixtureOptions(dynamodbEndpoint, { limits: JSON.parse(limitsJson) }));
process.on('message', async (m) => {
  if (m !== 'stop') return;
  await app.stop();
  process.exit(0);
});
process.send!({ url: app.url, realtimeUrl: app.realtimeUrl, apiKey: app.apiKey });
