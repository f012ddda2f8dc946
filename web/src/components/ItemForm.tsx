// The fields of an item, for creating one and for editing one. Empty optional
// fields are sent as null on edit (they clear the value) and left out on create.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ItemStatus } from '../../../client/generated/graphql.js';
import type { Item } from '../items-state.js';

export interface ItemDraft {
  title: string;
  status: ItemStatus;
  priority: number | null;
  dueDate: string | null;
  tags: string[] | null;
}

export const STATUSES: ReadonlyArray<{ value: ItemStatus; label: string }> = [
  { value: 'TODO', label: 'To do' },
  { value: 'IN_PROGRESS', label: 'In progress' },
  { value: 'DONE', label: 'Done' },
];

export const statusLabel = (s: ItemStatus): string => STATUSES.find((x) => x.value === s)?.label ?? s;

export function draftOf(item: Item): ItemDraft {
  return { title: item.title, status: item.status, priority: item.priority, dueDate: item.dueDate, tags: item.tags };
}

interface Fields {
  title: string;
  status: ItemStatus;
  priority: string;
  dueDate: string;
  tags: string;
}

function fieldsOf(d: ItemDraft | undefined): Fields {
  return {
    title: d?.title ?? '',
    status: d?.status ?? 'TODO',
    priority: d?.priority === null || d?.priority === undefined ? '' : String(d.priority),
    dueDate: d?.dueDate ?? '',
    tags: d?.tags?.join(', ') ?? '',
  };
}

function draftFrom(f: Fields): ItemDraft {
  const tags = f.tags.split(',').map((t) => t.trim()).filter(Boolean);
  return {
    title: f.title,
    status: f.status,
    priority: f.priority === '' ? null : Number(f.priority),
    dueDate: f.dueDate === '' ? null : f.dueDate,
    tags: tags.length ? tags : null,
  };
}

interface Props {
  initial?: ItemDraft;
  submitLabel: string;
  busy: boolean;
  /** Resolves true when the form should reset (a created item). */
  onSubmit(draft: ItemDraft): Promise<boolean>;
  onCancel?(): void;
  /** Shown under the fields: errors, the conflict panel. */
  children?: ReactNode;
  /** Focus the title when the form appears (editing: the Edit button that had focus is gone). */
  autoFocus?: boolean;
}

export function ItemForm({ initial, submitLabel, busy, onSubmit, onCancel, children, autoFocus }: Props) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(initial));
  const [base, setBase] = useState(initial);
  const id = useId();
  // A new `initial` (reload after a conflict) replaces what is typed.
  if (initial !== base) {
    setBase(initial);
    setFields(fieldsOf(initial));
  }
  const set = (k: keyof Fields) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setFields((now) => ({ ...now, [k]: value }));
  };

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const sent = fields;
    // Saved: clear the form, unless the person has started typing the next one meanwhile.
    if (await onSubmit(draftFrom(sent))) setFields((now) => (now === sent ? fieldsOf(undefined) : now));
  }

  return (
    <form
      className="item-form"
      onSubmit={submit}
      aria-busy={busy}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) onCancel();
      }}
    >
      <div className="field grow">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} value={fields.title} onChange={set('title')} required autoComplete="off" autoFocus={autoFocus} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={fields.status} onChange={set('status')}>
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field small">
        <label htmlFor={`${id}-priority`}>Priority</label>
        <input id={`${id}-priority`} type="number" inputMode="numeric" value={fields.priority} onChange={set('priority')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>Due</label>
        <input id={`${id}-due`} type="date" value={fields.dueDate} onChange={set('dueDate')} />
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input id={`${id}-tags`} value={fields.tags} onChange={set('tags')} placeholder="comma, separated" autoComplete="off" />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
      {children}
    </form>
  );
}
