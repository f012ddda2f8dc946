// The local console: GraphiQL from installed packages (no CDN, works offline) with
// a toolbar to pick the auth mode and mint or paste a credential.
//
// Token-mint contract with the server (local development only):
//   POST <tokenMintPath>?user=<name>&group=<g>&group=<g>   body: {"user": "<name>", "groups": ["<g>", …]}
//   → 200 {"token": "<Cognito-style ID token signed with the local key>"}
// The query string and the body carry the same values so either side may read either.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AuthType } from '../../definition.js';

export interface ConsoleOptions {
  endpointPath: string;
  authModes: AuthType[];
  tokenMintPath?: string;
  /** Real-time path for subscriptions (default `<endpointPath>/realtime`). */
  realtimePath?: string;
}

const require = createRequire(import.meta.url);
const pkgDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

const ASSETS: Record<string, { file: () => string; type: string }> = {
  '/console/react.js': { file: () => join(pkgDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  '/console/react-dom.js': { file: () => join(pkgDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  '/console/graphiql.js': { file: () => join(pkgDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  '/console/graphiql.css': { file: () => join(pkgDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

export function createConsoleHandler(opts: ConsoleOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const cache = new Map<string, Buffer>();
  const page = Buffer.from(html(opts));
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (path === '/' || path === '/console' || path === '/console/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : page);
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

function html(opts: ConsoleOptions): string {
  const config = JSON.stringify({ endpoint: opts.endpointPath, realtime: opts.realtimePath ?? `${opts.endpointPath}/realtime`, modes: opts.authModes, mint: opts.tokenMintPath ?? null }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AppSync local console</title>
<link rel="stylesheet" href="/console/graphiql.css">
<style>
  html, body { height: 100%; margin: 0; font: 13px system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  #auth { display: flex; gap: 8px; align-items: center; padding: 6px 10px; border-bottom: 1px solid #ddd; flex-wrap: wrap; }
  #auth input { font: inherit; padding: 2px 4px; }
  #credential { flex: 1; min-width: 240px; }
  #graphiql { flex: 1; min-height: 0; }
</style></head>
<body>
<div id="auth">
  <label>Auth mode <select id="mode"></select></label>
  <input id="credential" placeholder="API key, ID token, or IAM headers as JSON" autocomplete="off">
  <span id="mintbox"><input id="user" placeholder="user" value="alice" size="10">
  <input id="groups" placeholder="groups (comma separated)" size="18">
  <button id="mint" type="button">Mint token</button></span>
  <span id="status"></span>
</div>
<div id="graphiql"></div>
<script src="/console/react.js"></script>
<script src="/console/react-dom.js"></script>
<script src="/console/graphiql.js"></script>
<script>
(function () {
  var config = ${config};
  var labels = { API_KEY: 'API key', AMAZON_COGNITO_USER_POOLS: 'Cognito user pools', OPENID_CONNECT: 'OpenID Connect', AWS_IAM: 'IAM', AWS_LAMBDA: 'Lambda' };
  var mode = document.getElementById('mode');
  var credential = document.getElementById('credential');
  var status = document.getElementById('status');
  config.modes.forEach(function (m) { var o = document.createElement('option'); o.value = m; o.textContent = labels[m] || m; mode.appendChild(o); });
  var saved = function (m) { return localStorage.getItem('appsync-local:' + m) || ''; };
  function showMode() {
    credential.value = saved(mode.value);
    var tokenMode = mode.value === 'AMAZON_COGNITO_USER_POOLS' || mode.value === 'OPENID_CONNECT';
    document.getElementById('mintbox').style.display = tokenMode && config.mint ? '' : 'none';
  }
  mode.addEventListener('change', showMode);
  credential.addEventListener('input', function () { localStorage.setItem('appsync-local:' + mode.value, credential.value.trim()); });
  showMode();
  document.getElementById('mint').addEventListener('click', function () {
    var user = document.getElementById('user').value.trim() || 'alice';
    var groups = document.getElementById('groups').value.split(',').map(function (g) { return g.trim(); }).filter(Boolean);
    var qs = 'user=' + encodeURIComponent(user) + groups.map(function (g) { return '&group=' + encodeURIComponent(g); }).join('');
    fetch(config.mint + '?' + qs, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: user, groups: groups }) })
      .then(function (r) { return r.json(); })
      .then(function (b) {
        credential.value = b.token; localStorage.setItem('appsync-local:' + mode.value, b.token);
        status.textContent = 'token for ' + user;
      })
      .catch(function (e) { status.textContent = 'mint failed: ' + e; });
  });
  function authHeaders() {
    var c = credential.value.trim();
    if (!c) return {};
    if (mode.value === 'API_KEY') return { 'x-api-key': c };
    if (mode.value === 'AWS_IAM') { try { return JSON.parse(c); } catch (e) { return {}; } }
    return { authorization: c };
  }
  // ?query=… opens the console on that operation (links from docs and tests).
  var initialQuery = new URLSearchParams(location.search).get('query') || undefined;
  function b64url(obj) {
    return btoa(unescape(encodeURIComponent(JSON.stringify(obj)))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  }
  // Subscriptions go over the real-time endpoint with AppSync's protocol; GraphiQL shows each event.
  function subscribe(params) {
    return {
      subscribe: function (observer) {
        var auth = Object.assign({ host: location.host }, authHeaders());
        var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + config.realtime;
        var ws = new WebSocket(url, ['graphql-ws', 'header-' + b64url(auth)]);
        var id = String(Date.now());
        ws.onopen = function () { ws.send(JSON.stringify({ type: 'connection_init' })); };
        ws.onmessage = function (ev) {
          var m = JSON.parse(ev.data);
          if (m.type === 'connection_ack') {
            ws.send(JSON.stringify({ id: id, type: 'start', payload: { data: JSON.stringify(params), extensions: { authorization: auth } } }));
          } else if (m.type === 'start_ack') {
            status.textContent = 'subscribed';
          } else if (m.type === 'data') {
            observer.next(m.payload);
          } else if (m.type === 'error' || m.type === 'connection_error') {
            observer.next(m.payload); ws.close();
          } else if (m.type === 'complete') {
            observer.complete(); ws.close();
          }
        };
        ws.onclose = function () { status.textContent = ''; };
        return { unsubscribe: function () { if (ws.readyState === 1) ws.send(JSON.stringify({ type: 'stop', id: id })); ws.close(); } };
      },
    };
  }
  function isSubscription(params) {
    return /^\\s*subscription\\b/m.test(String(params.query).replace(/#.*$/gm, ''));
  }
  function fetcher(params) {
    if (isSubscription(params)) return subscribe(params);
    var headers = Object.assign({ 'content-type': 'application/json' }, authHeaders());
    return fetch(config.endpoint, { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (r) { return r.json(); });
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: false, query: initialQuery })
  );
})();
</script>
</body></html>
`;
}
