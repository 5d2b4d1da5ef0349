// The device's own copy of the reading list: every item (synced or not), every register, full titles and
// excerpts, plus the engine's small bookkeeping. platform/ implements LocalStore over storage.local (or
// IndexedDB); tests and the benchmark use the in-memory one below.
import { mergeCollected, validateRecord, type Collected, type ItemRecord } from './crdt.ts';

export const LOCAL_VERSION = 1;

/** One item as the local store keeps it. */
export interface LocalRecord extends ItemRecord {
  /** Not in sync storage (quota full, URL too long, or a shard this version cannot write). */
  localOnly?: boolean;
  /** The item has been in sync storage, as far as this device knows (its own writes included). */
  seenRemote?: boolean;
  /**
   * When this device first saw the item's current tombstone in sync storage (ms, its clock; `t` is the
   * deletion's register time): a tombstone is collected only once it has been there for the whole TTL.
   */
  published?: { t: number; at: number };
  /**
   * Gone from sync storage in a way that may be a collected deletion, while the quota is full (so it may also
   * have been left out for room): kept here, never written back, until it reappears in sync storage or the
   * reader saves or changes it on this device.
   */
  orphan?: boolean;
}

/** The engine's bookkeeping, a few hundred bytes. */
export interface LocalState {
  /** Per shard (base-36 number), the tombstones collected from it, as this device knows them. */
  collected: Record<string, Collected>;
  /** Per shard, when this device first saw each ghost (ms): a ghost lives 60 days from then at least. */
  ghostSeen: Record<string, Record<string, number>>;
  /** Times (ms) of this device's recent writes to sync storage, for the rate limits across restarts. */
  writes: number[];
}

export interface LocalSnapshot {
  /** LOCAL_VERSION of the data, null when the store is empty (first run). */
  version: number | null;
  records: unknown[];
  state: unknown;
}

export interface LocalBatch {
  version: number;
  /** Records to insert or replace, by id. */
  put: LocalRecord[];
  /** Ids to forget (expired tombstones; items deleted elsewhere long ago). */
  remove: string[];
  state?: LocalState;
}

/** What the engine needs from the device's storage. Writes must be applied in order, each atomically. */
export interface LocalStore {
  load(): Promise<LocalSnapshot>;
  write(batch: LocalBatch): Promise<void>;
}

export function emptyState(): LocalState {
  return { collected: {}, ghostSeen: {}, writes: [] };
}

/**
 * Local data brought to the current version (there is one so far; the next one migrates here). Records that
 * cannot be read are dropped one by one, never the whole list; data from a newer version is refused rather
 * than misread.
 */
export function migrateLocal(snapshot: LocalSnapshot): { records: LocalRecord[]; state: LocalState } {
  const version = snapshot.version ?? LOCAL_VERSION;
  if (version > LOCAL_VERSION) throw new Error(`the reading list was stored by a newer version (${version})`);
  const records: LocalRecord[] = [];
  for (const raw of snapshot.records) {
    const record: LocalRecord | null = validateRecord(raw);
    if (!record) continue;
    const flags = raw as LocalRecord;
    if (flags.localOnly === true) record.localOnly = true;
    if (flags.seenRemote === true) record.seenRemote = true;
    if (flags.orphan === true) record.orphan = true;
    const published = flags.published as { t?: unknown; at?: unknown } | undefined;
    if (typeof published?.t === 'number' && typeof published.at === 'number') {
      record.published = { t: published.t, at: published.at };
    }
    records.push(record);
  }
  const s = snapshot.state as Partial<LocalState> | null;
  const state = emptyState();
  if (s && typeof s.collected === 'object' && s.collected !== null) {
    for (const [k, v] of Object.entries(s.collected)) {
      const c = v as Partial<Collected> | null;
      if (!Number.isSafeInteger(c?.floor) || typeof c?.ghosts !== 'object' || c.ghosts === null) continue;
      const ghosts = Object.fromEntries(Object.entries(c.ghosts).filter(([, t]) => Number.isSafeInteger(t)));
      state.collected[k] = mergeCollected({ floor: c.floor!, ghosts }, { floor: 0, ghosts: {} });
    }
  }
  if (s && typeof s.ghostSeen === 'object' && s.ghostSeen !== null) {
    for (const [k, v] of Object.entries(s.ghostSeen)) {
      if (typeof v !== 'object' || v === null) continue;
      state.ghostSeen[k] = Object.fromEntries(Object.entries(v).filter(([, t]) => Number.isFinite(t)));
    }
  }
  if (s && Array.isArray(s.writes)) state.writes = s.writes.filter((w) => Number.isFinite(w)).slice(-2_000);
  return { records, state };
}

/** A LocalStore in memory (tests, benchmark). `data` is live: tests inspect it. */
export function createMemoryLocalStore(initial?: LocalSnapshot): LocalStore & {
  data: { version: number | null; records: Map<string, unknown>; state: unknown };
  writes: number;
} {
  const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  const data = {
    version: initial?.version ?? null,
    records: new Map<string, unknown>(
      (initial?.records ?? []).map((r) => [String((r as { id?: unknown }).id), clone(r)] as const),
    ),
    state: clone(initial?.state ?? null),
  };
  const store = {
    data,
    writes: 0,
    load(): Promise<LocalSnapshot> {
      return Promise.resolve({
        version: data.version,
        records: [...data.records.values()].map(clone),
        state: clone(data.state),
      });
    },
    write(batch: LocalBatch): Promise<void> {
      store.writes++;
      data.version = batch.version;
      for (const r of batch.put) data.records.set(r.id, clone(r));
      for (const id of batch.remove) data.records.delete(id);
      if (batch.state) data.state = clone(batch.state);
      return Promise.resolve();
    },
  };
  return store;
}
