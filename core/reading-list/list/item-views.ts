// What the reader's side sees: items as SavedItem objects (the same object while its record is unchanged), the
// list newest first (the same array until anything changes), and the subscribers told once per batch of changes.
import { isDeleted, toSavedItem } from '../crdt.ts';
import type { LocalRecord } from '../local-store.ts';
import type { SavedItem } from '../types.ts';

export interface ItemViews {
  /** items() or status() may have changed: subscribers are told once, after the current task. */
  changed(): void;
  subscribe(listener: () => void): () => void;
  view(record: LocalRecord): SavedItem | null;
  /** The items not deleted, newest first. */
  list(records: Iterable<LocalRecord>): SavedItem[];
  forget(id: string): void;
}

export function createItemViews(): ItemViews {
  const listeners = new Set<() => void>();
  let notifyQueued = false;
  let version = 0;
  let listCache: { version: number; list: SavedItem[] } | null = null;
  const views = new Map<string, { record: LocalRecord; item: SavedItem }>();

  function view(record: LocalRecord): SavedItem | null {
    const cached = views.get(record.id);
    if (cached?.record === record) return cached.item;
    const item = toSavedItem(record, !!record.localOnly && !isDeleted(record));
    if (item) views.set(record.id, { record, item });
    return item;
  }

  return {
    changed() {
      version++;
      if (notifyQueued || !listeners.size) return;
      notifyQueued = true;
      queueMicrotask(() => {
        notifyQueued = false;
        for (const listener of [...listeners]) {
          try {
            listener();
          } catch {
            // a listener's failure is its own
          }
        }
      });
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    view,

    list(records) {
      if (listCache?.version === version) return listCache.list;
      const list: SavedItem[] = [];
      for (const record of records) {
        if (isDeleted(record)) continue;
        const item = view(record);
        if (item) list.push(item);
      }
      list.sort((a, b) => b.addedAt - a.addedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      listCache = { version, list };
      return list;
    },

    forget(id) {
      views.delete(id);
    },
  };
}
