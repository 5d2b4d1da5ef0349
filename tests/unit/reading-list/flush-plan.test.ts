// The flush planner: what this device would have sync storage hold, and which shards a flush writes.
import { describe, expect, it } from 'vitest';
import { emptyCollected, type ItemRecord } from '../../../core/reading-list/crdt.ts';
import { emptyState, type LocalRecord } from '../../../core/reading-list/local-store.ts';
import { applyLocalOnly, chooseWrites, computePlan, syncLacks } from '../../../core/reading-list/list/flush-plan.ts';
import { createRecordTable } from '../../../core/reading-list/list/record-table.ts';
import { createShardMirror } from '../../../core/reading-list/list/shard-mirror.ts';
import { encodeShard } from '../../../core/reading-list/sync-storage/codec.ts';
import { shardKey, shardOf } from '../../../core/reading-list/sync-storage/shard.ts';
import { SYNC_LIMITS } from '../../../core/reading-list/types.ts';
import { itemId } from '../../../core/reading-list/url.ts';

const T = 1_748_000_000;
const ROOMY = { ...SYNC_LIMITS, reserve: 512 };

function item(n: number, t = T): LocalRecord {
  const url = `https://www.example.fr/politique/article-${n}.html`;
  return {
    id: itemId(url),
    meta: { value: { url, title: `Article ${n}`, site: null, lang: 'fr', excerpt: '' }, t, d: 'abc123' },
  };
}

/** Article numbers whose items fall in different shards, or in one. */
function numbers(count: number, sameShard: boolean): number[] {
  const out: number[] = [];
  for (let n = 0; out.length < count; n++) {
    const shards = out.map((m) => shardOf(item(m).id));
    const s = shardOf(item(n).id);
    if (sameShard ? !out.length || shards[0] === s : !shards.includes(s)) out.push(n);
  }
  return out;
}

function setup(records: LocalRecord[]) {
  const table = createRecordTable({ onPut: () => undefined, onForget: () => undefined });
  table.restore(records);
  const mirror = createShardMirror();
  const state = emptyState();
  const plan = (budget = SYNC_LIMITS.quotaBytes - 512) =>
    computePlan({ table, mirror, state, device: 'abc123', compress: false, budget, perKey: 8_192 });
  return { table, mirror, state, plan };
}

const shardsOf = (writes: { shard: number }[]) => writes.map((w) => w.shard).sort((a, b) => a - b);

describe('the flush planner', () => {
  it('writes the shards that hold items, then nothing while sync storage holds what it would write', async () => {
    const records = numbers(3, false).map((n) => item(n));
    const { mirror, plan } = setup(records);
    const writes = chooseWrites(await plan(), mirror, ROOMY);
    expect(shardsOf(writes)).toEqual(records.map((r) => shardOf(r.id)).sort((a, b) => a - b));
    for (const w of writes) mirror.wrote(w);
    expect(chooseWrites(await plan(), mirror, ROOMY)).toEqual([]);
  });

  it('writes only the shard where sync storage lacks a change', async () => {
    const [a, b] = numbers(2, false).map((n) => item(n));
    const { table, mirror, plan } = setup([a!, b!]);
    for (const w of chooseWrites(await plan(), mirror, ROOMY)) mirror.wrote(w);
    table.put({ ...b!, favourite: { value: true, t: T + 60, d: 'abc123' } });
    expect(syncLacks(shardOf(b!.id), table, mirror, emptyState())).toBe(true);
    expect(shardsOf(chooseWrites(await plan(), mirror, ROOMY))).toEqual([shardOf(b!.id)]);
  });

  it('rewrites a damaged shard, and one that lacks a collection this device knows of', async () => {
    const [a, b] = numbers(2, false).map((n) => item(n));
    const { mirror, state, plan } = setup([a!, b!]);
    for (const w of chooseWrites(await plan(), mirror, ROOMY)) mirror.wrote(w);
    await mirror.see(shardKey(shardOf(a!.id)), '2tdamaged');
    state.collected[shardOf(b!.id).toString(36)] = { floor: T - 100, ghosts: {} };
    expect(shardsOf(chooseWrites(await plan(), mirror, ROOMY))).toEqual(
      shardsOf([a!, b!].map((r) => ({ shard: shardOf(r.id) }))),
    );
  });

  it("takes another device's items out of a shard only when sync storage is over its limits", async () => {
    const [mine, ...theirs] = numbers(4, true).map((n) => item(n));
    const { mirror, plan } = setup([mine!]);
    const key = shardKey(shardOf(mine!.id));
    const held = await encodeShard({ collected: emptyCollected(), records: [mine!, ...theirs] as ItemRecord[] }, false);
    await mirror.see(key, held);
    const planned = await plan();
    expect(chooseWrites(planned, mirror, ROOMY)).toEqual([]);
    const over = { ...ROOMY, quotaBytes: mirror.bytes() + ROOMY.reserve - 1 };
    expect(chooseWrites(planned, mirror, over).map((w) => w.key)).toEqual([key]);
  });

  it('keeps an update to what sync storage holds in the plan, leaving a newer item out instead', async () => {
    const [a, b] = numbers(2, false);
    const older = item(a!, T);
    const newer = item(b!, T + 100);
    const { table, mirror, plan } = setup([older, newer]);
    const everything = await plan();
    for (const w of chooseWrites(everything, mirror, ROOMY)) if (w.shard === shardOf(older.id)) mirror.wrote(w);
    table.put({ ...older, tags: { value: ['à lire'], t: T + 200, d: 'abc123' } });
    // One byte short of room for both: the oldest goes first, unless sync storage holds an older copy of it.
    const tight = await plan((await plan()).totalBytes - 1);
    expect([...tight.localOnly]).toEqual([newer.id]);
  });

  it('flags as local-only what the plan leaves out and sync storage does not hold', async () => {
    const [a, b] = numbers(2, false);
    const orphan: LocalRecord = { ...item(a!), orphan: true };
    const { table, mirror, plan } = setup([orphan, item(b!)]);
    const planned = await plan();
    expect([...planned.localOnly]).toEqual([orphan.id]);
    expect(shardsOf(chooseWrites(planned, mirror, ROOMY))).toEqual([shardOf(item(b!).id)]);
    applyLocalOnly(table, planned, mirror);
    expect(table.get(orphan.id)?.localOnly).toBe(true);
    expect(table.get(item(b!).id)?.localOnly).toBeUndefined();
    // Held by sync storage (another device keeps it there): synced, not local-only.
    await mirror.see(
      shardKey(shardOf(orphan.id)),
      await encodeShard({ collected: emptyCollected(), records: [orphan] }, false),
    );
    applyLocalOnly(table, planned, mirror);
    expect(table.get(orphan.id)?.localOnly).toBe(false);
  });

  it('sees no lack in a shard written by a newer version, nor for items kept on this device', async () => {
    const [a] = numbers(1, false).map((n) => item(n));
    const { table, mirror } = setup([{ ...a!, localOnly: true }]);
    const shard = shardOf(a!.id);
    expect(syncLacks(shard, table, mirror, emptyState())).toBe(false);
    table.put(a!);
    expect(syncLacks(shard, table, mirror, emptyState())).toBe(true);
    await mirror.see(shardKey(shard), '3zFUTURE');
    expect(syncLacks(shard, table, mirror, emptyState())).toBe(false);
  });
});
