// The local console: the local twin of the AppSync console's query editor.
// GraphiQL from installed packages (no CDN, works offline), opened signed in as
// a local user, with the schema, the docs and the API's example operations
// ready on first load. The page's script is app.js beside this file.
//
// Token-mint contract with the server (local development only):
//   POST <tokenMintPath>?user=<name>&group=<g>&group=<g>   body: {"user": "<name>", "groups": ["<g>", …]}
//   → 200 {"token": "<Cognito-style ID token signed with the local key>"}
// The query string and the body carry the same values so either side may read either.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { introspectionFromSchema, type GraphQLSchema } from 'graphql';
import type { ApiDefinition, AuthType } from '../../definition.js';
import { readExampleOperations } from './operations.js';

export interface ConsoleOptions {
  endpointPath: string;
  authModes: AuthType[];
  tokenMintPath?: string;
  /** Real-time path for subscriptions (default `<endpointPath>/realtime`). */
  realtimePath?: string;
  /** Region in the SigV4 scope of IAM-signed requests (the server's local region). */
  region?: string;
  /** The user the console signs in as when nobody was chosen yet (default "alice"). */
  defaultUser?: string;
  /** Project root and current definition: the API's name, its user groups and its example operations. */
  root?: string;
  definition?: () => ApiDefinition;
  /** The schema being served, for the docs (see SCHEMA_PATH). */
  schema?: () => GraphQLSchema;
}

/**
 * The schema as introspection JSON: the local counterpart of AppSync's
 * control-plane GetIntrospectionSchema (format JSON, AWS AppSync API
 * Reference), not a GraphQL introspection query. GraphiQL's own introspection
 * query nests 15 levels, past a queryDepthLimit such as this API's 10, which
 * counts every request to the GraphQL endpoint; whether the AWS console's
 * editor reads its docs this way AWS does not say.
 */
export const SCHEMA_PATH = '/console/schema.json';

const require = createRequire(import.meta.url);
const pkgDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));
const here = dirname(fileURLToPath(import.meta.url));

const ASSETS: Record<string, { file: () => string; type: string }> = {
  '/console/react.js': { file: () => join(pkgDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  '/console/react-dom.js': { file: () => join(pkgDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  '/console/graphiql.js': { file: () => join(pkgDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  '/console/graphiql.css': { file: () => join(pkgDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
  '/console/app.js': { file: () => join(here, 'app.js'), type: 'text/javascript' },
};

/** What the page's script needs to know, sent inline with the page. */
export interface ConsoleConfig {
  endpoint: string;
  realtime: string;
  modes: AuthType[];
  mint: string | null;
  /** Where the schema's introspection JSON is served (null: GraphiQL introspects through the endpoint). */
  schema: string | null;
  region: string;
  apiName: string | null;
  defaultUser: string;
  userGroups: string[];
  /** The example operations' text and the folder they come from (relative to the root). */
  operations: { dir: string; text: string } | null;
}

async function pageConfig(opts: ConsoleOptions): Promise<ConsoleConfig> {
  const def = opts.definition?.();
  let operations: ConsoleConfig['operations'] = null;
  if (def?.operations) {
    const dir = resolve(opts.root ?? process.cwd(), def.operations);
    const shown = relative(opts.root ?? process.cwd(), dir) || '.';
    const read = await readExampleOperations(dir, shown);
    if (read.text) operations = { dir: shown, text: read.text };
  }
  return {
    endpoint: opts.endpointPath,
    realtime: opts.realtimePath ?? `${opts.endpointPath}/realtime`,
    modes: opts.authModes,
    mint: opts.tokenMintPath ?? null,
    schema: opts.schema ? SCHEMA_PATH : null,
    region: opts.region ?? 'us-east-1',
    apiName: def?.name ?? null,
    defaultUser: opts.defaultUser ?? 'alice',
    userGroups: def?.userGroups ?? [],
    operations,
  };
}

export function createConsoleHandler(opts: ConsoleOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const cache = new Map<string, Buffer>();
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (path === '/' || path === '/console' || path === '/console/') {
      // Built per request: the operations folder is read afresh, so edits show on reload.
      pageConfig(opts).then(
        (config) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.end(req.method === 'HEAD' ? undefined : html(config));
        },
        (e: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`console: ${(e as Error).message}`);
        },
      );
      return true;
    }
    if (path === SCHEMA_PATH && opts.schema) {
      const body = JSON.stringify(introspectionFromSchema(opts.schema(), { descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    const asset = ASSETS[path];
    if (!asset) return false;
    let body = cache.get(path);
    if (!body) {
      body = readFileSync(asset.file());
      cache.set(path, body);
    }
    res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'max-age=3600' });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function html(config: ConsoleConfig): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const title = config.apiName ? `${escapeHtml(config.apiName)} · AppSync local` : 'AppSync local console';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/console/graphiql.css">
<style>
  html, body { height: 100%; margin: 0; font: 13px system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  #bar { display: flex; gap: 14px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #d5dbdb; background: #232f3e; color: #fff; flex-wrap: wrap; }
  #bar .brand { font-weight: 600; }
  #bar .api { color: #ff9900; font-weight: 600; }
  #bar label { display: inline-flex; gap: 6px; align-items: center; }
  #bar input, #bar select, #bar button { font: inherit; padding: 2px 6px; border-radius: 3px; border: 1px solid #879596; }
  #bar button { background: #ff9900; border-color: #ff9900; color: #16191f; cursor: pointer; }
  #credential { min-width: 320px; }
  #who { font-weight: 600; }
  #status { color: #d5dbdb; }
  #status.error { color: #ff8a80; }
  #graphiql { flex: 1; min-height: 0; }
  [hidden] { display: none !important; }
</style></head>
<body>
<header id="bar">
  <span><span class="brand">AppSync local</span>${config.apiName ? ` <span class="api">${escapeHtml(config.apiName)}</span>` : ''}</span>
  <label>Authorization <select id="mode"></select></label>
  <span id="signin" hidden>
    <label>User <input id="user" size="12" autocomplete="off" spellcheck="false"></label>
    <span id="groups"></span>
    <button id="mint" type="button">Sign in</button>
    <span id="signed-in" hidden>Signed in as <span id="who"></span></span>
  </span>
  <span id="paste" hidden><input id="credential" autocomplete="off" spellcheck="false"></span>
  <span id="status" role="status"></span>
</header>
<div id="graphiql"></div>
<script>window.APPSYNC_LOCAL_CONSOLE = ${json};</script>
<script src="/console/react.js"></script>
<script src="/console/react-dom.js"></script>
<script src="/console/graphiql.js"></script>
<script src="/console/app.js"></script>
</body></html>
`;
}
