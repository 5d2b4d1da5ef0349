// Merging copies of the list from elsewhere into this device's records: the shards of sync storage (each read, or
// each change event, one at a time in arrival order), and records from another channel (WebDAV). Each register's
// latest write wins; what a shard's collections say was deleted, and collected, is not taken back (see
// tombstones.ts and docs/sync.md).
import {
  FIELDS,
  collectedCovers,
  collectedVerdict,
  mergeCollected,
  mergeRecords,
  validateRecord,
  type ItemRecord,
} from '../crdt.ts';
import type { LocalRecord, LocalState } from '../local-store.ts';
import { shardOf, type ShardContent } from '../sync-storage/shard.ts';
import type { LocalWriter } from './local-writer.ts';
import { registers, type RecordTable } from './record-table.ts';
import type { ShardMirror } from './shard-mirror.ts';
import { collectedOf, publication, setCollected } from './tombstones.ts';

export interface SyncMergeOptions {
  /** This device's tag: a shard it wrote itself tells nothing about other devices. */
  device: string;
  table: RecordTable;
  mirror: ShardMirror;
  state: LocalState;
  writer: LocalWriter;
  /** Items gone from a shard that may be collected deletions, decided at the next flush (settleSuspects). */
  suspects: Set<string>;
  now: () => number;
  /** status() changed (a shard this version cannot read). */
  notify: () => void;
  /** Something for the next flush to decide or write. */
  markDirty: () => void;
}

export interface SyncMerge {
  /** Merges values read from sync storage (undefined: the key is gone), in order; true if any shard changed. */
  absorb(entries: [string, unknown][]): Promise<boolean>;
  /** Runs merges one at a time, in arrival order. */
  serially<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves once the merges queued so far are done. */
  idle(): Promise<void>;
}

export function createSyncMerge(options: SyncMergeOptions): SyncMerge {
  const { device, table, mirror, state, writer, suspects, now, notify, markDirty } = options;
  let chain: Promise<void> = Promise.resolve();

  function mergeShard(shard: number, content: ShardContent, present: Map<string, ItemRecord>) {
    const fromOther = content.writer !== device;
    const known = collectedOf(state, shard);
    const collected = mergeCollected(known, content.collected);
    // A writer that had not seen all the collections known here (it was away).
    const stale = !collectedCovers(content.collected, known);
    if (setCollected(state, shard, collected, now())) writer.stateChanged();
    for (const raw of content.records) {
      const record = validateRecord(raw);
      if (!record) continue;
      const local = table.get(record.id);
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
      const published = publication(local, merged, record, now());
      if (published) next.published = published;
      if (
        !local ||
        !local.seenRemote ||
        !!local.orphan !== orphan ||
        local.localOnly ||
        local.published !== published ||
        !FIELDS.every((f) => merged[f] === local[f])
      ) {
        table.put(next);
      }
    }
    for (const id of [...table.inShard(shard)]) {
      const local = table.get(id)!;
      const verdict = collectedVerdict(collected, local);
      if (verdict === 'yes') {
        table.forget(id); // deleted elsewhere after its last save, and collected
        continue;
      }
      // A value this device wrote itself (an echo, maybe an old one) tells nothing about other devices.
      if (!fromOther) continue;
      if (present.has(id)) suspects.delete(id);
      else if (verdict === 'maybe' && local.seenRemote && !local.localOnly && !local.orphan) {
        suspects.add(id);
        markDirty();
      }
    }
  }

  async function absorbEntry(key: string, value: unknown): Promise<boolean> {
    const seen = await mirror.see(key, value);
    if (!seen) return false;
    const { remote } = seen;
    if (!remote) return true;
    if (!remote.decoded.ok)
      notify(); // status() tells (unreadableKeys, lastError)
    else mergeShard(seen.shard, remote.decoded, remote.byId);
    return true;
  }

  return {
    async absorb(entries) {
      let any = false;
      for (const [key, value] of entries) if (await absorbEntry(key, value)) any = true;
      return any;
    },
    serially(task) {
      const run = chain.then(task);
      chain = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    idle: () => chain,
  };
}

/**
 * Merges records from another channel (another browser's WebDAV file) with the same rules as sync storage: an
 * item unknown here that was deleted and collected here is an old copy, not taken. Invalid records are skipped.
 * Returns how many items changed.
 */
export function mergeChannelRecords(table: RecordTable, state: LocalState, incoming: readonly ItemRecord[]): number {
  let changed = 0;
  for (const raw of incoming) {
    const record = validateRecord(raw);
    if (!record) continue;
    const local = table.get(record.id);
    if (!local) {
      if (collectedVerdict(collectedOf(state, shardOf(record.id)), record) === 'yes') continue;
      if (!FIELDS.some((f) => record[f] !== undefined)) continue;
      table.put(record);
      changed++;
      continue;
    }
    const merged = mergeRecords(registers(local), record);
    if (FIELDS.every((f) => merged[f] === local[f])) continue;
    table.put({ ...local, ...merged, orphan: false });
    changed++;
  }
  return changed;
}
