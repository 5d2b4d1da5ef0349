// The reading list on this device, synced through the browser's sync storage: the local store is the truth of this
// device, storage.sync the meeting point of all devices. docs/sync.md ("The reading list in browser sync storage")
// explains the design: shards, merges, tombstones, ghosts and floors, quota and write rates, unreadable data.
//
// createReadingList wires the parts in list/: the records (record-table), the local store's writer
// (local-writer), what sync storage holds (shard-mirror) and how it is merged in (merge), deletions (tombstones),
// the write limits (write-limits), planning and writing (flush-plan, flusher), data kept aside (kept-copies), and
// the reader's side (edits, item-views, status).
import { cleanText, deviceTag, isDeleted, type ItemRecord } from './crdt.ts';
import { emptyState, type LocalRecord, type LocalStore } from './local-store.ts';
import { changedRecord, savedRecord } from './list/edits.ts';
import { createFlusher } from './list/flusher.ts';
import { createItemViews } from './list/item-views.ts';
import { createKeptCopies } from './list/kept-copies.ts';
import { createLocalWriter } from './list/local-writer.ts';
import { createSyncMerge, mergeChannelRecords } from './list/merge.ts';
import { syncLacks } from './list/flush-plan.ts';
import { createRecordTable, registers } from './list/record-table.ts';
import { createShardMirror } from './list/shard-mirror.ts';
import { readStatus, type ReadingListStatus } from './list/status.ts';
import { realTimers, type Timers } from './list/timers.ts';
import { TOMBSTONE_TTL_MS } from './list/tombstones.ts';
import { createWriteLimits } from './list/write-limits.ts';
import { compressionAvailable } from './sync-storage/deflate.ts';
import type { SyncLimits } from './sync-storage/memory-sync-area.ts';
import { parseShardKey } from './sync-storage/shard.ts';
import { SYNC_LIMITS, type ItemChange, type NewItem, type SavedItem, type SyncArea } from './types.ts';
import { canonicalUrl, itemId } from './url.ts';

export { TOMBSTONE_TTL_MS, type ReadingListStatus };

export interface ReadingListOptions {
  /** Stable id of this browser profile (platform/ keeps one in storage.local). */
  deviceId: string;
  local: LocalStore;
  sync: SyncArea;
  /** Clock, ms since 1970 (tests skew it). */
  now?: () => number;
  limits?: SyncLimits;
  /** Wait this long after a change before writing to sync storage (ms). Default 2,000. */
  debounceMs?: number;
  /** Tombstone lifetime (ms); never less than 60 days. */
  tombstoneTtlMs?: number;
  /** Bytes of sync storage left free for other keys to grow (reader settings). Default 512. */
  reserveBytes?: number;
  /** Other keys of sync storage counted at least at these sizes, written yet or not (the site rules' budget). */
  reservedKeys?: Readonly<Record<string, number>>;
  /** Deflate shards (default: when CompressionStream exists). */
  compress?: boolean;
  /** Timers (tests pass their own; a timer that never fires leaves all writing to flush()). */
  timers?: Timers;
  /** An item's tombstone was collected (the item is gone for good): what is kept beside it can go. */
  onForget?: (id: string) => void;
}

export interface ReadingList {
  /** Reads the local store and sync storage, and starts following changes. Call once, before anything else. */
  load(): Promise<void>;
  /** The list: not deleted, newest first (the same objects until they change). */
  items(): SavedItem[];
  /** One item, deleted ones included (the offline reader, undo); null if unknown. */
  item(id: string): SavedItem | null;
  /** Saves an article; saving one already in the list returns it unchanged. Re-saving a deleted one restores it. */
  save(item: NewItem): Promise<SavedItem>;
  /** Applies a reader's change; null when the item is unknown. */
  change(id: string, change: ItemChange): Promise<SavedItem | null>;
  /** Called (asynchronously, once per batch) whenever items() or status() may have changed. */
  subscribe(listener: () => void): () => void;
  /** Writes what is pending now, unless a limit or backoff says to wait (then a timer retries). */
  flush(): Promise<void>;
  status(): ReadingListStatus;
  /** Stops following changes and cancels timers (pending writes stay in the local store for next time). */
  close(): void;
  /**
   * Every record with its full registers, tombstones included (orphans left out: they may be deleted
   * elsewhere), for sync channels other than storage.sync (WebDAV). Fresh objects: callers may keep them.
   */
  records(): ItemRecord[];
  /**
   * Merges records from another channel (another browser's WebDAV file) into the list, with the same rules as
   * storage.sync (each register's latest write wins; an unknown item deleted and collected here is not taken).
   * Invalid records are skipped. What changed is persisted, subscribers are told, and it reaches storage.sync
   * like a local change. Resolves to the number of items that changed.
   */
  absorbRecords(records: readonly ItemRecord[]): Promise<number>;
}

export function createReadingList(options: ReadingListOptions): ReadingList {
  const clock = options.now ?? Date.now;
  const limits = options.limits ?? SYNC_LIMITS;
  const device = deviceTag(options.deviceId);
  const debounceMs = options.debounceMs ?? 2_000;
  const reserve = options.reserveBytes ?? 512;
  const timers = options.timers ?? realTimers;
  let loaded = false;
  let closed = false;
  let unsubscribe: (() => void) | null = null;

  // The local store's bookkeeping: one object, filled at load, shared by the parts that keep something in it.
  const state = emptyState();
  /** Items that the garbage-collection rule put in doubt, decided at the next flush. */
  const suspects = new Set<string>();
  const views = createItemViews();
  const writer = createLocalWriter({
    store: options.local,
    state,
    current: (id) => table.get(id),
    timers,
    now: clock,
    onFailureChange: () => views.changed(),
  });
  const table = createRecordTable({
    onPut: (record) => writer.put(record),
    onForget(id) {
      suspects.delete(id);
      views.forget(id);
      writer.remove(id);
      options.onForget?.(id);
    },
  });
  const mirror = createShardMirror(options.reservedKeys);
  const keptCopies = createKeptCopies({ store: options.local, now: clock, notify: () => views.changed() });
  const writeLimits = createWriteLimits({ limits, log: state, now: clock });
  const merge = createSyncMerge({
    device,
    table,
    mirror,
    state,
    writer,
    suspects,
    now: clock,
    notify: () => views.changed(),
    markDirty: () => flusher.markDirty(),
  });
  const flusher = createFlusher({
    sync: options.sync,
    limits,
    reserve,
    debounceMs,
    tombstoneTtlMs: Math.max(options.tombstoneTtlMs ?? TOMBSTONE_TTL_MS, TOMBSTONE_TTL_MS),
    device,
    compress: options.compress ?? compressionAvailable(),
    timers,
    now: clock,
    table,
    mirror,
    state,
    suspects,
    merge,
    writer,
    writeLimits,
    keptCopies,
    notify: () => views.changed(),
    active: () => loaded && !closed,
  });

  function onRemoteChange(changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) {
    if (closed) return;
    const entries = Object.entries(changes).map(([k, c]): [string, unknown] => [k, c.newValue]);
    void merge.serially(async () => {
      const any = await merge.absorb(entries);
      if (!any) return;
      views.changed();
      await writer.persist();
      const shards = entries.map(([k]) => parseShardKey(k)).filter((s): s is number => s !== null);
      if (
        suspects.size ||
        shards.some((s) => syncLacks(s, table, mirror, state)) ||
        mirror.bytes() + mirror.otherBytes() > limits.quotaBytes - reserve
      ) {
        flusher.writeSoon();
      }
    });
  }

  /** A change made on this device: written to the local store now, to sync storage after the debounce. */
  function localChange(record: LocalRecord | null): Promise<void> {
    if (record) table.put(record);
    views.changed();
    flusher.writeSoon();
    return writer.persist();
  }

  function requireLoaded() {
    if (!loaded) throw new Error('The reading list is not loaded yet (call load() first).');
  }

  return {
    async load() {
      if (loaded) return;
      const migrated = await keptCopies.load(await options.local.load());
      Object.assign(state, migrated.state);
      table.restore(migrated.records);
      unsubscribe = options.sync.onChanged(onRemoteChange);
      try {
        const remoteData = await options.sync.get(null);
        await merge.serially(() => merge.absorb(Object.entries(remoteData)));
      } catch (error) {
        flusher.failed('Reading sync storage', error);
      }
      loaded = true;
      views.changed();
      await writer.persist();
      flusher.writeSoon();
    },

    items: () => views.list(table.all()),

    item(id) {
      const record = table.get(id);
      return record ? views.view(record) : null;
    },

    async save(input) {
      requireLoaded();
      const url = cleanText(canonicalUrl(input.url, input.canonicalUrl));
      if (!url) throw new Error('Nothing to save: the page has no address.');
      const id = itemId(url);
      const existing = table.get(id);
      if (existing?.meta && !isDeleted(existing)) {
        // Saving an orphan again is the reader saying it is wanted: it syncs again.
        if (existing.orphan) await localChange({ ...existing, orphan: false });
        return views.view(table.get(id)!)!;
      }
      const record = savedRecord(existing ?? { id }, url, input, clock(), device);
      await localChange(record);
      return views.view(record)!;
    },

    async change(id, change) {
      requireLoaded();
      const record = table.get(id);
      if (!record?.meta) return null;
      const next = changedRecord(record, change, clock(), device);
      if (!next) return views.view(record);
      await localChange(next);
      return views.view(next);
    },

    subscribe: (listener) => views.subscribe(listener),

    flush: () => flusher.flush(),

    status: () => readStatus({ loaded, now: clock(), table, mirror, writeLimits, flusher, writer, keptCopies }),

    records() {
      const out: ItemRecord[] = [];
      for (const record of table.all()) if (!record.orphan) out.push(structuredClone(registers(record)));
      return out;
    },

    async absorbRecords(incoming) {
      requireLoaded();
      const count = await merge.serially(() => Promise.resolve(mergeChannelRecords(table, state, incoming)));
      if (count) await localChange(null);
      return count;
    },

    close() {
      closed = true;
      unsubscribe?.();
      flusher.close();
      writer.close();
    },
  };
}
