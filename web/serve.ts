// Serves a built app (web/dist or a test's build) from 127.0.0.1 with the same
// /frontend-config.json and /token as `npm run web`: what the browser tests and
// the first-load bench load the app from. Not a production server.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { localApiMiddleware, type LocalApiOptions } from './local-api.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface ServedApp {
  origin: string;
  close(): Promise<void>;
}

export async function serveApp(distDir: string, options: LocalApiOptions = {}): Promise<ServedApp> {
  const middleware = localApiMiddleware(options);
  const server = createServer((req, res) => {
    middleware(req, res, () => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      let file = join(distDir, path);
      // Anything that is not a file of the build gets the page (a single-page app).
      if (!file.startsWith(distDir + sep) || !existsSync(file) || path.endsWith('/')) file = join(distDir, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
