// The one file that says where the API is: the frontend config the local server
// writes (.appsync-local/frontend-config.json) and the CDK stack outputs
// (FrontendConfig), in the same shape. The app fetches it at start, so one build
// runs against either; vite.config.ts serves the right file in development.
import type { FrontendConfig } from '../../client/index.js';

export type { FrontendConfig };

export async function loadConfig(url = './frontend-config.json'): Promise<FrontendConfig> {
  // Same mode as index.html's preload, so this takes the preloaded answer.
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} — is \`npm start\` running (or the config file deployed)?`);
  const config = (await res.json()) as FrontendConfig;
  if (!config.graphqlEndpoint || !config.realtimeEndpoint) throw new Error(`${url} is not a frontend config file`);
  return config;
}

/**
 * The local twin serves on a loopback address; AppSync never does. Locally the
 * sign-in mints a token from the local server; anywhere else it is Cognito.
 */
export function isLocal(config: FrontendConfig): boolean {
  const host = new URL(config.graphqlEndpoint).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
