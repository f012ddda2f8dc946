// My profile (`me`): created on first visit (AppSync answers null before
// createProfile), then shown and edited. A taken email is a Conflict and a bad
// one a ValidationError: both are shown beside the form. "Delete my account"
// calls deleteAccount until it answers done (a page of records per call), then
// removes the sign-in (Cognito DeleteUser when deployed).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { CreateProfileDocument, DeleteAccountDocument, MeDocument, UpdateProfileDocument, type UserFieldsFragment } from '../../../client/generated/graphql.js';
import { describeError, type Api } from '../api.js';
import type { Session } from '../session.js';

interface Props {
  api: Api;
  session: Session;
  /** After the account and the sign-in are gone. */
  onDeleted(): void;
}

/** deleteAccount until done, reporting the running count; at most `maxCalls` calls. */
async function deleteEverything(api: Api, progress: (deleted: number) => void, maxCalls = 1000): Promise<void> {
  let deleted = 0;
  for (let call = 0; call < maxCalls; call += 1) {
    const { deleteAccount } = await api.request(DeleteAccountDocument);
    deleted += deleteAccount.deletedItems;
    progress(deleted);
    if (deleteAccount.done) return;
  }
  throw new Error('The account is not deleted yet: try again');
}

function DeleteAccount({ api, session, onDeleted }: Props) {
  const [asking, setAsking] = useState(false);
  const [deleted, setDeleted] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function confirm(): Promise<void> {
    setError(null);
    setDeleted(0);
    try {
      await deleteEverything(api, setDeleted);
      await session.deleteUser();
      onDeleted();
    } catch (err) {
      setError(describeError(err));
      setDeleted(null);
    }
  }

  if (deleted !== null) {
    return (
      <p className="muted" role="status">
        Deleting… {deleted} deleted
      </p>
    );
  }
  return (
    <div className="danger">
      {asking ? (
        <>
          <p>This deletes your profile and every item, for good.</p>
          <button type="button" className="danger" onClick={confirm}>
            Delete everything
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Keep my account
          </button>
        </>
      ) : (
        <button type="button" className="link" onClick={() => setAsking(true)}>
          Delete my account
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function Profile({ api, session, onDeleted }: Props) {
  const [me, setMe] = useState<UserFieldsFragment | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [fields, setFields] = useState({ displayName: '', email: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    api.request(MeDocument).then(
      ({ me }) => live && setMe(me),
      (err: unknown) => live && setLoadError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  function edit(): void {
    setFields(me ? { displayName: me.displayName, email: me.email } : { displayName: session.username, email: session.email ?? '' });
    setError(null);
    setEditing(true);
  }

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (me) {
        const input = {
          ...(fields.displayName !== me.displayName ? { displayName: fields.displayName } : {}),
          ...(fields.email !== me.email ? { email: fields.email } : {}),
        };
        setMe((await api.request(UpdateProfileDocument, { input })).updateProfile);
      } else {
        setMe((await api.request(CreateProfileDocument, { input: fields })).createProfile);
      }
      setEditing(false);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card profile" aria-labelledby={`${id}-h`} aria-busy={me === undefined && !loadError}>
      <h2 id={`${id}-h`}>Profile</h2>
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      {me === undefined && !loadError && <p className="muted">Loading…</p>}
      {me !== undefined && !editing && (
        <>
          {me ? (
            <dl>
              <dt>Name</dt>
              <dd>{me.displayName}</dd>
              <dt>Email</dt>
              <dd>{me.email}</dd>
            </dl>
          ) : (
            <p className="muted">No profile yet.</p>
          )}
          <button type="button" onClick={edit}>
            {me ? 'Edit profile' : 'Create profile'}
          </button>
          <DeleteAccount api={api} session={session} onDeleted={onDeleted} />
        </>
      )}
      {editing && (
        <form onSubmit={save} className="profile-form" aria-busy={busy}>
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} value={fields.displayName} required onChange={(e) => setFields({ ...fields, displayName: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input id={`${id}-email`} type="email" value={fields.email} required onChange={(e) => setFields({ ...fields, email: e.target.value })} />
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)} disabled={busy}>
              Cancel
            </button>
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
