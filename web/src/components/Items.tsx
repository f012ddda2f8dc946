// My items: the add form, the status filter (served by the byStatus index), the
// list newest first with "load more", and its loading, empty and error states.
import { useState } from 'react';
import { CreateItemDocument, type ItemStatus } from '../../../client/generated/graphql.js';
import { describeError, type Api } from '../api.js';
import type { useItems } from '../use-items.js';
import { ItemForm, STATUSES, type ItemDraft } from './ItemForm.js';
import { ItemRow } from './ItemRow.js';

interface Props {
  api: Api;
  list: ReturnType<typeof useItems>;
}

function NewItem({ api, list }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(draft: ItemDraft): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const input = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== null)) as ItemDraft;
      const { createItem } = await api.request(CreateItemDocument, { input });
      list.apply({ kind: 'upsert', item: createItem });
      return true;
    } catch (err) {
      setError(describeError(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="new-item">
      <h2 id="new-item">New item</h2>
      <ItemForm submitLabel="Add" busy={busy} onSubmit={create}>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </ItemForm>
    </section>
  );
}

function Filter({ value, onChange }: { value: ItemStatus | null; onChange(v: ItemStatus | null): void }) {
  const options: Array<{ value: ItemStatus | null; label: string }> = [{ value: null, label: 'All' }, ...STATUSES];
  return (
    <fieldset className="filter">
      <legend className="sr-only">Show</legend>
      {options.map((o) => (
        <label key={o.label} className={value === o.value ? 'chosen' : ''}>
          <input type="radio" name="status-filter" checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function Items({ api, list }: Props) {
  const filtered = list.status ? STATUSES.find((s) => s.value === list.status)?.label.toLowerCase() : null;
  return (
    <>
      <NewItem api={api} list={list} />
      <section className="card" aria-labelledby="my-items" aria-busy={list.phase === 'loading'}>
        <div className="list-head">
          <h2 id="my-items">My items</h2>
          <Filter value={list.status} onChange={list.setStatus} />
        </div>
        {list.phase === 'loading' && (
          <ul className="items skeleton" aria-label="Loading items">
            {[0, 1, 2].map((i) => (
              <li key={i} className="item" />
            ))}
          </ul>
        )}
        {list.phase === 'error' && (
          <div className="error-state" role="alert">
            <p>Could not load your items: {list.error}</p>
            <button type="button" onClick={list.retry}>
              Try again
            </button>
          </div>
        )}
        {list.phase === 'ready' && list.items.length === 0 && (
          <p className="empty">{filtered ? `Nothing ${filtered}.` : 'No items yet. Add your first one above.'}</p>
        )}
        {list.phase === 'ready' && list.items.length > 0 && (
          <ul className="items" aria-label="Items">
            {list.items.map((item) => (
              <ItemRow key={item.itemId} api={api} item={item} apply={list.apply} />
            ))}
          </ul>
        )}
        {list.phase === 'ready' && list.error && (
          <p className="error" role="alert">
            {list.error}
          </p>
        )}
        {list.phase === 'ready' && list.hasMore && (
          <button type="button" className="more" onClick={() => void list.loadMore()} disabled={list.loadingMore}>
            {list.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </section>
    </>
  );
}
