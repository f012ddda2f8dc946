// The local console's page script (served as-is, no build step): the auth bar,
// the fetchers, and GraphiQL. Like the AppSync console's query editor, it opens
// signed in, with the schema loaded and the API's example operations in the
// editor. The credential and the schema (for the docs) are both fetched BEFORE
// GraphiQL mounts: the first operation a person runs already carries a token.
/* global React, ReactDOM, GraphiQL */
(function () {
  'use strict';
  var config = window.APPSYNC_LOCAL_CONSOLE;
  var LABELS = { AMAZON_COGNITO_USER_POOLS: 'Amazon Cognito user pools', AWS_IAM: 'AWS Identity and Access Management (IAM)', API_KEY: 'API key', OPENID_CONNECT: 'OpenID Connect', AWS_LAMBDA: 'AWS Lambda' };
  var PASTE_HINTS = {
    API_KEY: 'API key (npm start prints it)',
    OPENID_CONNECT: 'OIDC token',
    AMAZON_COGNITO_USER_POOLS: 'Cognito ID token',
    AWS_IAM: 'AccessKeyId:SecretAccessKey (npm start prints them)',
    AWS_LAMBDA: 'Authorization token',
  };
  var $ = function (id) { return document.getElementById(id); };
  var STORE = 'appsync-local-console';

  // What the person chose last time (mode, user, groups, pasted credentials), else the defaults.
  var state = (function () {
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(STORE) || '{}') || {}; } catch { saved = {}; }
    return {
      mode: config.modes.indexOf(saved.mode) >= 0 ? saved.mode : config.modes[0],
      user: typeof saved.user === 'string' && saved.user ? saved.user : config.defaultUser,
      groups: Array.isArray(saved.groups) ? saved.groups.filter(function (g) { return config.userGroups.indexOf(g) >= 0; }) : [],
      pasted: saved.pasted && typeof saved.pasted === 'object' ? saved.pasted : {},
      token: null,
    };
  })();
  function save() {
    localStorage.setItem(STORE, JSON.stringify({ mode: state.mode, user: state.user, groups: state.groups, pasted: state.pasted }));
  }
  function status(text, isError) {
    $('status').textContent = text || '';
    $('status').className = isError ? 'error' : '';
  }
  var canMint = function () { return state.mode === 'AMAZON_COGNITO_USER_POOLS' && !!config.mint; };

  // ---- the auth bar ----
  config.modes.forEach(function (m) {
    var o = document.createElement('option');
    o.value = m;
    o.textContent = LABELS[m] || m;
    $('mode').appendChild(o);
  });
  config.userGroups.forEach(function (g) {
    var label = document.createElement('label');
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'group-' + g;
    box.value = g;
    box.checked = state.groups.indexOf(g) >= 0;
    box.addEventListener('change', function () {
      state.groups = config.userGroups.filter(function (name) { return $('group-' + name).checked; });
      save();
      signIn();
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(g));
    $('groups').appendChild(label);
  });
  $('mode').value = state.mode;
  $('user').value = state.user;

  function showMode(mintFailed) {
    var mint = canMint() && !mintFailed;
    $('signin').hidden = !mint;
    $('paste').hidden = mint;
    $('credential').placeholder = PASTE_HINTS[state.mode] || 'credential';
    $('credential').value = state.pasted[state.mode] || '';
  }
  function showSignedIn() {
    $('signed-in').hidden = !state.token;
    $('who').textContent = state.user + (state.groups.length ? ' (' + state.groups.join(', ') + ')' : '');
  }

  // A Cognito ID token for the chosen user and groups, from the local server's token endpoint.
  var minting = null;
  function signIn() {
    state.user = $('user').value.trim() || config.defaultUser;
    $('user').value = state.user;
    save();
    var user = state.user, groups = state.groups.slice();
    var qs = 'user=' + encodeURIComponent(user) + groups.map(function (g) { return '&group=' + encodeURIComponent(g); }).join('');
    minting = fetch(config.mint + '?' + qs, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: user, groups: groups }) })
      .then(function (r) {
        if (!r.ok) throw new Error('the server answered ' + r.status);
        return r.json();
      })
      .then(function (b) {
        state.token = b.token;
        status('');
        showSignedIn();
      })
      .catch(function (e) {
        state.token = null;
        showSignedIn();
        showMode(true);
        status('Local sign-in is unavailable (' + e.message + '): paste a Cognito ID token.', true);
      });
    return minting;
  }
  function expiresSoon(token) {
    try {
      var claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return claims.exp * 1000 - Date.now() < 60000;
    } catch {
      return true;
    }
  }
  /** The credential of the current mode, signing in again when the token is about to expire. */
  function credential() {
    if (canMint() && !$('signin').hidden) {
      if (!state.token || expiresSoon(state.token)) return signIn().then(function () { return state.token; });
      return Promise.resolve(state.token);
    }
    return Promise.resolve((state.pasted[state.mode] || '').trim());
  }

  $('mode').addEventListener('change', function () {
    state.mode = $('mode').value;
    save();
    showMode(false);
    if (canMint()) signIn();
  });
  $('mint').addEventListener('click', function () { signIn(); });
  $('user').addEventListener('keydown', function (e) { if (e.key === 'Enter') signIn(); });
  $('user').addEventListener('change', function () { if ($('user').value.trim() !== state.user) signIn(); });
  $('credential').addEventListener('input', function () {
    state.pasted[state.mode] = $('credential').value.trim();
    save();
  });

  // ---- signing and headers per auth mode ----
  var enc = new TextEncoder();
  var hex = function (buf) { return Array.prototype.map.call(new Uint8Array(buf), function (b) { return ('0' + b.toString(16)).slice(-2); }).join(''); };
  var sha256 = function (text) { return crypto.subtle.digest('SHA-256', enc.encode(text)).then(hex); };
  function hmac(key, text) {
    return crypto.subtle.importKey('raw', typeof key === 'string' ? enc.encode(key) : key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
      .then(function (k) { return crypto.subtle.sign('HMAC', k, enc.encode(text)); });
  }
  /** SigV4 for service "appsync" over host and x-amz-date, as an AWS SDK signs a call to the GraphQL endpoint. */
  function sigv4(keys, body) {
    var parts = keys.split(':');
    var accessKeyId = (parts[0] || '').trim(), secret = parts.slice(1).join(':').trim();
    var amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    var day = amzDate.slice(0, 8);
    var scope = day + '/' + config.region + '/appsync/aws4_request';
    return sha256(body).then(function (bodyHash) {
      var canonical = ['POST', config.endpoint, '', 'host:' + location.host, 'x-amz-date:' + amzDate, '', 'host;x-amz-date', bodyHash].join('\n');
      return sha256(canonical);
    }).then(function (canonicalHash) {
      var toSign = ['AWS4-HMAC-SHA256', amzDate, scope, canonicalHash].join('\n');
      return hmac('AWS4' + secret, day)
        .then(function (k) { return hmac(k, config.region); })
        .then(function (k) { return hmac(k, 'appsync'); })
        .then(function (k) { return hmac(k, 'aws4_request'); })
        .then(function (k) { return hmac(k, toSign); })
        .then(function (sig) {
          return { 'x-amz-date': amzDate, authorization: 'AWS4-HMAC-SHA256 Credential=' + accessKeyId + '/' + scope + ', SignedHeaders=host;x-amz-date, Signature=' + hex(sig) };
        });
    });
  }
  function authHeaders(body) {
    return credential().then(function (c) {
      if (!c) return {};
      if (state.mode === 'API_KEY') return { 'x-api-key': c };
      if (state.mode === 'AWS_IAM') return body === undefined ? {} : sigv4(c, body);
      return { authorization: c };
    });
  }

  // ---- fetchers ----
  function b64url(obj) {
    return btoa(unescape(encodeURIComponent(JSON.stringify(obj)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  // Subscriptions use AppSync's real-time protocol; each event shows in the result pane.
  function subscribe(params) {
    return {
      subscribe: function (observer) {
        var ws = null, id = String(Date.now()), closed = false;
        authHeaders().then(function (headers) {
          if (closed) return;
          var auth = Object.assign({ host: location.host }, headers);
          var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + config.realtime;
          ws = new WebSocket(url, ['graphql-ws', 'header-' + b64url(auth)]);
          ws.onopen = function () { ws.send(JSON.stringify({ type: 'connection_init' })); };
          ws.onmessage = function (ev) {
            var m = JSON.parse(ev.data);
            if (m.type === 'connection_ack') {
              ws.send(JSON.stringify({ id: id, type: 'start', payload: { data: JSON.stringify(params), extensions: { authorization: auth } } }));
            } else if (m.type === 'start_ack') {
              status('subscribed');
            } else if (m.type === 'data') {
              observer.next(m.payload);
            } else if (m.type === 'error' || m.type === 'connection_error') {
              observer.next(m.payload);
              ws.close();
            } else if (m.type === 'complete') {
              observer.complete();
              ws.close();
            }
          };
          ws.onclose = function () { if ($('status').textContent === 'subscribed') status(''); };
        });
        return {
          unsubscribe: function () {
            closed = true;
            if (ws && ws.readyState === 1) ws.send(JSON.stringify({ type: 'stop', id: id }));
            if (ws) ws.close();
          },
        };
      },
    };
  }
  function isSubscription(params) {
    var doc = String(params.query).replace(/#.*$/gm, '');
    if (params.operationName) return new RegExp('\\bsubscription\\s+' + params.operationName + '\\b').test(doc);
    return /^\s*subscription\b/.test(doc);
  }
  // The answer is shown exactly as the server sent it: AppSync's errors[] with
  // errorType, errorInfo, path and locations, or its HTTP-level refusals.
  function fetcher(params, opts) {
    if (isSubscription(params)) return subscribe(params);
    var body = JSON.stringify(params);
    return authHeaders(body).then(function (auth) {
      var headers = Object.assign({ 'content-type': 'application/json' }, auth, (opts && opts.headers) || {});
      return fetch(config.endpoint, { method: 'POST', headers: headers, body: body });
    }).then(function (r) { return r.json(); });
  }

  // ---- the editor's first document ----
  function firstDocument() {
    if (!config.operations) return '# Write a GraphQL operation here; the docs panel lists this API\'s types.\n# Ctrl-Enter runs it.\n\nquery {\n  __typename\n}\n';
    return '# ' + (config.apiName || 'This API') + ': examples from ' + config.operations.dir + '/\n' +
      '# Ctrl-Enter runs the operation at the cursor;\n# the run button lists them all.\n\n' + config.operations.text;
  }

  // ---- start: credential and schema first, then GraphiQL ----
  showMode(false);
  var schema = config.schema
    ? fetch(config.schema).then(function (r) { return r.ok ? r.json() : undefined; }).catch(function () { return undefined; })
    : Promise.resolve(undefined);
  Promise.all([canMint() ? signIn() : null, schema]).then(function (ready) {
    var params = new URLSearchParams(location.search);
    ReactDOM.createRoot($('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        // Given the schema, GraphiQL sends no introspection query of its own.
        schema: ready[1],
        defaultQuery: firstDocument(),
        query: params.get('query') || undefined,
        variables: params.get('variables') || undefined,
        visiblePlugin: 'Documentation Explorer',
        defaultEditorToolsVisibility: true,
        shouldPersistHeaders: false,
        defaultTheme: 'light',
      }, React.createElement(GraphiQL.Logo, null, 'AppSync local')),
    );
  });
})();
