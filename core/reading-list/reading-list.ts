// The reading list engine: the local store is the truth of this device, storage.sync the meeting point of all
// devices. Every change is a register write in the local store first, then, debounced and batched, a merge-
// then-write of the shards it touched: read the latest values, merge them in, compute what fits (plan.ts), and
// write the keys that would tell other devices something new, in one `set`. Changes from other devices arrive
// through onChanged and are merged the same way; when a write of ours was overwritten by a concurrent one, the
// merge shows that the key lacks something we know, and we write it again, so devices converge.
//
// Limits are kept in code: write operations are counted per minute and per hour and delayed before reaching
// Chrome's limits; quota errors are retried with exponential backoff and a wider safety margin; when the
// items do not fit, the plan leaves the oldest archived ones out of sync (flagged localOnly, kept here).
//
// Deletions are tombstones (the deleted register; a save made after it wins). A tombstone stays in sync storage
// at least TOMBSTONE_TTL_MS (60 days) after the deletion and after this device first saw it there; then the
// next flush collects it, leaving in its shard a ghost (8 characters of the id and the deletion's time) for
// another 60 days, and after that only the shard's floor (the newest deletion whose ghost was dropped).
//
// Collected deletions and devices that were away. When a shard read from sync storage (written by another
// device) lacks an item this device has:
// - a ghost of a deletion made after the item's last save or restore says it was deleted: it is forgotten here
//   (also when this device saved it on its own and never got it into sync storage);
// - if the item was last saved before the floor (its ghost may have expired: this device was away more than
//   120 days), this device cannot tell a deletion from an item left out for room. At the next flush it plans
//   with the item in: if the plan would sync it (there is room), its absence was not for room, so it is
//   forgotten; if the plan leaves it out too (quota full), it is kept, local-only, as an "orphan" never written
//   back, until it reappears in sync storage or the reader saves or changes it here;
// - otherwise the absence means nothing (a concurrent write overwrote it, or it was left out for room): the
//   item is written back if the plan has room for it.
// And an item unknown here that arrives in a shard whose ghost says it was deleted after its last save, or
// that was last saved before a floor the writer had not seen, is not taken. So a device offline longer than
// the tombstones' lifetime, whatever its clock, does not bring back what was deleted meanwhile, and what it
// saved or restored after the deletion is kept.
//
// Data this version cannot read is never written over without a copy: nothing a reader saved is lost silently.
// A shard written by a newer version is never written (its items here stay local-only). A damaged shard (cut,
// not a shard at all, a broken deflate stream) is kept aside in the local store (LocalStore.keep, a few copies at
// most) before the next write replaces it with what this device knows; other devices then write their items in
// it back, as after any concurrent write. In the local store, records that cannot be read in full are kept aside
// once (and left where they are); a store written by a newer version, or with an unreadable version, is kept
// aside whole, then read record by record. When a copy cannot be kept, the shard is left as it is (retried with
// a backoff), or the list does not load. status() counts all of it for the reader.
import { decodeShard } from './sync-storage/codec.ts';
import { compressionAvailable } from './sync-storage/deflate.ts';
import {
  FORMAT_VERSION,
  SHARD_COUNT,
  parseShardKey,
  shardOf,
  type DecodedShard,
  type ShardContent,
} from './sync-storage/shard.ts';
import { entryBytes } from './sync-storage/sizes.ts';
import {
  FIELDS,
  GHOST_TTL_S,
  cleanText,
  collectedCovers,
  collectedVerdict,
  compareRegisters,
  emptyCollected,
  ghostKey,
  mergeCollected,
  pruneCollected,
  type Collected,
  covers,
  deviceTag,
  isDeleted,
  mergeRecords,
  normalizeTags,
  nowSeconds,
  projectForSync,
  quantizeProgress,
  toSavedItem,
  truncate,
  validateRecord,
  write,
  type ItemMeta,
  type ItemRecord,
} from './crdt.ts';
import {
  LOCAL_VERSION,
  MAX_KEPT_COPIES,
  migrateLocal,
  type KeptCopy,
  type KeptCopyInfo,
  type LocalRecord,
  type LocalState,
  type LocalStore,
} from './local-store.ts';
import type { SyncLimits } from './sync-storage/memory-sync-area.ts';
import { planSync, type Plan } from './sync-storage/plan.ts';
import { SYNC_LIMITS, type ItemChange, type NewItem, type SavedItem, type SyncArea } from './types.ts';
import { canonicalUrl, itemId } from './url.ts';
import { errorMessage } from '../util/index.ts';

export const TOMBSTONE_TTL_MS = 60 * 24 * 3600 * 1000;
export const EXCERPT_MAX = 600;
/** How long status() counts a copy of unreadable data kept on this device (the reader is told meanwhile). */
export const KEPT_NOTICE_MS = 7 * 24 * 3600 * 1000;

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
  /** Deflate shards (default: when CompressionStream exists). */
  compress?: boolean;
  /** Timers (tests pass their own; a timer that never fires leaves all writing to flush()). */
  timers?: { set(callback: () => void, ms: number): unknown; clear(handle: unknown): void };
}

export interface ReadingListStatus {
  loaded: boolean;
  /** Items in the list (not deleted). */
  itemCount: number;
  /** Items kept on this device only (quota full, URL too long, or unreadable sync data); shown as such. */
  localOnlyCount: number;
  /** Keys waiting to be written to sync storage (0 when everything this device knows is there). */
  pendingWrites: number;
  /** Bytes our keys take in sync storage (as last seen), and what they may take. */
  bytesInUse: number;
  bytesBudget: number;
  writesLastMinute: number;
  writesLastHour: number;
  /** When the next write will be tried, if one is waiting on a limit or a backoff (ms since 1970). */
  nextAttemptAt: number | null;
  /** The last error (sync or local storage), in English; null once a later attempt succeeded. */
  lastError: string | null;
  lastErrorAt: number | null;
  /**
   * The last failure to write to the local store, in English, while it lasts: the changes are held in memory and
   * written again (with a growing delay), so they are lost only if the browser closes meanwhile.
   */
  localStoreError: string | null;
  /** Last successful write to sync storage (ms since 1970). */
  lastWriteAt: number | null;
  /** Keys of sync storage this version cannot read (newerKeys + damagedKeys). */
  unreadableKeys: number;
  /** Keys written by a newer version: never written here; their items here stay local-only. */
  newerKeys: number;
  /** Damaged keys: a copy of each is kept on this device before the next write replaces it. */
  damagedKeys: number;
  /** Records of the local store that could not be read, or not in full, at load (a copy of them was kept). */
  unreadableLocal: number;
  /** The local store was written by a newer version (or its version is unreadable): a copy of it was kept. */
  localFromOtherVersion: boolean;
  /** Copies of unreadable data this device kept in the last KEPT_NOTICE_MS. */
  keptCopies: number;
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

interface RemoteShard {
  value: unknown;
  bytes: number;
  decoded: DecodedShard;
  byId: Map<string, ItemRecord>;
}

type ErrorKind = 'rate-minute' | 'rate-hour' | 'quota-item' | 'quota-bytes' | 'max-items' | 'other';

export function classifyError(message: string): ErrorKind {
  if (message.includes('MAX_WRITE_OPERATIONS_PER_MINUTE')) return 'rate-minute';
  if (message.includes('MAX_WRITE_OPERATIONS_PER_HOUR')) return 'rate-hour';
  if (message.includes('QUOTA_BYTES_PER_ITEM')) return 'quota-item';
  if (message.includes('QUOTA_BYTES')) return 'quota-bytes';
  if (message.includes('MAX_ITEMS')) return 'max-items';
  return 'other';
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

const registerViews = new WeakMap<LocalRecord, ItemRecord>();

/** The registers only, without the local flags (the same object while the record is unchanged). */
function registers(record: LocalRecord): ItemRecord {
  const cached = registerViews.get(record);
  if (cached) return cached;
  const out: ItemRecord = { id: record.id };
  registerViews.set(record, out);
  for (const field of FIELDS) if (record[field]) (out as unknown as Record<string, unknown>)[field] = record[field];
  return out;
}

export function createReadingList(options: ReadingListOptions): ReadingList {
  const clock = options.now ?? Date.now;
  const limits = options.limits ?? SYNC_LIMITS;
  const device = deviceTag(options.deviceId);
  const debounceMs = options.debounceMs ?? 2_000;
  const ttlMs = Math.max(options.tombstoneTtlMs ?? TOMBSTONE_TTL_MS, TOMBSTONE_TTL_MS);
  const reserve = options.reserveBytes ?? 512;
  const compress = options.compress ?? compressionAvailable();
  const timers = options.timers ?? {
    set: (callback: () => void, ms: number) => setTimeout(callback, ms),
    clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  // Leave headroom under Chrome's write limits for the extension's other writes (settings).
  const perMinute = Math.max(1, Math.floor(limits.maxWriteOperationsPerMinute * 0.9));
  const perHour = Math.max(1, Math.floor(limits.maxWriteOperationsPerHour * 0.9));
  const minInterval = HOUR / perHour;

  const records = new Map<string, LocalRecord>();
  const byShard = Array.from({ length: SHARD_COUNT }, () => new Set<string>());
  const remote = new Map<number, RemoteShard>();
  const otherBytes = new Map<string, number>();
  let state: LocalState = { collected: {}, ghostSeen: {}, writes: [] };
  let loaded = false;
  let closed = false;
  let unsubscribe: (() => void) | null = null;

  // Status.
  /** The last sync failure (cleared by the next flush that succeeds) and the last local storage failure. */
  let syncError: { message: string; at: number } | null = null;
  let localError: { message: string; at: number } | null = null;
  let lastWriteAt: number | null = null;
  let pendingWrites = 0;
  let backoffAttempts = 0;
  let backoffUntil = 0;
  let quotaPenalty = 0;
  let perKeyPenalty = 0;
  let timer: unknown = null;
  let timerAt = 0;
  let dirty = false;
  /** Items that the garbage-collection rule put in doubt, decided at the next flush. */
  const suspects = new Set<string>();

  // Local persistence: changes gathered, written in order, one batch at a time.
  const toPut = new Map<string, LocalRecord>();
  const toRemove = new Set<string>();
  let stateDirty = false;
  let persisting: Promise<void> = Promise.resolve();

  // Listeners and the items() cache.
  const listeners = new Set<() => void>();
  let notifyQueued = false;
  let version = 0;
  let itemsCache: { version: number; list: SavedItem[] } | null = null;
  const views = new Map<string, { record: LocalRecord; item: SavedItem }>();

  let flushChain: Promise<void> = Promise.resolve();
  let absorbChain: Promise<void> = Promise.resolve();

  // Data this version cannot read: what was kept, and what the reader is told.
  let kept: KeptCopyInfo[] = [];
  /** Values kept by this instance (source and JSON): each is kept once. */
  const keptValues = new Set<string>();
  let unreadableLocal = 0;
  let localFromOtherVersion = false;
  let localRetry: unknown = null;
  let localAttempts = 0;

  function fail(context: string, error: unknown, local = false) {
    const failure = { message: `${context}: ${errorMessage(error)}`, at: clock() };
    if (local) localError = failure;
    else syncError = failure;
    changed();
  }

  function syncSucceeded() {
    if (syncError) changed();
    syncError = null;
    backoffAttempts = 0;
    backoffUntil = 0;
  }

  function changed() {
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
  }

  function put(record: LocalRecord) {
    const previous = records.get(record.id);
    records.set(record.id, record);
    if (!previous) byShard[shardOf(record.id)]!.add(record.id);
    toPut.set(record.id, record);
    toRemove.delete(record.id);
  }

  function forget(id: string) {
    suspects.delete(id);
    if (!records.delete(id)) return;
    byShard[shardOf(id)]!.delete(id);
    views.delete(id);
    toPut.delete(id);
    toRemove.add(id);
  }

  function collectedOf(shard: number): Collected {
    return state.collected[shard.toString(36)] ?? emptyCollected();
  }

  function setCollected(shard: number, collected: Collected) {
    const key = shard.toString(36);
    const current = state.collected[key] ?? emptyCollected();
    if (collectedCovers(current, collected) && collectedCovers(collected, current)) return;
    state.collected[key] = collected;
    const seen = state.ghostSeen[key] ?? {};
    const now = clock();
    state.ghostSeen[key] = Object.fromEntries(Object.keys(collected.ghosts).map((k) => [k, seen[k] ?? now]));
    stateDirty = true;
  }

  function persist(): Promise<void> {
    if (!toPut.size && !toRemove.size && !stateDirty) return persisting;
    const batch = {
      version: LOCAL_VERSION,
      put: [...toPut.values()],
      remove: [...toRemove],
      state: stateDirty ? structuredClone(state) : undefined,
    };
    toPut.clear();
    toRemove.clear();
    stateDirty = false;
    persisting = persisting.then(
      () =>
        options.local.write(batch).then(
          () => {
            if (localError) changed();
            localError = null;
            localAttempts = 0;
          },
          (error: unknown) => {
            // Keep the batch for the next attempt (newer values of the same ids win), and say so.
            for (const r of batch.put)
              if (!toPut.has(r.id) && !toRemove.has(r.id)) toPut.set(r.id, records.get(r.id) ?? r);
            for (const id of batch.remove) if (!records.has(id)) toRemove.add(id);
            if (batch.state) stateDirty = true;
            fail('Local storage', error, true);
            retryLocal();
          },
        ),
      () => undefined,
    );
    return persisting;
  }

  /** A failed local write is tried again by itself (quota freed, a transient error), with a growing delay. */
  function retryLocal() {
    if (closed || localRetry !== null) return;
    const delay = Math.min(2_000 * 2 ** localAttempts, 5 * MINUTE);
    localAttempts++;
    localRetry = timers.set(() => {
      localRetry = null;
      void persist();
    }, delay);
  }

  /**
   * Keeps a copy of a value this version cannot read, before anything is written over it. True once kept (now or
   * earlier); false when the store cannot keep copies. Rejects when keeping failed.
   */
  async function keepCopy(copy: Omit<KeptCopy, 'at'>): Promise<boolean> {
    const identity = `${copy.source}\n${JSON.stringify(copy.value)}`;
    if (keptValues.has(identity)) return true;
    if (!options.local.keep) return false;
    const at = clock();
    const added = await options.local.keep({ ...copy, at });
    keptValues.add(identity);
    if (added) {
      kept = [...kept, { source: copy.source, reason: copy.reason, at, message: copy.message }].slice(-MAX_KEPT_COPIES);
      changed();
    }
    return true;
  }

  /** At load: what the local store holds but this version cannot read is kept aside first, or nothing loads. */
  async function keepUnreadableLocal(snapshot: Awaited<ReturnType<LocalStore['load']>>) {
    const migrated = migrateLocal(snapshot);
    const copies: Omit<KeptCopy, 'at'>[] = [];
    const { kept: _kept, ...stored } = snapshot;
    if (migrated.foreignVersion !== null) {
      const newer = migrated.foreignVersion > LOCAL_VERSION;
      copies.push({
        source: 'local:all',
        reason: newer ? 'newer' : 'corrupt',
        message: newer
          ? `stored by a newer version (${migrated.foreignVersion})`
          : `stored with an unreadable version (${String(migrated.foreignVersion)})`,
        value: stored,
      });
    } else {
      if (migrated.skipped.length) {
        copies.push({
          source: 'local:records',
          reason: 'corrupt',
          message: `${migrated.skipped.length} record(s) this version cannot read in full`,
          value: migrated.skipped,
        });
      }
      if (migrated.stateDamaged) {
        copies.push({
          source: 'local:state',
          reason: 'corrupt',
          message: 'unreadable bookkeeping',
          value: stored.state,
        });
      }
    }
    for (const copy of copies) {
      let done: boolean;
      try {
        done = await keepCopy(copy);
      } catch (error) {
        throw new Error(
          `The reading list on this device cannot be read, and no copy of it could be kept (${errorMessage(error)}): nothing was changed.`,
          { cause: error },
        );
      }
      if (!done)
        throw new Error(
          'The reading list on this device cannot be read, and this store cannot keep a copy of it: nothing was changed.',
        );
    }
    unreadableLocal = migrated.skipped.length;
    localFromOtherVersion = migrated.foreignVersion !== null;
    return migrated;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Timers and limits.

  function schedule(ms: number) {
    if (closed || !loaded) return;
    const at = clock() + Math.max(0, ms);
    if (timer !== null && timerAt <= at) return;
    if (timer !== null) timers.clear(timer);
    timerAt = at;
    timer = timers.set(
      () => {
        timer = null;
        void flush();
      },
      Math.max(0, ms),
    );
  }

  function recentWrites(now: number) {
    state.writes = state.writes.filter((w) => w > now - HOUR);
    return {
      minute: state.writes.filter((w) => w > now - MINUTE),
      hour: state.writes,
    };
  }

  /** How long to wait before the next write to stay under the limits (0: now). */
  function rateWait(now: number): number {
    const { minute, hour } = recentWrites(now);
    let wait = 0;
    if (minute.length >= perMinute) wait = minute[minute.length - perMinute]! + MINUTE - now;
    if (hour.length >= perHour) wait = Math.max(wait, hour[hour.length - perHour]! + HOUR - now);
    const last = hour[hour.length - 1];
    if (last !== undefined && now - last < minInterval) wait = Math.max(wait, last + minInterval - now);
    return Math.max(0, wait);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Merging what sync storage holds.

  async function absorbEntry(key: string, value: unknown): Promise<boolean> {
    const shard = parseShardKey(key);
    if (shard === null) {
      if (value === undefined) otherBytes.delete(key);
      else otherBytes.set(key, entryBytes(key, value));
      return false;
    }
    const previous = remote.get(shard);
    if (value === undefined) {
      remote.delete(shard);
      return previous !== undefined;
    }
    if (previous && sameValue(previous.value, value)) return false;
    const decoded = await decodeShard(value);
    const byId = new Map<string, ItemRecord>();
    if (decoded.ok) for (const r of decoded.records) byId.set(r.id, r);
    remote.set(shard, { value, bytes: entryBytes(key, value), decoded, byId });
    if (!decoded.ok) {
      changed(); // status() tells (unreadableKeys, lastError)
      return true;
    }
    mergeShard(shard, decoded, byId);
    return true;
  }

  function mergeShard(shard: number, content: ShardContent, present: Map<string, ItemRecord>) {
    const fromOther = content.writer !== device;
    const known = collectedOf(shard);
    const collected = mergeCollected(known, content.collected);
    // A writer that had not seen all the collections known here (it was away).
    const stale = !collectedCovers(content.collected, known);
    setCollected(shard, collected);
    for (const raw of content.records) {
      const record = validateRecord(raw);
      if (!record) continue;
      const local = records.get(record.id);
      if (!local) {
        // Deleted and collected, or maybe, from a writer that missed the collection: not taken.
        const verdict = collectedVerdict(collected, record);
        if (verdict === 'yes' || (verdict === 'maybe' && stale)) continue;
      }
      const merged = local ? mergeRecords(registers(local), record) : record;
      // In sync storage: seen there, not local-only; an orphan stops being one only when another device has it.
      const orphan = !fromOther && !!local?.orphan;
      const next: LocalRecord = { ...merged, seenRemote: true };
      if (orphan) next.orphan = true;
      const published = publication(local, merged, record);
      if (published) next.published = published;
      if (
        !local ||
        !local.seenRemote ||
        !!local.orphan !== orphan ||
        local.localOnly ||
        local.published !== published ||
        !FIELDS.every((f) => merged[f] === local[f])
      ) {
        put(next);
      }
    }
    for (const id of [...byShard[shard]!]) {
      const local = records.get(id)!;
      const verdict = collectedVerdict(collected, local);
      if (verdict === 'yes') {
        forget(id); // deleted elsewhere after its last save, and collected
        continue;
      }
      // A value this device wrote itself (an echo, maybe an old one) tells nothing about other devices.
      if (!fromOther) continue;
      if (present.has(id)) suspects.delete(id);
      else if (verdict === 'maybe' && local.seenRemote && !local.localOnly && !local.orphan) {
        suspects.add(id);
        dirty = true;
      }
    }
  }

  /** When the merged record's tombstone was first seen in sync storage (`held` is what sync storage has). */
  function publication(local: LocalRecord | undefined, merged: ItemRecord, held: ItemRecord) {
    const deleted = merged.deleted;
    if (!deleted || !isDeleted(merged)) return undefined;
    if (local?.published?.t === deleted.t) return local.published;
    return held.deleted && compareRegisters(held.deleted, deleted) >= 0 ? { t: deleted.t, at: clock() } : undefined;
  }

  /**
   * Collects the tombstones deleted more than the TTL ago and in sync storage for at least the TTL (a ghost
   * each), and drops ghosts past their own time into the floor.
   */
  function collectExpired() {
    const now = clock();
    for (const [id, r] of [...records]) {
      if (!r.deleted || !isDeleted(r) || !r.published || r.published.t !== r.deleted.t) continue;
      if (r.deleted.t * 1000 >= now - ttlMs || r.published.at >= now - ttlMs) continue;
      const shard = shardOf(id);
      setCollected(shard, mergeCollected(collectedOf(shard), { floor: 0, ghosts: { [ghostKey(id)]: r.deleted.t } }));
      forget(id);
    }
    const horizon = nowSeconds(now) - GHOST_TTL_S;
    for (let shard = 0; shard < SHARD_COUNT; shard++) {
      const seen = state.ghostSeen[shard.toString(36)] ?? {};
      const done = (k: string, t: number) => t < horizon && (seen[k] ?? now) <= now - ttlMs;
      setCollected(shard, pruneCollected(collectedOf(shard), done));
    }
  }

  async function absorb(entries: [string, unknown][]): Promise<boolean> {
    let any = false;
    for (const [key, value] of entries) if (await absorbEntry(key, value)) any = true;
    return any;
  }

  /** Runs merges one at a time, in arrival order. */
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = absorbChain.then(task);
    absorbChain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** True when a shard of sync storage lacks something this device would write there. */
  function remoteLacks(shard: number): boolean {
    const r = remote.get(shard);
    if (r) {
      if (!r.decoded.ok) return r.decoded.reason === 'corrupt';
      if (r.decoded.version < FORMAT_VERSION || !collectedCovers(r.decoded.collected, collectedOf(shard))) return true;
    }
    for (const id of byShard[shard]!) {
      const local = records.get(id)!;
      if (local.localOnly || local.orphan) continue;
      if (!covers(r?.byId.get(id), projectForSync(registers(local)))) return true;
    }
    return false;
  }

  function onRemoteChange(changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) {
    if (closed) return;
    const entries = Object.entries(changes).map(([k, c]): [string, unknown] => [k, c.newValue]);
    void serially(async () => {
      const any = await absorb(entries);
      if (!any) return;
      changed();
      await persist();
      const shards = entries.map(([k]) => parseShardKey(k)).filter((s): s is number => s !== null);
      if (suspects.size || shards.some(remoteLacks) || remoteBytes() + othersBytes() > limits.quotaBytes - reserve) {
        dirty = true;
        schedule(debounceMs);
      }
    });
  }

  function remoteBytes(): number {
    let sum = 0;
    for (const r of remote.values()) sum += r.bytes;
    return sum;
  }

  function othersBytes(): number {
    let sum = 0;
    for (const b of otherBytes.values()) sum += b;
    return sum;
  }

  function blockedShards(): Set<number> {
    const out = new Set<number>();
    for (const [s, r] of remote) if (!r.decoded.ok && r.decoded.reason === 'newer') out.add(s);
    return out;
  }

  /** Bytes all our writable keys may take. */
  function budget(): number {
    let blocked = 0;
    for (const s of blockedShards()) blocked += remote.get(s)!.bytes;
    return Math.max(0, limits.quotaBytes - othersBytes() - blocked - reserve - quotaPenalty);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Writing.

  async function computePlan(): Promise<Plan> {
    const collected = new Map<number, Collected>();
    for (let s = 0; s < SHARD_COUNT; s++) collected.set(s, collectedOf(s));
    const keepLocal = new Set<string>();
    const pinned = new Set<string>();
    for (const [id, record] of records) {
      if (record.orphan) keepLocal.add(id);
      const held = remote.get(shardOf(id))?.byId.get(id);
      if (held && !covers(held, projectForSync(registers(record)))) pinned.add(id);
    }
    return planSync([...records.values()].map(registers), {
      writer: device,
      keepLocal,
      pinned,
      budget: budget(),
      perKey: Math.max(0, limits.quotaBytesPerItem - perKeyPenalty),
      compress,
      collected,
      blocked: blockedShards(),
      existing: new Set(remote.keys()),
    });
  }

  /** Local-only: left out by the plan and not in sync storage (an item another device keeps there is synced). */
  function applyFlags(plan: Plan) {
    for (const [id, record] of records) {
      const localOnly = plan.localOnly.has(id) && !remote.get(shardOf(id))?.byId.has(id);
      if (!!record.localOnly !== localOnly) put({ ...record, localOnly });
    }
  }

  /** The shards to write: those where sync storage lacks something, then, if space is short, shrinking ones. */
  function chooseWrites(plan: Plan) {
    const writes = [];
    const shrinkable = [];
    for (const p of plan.shards.values()) {
      const r = remote.get(p.shard);
      const needed = !r
        ? p.content.records.length > 0
        : !r.decoded.ok ||
          r.decoded.version < FORMAT_VERSION ||
          !collectedCovers(r.decoded.collected, p.content.collected) || // lost or new collections
          p.content.records.some((x) => !covers(r.byId.get(x.id), x));
      if (needed) writes.push(p);
      else if (r && r.bytes > p.bytes && !sameValue(r.value, p.value)) shrinkable.push(p);
    }
    // Other devices' items are taken out only when sync storage is over its limits less the reserve (each
    // device's own budget, with its margins after errors, only decides what it adds): devices never fight over
    // margins that differ between them.
    const chosen = new Set(writes.map((p) => p.shard));
    let total = othersBytes();
    for (const [s, r] of remote) if (!chosen.has(s)) total += r.bytes;
    for (const p of writes) total += p.bytes;
    shrinkable.sort((a, b) => remote.get(b.shard)!.bytes - b.bytes - (remote.get(a.shard)!.bytes - a.bytes));
    for (const p of shrinkable) {
      const before = remote.get(p.shard)!.bytes;
      if (total <= limits.quotaBytes - reserve && before <= limits.quotaBytesPerItem) continue;
      writes.push(p);
      total += p.bytes - before;
    }
    return writes;
  }

  async function flushOnce(): Promise<void> {
    await absorbChain; // changes already received are merged first
    if (!loaded || closed) return;
    if (timer !== null) {
      // This flush is the one a timer was waiting for.
      timers.clear(timer);
      timer = null;
    }
    const now = clock();
    const wait = Math.max(backoffUntil - now, rateWait(now));
    if (wait > 0) {
      schedule(wait);
      return;
    }
    dirty = false;
    // Merge, then write: the latest values of every key first.
    let snapshot: Record<string, unknown>;
    try {
      snapshot = await options.sync.get(null);
    } catch (error) {
      retryLater('other', error, 'Reading sync storage');
      return;
    }
    await serially(async () => {
      const gone = [...remote.keys()].map((s) => `rl:${s.toString(36)}`).filter((k) => !(k in snapshot));
      const othersGone = [...otherBytes.keys()].filter((k) => !(k in snapshot));
      await absorb([
        ...Object.entries(snapshot),
        ...[...gone, ...othersGone].map((k): [string, unknown] => [k, undefined]),
      ]);
    });
    collectExpired();
    let plan = await computePlan();
    if (suspects.size) {
      // The garbage-collection rule's second half: forget what the plan would sync, keep what it leaves out.
      let forgotten = 0;
      for (const id of [...suspects]) {
        const record = records.get(id);
        suspects.delete(id);
        if (!record) continue;
        if (plan.localOnly.has(id)) put({ ...record, orphan: true });
        else {
          forget(id);
          forgotten++;
        }
      }
      if (forgotten) plan = await computePlan();
    }
    let writes = chooseWrites(plan);
    // A damaged key is written over only once a copy of it is kept on this device.
    let keepError: unknown = null;
    let held = 0;
    for (const p of [...writes]) {
      const r = remote.get(p.shard);
      if (!r || r.decoded.ok) continue;
      try {
        const source = `sync:${p.key}`;
        if (await keepCopy({ source, reason: r.decoded.reason, message: r.decoded.message, value: r.value })) continue;
        keepError = new Error('this device cannot keep a copy of it');
      } catch (error) {
        keepError = error;
      }
      writes = writes.filter((w) => w !== p);
      held++;
    }
    pendingWrites = writes.length + held;
    if (!writes.length) {
      applyFlags(plan);
      if (keepError) {
        await persist();
        retryLater('other', keepError, 'Keeping a copy of unreadable sync data');
        return;
      }
      syncSucceeded();
      relaxMargins();
      changed();
      await persist();
      return;
    }
    const items = Object.fromEntries(writes.map((p) => [p.key, p.value]));
    state.writes.push(clock());
    stateDirty = true;
    try {
      await options.sync.set(items);
    } catch (error) {
      applyFlags(plan);
      await persist();
      retryLater(classifyError(errorMessage(error)), error, 'Writing sync storage');
      return;
    }
    for (const p of writes) {
      const byId = new Map(p.content.records.map((r) => [r.id, r] as const));
      remote.set(p.shard, {
        value: p.value,
        bytes: p.bytes,
        decoded: { ok: true, version: FORMAT_VERSION, ...p.content },
        byId,
      });
      for (const held of p.content.records) {
        const record = records.get(held.id);
        if (!record) continue;
        const published = publication(record, registers(record), held);
        if (!record.seenRemote || record.published !== published) {
          const next: LocalRecord = { ...record, seenRemote: true };
          if (published) next.published = published;
          else delete next.published;
          put(next);
        }
      }
    }
    applyFlags(plan);
    lastWriteAt = clock();
    if (keepError) {
      pendingWrites = held;
      await persist();
      retryLater('other', keepError, 'Keeping a copy of unreadable sync data');
      return;
    }
    pendingWrites = 0;
    syncSucceeded();
    relaxMargins();
    changed();
    await persist();
    // Something changed while we were writing: go again (debounced).
    if (dirty) schedule(debounceMs);
  }

  /** Margins widened after quota errors shrink back flush after flush while nothing fails. */
  function relaxMargins() {
    if (!quotaPenalty && !perKeyPenalty) return;
    quotaPenalty = quotaPenalty >= 128 ? quotaPenalty / 2 : 0;
    perKeyPenalty = perKeyPenalty >= 64 ? perKeyPenalty / 2 : 0;
    dirty = true; // and look again with the wider budget
    schedule(debounceMs);
  }

  function retryLater(kind: ErrorKind, error: unknown, context: string) {
    const now = clock();
    backoffAttempts++;
    const exponential = Math.min(2_000 * 2 ** (backoffAttempts - 1), 15 * MINUTE);
    let delay = exponential;
    if (kind === 'rate-minute') delay = Math.max(delay, MINUTE);
    if (kind === 'rate-hour') delay = Math.max(delay, 10 * MINUTE);
    delay = Math.max(delay, rateWait(now));
    // Our count of bytes disagreed with the browser's: keep a wider margin for a while.
    if (kind === 'quota-bytes') quotaPenalty = Math.min(limits.quotaBytes / 8, Math.max(512, quotaPenalty * 2));
    if (kind === 'quota-item') {
      perKeyPenalty = Math.min(limits.quotaBytesPerItem / 8, Math.max(256, perKeyPenalty * 2));
    }
    backoffUntil = now + delay;
    fail(context, error);
    dirty = true;
    schedule(delay);
  }

  function flush(): Promise<void> {
    const run = flushChain.then(flushOnce);
    flushChain = run.catch((error: unknown) => fail('Sync', error));
    return flushChain;
  }

  // ------------------------------------------------------------------------------------------------------------
  // The reader's side.

  function view(record: LocalRecord): SavedItem | null {
    const cached = views.get(record.id);
    if (cached?.record === record) return cached.item;
    const item = toSavedItem(record, !!record.localOnly && !isDeleted(record));
    if (item) views.set(record.id, { record, item });
    return item;
  }

  function localChange(record: LocalRecord | null): Promise<void> {
    if (record) put(record);
    changed();
    dirty = true;
    schedule(debounceMs);
    return persist();
  }

  function requireLoaded() {
    if (!loaded) throw new Error('The reading list is not loaded yet (call load() first).');
  }

  return {
    async load() {
      if (loaded) return;
      const snapshot = await options.local.load();
      kept = [...(snapshot.kept ?? [])];
      const migrated = await keepUnreadableLocal(snapshot);
      state = migrated.state;
      for (const record of migrated.records) {
        records.set(record.id, record);
        byShard[shardOf(record.id)]!.add(record.id);
      }
      unsubscribe = options.sync.onChanged(onRemoteChange);
      try {
        const remoteData = await options.sync.get(null);
        await serially(() => absorb(Object.entries(remoteData)));
      } catch (error) {
        fail('Reading sync storage', error);
      }
      loaded = true;
      changed();
      await persist();
      dirty = true;
      schedule(debounceMs);
    },

    items() {
      if (itemsCache?.version === version) return itemsCache.list;
      const list: SavedItem[] = [];
      for (const record of records.values()) {
        if (isDeleted(record)) continue;
        const item = view(record);
        if (item) list.push(item);
      }
      list.sort((a, b) => b.addedAt - a.addedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      itemsCache = { version, list };
      return list;
    },

    item(id) {
      const record = records.get(id);
      return record ? view(record) : null;
    },

    async save(input) {
      requireLoaded();
      const url = cleanText(canonicalUrl(input.url, input.canonicalUrl));
      if (!url) throw new Error('Nothing to save: the page has no address.');
      const id = itemId(url);
      const existing = records.get(id);
      if (existing?.meta && !isDeleted(existing)) {
        // Saving an orphan again is the reader saying it is wanted: it syncs again.
        if (existing.orphan) await localChange({ ...existing, orphan: false });
        return view(records.get(id)!)!;
      }
      const nowS = nowSeconds(clock());
      const meta: ItemMeta = {
        url,
        title: cleanText(input.title) || url,
        site: cleanText(input.site ?? '') || null,
        lang: cleanText(input.lang).toLowerCase(),
        excerpt: truncate(cleanText(input.excerpt).replace(/\s+/g, ' '), EXCERPT_MAX),
      };
      const added = input.addedAt === undefined ? NaN : nowSeconds(input.addedAt);
      if (Number.isSafeInteger(added) && added >= 0 && added < nowS) meta.added = added;
      const record: LocalRecord = { ...(existing ?? { id }), localOnly: false, orphan: false };
      record.meta = write<'meta'>(existing?.meta, meta, nowS, device);
      if (existing) {
        // Saved again after a deletion: back as a new, unread item.
        if (existing.deleted) record.deleted = write<'deleted'>(existing.deleted, false, nowS, device);
        if (existing.state) record.state = write<'state'>(existing.state, 'unread', nowS, device);
        if (existing.progress) record.progress = write<'progress'>(existing.progress, 0, nowS, device);
      }
      await localChange(record);
      return view(record)!;
    },

    async change(id, change) {
      requireLoaded();
      const record = records.get(id);
      if (!record?.meta) return null;
      const nowS = nowSeconds(clock());
      const next: LocalRecord = { ...record, orphan: false };
      switch (change.field) {
        case 'state':
          if ((record.state?.value ?? 'unread') === change.value) return view(record);
          next.state = write<'state'>(record.state, change.value, nowS, device);
          break;
        case 'favourite':
          if ((record.favourite?.value ?? false) === change.value) return view(record);
          next.favourite = write<'favourite'>(record.favourite, change.value, nowS, device);
          break;
        case 'tags': {
          const tags = normalizeTags(change.value);
          if (JSON.stringify(record.tags?.value ?? []) === JSON.stringify(tags)) return view(record);
          next.tags = write<'tags'>(record.tags, tags, nowS, device);
          break;
        }
        case 'progress': {
          const progress = quantizeProgress(change.value);
          if ((record.progress?.value ?? 0) === progress) return view(record);
          next.progress = write<'progress'>(record.progress, progress, nowS, device);
          break;
        }
        case 'deleted':
          if (isDeleted(record) === change.value) return view(record);
          // Not before the save it deletes (a clock behind the saving device's would otherwise lose).
          next.deleted = write<'deleted'>(record.deleted, change.value, Math.max(nowS, record.meta.t), device);
          break;
      }
      await localChange(next);
      return view(next);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    flush,

    status() {
      const now = clock();
      const { minute, hour } = recentWrites(now);
      let itemCount = 0;
      let localOnlyCount = 0;
      for (const record of records.values()) {
        if (isDeleted(record) || !record.meta) continue;
        itemCount++;
        if (record.localOnly) localOnlyCount++;
      }
      let newerKeys = 0;
      let damagedKeys = 0;
      for (const r of remote.values()) {
        if (r.decoded.ok) continue;
        if (r.decoded.reason === 'newer') newerKeys++;
        else damagedKeys++;
      }
      const error = localError ?? syncError;
      return {
        loaded,
        itemCount,
        localOnlyCount,
        pendingWrites: Math.max(pendingWrites, dirty ? 1 : 0),
        bytesInUse: remoteBytes(),
        bytesBudget: budget(),
        writesLastMinute: minute.length,
        writesLastHour: hour.length,
        nextAttemptAt: timer !== null ? timerAt : null,
        lastError: error?.message ?? null,
        lastErrorAt: error?.at ?? null,
        localStoreError: localError?.message ?? null,
        lastWriteAt,
        unreadableKeys: newerKeys + damagedKeys,
        newerKeys,
        damagedKeys,
        unreadableLocal,
        localFromOtherVersion,
        keptCopies: kept.filter((k) => k.at > now - KEPT_NOTICE_MS).length,
      };
    },

    records() {
      const out: ItemRecord[] = [];
      for (const record of records.values()) if (!record.orphan) out.push(structuredClone(registers(record)));
      return out;
    },

    async absorbRecords(incoming) {
      requireLoaded();
      const count = await serially(() => {
        let changedCount = 0;
        for (const raw of incoming) {
          const record = validateRecord(raw);
          if (!record) continue;
          const local = records.get(record.id);
          if (!local) {
            // Deleted and collected here: what another channel still carries is an old copy.
            if (collectedVerdict(collectedOf(shardOf(record.id)), record) === 'yes') continue;
            if (!FIELDS.some((f) => record[f] !== undefined)) continue;
            put(record);
            changedCount++;
            continue;
          }
          const merged = mergeRecords(registers(local), record);
          if (FIELDS.every((f) => merged[f] === local[f])) continue;
          const next: LocalRecord = { ...local, ...merged, orphan: false };
          put(next);
          changedCount++;
        }
        return Promise.resolve(changedCount);
      });
      if (count) await localChange(null);
      return count;
    },

    close() {
      closed = true;
      unsubscribe?.();
      if (timer !== null) timers.clear(timer);
      timer = null;
      if (localRetry !== null) timers.clear(localRetry);
      localRetry = null;
    },
  };
}
