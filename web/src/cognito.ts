// Cognito sign-in through Amplify Auth (SRP, Amplify's default flow), for the
// deployed stack. Amplify keeps the tokens in localStorage and refreshes them;
// a sign-in may ask for a next step (new password, TOTP code), answered with
// confirmSignIn.
import { Amplify } from 'aws-amplify';
import { confirmSignIn, deleteUser, fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import type { FrontendConfig } from './config.js';
import { decodeClaims, type Session } from './session.js';

let configured = false;
function configure(config: FrontendConfig): void {
  if (configured) return;
  if (!config.userPoolId || !config.userPoolClientId) throw new Error('The frontend config names no Cognito user pool');
  Amplify.configure({ Auth: { Cognito: { userPoolId: config.userPoolId, userPoolClientId: config.userPoolClientId } } });
  configured = true;
}

async function idToken(): Promise<string> {
  const token = (await fetchAuthSession()).tokens?.idToken?.toString();
  if (!token) throw new Error('Signed out');
  return token;
}

async function session(): Promise<Session> {
  const token = await idToken();
  const claims = decodeClaims(token);
  const { username } = await getCurrentUser();
  return {
    sub: claims.sub,
    username: claims.email ?? username,
    groups: claims['cognito:groups'] ?? [],
    ...(claims.email ? { email: claims.email } : {}),
    token: idToken,
    signOut: () => signOut(),
    // Cognito's DeleteUser with the user's own access token; Amplify signs out after it.
    deleteUser: () => deleteUser(),
  };
}

export async function restore(config: FrontendConfig): Promise<Session | null> {
  configure(config);
  try {
    return await session();
  } catch {
    return null;
  }
}

/** The step Cognito asks for next, or the session once signed in. */
export type SignInStep = { done: Session } | { next: string };

function step(result: Awaited<ReturnType<typeof signIn>>): Promise<SignInStep> | SignInStep {
  return result.isSignedIn ? session().then((done) => ({ done })) : { next: result.nextStep.signInStep };
}

export async function start(config: FrontendConfig, username: string, password: string): Promise<SignInStep> {
  configure(config);
  return step(await signIn({ username, password }));
}

/** Answers the pending step: a new password or a TOTP/email code. */
export async function answer(response: string): Promise<SignInStep> {
  return step(await confirmSignIn({ challengeResponse: response }));
}
