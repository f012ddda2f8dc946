// Loads the project's API definition module (default: resolvers/api.ts).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiDefinition } from '../definition.js';

export const DEFAULT_DEFINITION = 'resolvers/api.ts';

export async function loadDefinition(root: string, file = DEFAULT_DEFINITION): Promise<ApiDefinition> {
  const url = pathToFileURL(resolve(root, file));
  // A query string defeats the module cache so a watcher sees edits.
  url.search = `?t=${Date.now()}`;
  const mod = (await import(url.href)) as { api?: ApiDefinition; default?: ApiDefinition };
  const def = mod.api ?? mod.default;
  if (!def) throw new Error(`${file} must export the API definition as "api" or default`);
  return def;
}
