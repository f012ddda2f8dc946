// How the list merges pages, live events and our own mutations' answers: these
// rules are what keeps "every item exactly once" true while events race pages.
import { describe, expect, it } from 'vitest';
import { appendPage, changedFields, emptyState, firstPage, remove, upsert, type Item } from '../../web/src/items-state.js';

const item = (itemId: string, more: Partial<Item> = {}): Item => ({
  userId: 'u',
  itemId,
  title: `t${itemId}`,
  status: 'TODO',
  priority: null,
  dueDate: null,
  tags: null,
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  version: 1,
  ...more,
});
const ids = (s: { items: Item[] }) => s.items.map((i) => i.itemId);

describe('items state', () => {
  it('puts a created item first and ignores the echo of one already shown', () => {
    let s = firstPage(null, [item('02'), item('01')], null);
    s = upsert(s, item('03'));
    s = upsert(s, item('03'));
    expect(ids(s)).toEqual(['03', '02', '01']);
  });

  it('keeps the higher version when an event and an answer race', () => {
    let s = firstPage(null, [item('01', { version: 3, title: 'new' })], null);
    s = upsert(s, item('01', { version: 2, title: 'old' }));
    expect(s.items[0].title).toBe('new');
  });

  it('does not bring back a deleted item on a late update', () => {
    let s = firstPage(null, [item('01')], null);
    s = remove(s, '01');
    s = upsert(s, item('01', { version: 2 }));
    expect(ids(s)).toEqual([]);
  });

  it('leaves an item below the loaded window to "load more", and shows it once then', () => {
    let s = firstPage(null, [item('09'), item('08')], 'next');
    s = upsert(s, item('05', { version: 2 }));
    expect(ids(s)).toEqual(['09', '08']);
    s = appendPage(s, [item('07'), item('05', { version: 2 })], null);
    expect(ids(s)).toEqual(['09', '08', '07', '05']);
    s = appendPage(s, [item('07')], null);
    expect(ids(s)).toEqual(['09', '08', '07', '05']);
  });

  it('follows the status filter: an update out of it leaves, one into it arrives', () => {
    let s = firstPage('DONE', [item('02', { status: 'DONE' })], null);
    s = upsert(s, item('02', { status: 'TODO', version: 2 }));
    expect(ids(s)).toEqual([]);
    s = upsert(s, item('01', { status: 'DONE', version: 2 }));
    expect(ids(s)).toEqual(['01']);
    expect(upsert(emptyState('DONE'), item('03')).items).toEqual([]);
  });

  it('names the fields that differ between two versions', () => {
    expect(changedFields(item('1', { title: 'a', tags: ['x'] }), item('1', { title: 'b', tags: ['x'] }))).toEqual(['title']);
    expect(changedFields(item('1', { tags: null }), item('1', { tags: [] }))).toEqual([]);
    expect(changedFields(item('1', { priority: null }), item('1', { priority: 0 }))).toEqual(['priority']);
  });
});
