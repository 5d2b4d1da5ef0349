// The device's own copy of the reading list: every item (synced or not), every register, full titles and
// excerpts, plus the engine's small bookkeeping. platform/ implements LocalStore over storage.local (or
// IndexedDB); tests and the benchmark use the in-memory one below.
import { FIELDS, mergeCollected, validateRecord, type Collected, type ItemRecord } from './crdt.ts';

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
  /** LOCAL_VERSION of the data, null when the store is empty (first run); NaN when the stored version is garbage. */
  version: number | null;
  /** The stored version as it was, when it is not a number (for the copy kept of such a store). */
  storedVersion?: unknown;
  records: unknown[];
  state: unknown;
  /** The copies this store keeps of data that could not be read (see KeptCopy), without their values. */
  kept?: KeptCopyInfo[];
}

/**
 * A value this version could not read, kept on the device before anything was written over it: nothing a reader
 * saved is lost silently, even when it was damaged or written by a newer version.
 */
export interface KeptCopy {
  /**
   * Where it was: `sync:rl:3` (a shard of sync storage), `local:records` (unreadable records of the local store),
   * `local:state` (the engine's bookkeeping), `local:all` (a whole local store of a newer or unknown version).
   */
  source: string;
  reason: 'newer' | 'corrupt';
  /** When it was kept (ms since 1970). */
  at: number;
  /** Why it could not be read, in English. */
  message: string;
  value: unknown;
}

export type KeptCopyInfo = Omit<KeptCopy, 'value'>;

/** A store keeps at most this many copies: the oldest goes first (a bound, should something keep writing garbage). */
export const MAX_KEPT_COPIES = 8;

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
  /**
   * Keeps a copy of unreadable data apart from the list (at most MAX_KEPT_COPIES, the oldest dropped first; an
   * identical copy from the same source is not kept twice). Resolves once it is stored: true, or false when that
   * identical copy was already there. A store without it never has data it could not read written over.
   */
  keep?(copy: KeptCopy): Promise<boolean>;
}

export function emptyState(): LocalState {
  return { collected: {}, ghostSeen: {}, writes: [] };
}

export interface MigratedLocal {
  records: LocalRecord[];
  state: LocalState;
  /** The stored records that could not be read, or not in full (what could is in `records`), as stored. */
  skipped: unknown[];
  /** The stored bookkeeping was there but not readable (it is rebuilt from sync storage). */
  stateDamaged: boolean;
  /** The stored version when it is newer than this code or not a version at all (then records were read leniently). */
  foreignVersion: number | null;
}

/**
 * Local data brought to the current version (there is one so far; the next one migrates here). Records that
 * cannot be read are skipped one by one, never the whole list. Data from a newer (or unknown) version is read
 * record by record with the same checks, and said so: the caller keeps a copy of it before writing anything.
 */
export function migrateLocal(snapshot: LocalSnapshot): MigratedLocal {
  const version = snapshot.version ?? LOCAL_VERSION;
  const foreignVersion = Number.isSafeInteger(version) && version >= 1 && version <= LOCAL_VERSION ? null : version;
  const records: LocalRecord[] = [];
  const skipped: unknown[] = [];
  for (const raw of Array.isArray(snapshot.records) ? snapshot.records : []) {
    const record: LocalRecord | null = validateRecord(raw);
    // A register this version cannot read is dropped from the record (the rest is used) and reported.
    if (!record || FIELDS.some((f) => (raw as Record<string, unknown>)[f] !== undefined && record[f] === undefined)) {
      skipped.push(raw);
    }
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
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const stateDamaged =
    s !== null &&
    s !== undefined &&
    !(isObject(s) && isObject(s.collected) && isObject(s.ghostSeen) && Array.isArray(s.writes));
  if (isObject(s) && isObject(s.collected)) {
    for (const [k, v] of Object.entries(s.collected)) {
      const c = v as Partial<Collected> | null;
      if (!Number.isSafeInteger(c?.floor) || typeof c?.ghosts !== 'object' || c.ghosts === null) continue;
      const ghosts = Object.fromEntries(Object.entries(c.ghosts).filter(([, t]) => Number.isSafeInteger(t)));
      state.collected[k] = mergeCollected({ floor: c.floor!, ghosts }, { floor: 0, ghosts: {} });
    }
  }
  if (isObject(s) && isObject(s.ghostSeen)) {
    for (const [k, v] of Object.entries(s.ghostSeen)) {
      if (typeof v !== 'object' || v === null) continue;
      state.ghostSeen[k] = Object.fromEntries(Object.entries(v).filter(([, t]) => Number.isFinite(t)));
    }
  }
  if (isObject(s) && Array.isArray(s.writes)) state.writes = s.writes.filter((w) => Number.isFinite(w)).slice(-2_000);
  return { records, state, skipped, stateDamaged, foreignVersion };
}

/** The copies to keep once `copy` is added: an identical one is not kept twice, the oldest go past the limit. */
export function withKeptCopy<T extends KeptCopyInfo & { value?: unknown }>(
  copies: readonly T[],
  copy: T,
  same: (a: T, b: T) => boolean,
): T[] | null {
  if (copies.some((c) => c.source === copy.source && same(c, copy))) return null;
  return [...copies, copy].sort((a, b) => a.at - b.at).slice(-MAX_KEPT_COPIES);
}

/** A LocalStore in memory (tests, benchmark). `data` is live: tests inspect it. */
export function createMemoryLocalStore(initial?: LocalSnapshot): LocalStore & {
  data: { version: number | null; records: Map<string, unknown>; state: unknown; kept: KeptCopy[] };
  writes: number;
  keep(copy: KeptCopy): Promise<boolean>;
} {
  const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  // Records are stored by id, as the browser's store does by key; one without an id (garbage) by its position.
  const keyOf = (r: unknown, i: number) => {
    const id = (r as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : `#${i}`;
  };
  const data = {
    version: initial?.version ?? null,
    records: new Map<string, unknown>((initial?.records ?? []).map((r, i) => [keyOf(r, i), clone(r)] as const)),
    state: clone(initial?.state ?? null),
    kept: [] as KeptCopy[],
  };
  const store = {
    data,
    writes: 0,
    load(): Promise<LocalSnapshot> {
      return Promise.resolve({
        version: data.version,
        records: [...data.records.values()].map(clone),
        state: clone(data.state),
        kept: data.kept.map(({ value: _value, ...info }) => info),
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
    keep(copy: KeptCopy): Promise<boolean> {
      const next = withKeptCopy(data.kept, clone(copy), (a, b) => JSON.stringify(a.value) === JSON.stringify(b.value));
      if (next) data.kept = next;
      return Promise.resolve(next !== null);
    },
  };
  return store;
}
