// Sign-in. Against the local API: a developer sign-in for any user name (and the
// admin group), with a token minted by the local server. Against AWS: Cognito
// (SRP through Amplify Auth), answering the next step Cognito asks for.
import { useState, type FormEvent } from 'react';
import { isLocal, type FrontendConfig } from '../config.js';
import { cognito, signInLocal, type Session } from '../session.js';

interface Props {
  config: FrontendConfig;
  onSignedIn(session: Session): void;
}

const STEP_PROMPTS: Record<string, string> = {
  CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED: 'Choose a new password',
  CONFIRM_SIGN_IN_WITH_TOTP_CODE: 'Code from your authenticator app',
  CONFIRM_SIGN_IN_WITH_EMAIL_CODE: 'Code sent to your email',
};

export function SignIn({ config, onSignedIn }: Props) {
  const local = isLocal(config);
  const [user, setUser] = useState(local ? 'alice' : '');
  const [admin, setAdmin] = useState(false);
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<string | null>(null);
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (local) return onSignedIn(await signInLocal(user.trim(), admin));
      const auth = await cognito();
      const result = step ? await auth.answer(answer) : await auth.start(config, user.trim(), password);
      if ('done' in result) return onSignedIn(result.done);
      if (!STEP_PROMPTS[result.next]) throw new Error(`Cognito asks for ${result.next}, which this app does not handle`);
      setStep(result.next);
      setAnswer('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="card" onSubmit={submit} aria-busy={busy}>
        <h1>Items</h1>
        {local ? (
          <>
            <p className="muted">
              Local API at <code>{new URL(config.graphqlEndpoint).host}</code>: sign in as anyone. The local server mints the token.
            </p>
            <div className="field">
              <label htmlFor="user">User name</label>
              <input id="user" value={user} onChange={(e) => setUser(e.target.value)} required autoComplete="username" />
            </div>
            <label className="check">
              <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} /> in the <code>admin</code> group
            </label>
          </>
        ) : step ? (
          <div className="field">
            <label htmlFor="answer">{STEP_PROMPTS[step]}</label>
            <input
              id="answer"
              type={step.includes('PASSWORD') ? 'password' : 'text'}
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              required
              autoComplete={step.includes('PASSWORD') ? 'new-password' : 'one-time-code'}
            />
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor="user">Email</label>
              <input id="user" type="email" value={user} onChange={(e) => setUser(e.target.value)} required autoComplete="username" />
            </div>
            <div className="field">
              <label htmlFor="password">Password</label>
              <input id="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" />
            </div>
          </>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : step ? 'Continue' : 'Sign in'}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
