// Which key of storage.sync holds an item, and what a shard holds once decoded. SHARD_COUNT keys `rl:0` … `rl:f`,
// each item in the shard its id hashes to: no key is shared by all items, so two devices that change different
// items mostly write different keys, and a key two devices write is merged, never overwritten blindly (see
// docs/sync.md). How a shard's value is stored: codec.ts.
import { fnv1a32 } from '../hash.ts';
import type { Collected, ItemRecord } from '../crdt.ts';

export const FORMAT_VERSION = 2;
export const SHARD_COUNT = 16;
export const KEY_PREFIX = 'rl:';

export interface ShardContent {
  /** The tombstones collected from this shard (see Collected). */
  collected: Collected;
  records: ItemRecord[];
  /** Device tag of the device that wrote this value (unknown in version 1). */
  writer?: string;
}

export type DecodedShard =
  | ({ ok: true; version: number } & ShardContent)
  | { ok: false; reason: 'newer' | 'corrupt'; version: number | null; message: string };

export function shardOf(id: string): number {
  return fnv1a32(id) % SHARD_COUNT;
}

export function shardKey(shard: number): string {
  return KEY_PREFIX + shard.toString(36);
}

/** The shard number of one of our keys, else null. */
export function parseShardKey(key: string): number | null {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const rest = key.slice(KEY_PREFIX.length);
  const n = parseInt(rest, 36);
  return /^[0-9a-z]+$/.test(rest) && n < SHARD_COUNT && shardKey(n) === key ? n : null;
}
