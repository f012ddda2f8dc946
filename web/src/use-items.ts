// My items, kept live: the first page (newest first, optionally by status), "load
// more" through nextToken, and onCreateItem/onUpdateItem/onDeleteItem for this
// user merged in as they come. When the real-time connection drops, it
// reconnects with backoff and re-reads the list, since events sent while it was
// down are lost (AppSync does not replay them).
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ListItemsDocument,
  OnCreateItemDocument,
  OnDeleteItemDocument,
  OnUpdateItemDocument,
  type ItemStatus,
  type ListItemsQuery,
} from '../../client/generated/graphql.js';
import type { RealtimeSubscription } from '../../client/index.js';
import { describeError, type Api } from './api.js';
import { appendPage, emptyState, firstPage, remove, upsert, type Item, type ItemsState } from './items-state.js';

export const PAGE_SIZE = 20;
/** The API's largest page: a resync re-reads at most this many. */
const MAX_PAGE = 100;

export type Change = { kind: 'upsert'; item: Item } | { kind: 'delete'; itemId: string };
export type LiveState = 'connecting' | 'live' | 'reconnecting';

const prefetched = new WeakMap<Api, Promise<ListItemsQuery>>();

/** Starts reading the first page before React renders (a returning user's first load). */
export function prefetchFirstPage(api: Api): void {
  const page = api.request(ListItemsDocument, { limit: PAGE_SIZE });
  page.catch(() => {}); // the list reports it when it takes the answer
  prefetched.set(api, page);
}

function applyChange(state: ItemsState, change: Change): ItemsState {
  return change.kind === 'delete' ? remove(state, change.itemId) : upsert(state, change.item);
}

export function useItems(api: Api, userId: string) {
  const [state, setState] = useState<ItemsState>(() => emptyState(null));
  const [phase, setPhase] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [live, setLive] = useState<LiveState>('connecting');
  const generation = useRef(0);
  const status = useRef<ItemStatus | null>(null);
  const loaded = useRef(0);
  loaded.current = state.items.length;
  /** Changes seen while a page is being read, replayed onto it when it lands. */
  const pending = useRef<Change[] | null>(null);

  const apply = useCallback((change: Change) => {
    pending.current?.push(change);
    setState((s) => applyChange(s, change));
  }, []);

  /** Reads the first page; `quiet` keeps what is shown until the answer is there (resync). */
  const sync = useCallback(
    async (next: ItemStatus | null, quiet: boolean) => {
      const gen = ++generation.current;
      status.current = next;
      if (!quiet) {
        setPhase('loading');
        setState(emptyState(next));
      }
      const changes: Change[] = [];
      pending.current = changes;
      try {
        const limit = quiet ? Math.min(MAX_PAGE, Math.max(PAGE_SIZE, loaded.current)) : PAGE_SIZE;
        const early = !quiet && next === null ? prefetched.get(api) : undefined;
        prefetched.delete(api);
        const { listItems } = await (early ?? api.request(ListItemsDocument, { status: next, limit }));
        if (gen !== generation.current) return;
        setState(changes.reduce(applyChange, firstPage(next, listItems.items, listItems.nextToken)));
        setPhase('ready');
        setError(null);
      } catch (err) {
        if (gen !== generation.current) return;
        setError(describeError(err));
        if (!quiet) setPhase('error');
      } finally {
        if (pending.current === changes) pending.current = null;
      }
    },
    [api],
  );

  const loadMore = useCallback(async () => {
    const nextToken = state.nextToken;
    if (!nextToken || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    try {
      const { listItems } = await api.request(ListItemsDocument, { status: status.current, limit: PAGE_SIZE, nextToken });
      if (gen === generation.current) setState((s) => appendPage(s, listItems.items, listItems.nextToken));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setLoadingMore(false);
    }
  }, [api, state.nextToken, loadingMore]);

  useEffect(() => {
    void sync(null, false);
  }, [sync]);

  useEffect(() => {
    let closed = false;
    let subs: RealtimeSubscription[] = [];
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;

    const reconnect = (): void => {
      if (closed || subs.length === 0) return;
      for (const s of subs) s.unsubscribe();
      subs = [];
      setLive('reconnecting');
      retry = setTimeout(connect, Math.min(10_000, 500 * 2 ** attempt++));
    };
    function connect(): void {
      if (closed) return;
      const onError = { error: reconnect, complete: reconnect };
      const vars = { userId };
      subs = [
        api.subscribe(OnCreateItemDocument, vars, {
          ...onError,
          next: (d) => d.onCreateItem && apply({ kind: 'upsert', item: d.onCreateItem }),
        }),
        api.subscribe(OnUpdateItemDocument, vars, {
          ...onError,
          next: (d) => d.onUpdateItem && apply({ kind: 'upsert', item: d.onUpdateItem }),
        }),
        api.subscribe(OnDeleteItemDocument, vars, {
          ...onError,
          next: (d) => d.onDeleteItem && apply({ kind: 'delete', itemId: d.onDeleteItem.itemId }),
        }),
      ];
      const current = subs;
      Promise.all(current.map((s) => s.started)).then(
        () => {
          if (closed || subs !== current) return;
          attempt = 0;
          setLive('live');
          // Whatever changed before the subscriptions were live was not pushed: re-read.
          void sync(status.current, true);
        },
        () => {}, // the sinks' error handler reconnects
      );
    }
    const retryNow = (): void => {
      if (subs.length > 0 || closed) return;
      clearTimeout(retry);
      connect();
    };

    connect();
    window.addEventListener('online', retryNow);
    return () => {
      closed = true;
      clearTimeout(retry);
      window.removeEventListener('online', retryNow);
      for (const s of subs) s.unsubscribe();
      api.close();
    };
  }, [api, userId, apply, sync]);

  return {
    items: state.items,
    status: state.status,
    hasMore: state.nextToken !== null,
    phase,
    error,
    loadingMore,
    live,
    setStatus: (next: ItemStatus | null) => void sync(next, false),
    retry: () => void sync(status.current, false),
    loadMore,
    apply,
  };
}
