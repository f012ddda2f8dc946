// Start-up: read the frontend config, restore the session kept across reloads,
// then render. A missing config (no `npm start`) is shown, not thrown.
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { apiFor } from './api.js';
import { App } from './components/App.js';
import { loadConfig } from './config.js';
import { restoreSession } from './session.js';
import { prefetchFirstPage } from './use-items.js';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

try {
  const config = await loadConfig();
  const session = await restoreSession(config);
  if (session) prefetchFirstPage(apiFor(config, session));
  root.render(
    <StrictMode>
      <App config={config} initial={session} />
    </StrictMode>,
  );
} catch (err) {
  root.render(
    <main className="signin">
      <div className="card error-state" role="alert">
        <h1>Items</h1>
        <p>Cannot start: {err instanceof Error ? err.message : String(err)}</p>
      </div>
    </main>,
  );
}
