// The records this device holds (live items, tombstones, orphans), by id and by shard: merging a shard of sync
// storage looks at the items that belong in it. Records are immutable: a change puts a new object.
import { FIELDS, type ItemRecord } from '../crdt.ts';
import type { LocalRecord } from '../local-store.ts';
import { SHARD_COUNT, shardOf } from '../sync-storage/shard.ts';

export interface RecordTable {
  get(id: string): LocalRecord | undefined;
  all(): IterableIterator<LocalRecord>;
  /** The ids of the records whose shard is `shard`. */
  inShard(shard: number): ReadonlySet<string>;
  /** Adds or replaces a record (and tells onPut, to write it). */
  put(record: LocalRecord): void;
  /** Drops a record, if held (and tells onForget). */
  forget(id: string): void;
  /** Records read from the local store at load: held, written nowhere. */
  restore(records: Iterable<LocalRecord>): void;
}

export function createRecordTable(hooks: {
  onPut: (record: LocalRecord) => void;
  onForget: (id: string) => void;
}): RecordTable {
  const records = new Map<string, LocalRecord>();
  const byShard = Array.from({ length: SHARD_COUNT }, () => new Set<string>());

  function hold(record: LocalRecord) {
    const previous = records.get(record.id);
    records.set(record.id, record);
    if (!previous) byShard[shardOf(record.id)]!.add(record.id);
  }

  return {
    get: (id) => records.get(id),
    all: () => records.values(),
    inShard: (shard) => byShard[shard]!,
    put(record) {
      hold(record);
      hooks.onPut(record);
    },
    forget(id) {
      if (!records.delete(id)) return;
      byShard[shardOf(id)]!.delete(id);
      hooks.onForget(id);
    },
    restore(list) {
      for (const record of list) hold(record);
    },
  };
}

const registerViews = new WeakMap<LocalRecord, ItemRecord>();

/** The registers only, without the local flags (the same object while the record is unchanged). */
export function registers(record: LocalRecord): ItemRecord {
  const cached = registerViews.get(record);
  if (cached) return cached;
  const out: ItemRecord = { id: record.id };
  registerViews.set(record, out);
  for (const field of FIELDS) if (record[field]) (out as unknown as Record<string, unknown>)[field] = record[field];
  return out;
}
