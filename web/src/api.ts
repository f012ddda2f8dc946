// The GraphQL client of the app: the project's own typed client (client/index.ts)
// with the generated documents. It speaks AppSync's real-time protocol itself,
// adds nothing to the bundle but graphql's printer, and takes the token per call.
import { AppSyncError, createClient, type AppSyncClient } from '../../client/index.js';
import type { FrontendConfig } from './config.js';
import type { Session } from './session.js';

export { AppSyncError };
export type Api = AppSyncClient;

const clients = new WeakMap<Session, Api>();

/** The client of a session (one per session, so one real-time connection). */
export function apiFor(config: FrontendConfig, session: Session): Api {
  let api = clients.get(session);
  if (!api) {
    api = createClient(config, { jwt: () => session.token() }, { ackTimeoutMs: 10_000 });
    clients.set(session, api);
  }
  return api;
}

/** What a person should read for an error: AppSync's message, prefixed by its type when it is one we name. */
export function describeError(error: unknown): string {
  if (error instanceof AppSyncError) {
    if (error.status === 401) return 'Your session was refused by the API — sign in again.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
