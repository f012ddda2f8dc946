// One item: its summary, and in place of it the edit form when editing. An edit
// sends the version it started from (expectedVersion); when someone else saved
// first, AppSync answers Conflict and the row shows what changed, then lets the
// person take the other version or overwrite it on purpose.
import { useEffect, useMemo, useRef, useState } from 'react';
import { DeleteItemDocument, GetItemDocument, UpdateItemDocument } from '../../../client/generated/graphql.js';
import { AppSyncError, describeError, type Api } from '../api.js';
import { changedFields, type Editable, type Item } from '../items-state.js';
import type { Change } from '../use-items.js';
import { ItemForm, draftOf, statusLabel, type ItemDraft } from './ItemForm.js';

interface Props {
  api: Api;
  item: Item;
  apply(change: Change): void;
}

const FIELD_LABELS: Record<Editable, string> = { title: 'Title', status: 'Status', priority: 'Priority', dueDate: 'Due', tags: 'Tags' };

function show(field: Editable, d: ItemDraft): string {
  const v = d[field];
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return '—';
  if (field === 'status') return statusLabel(d.status);
  return Array.isArray(v) ? v.join(', ') : String(v);
}

type Problem = { kind: 'error'; message: string } | { kind: 'conflict'; theirs: Item; mine: ItemDraft } | { kind: 'gone' };

export function ItemRow({ api, item, apply }: Props) {
  const [editing, setEditing] = useState(false);
  /** The version the edit started from: what expectedVersion says. */
  const [base, setBase] = useState<Item>(item);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // One draft object per base version: a new one resets the form (ItemForm), and
  // a live update of this item while it is edited must not wipe what is typed.
  const initial = useMemo(() => draftOf(base), [base]);
  // When the editor closes, focus goes back to the Edit button it replaced.
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  function startEdit(): void {
    setBase(item);
    setProblem(null);
    setEditing(true);
  }

  async function save(draft: ItemDraft, expectedVersion: number): Promise<boolean> {
    setBusy(true);
    setProblem(null);
    try {
      const { updateItem } = await api.request(UpdateItemDocument, { input: { itemId: item.itemId, expectedVersion, ...draft } });
      apply({ kind: 'upsert', item: updateItem });
      setEditing(false);
      return false;
    } catch (err) {
      if (err instanceof AppSyncError && err.errorType === 'Conflict') {
        const { getItem } = await api.request(GetItemDocument, { itemId: item.itemId }).catch(() => ({ getItem: null }));
        setProblem(getItem ? { kind: 'conflict', theirs: getItem, mine: draft } : { kind: 'gone' });
        if (getItem) apply({ kind: 'upsert', item: getItem });
      } else if (err instanceof AppSyncError && err.errorType === 'NotFound') {
        setProblem({ kind: 'gone' });
      } else {
        setProblem({ kind: 'error', message: describeError(err) });
      }
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function destroy(): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      const { deleteItem } = await api.request(DeleteItemDocument, { itemId: item.itemId, expectedVersion: item.version });
      apply({ kind: 'delete', itemId: deleteItem.itemId });
    } catch (err) {
      if (err instanceof AppSyncError && err.errorType === 'NotFound') apply({ kind: 'delete', itemId: item.itemId });
      else if (err instanceof AppSyncError && err.errorType === 'Conflict') {
        setProblem({ kind: 'error', message: 'It was changed elsewhere in the meantime: check it, then delete again if you still mean it.' });
      } else setProblem({ kind: 'error', message: describeError(err) });
      setBusy(false);
    }
  }

  if (!editing) {
    return (
      <li className="item" data-item-id={item.itemId} data-version={item.version}>
        <div className="item-main">
          <span className={`badge ${item.status.toLowerCase()}`}>{statusLabel(item.status)}</span>
          <span className="item-title">{item.title}</span>
          <span className="item-meta">
            {item.priority !== null && <span>P{item.priority}</span>}
            {item.dueDate && <span>due {item.dueDate}</span>}
            {item.tags?.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
          </span>
        </div>
        <div className="item-actions">
          <button type="button" ref={editButton} onClick={startEdit} disabled={busy} aria-label={`Edit ${item.title}`}>
            Edit
          </button>
          <button type="button" className="danger" onClick={destroy} disabled={busy} aria-label={`Delete ${item.title}`}>
            Delete
          </button>
        </div>
        {problem?.kind === 'error' && (
          <p className="error" role="alert">
            {problem.message}
          </p>
        )}
      </li>
    );
  }

  const conflict = problem?.kind === 'conflict' ? problem : null;
  return (
    <li className="item editing" data-item-id={item.itemId} data-version={item.version}>
      <ItemForm
        initial={initial}
        submitLabel="Save"
        busy={busy}
        autoFocus
        onSubmit={(draft) => save(draft, base.version)}
        onCancel={() => setEditing(false)}
      >
        {problem?.kind === 'error' && (
          <p className="error" role="alert">
            {problem.message}
          </p>
        )}
        {problem?.kind === 'gone' && (
          <p className="error" role="alert">
            This item no longer exists: it was deleted elsewhere.
          </p>
        )}
        {conflict && (
          <section className="conflict" role="alert" aria-label="Edit conflict">
            <h3>Changed elsewhere while you were editing</h3>
            <p>
              You started from version {base.version}; it is now at version {conflict.theirs.version}.
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Now saved</th>
                  <th scope="col">Yours</th>
                </tr>
              </thead>
              <tbody>
                {changedFields(draftOf(base), draftOf(conflict.theirs)).map((f) => (
                  <tr key={f}>
                    <th scope="row">{FIELD_LABELS[f]}</th>
                    <td>{show(f, draftOf(conflict.theirs))}</td>
                    <td>{show(f, conflict.mine)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="actions">
              <button
                type="button"
                onClick={() => {
                  setBase(conflict.theirs);
                  setProblem(null);
                }}
              >
                Reload saved version
              </button>
              <button type="button" className="danger" onClick={() => void save(conflict.mine, conflict.theirs.version)}>
                Overwrite with mine
              </button>
            </div>
          </section>
        )}
      </ItemForm>
    </li>
  );
}
