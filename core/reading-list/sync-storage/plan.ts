// What this device would have storage.sync hold: every item's sync copy, in its shard, unless the quota is full.
// Then items leave sync in a fixed order (the oldest archived first, then the oldest unread, then favourites,
// tombstones last) until every key fits its 8 KB and all keys fit the total. The order depends only on the
// items, so devices that know the same items choose the same ones.
//
// The plan decides what a device adds, not what others may keep: the engine writes a key only when sync storage
// lacks something of the plan there (or is over its real limits), and an item counts as local-only only if it
// is neither in the plan nor in sync storage. Devices that know different local-only items may plan slightly
// differently; they still agree on what sync storage holds, and never take turns rewriting it.
import { packText } from './codec.ts';
import { SHARD_COUNT, shardKey, shardOf, type ShardContent } from './shard.ts';
import { assembleText, encodeLine, shardDevices } from './shard-text.ts';
import { entryBytes } from './sizes.ts';
import { emptyCollected, isDeleted, projectForSync, type Collected, type ItemRecord } from '../crdt.ts';

/** Items whose URL is longer than this stay local (one such URL would take a tenth of a key). */
export const MAX_SYNC_URL = 2000;

export interface PlanOptions {
  /** Bytes all our keys may take together. */
  budget: number;
  /** Bytes one key may take (key length included). */
  perKey: number;
  compress: boolean;
  /** What each shard records of its collected tombstones. */
  collected: ReadonlyMap<number, Collected>;
  /** Shards that cannot be written (stored in a newer format): left as they are. */
  blocked: ReadonlySet<number>;
  /** Shards that exist in storage (an empty one is written only to clear an existing key). */
  existing: ReadonlySet<number>;
  /** This device's tag, recorded in the shards it writes. */
  writer?: string;
  /** Items never to sync from this device (see the engine's orphans). */
  keepLocal?: ReadonlySet<string>;
  /**
   * Items that sync storage holds in an older state than this device: they stay in (only a key's own 8 KB limit
   * can take them out), so that an update is never lost by leaving the item out instead of writing it.
   */
  pinned?: ReadonlySet<string>;
}

export interface ShardPlan {
  shard: number;
  key: string;
  content: ShardContent;
  value: string;
  bytes: number;
}

export interface Plan {
  shards: Map<number, ShardPlan>;
  /** Live items the plan leaves out of sync (quota full, too long, orphan, or in a blocked shard). */
  localOnly: Set<string>;
  totalBytes: number;
}

/** 0 archived, 1 unread, 2 favourite, 3 tombstone; then the time that makes an item "old" in its class. */
function evictionKey(r: ItemRecord): [number, number] {
  if (isDeleted(r)) return [3, r.deleted?.t ?? 0];
  if (r.favourite?.value) return [2, r.meta?.t ?? 0];
  if (r.state?.value === 'archived') return [0, r.state.t];
  return [1, r.meta?.t ?? 0];
}

/** Eviction order: first out first. `pinned` items (updates to what sync storage holds) go out last. */
export function compareEviction(a: ItemRecord, b: ItemRecord, pinned?: ReadonlySet<string>): number {
  const pa = pinned?.has(a.id) ? 1 : 0;
  const pb = pinned?.has(b.id) ? 1 : 0;
  const [ca, ta] = evictionKey(a);
  const [cb, tb] = evictionKey(b);
  return pa - pb || ca - cb || ta - tb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// Plans run after every change on lists of thousands of items, most of them unchanged: their sync copies and
// their lines of text are kept (records are immutable: a change makes a new object).
const projections = new WeakMap<ItemRecord, ItemRecord>();
const lines = new WeakMap<ItemRecord, { table: string; line: string }>();

function projection(record: ItemRecord): ItemRecord {
  let p = projections.get(record);
  if (!p) {
    p = projectForSync(record);
    projections.set(record, p);
  }
  return p;
}

function lineOf(record: ItemRecord, table: string, index: ReadonlyMap<string, number>): string {
  const cached = lines.get(record);
  if (cached?.table === table) return cached.line;
  const line = encodeLine(record, index);
  lines.set(record, { table, line });
  return line;
}

export async function planSync(records: Iterable<ItemRecord>, options: PlanOptions): Promise<Plan> {
  const localOnly = new Set<string>();
  const byShard = new Map<number, ItemRecord[]>();
  for (let s = 0; s < SHARD_COUNT; s++) byShard.set(s, []);

  for (const record of records) {
    const shard = shardOf(record.id);
    const live = !isDeleted(record);
    if (
      options.blocked.has(shard) ||
      options.keepLocal?.has(record.id) ||
      (live && (record.meta?.value.url.length ?? 0) > MAX_SYNC_URL)
    ) {
      if (live) localOnly.add(record.id);
      continue;
    }
    byShard.get(shard)!.push(projection(record));
  }
  const order = (a: ItemRecord, b: ItemRecord) => compareEviction(a, b, options.pinned);
  for (const list of byShard.values()) list.sort(order);

  // Each item's line once per shard (the device table covers every candidate, so lines do not depend on which
  // are left out); then encodings by (shard, number of its items left out), each computed once.
  const prepared = new Map<number, { devices: string[]; lines: { line: string; rank: number }[] }>();
  for (const [shard, list] of byShard) {
    const devices = shardDevices(list, options.writer);
    const index = new Map(devices.map((d, i) => [d, i] as const));
    const table = devices.join(',');
    const lines = list.map((r, rank) => ({ line: lineOf(r, table, index), rank }));
    lines.sort((a, b) => (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
    prepared.set(shard, { devices, lines });
  }
  const cache = new Map<string, Promise<ShardPlan>>();
  const encode = (shard: number, evicted: number): Promise<ShardPlan> => {
    const id = `${shard}:${evicted}`;
    let plan = cache.get(id);
    if (!plan) {
      const content: ShardContent = {
        collected: options.collected.get(shard) ?? emptyCollected(),
        records: byShard.get(shard)!.slice(evicted),
      };
      if (options.writer !== undefined) content.writer = options.writer;
      const { devices, lines } = prepared.get(shard)!;
      const text = assembleText(
        content.collected,
        devices,
        options.writer,
        lines.filter((l) => l.rank >= evicted).map((l) => l.line),
      );
      const key = shardKey(shard);
      plan = packText(text, options.compress).then((value) => ({
        shard,
        key,
        content,
        value,
        bytes: entryBytes(key, value),
      }));
      cache.set(id, plan);
    }
    return plan;
  };
  const shards = [...byShard.keys()].filter((s) => !options.blocked.has(s));
  const counted = (p: ShardPlan) => p.content.records.length > 0 || options.existing.has(p.shard);
  const evaluate = async (evictions: Map<number, number>) => {
    const plans = await Promise.all(shards.map((s) => encode(s, evictions.get(s) ?? 0)));
    return { plans, total: plans.reduce((sum, p) => sum + (counted(p) ? p.bytes : 0), 0) };
  };

  // 1. Each key within its own limit: the fewest of its own items out, in eviction order.
  const minimum = new Map<number, number>();
  await Promise.all(
    shards.map(async (s) => {
      if ((await encode(s, 0)).bytes <= options.perKey) return;
      let lo = 1;
      let hi = byShard.get(s)!.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((await encode(s, mid)).bytes <= options.perKey) hi = mid;
        else lo = mid + 1;
      }
      minimum.set(s, lo);
    }),
  );

  // 2. All keys within the total: the fewest items out overall, in the global eviction order. Pinned items (last
  // in that order) never go for the total: sync storage already holds them, and their update must get there.
  let result = await evaluate(minimum);
  if (result.total > options.budget) {
    const all = shards
      .flatMap((s) => byShard.get(s)!)
      .filter((r) => !options.pinned?.has(r.id))
      .sort(order);
    const evictionsFor = (k: number) => {
      const counts = new Map<number, number>();
      for (let i = 0; i < k; i++) {
        const s = shardOf(all[i]!.id);
        counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      for (const [s, min] of minimum) counts.set(s, Math.max(min, counts.get(s) ?? 0));
      return counts;
    };
    // Start from the proportional estimate, widen until it brackets the answer, then bisect.
    const perItem = result.total / Math.max(1, all.length);
    let lo = 0;
    let hi = Math.min(all.length, Math.ceil((result.total - options.budget) / Math.max(1, perItem)));
    while (hi < all.length && (await evaluate(evictionsFor(hi))).total > options.budget) {
      lo = hi + 1;
      hi = Math.min(all.length, hi * 2 + 1);
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((await evaluate(evictionsFor(mid))).total <= options.budget) hi = mid;
      else lo = mid + 1;
    }
    result = await evaluate(evictionsFor(lo));
  }

  const planned = new Map<number, ShardPlan>();
  for (const p of result.plans) {
    planned.set(p.shard, p);
    const kept = new Set(p.content.records.map((r) => r.id));
    for (const r of byShard.get(p.shard)!) if (!kept.has(r.id) && !isDeleted(r)) localOnly.add(r.id);
  }
  return { shards: planned, localOnly, totalBytes: result.total };
}
