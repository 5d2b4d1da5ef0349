// What status() tells the reader about the list's sync: counts, pending writes, limits, errors, and data kept aside.
import { isDeleted } from '../crdt.ts';
import type { KeptCopies } from './kept-copies.ts';
import type { LocalWriter } from './local-writer.ts';
import type { Flusher } from './flusher.ts';
import type { RecordTable } from './record-table.ts';
import type { ShardMirror } from './shard-mirror.ts';
import type { WriteLimits } from './write-limits.ts';

/** How long status() counts a copy of unreadable data kept on this device (the reader is told meanwhile). */
export const KEPT_NOTICE_MS = 7 * 24 * 3600 * 1000;

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

export interface StatusSources {
  loaded: boolean;
  now: number;
  table: RecordTable;
  mirror: ShardMirror;
  writeLimits: WriteLimits;
  flusher: Flusher;
  writer: LocalWriter;
  keptCopies: KeptCopies;
}

export function readStatus(sources: StatusSources): ReadingListStatus {
  const { loaded, now, table, mirror, writeLimits, flusher, writer, keptCopies } = sources;
  const { minute, hour } = writeLimits.recentWrites();
  let itemCount = 0;
  let localOnlyCount = 0;
  for (const record of table.all()) {
    if (isDeleted(record) || !record.meta) continue;
    itemCount++;
    if (record.localOnly) localOnlyCount++;
  }
  const { newer, damaged } = mirror.unreadable();
  const error = writer.failure() ?? flusher.failure();
  return {
    loaded,
    itemCount,
    localOnlyCount,
    pendingWrites: flusher.pendingWrites(),
    bytesInUse: mirror.bytes(),
    bytesBudget: flusher.budget(),
    writesLastMinute: minute.length,
    writesLastHour: hour.length,
    nextAttemptAt: flusher.nextAttemptAt(),
    lastError: error?.message ?? null,
    lastErrorAt: error?.at ?? null,
    localStoreError: writer.failure()?.message ?? null,
    lastWriteAt: flusher.lastWriteAt(),
    unreadableKeys: newer + damaged,
    newerKeys: newer,
    damagedKeys: damaged,
    unreadableLocal: keptCopies.unreadableLocal(),
    localFromOtherVersion: keptCopies.localFromOtherVersion(),
    keptCopies: keptCopies.keptSince(now - KEPT_NOTICE_MS),
  };
}
