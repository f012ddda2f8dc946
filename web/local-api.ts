// A Vite plugin that gives the app its frontend config and, against the local
// API, its developer tokens — same origin, in `vite` (dev) and `vite preview`.
//  - GET /frontend-config.json: the file named by FRONTEND_CONFIG, else the one
//    `npm start` writes (.appsync-local/frontend-config.json). A `cdk deploy
//    --outputs-file` file works too: its FrontendConfig output is the same shape.
//  - /token?user=…&group=…: forwarded to the local server's /token, which only
//    answers loopback callers naming localhost (it mints tokens for anyone, so it
//    sends no CORS headers and a page cannot call it cross-origin). Forwarded only
//    when the config's endpoint is on loopback.
// `vite build` with FRONTEND_CONFIG set also writes the config into web/dist.
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { FrontendConfig } from '../client/index.js';

export interface LocalApiOptions {
  /** The frontend config file (default: $FRONTEND_CONFIG or <repo>/.appsync-local/frontend-config.json). */
  configPath?: string;
  /** The local server's certificate, for --https (default: tls/localhost.crt beside the config file). */
  certPath?: string;
}

const repoRoot = resolve(import.meta.dirname, '..');

/** Reads a frontend config, or the FrontendConfig output out of a CDK outputs file. */
export function readFrontendConfig(path: string): FrontendConfig {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  if (typeof json.graphqlEndpoint === 'string') return json as unknown as FrontendConfig;
  for (const outputs of Object.values(json)) {
    const value = (outputs as Record<string, unknown> | null)?.FrontendConfig;
    if (typeof value === 'string') return JSON.parse(value) as FrontendConfig;
  }
  throw new Error(`${path} holds neither a frontend config nor a stack's FrontendConfig output`);
}

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

export function localApiMiddleware(options: LocalApiOptions = {}) {
  const configPath = resolve(options.configPath ?? process.env.FRONTEND_CONFIG ?? join(repoRoot, '.appsync-local/frontend-config.json'));
  const certPath = options.certPath ?? join(dirname(configPath), 'tls/localhost.crt');

  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/frontend-config.json' && url.pathname !== '/token') return next();
    let config: FrontendConfig;
    try {
      config = readFrontendConfig(configPath);
    } catch (e) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end(`No frontend config (${(e as Error).message}): run \`npm start\` first.`);
      return;
    }
    if (url.pathname === '/frontend-config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(config));
      return;
    }
    const api = new URL(config.graphqlEndpoint);
    if (!isLoopback(api)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Developer tokens exist only for the local API.');
      return;
    }
    const tls = api.protocol === 'https:';
    const forward = (tls ? httpsRequest : httpRequest)(
      {
        host: api.hostname.replace(/^\[|\]$/g, ''),
        port: api.port,
        method: req.method,
        path: `/token${url.search}`,
        headers: { host: `localhost:${api.port}` },
        ...(tls ? { servername: 'localhost', ca: readFileSync(certPath) } : {}),
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json', 'cache-control': 'no-store' });
        answer.pipe(res);
      },
    );
    forward.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`The local API at ${api.origin} did not answer (${e.message}): is \`npm start\` running?`);
    });
    forward.end();
  };
}

export function localApi(options: LocalApiOptions = {}): Plugin {
  const middleware = localApiMiddleware(options);
  return {
    name: 'items-local-api',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
    generateBundle() {
      const path = options.configPath ?? process.env.FRONTEND_CONFIG;
      if (!path) return;
      this.emitFile({ type: 'asset', fileName: 'frontend-config.json', source: JSON.stringify(readFrontendConfig(path), null, 2) });
    },
  };
}
