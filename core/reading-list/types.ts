// The reading list's model, shared by the popup, the background, the offline reader and the sync engine.
// Framework-free: storage areas are passed in as interfaces (platform/ adapts the browser's).

export type ItemState = 'unread' | 'archived';

/** One saved article as the UI sees it (the merged view of every device's changes). */
export interface SavedItem {
  /** Derived from the canonical URL: saving the same article twice, on any device, gives the same id. */
  id: string;
  /** Canonical URL (tracking parameters and fragment removed, the page's canonical link preferred). */
  url: string;
  title: string;
  site: string | null;
  lang: string;
  /** A short plain-text excerpt (the lede or the first sentences). */
  excerpt: string;
  /** ms since epoch. */
  addedAt: number;
  /** ms since epoch: the latest change of any field. */
  updatedAt: number;
  state: ItemState;
  favourite: boolean;
  tags: string[];
  /** Reading progress, 0 to 1. */
  progress: number;
  /** Tombstone: deleted items are kept (hidden) long enough that no device can resurrect them. */
  deleted: boolean;
  /** True when the sync quota was full: the item lives on this device only (shown as such), never dropped. */
  localOnly: boolean;
}

/** What is saved from an extracted article. */
export interface NewItem {
  url: string;
  /** The page's own canonical link, if it declares one. */
  canonicalUrl?: string | null;
  title: string;
  site: string | null;
  lang: string;
  excerpt: string;
  /** ms since epoch: when it was first saved elsewhere (an import); now if absent or later. */
  addedAt?: number;
}

/** A field change made by the reader. */
export type ItemChange =
  | { field: 'state'; value: ItemState }
  | { field: 'favourite'; value: boolean }
  | { field: 'tags'; value: string[] }
  | { field: 'progress'; value: number }
  /** true deletes (a tombstone); false undoes a delete. */
  | { field: 'deleted'; value: boolean };

/** A key-value area with the semantics of `storage.sync` (per-key last write wins, quotas, change events). */
export interface SyncArea {
  get(keys?: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** Changes written by other devices (and this one); returns an unsubscribe function. */
  onChanged(listener: (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => void): () => void;
}

/** The real limits of Chrome's storage.sync (Firefox's are the same or looser). */
export const SYNC_LIMITS = {
  quotaBytes: 102_400,
  quotaBytesPerItem: 8_192,
  maxItems: 512,
  maxWriteOperationsPerMinute: 120,
  maxWriteOperationsPerHour: 1_800,
} as const;
