// The list of my items as the page shows it: newest first (item ids are ULIDs,
// so id order is creation order), one page window at a time, kept current by
// live events. Pure functions, so every merge rule is testable without a browser.
import type { ItemFieldsFragment, ItemStatus } from '../../client/generated/graphql.js';

export type Item = ItemFieldsFragment;

export interface ItemsState {
  items: Item[];
  /** Where the next page starts; null once every item has been loaded. */
  nextToken: string | null;
  /** The status filter the window was loaded with (null: all statuses). */
  status: ItemStatus | null;
  /** Ids deleted while this window was open, so a late event cannot bring one back. */
  deleted: ReadonlySet<string>;
}

export function emptyState(status: ItemStatus | null): ItemsState {
  return { items: [], nextToken: null, status, deleted: new Set() };
}

const newestFirst = (a: Item, b: Item): number => (a.itemId < b.itemId ? 1 : a.itemId > b.itemId ? -1 : 0);

/** A fresh first page replaces the window. */
export function firstPage(status: ItemStatus | null, items: Item[], nextToken: string | null): ItemsState {
  return { items: [...items].sort(newestFirst), nextToken, status, deleted: new Set() };
}

/** "Load more": appends a page; an item already shown (moved by a live event) is not shown twice. */
export function appendPage(state: ItemsState, items: Item[], nextToken: string | null): ItemsState {
  const known = new Map(state.items.map((i) => [i.itemId, i]));
  for (const item of items) {
    if (state.deleted.has(item.itemId)) continue;
    const seen = known.get(item.itemId);
    if (!seen || seen.version < item.version) known.set(item.itemId, item);
  }
  return { ...state, items: [...known.values()].sort(newestFirst), nextToken };
}

/**
 * True when an item belongs inside the loaded window: pages come newest first, so
 * the window is every item at or above the oldest loaded id (or everything once
 * nextToken is null). An item below it will arrive with "load more" instead.
 */
function inWindow(state: ItemsState, item: Item): boolean {
  if (state.nextToken === null) return true;
  const oldest = state.items.at(-1);
  return oldest !== undefined && item.itemId >= oldest.itemId;
}

/** A created or updated item (from a live event or our own mutation's answer). */
export function upsert(state: ItemsState, item: Item): ItemsState {
  if (state.deleted.has(item.itemId)) return state;
  const index = state.items.findIndex((i) => i.itemId === item.itemId);
  const matches = state.status === null || item.status === state.status;
  if (index >= 0) {
    const current = state.items[index]!;
    // Events and HTTP answers race; the higher version is the newer truth.
    if (current.version > item.version) return state;
    if (!matches) return { ...state, items: state.items.filter((i) => i.itemId !== item.itemId) };
    const items = [...state.items];
    items[index] = item;
    return { ...state, items };
  }
  if (!matches || !inWindow(state, item)) return state;
  return { ...state, items: [...state.items, item].sort(newestFirst) };
}

export function remove(state: ItemsState, itemId: string): ItemsState {
  const deleted = new Set(state.deleted).add(itemId);
  return { ...state, items: state.items.filter((i) => i.itemId !== itemId), deleted };
}

/** The fields a person edits, and which of them differ between two versions of an item. */
export const EDITABLE = ['title', 'status', 'priority', 'dueDate', 'tags'] as const;
export type Editable = (typeof EDITABLE)[number];

/** No tags and an empty tag list read the same to a person. */
const plain = (v: unknown): string => JSON.stringify(Array.isArray(v) && v.length === 0 ? null : (v ?? null));

export function changedFields(a: Pick<Item, Editable>, b: Pick<Item, Editable>): Editable[] {
  return EDITABLE.filter((f) => plain(a[f]) !== plain(b[f]));
}
