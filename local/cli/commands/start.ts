// appsync-local start: serve the API locally (HTTP + real-time + console) on
// DynamoDB Local, rebuilding and reloading on source changes.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { engineDataPath, startDynamoDbLocal } from '../../engine/dynamodb-local.js';
import { endpointFromEnvironment } from '../../engine/endpoints.js';
import { exitCodeFor, onStop, type StopReason } from '../lifecycle.js';
import { parseSeedOption } from '../../cdk/seed.js';

const HELP = `usage: appsync-local start [options]

  --port N                 port to listen on (default 4000; 0 picks a free one)
  --host ADDR              address to bind (default 127.0.0.1, this machine only); another
                           address opens the API to the network: a warning is printed and
                           the console's token mint (/token) is off
  --https                  serve HTTPS/WSS with a locally generated certificate
  --in-memory              DynamoDB Local without persistence (default: keep data in <data-dir>/dynamodb)
  --dynamodb-endpoint URL  use this DynamoDB instead of starting DynamoDB Local
                           (default: AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL if set)
  --definition FILE        API definition module (default resolvers/api.ts)
  --cdk-out DIR            serve the AppSync API of a synthesized CDK app (cdk.out) instead
  --stack NAME             with --cdk-out: the stack, when several hold an AppSync API
  --region R               AWS region to serve as (default: the stack's, else us-east-1)
  --seed TABLE=FILE        put the JSON array of items in FILE into TABLE (repeatable)
  --allow-unsupported      with --cdk-out: serve the rest when some fields cannot run locally
  --data-dir DIR           keys, data and frontend config (default .appsync-local)
  --frontend-config FILE   where to write the frontend config (default <data-dir>/frontend-config.json)
  --no-watch               do not rebuild on changes to the schema and resolvers
  --no-build               serve the bundles already built into the definition's outDir (implies --no-watch)
  --table-prefix P         prefix of the physical table names (share one DynamoDB between projects)
  --verbose                every request line (the default log summarizes busy seconds) and field-level
                           logs: resolver console output, request and response objects
`;

export async function run(args: string[]): Promise<number> {
  const t0 = performance.now();
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      https: { type: 'boolean', default: false },
      'in-memory': { type: 'boolean', default: false },
      'dynamodb-endpoint': { type: 'string' },
      definition: { type: 'string', default: 'resolvers/api.ts' },
      'cdk-out': { type: 'string' },
      stack: { type: 'string' },
      region: { type: 'string' },
      seed: { type: 'string', multiple: true },
      'allow-unsupported': { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.appsync-local' },
      'frontend-config': { type: 'string' },
      'no-watch': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'table-prefix': { type: 'string', default: '' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  // A log reader that went away (a closed pipe) must not take the server down.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  // Until the server is up there is nothing to drain: a stop request (a signal,
  // or the parent gone) ends the process, and the exit hooks end the engine.
  let requestStop = (reason: StopReason): void => process.exit(exitCodeFor(reason));
  const unwatch = onStop((reason) => requestStop(reason));
  const dynamodbEndpoint = values['dynamodb-endpoint'] ?? endpointFromEnvironment();
  // The JVM boots in the time the server's modules (bundler, linter, GraphQL,
  // SDK) take to load, instead of after them: about a second and a half less
  // from `npm start` to the first answer.
  const engine = dynamodbEndpoint
    ? undefined
    : startDynamoDbLocal({
        ...(values['in-memory'] ? { inMemory: true } : { dbPath: engineDataPath(resolve(values['data-dir']!)) }),
        // C1-only JIT and the serial GC start the JVM in about half the time; a dev server wants that.
        jvmArgs: ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'],
      });
  engine?.catch(() => {});
  // Bad --seed values fail before anything starts.
  const seed = (values.seed ?? []).map(parseSeedOption);
  let server: typeof import('../../server/index.js');
  const serverModule = import('../../server/index.js');
  serverModule.catch(() => {});
  try {
    // An engine that cannot start (no Java, …) is reported now, not after the build.
    server = await (engine ? Promise.race([serverModule, engine.then(() => serverModule)]) : serverModule);
  } catch (e) {
    await (await engine?.catch(() => undefined))?.stop();
    throw e;
  }
  const { startLocalAppSync, trustInstructions } = server;
  const app = await startLocalAppSync({
    root: process.cwd(),
    definition: values.definition!,
    ...(values['cdk-out']
      ? { cdkOut: { dir: values['cdk-out'], ...(values.stack ? { stack: values.stack } : {}), allowUnsupported: values['allow-unsupported']! } }
      : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(seed.length ? { seed } : {}),
    dataDir: values['data-dir']!,
    port: Number(values.port),
    host: values.host!,
    https: values.https!,
    inMemory: values['in-memory']!,
    ...(engine ? { engine } : {}),
    ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}),
    ...(values['frontend-config'] ? { frontendConfigPath: values['frontend-config'] } : {}),
    watch: !values['no-watch'] && !values['no-build'],
    prebuilt: values['no-build']!,
    tablePrefix: values['table-prefix']!,
    verbose: values.verbose!,
    log: out,
    // Log and survive what no handler caught, rather than die under every client.
    safetyNet: true,
  });
  const ready = Math.round(performance.now() - t0);
  const k = app.keys;
  const base = app.url.replace(/\/graphql$/, '');
  out('');
  out(`AppSync local is ready in ${ready} ms`);
  out(`  GraphQL     ${app.url}`);
  out(`  Real-time   ${app.realtimeUrl}`);
  out(`  Console     ${base}/`);
  out(`  DynamoDB    ${app.dynamodbEndpoint}${dynamodbEndpoint ? '' : values['in-memory'] ? ' (in memory)' : ` (data in ${values['data-dir']}/dynamodb)`}`);
  out(`  Auth modes  ${app.authModes.join(', ')}`);
  if (app.authModes.includes('API_KEY')) out(`  API key     ${app.apiKey}   (header x-api-key)`);
  if (app.authModes.includes('AMAZON_COGNITO_USER_POOLS')) {
    out(`  User pool   ${k.userPoolId} (client ${k.userPoolClientId}); JWKS at ${base}/.well-known/jwks.json`);
    out(`  Token       npx appsync-local token --user alice [--group admin]   → header Authorization: <token>`);
  }
  if (app.authModes.includes('AWS_IAM')) {
    out(`  IAM keys    AWS_ACCESS_KEY_ID=${k.iam.accessKeyId} AWS_SECRET_ACCESS_KEY=${k.iam.secretAccessKey} AWS_REGION=${k.region}`);
  }
  if (app.certPath) out(trustInstructions(app.certPath).replace(/^/gm, '  '));
  out('');

  await new Promise<void>((done) => {
    requestStop = (reason) => {
      out(reason === 'parent-exited' ? 'stopping… (the process that started this one has exited)' : 'stopping…');
      void app.stop().then(done, done);
      // Whatever still holds the event loop (a stuck socket) must not keep a stopped server alive.
      setTimeout(() => process.exit(0), 3000).unref();
    };
  });
  unwatch();
  return 0;
}
