// Who is signed in and how to get their token. Locally: a developer sign-in
// that asks the local server to mint a Cognito-style ID token for a user name
// (the dev server proxies /token to it, same origin). On AWS: Cognito through
// Amplify Auth (SRP), loaded only then so local builds do not pay for it.
import type { FrontendConfig } from './config.js';
import { isLocal } from './config.js';

export interface Session {
  /** The user's id as AppSync sees it (the token's `sub`): the subscriptions' userId. */
  sub: string;
  username: string;
  groups: string[];
  email?: string;
  /** A valid ID token (refreshed as needed). */
  token(): Promise<string>;
  signOut(): Promise<void>;
  /**
   * Removes the sign-in itself, after deleteAccount answered done: Cognito's
   * DeleteUser when deployed. Locally there is no user pool, so it signs out.
   */
  deleteUser(): Promise<void>;
}

interface Claims {
  sub: string;
  exp: number;
  email?: string;
  'cognito:username'?: string;
  'cognito:groups'?: string[];
}

export function decodeClaims(jwt: string): Claims {
  const part = jwt.split('.')[1] ?? '';
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as Claims;
}

const STORAGE_KEY = 'items-app:local-session';

interface StoredLocal {
  user: string;
  admin: boolean;
  token: string;
}

async function mintLocal(user: string, admin: boolean): Promise<string> {
  const query = new URLSearchParams({ user });
  if (admin) query.set('group', 'admin');
  const res = await fetch(`./token?${query}`, { method: 'POST' });
  if (!res.ok) throw new Error(`The local server refused a token (HTTP ${res.status}) — is \`npm start\` running?`);
  return ((await res.json()) as { token: string }).token;
}

function localSession(stored: StoredLocal): Session {
  let token = stored.token;
  const claims = decodeClaims(token);
  return {
    sub: claims.sub,
    username: stored.user,
    groups: claims['cognito:groups'] ?? [],
    ...(claims.email ? { email: claims.email } : {}),
    async token() {
      // Local tokens live an hour; mint a new one shortly before that.
      if (decodeClaims(token).exp * 1000 - Date.now() < 60_000) {
        token = await mintLocal(stored.user, stored.admin);
        localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...stored, token }));
      }
      return token;
    },
    async signOut() {
      localStorage.removeItem(STORAGE_KEY);
    },
    async deleteUser() {
      localStorage.removeItem(STORAGE_KEY);
    },
  };
}

export async function signInLocal(user: string, admin: boolean): Promise<Session> {
  const stored = { user, admin, token: await mintLocal(user, admin) };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  return localSession(stored);
}

/** The Cognito side, in its own chunk. */
const cognito = () => import('./cognito.js');

/** The session kept from before a reload, if any. */
export async function restoreSession(config: FrontendConfig): Promise<Session | null> {
  if (isLocal(config)) {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    try {
      return localSession(JSON.parse(raw) as StoredLocal);
    } catch {
      localStorage.removeItem(STORAGE_KEY);
      return null;
    }
  }
  return (await cognito()).restore(config);
}

export { cognito };
