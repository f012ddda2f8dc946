// The signed-in page: a header with who and whether updates are live, my items,
// and my profile.
import { useState } from 'react';
import { apiFor } from '../api.js';
import type { FrontendConfig } from '../config.js';
import type { Session } from '../session.js';
import { useItems, type LiveState } from '../use-items.js';
import { Items } from './Items.js';
import { Profile } from './Profile.js';
import { SignIn } from './SignIn.js';

const LIVE_TEXT: Record<LiveState, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

function Home({ config, session, onSignOut, onGone }: { config: FrontendConfig; session: Session; onSignOut(): void; onGone(): void }) {
  const api = apiFor(config, session);
  const list = useItems(api, session.sub);
  const [view, setView] = useState<'items' | 'profile'>('items');
  return (
    <>
      <header className="top">
        <h1>Items</h1>
        <span className={`live ${list.live}`} role="status" aria-live="polite">
          {LIVE_TEXT[list.live]}
        </span>
        <nav aria-label="Views">
          <button type="button" aria-pressed={view === 'items'} onClick={() => setView('items')}>
            Items
          </button>
          <button type="button" aria-pressed={view === 'profile'} onClick={() => setView('profile')}>
            Profile
          </button>
        </nav>
        <span className="who">
          <span className="username">{session.username}</span>
          {session.groups.includes('admin') && <span className="badge admin">admin</span>}
          <button type="button" className="link" onClick={onSignOut}>
            Sign out
          </button>
        </span>
      </header>
      <main>{view === 'items' ? <Items api={api} list={list} /> : <Profile api={api} session={session} onDeleted={onGone} />}</main>
    </>
  );
}

export function App({ config, initial }: { config: FrontendConfig; initial: Session | null }) {
  const [session, setSession] = useState(initial);
  if (!session) return <SignIn config={config} onSignedIn={setSession} />;
  return (
    <Home
      config={config}
      session={session}
      onSignOut={() => {
        void session.signOut();
        setSession(null);
      }}
      onGone={() => setSession(null)}
    />
  );
}
