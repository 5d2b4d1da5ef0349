// What this device last saw of storage.sync: each of the list's shards (its stored value, its size as Chrome
// counts it, what it decodes to) and the size of every other key (the reader's settings share the quota). Kept up
// to date from full reads, change events and this device's own writes; never persisted (load() reads sync
// storage again).
import type { ItemRecord } from '../crdt.ts';
import { decodeShard } from '../sync-storage/codec.ts';
import type { ShardPlan } from '../sync-storage/plan.ts';
import { FORMAT_VERSION, parseShardKey, shardKey, shardOf, type DecodedShard } from '../sync-storage/shard.ts';
import { entryBytes } from '../sync-storage/sizes.ts';

export interface RemoteShard {
  value: unknown;
  bytes: number;
  decoded: DecodedShard;
  /** The records the shard holds, by id (none when it cannot be read). */
  byId: Map<string, ItemRecord>;
}

/** A shard whose value changed (`remote` null: the key is gone). */
export interface ShardSeen {
  shard: number;
  remote: RemoteShard | null;
}

export interface ShardMirror {
  /**
   * Takes note of a key's value in sync storage (undefined: removed). Resolves to the shard it changed, or null when
   * nothing of the list's changed (the same value again, or another key).
   */
  see(key: string, value: unknown): Promise<ShardSeen | null>;
  /** Takes note of a value this device wrote. */
  wrote(plan: ShardPlan): void;
  shard(shard: number): RemoteShard | undefined;
  shards(): IterableIterator<[number, RemoteShard]>;
  /** The copy of an item that sync storage holds, as last seen. */
  held(id: string): ItemRecord | undefined;
  /** Keys this mirror knows of that a full read of sync storage no longer has. */
  goneFrom(snapshot: Record<string, unknown>): string[];
  /** Bytes the list's keys take, and the other keys. */
  bytes(): number;
  otherBytes(): number;
  /** Shards written by a newer version: this device never writes them. */
  blocked(): Set<number>;
  /** Bytes the list's writable keys may take, out of `quotaBytes` less a reserve for others and a penalty. */
  budget(room: { quotaBytes: number; reserve: number; penalty: number }): number;
  /** Shards this version cannot read: written by a newer version, or damaged. */
  unreadable(): { newer: number; damaged: number };
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** `reserved`: other keys counted at least at these sizes, present or not (room kept for them to be written). */
export function createShardMirror(reserved: Readonly<Record<string, number>> = {}): ShardMirror {
  const remote = new Map<number, RemoteShard>();
  const others = new Map<string, number>();

  const mirror: ShardMirror = {
    async see(key, value) {
      const shard = parseShardKey(key);
      if (shard === null) {
        if (value === undefined) others.delete(key);
        else others.set(key, entryBytes(key, value));
        return null;
      }
      const previous = remote.get(shard);
      if (value === undefined) {
        remote.delete(shard);
        return previous !== undefined ? { shard, remote: null } : null;
      }
      if (previous && sameValue(previous.value, value)) return null;
      const decoded = await decodeShard(value);
      const byId = new Map<string, ItemRecord>();
      if (decoded.ok) for (const r of decoded.records) byId.set(r.id, r);
      const seen: RemoteShard = { value, bytes: entryBytes(key, value), decoded, byId };
      remote.set(shard, seen);
      return { shard, remote: seen };
    },

    wrote(plan) {
      remote.set(plan.shard, {
        value: plan.value,
        bytes: plan.bytes,
        decoded: { ok: true, version: FORMAT_VERSION, ...plan.content },
        byId: new Map(plan.content.records.map((r) => [r.id, r] as const)),
      });
    },

    shard: (shard) => remote.get(shard),
    shards: () => remote.entries(),
    held: (id) => remote.get(shardOf(id))?.byId.get(id),

    goneFrom(snapshot) {
      const gone = [...remote.keys()].map(shardKey).filter((k) => !(k in snapshot));
      return [...gone, ...[...others.keys()].filter((k) => !(k in snapshot))];
    },

    bytes() {
      let sum = 0;
      for (const r of remote.values()) sum += r.bytes;
      return sum;
    },

    otherBytes() {
      let sum = 0;
      for (const [key, b] of others) sum += Math.max(b, reserved[key] ?? 0);
      for (const [key, b] of Object.entries(reserved)) if (!others.has(key)) sum += b;
      return sum;
    },

    blocked() {
      const out = new Set<number>();
      for (const [s, r] of remote) if (!r.decoded.ok && r.decoded.reason === 'newer') out.add(s);
      return out;
    },

    budget({ quotaBytes, reserve, penalty }) {
      let blocked = 0;
      for (const s of mirror.blocked()) blocked += remote.get(s)!.bytes;
      return Math.max(0, quotaBytes - mirror.otherBytes() - blocked - reserve - penalty);
    },

    unreadable() {
      let newer = 0;
      let damaged = 0;
      for (const r of remote.values()) {
        if (r.decoded.ok) continue;
        if (r.decoded.reason === 'newer') newer++;
        else damaged++;
      }
      return { newer, damaged };
    },
  };
  return mirror;
}
