// Sync storage holding what this version cannot read: shards written by a newer version, in the older format,
// truncated, not a shard at all, or with a broken deflate stream. The list loads what it can, says what it skipped,
// and never writes over what it could not read without keeping a copy of it on the device.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyCollected, type ItemRecord } from '../../../core/reading-list/crdt.ts';
import { createMemoryLocalStore, type LocalStore } from '../../../core/reading-list/local-store.ts';
import { decodeShard, encodeShard } from '../../../core/reading-list/sync-storage/codec.ts';
import { encodeV1 } from '../../../core/reading-list/sync-storage/format-v1.ts';
import { QUOTA_MESSAGES, createMemorySyncArea } from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import { shardKey, shardOf, type ShardContent } from '../../../core/reading-list/sync-storage/shard.ts';
import { itemId } from '../../../core/reading-list/url.ts';
import { NOW, article, clock, idsOf, later, open, resetClock } from '../../support/broken-storage.ts';
import { settle } from '../../support/reading-list-sim.ts';

beforeEach(resetClock);

/** Another device saved `count` articles into sync storage. */
async function syncedBy(count: number) {
  const sync = createMemorySyncArea({ now: () => clock.now });
  const other = open(sync, 'phone');
  await other.list.load();
  for (let n = 0; n < count; n++) await other.list.save(article(n));
  await other.list.flush();
  await settle();
  expect([...sync.data.keys()].filter((k) => k.startsWith('rl:')).length).toBeGreaterThan(8);
  return { sync, other };
}

/**
 * Lets change events and deflate streams run until `done` holds, 5 seconds at most: inflating runs on Node's thread
 * pool, so it takes time, not event-loop turns, on a busy machine.
 */
async function until(done: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(done()).toBe(true), { timeout: 5_000, interval: 5 });
}
const inShard = (key: string, count: number) =>
  Array.from({ length: count }, (_, n) => itemId(article(n).url)).filter((id) => shardKey(shardOf(id)) === key);

/** A valid shard value of three items, deflated or as text, to cut and break. */
async function sampleShard(compress: boolean): Promise<string> {
  const records: ItemRecord[] = [0, 1, 2].map((n) => ({
    id: itemId(article(n).url),
    meta: { value: { ...article(n), excerpt: '' }, t: 1_748_000_000 + n, d: 'abc123' },
  }));
  return encodeShard({ collected: emptyCollected(), records, writer: 'abc123' } satisfies ShardContent, compress);
}

const sample = await sampleShard(true);
const middle = Math.floor(sample.length / 2);
const text = await sampleShard(false);
/** The text cut a third of the way into its last line (in the address or the title). */
const textCut = text.slice(0, text.lastIndexOf('\n') + Math.floor((text.length - text.lastIndexOf('\n')) / 3));

/** Values found in a shard's key that this version cannot read, and why. */
const UNREADABLE: [string, unknown, 'newer' | 'corrupt'][] = [
  ['a value in a newer format (text)', '3zFUTURE-FORMAT', 'newer'],
  ['a value in a newer format (object)', { v: 7, items: [] }, 'newer'],
  ['a deflated value cut mid-base93', sample.slice(0, middle), 'corrupt'],
  ['a deflated value cut one character short', sample.slice(0, -1), 'corrupt'],
  [
    'a deflate stream with a changed character',
    sample.slice(0, middle) + (sample[middle] === 'Q' ? 'R' : 'Q') + sample.slice(middle + 1),
    'corrupt',
  ],
  ['a compact text cut mid-line', textCut, 'corrupt'],
  ['a compact text cut mid-header', '2t4k2', 'corrupt'],
  ['a text that is no shard', '2tnot a shard at all', 'corrupt'],
  ['a string in no format', 'hello', 'corrupt'],
  ['an empty string', '', 'corrupt'],
  ['a number', 42, 'corrupt'],
  ['null', null, 'corrupt'],
  ['true', true, 'corrupt'],
  ['an array', [1, 2], 'corrupt'],
  ['an object of the wrong shape', { items: 'x' }, 'corrupt'],
  ['a format-1 object with items that are not objects', { v: 1, gc: 0, items: [null, 3] }, 'corrupt'],
  ['a format-1 object without items', { v: 1, gc: 0 }, 'corrupt'],
];

describe('sync storage holding what this version cannot read', () => {
  it.each(UNREADABLE)('%s: decoded as unreadable (%s), never as a shard', async (_what, value, reason) => {
    expect(await decodeShard(value)).toMatchObject({
      ok: false,
      reason,
      message: expect.stringMatching(/\S/) as string,
    });
  });

  it.each(UNREADABLE)(
    '%s: the list loads every other shard, reports it, and writes over it only after keeping a copy',
    async (_what, value, reason) => {
      const { sync, other } = await syncedBy(48);
      const key = shardKey(shardOf(itemId(article(0).url)));
      const lost = inShard(key, 48);
      await sync.set({ [key]: value });
      await settle();

      const { list, local } = open(sync, 'laptop');
      await list.load();
      // Everything readable is there; the unreadable shard's items are not (yet).
      const ids = idsOf(list);
      expect(ids.size).toBe(48 - lost.length);
      for (const id of lost) expect(ids.has(id)).toBe(false);
      expect(list.status()).toMatchObject({
        unreadableKeys: 1,
        newerKeys: reason === 'newer' ? 1 : 0,
        damagedKeys: reason === 'corrupt' ? 1 : 0,
        lastError: null,
      });

      // A change in that shard, then a write.
      await list.save(article(0));
      await list.flush();
      if (reason === 'newer') {
        // Never written: the newer version's data stays as it is, and the item stays on this device.
        expect(sync.data.get(key)).toEqual(value);
        expect(local.data.kept).toEqual([]);
        expect(list.items().find((i) => i.id === itemId(article(0).url))?.localOnly).toBe(true);
        return;
      }
      // Damaged: a copy of exactly what was there is kept on this device first, then the shard is rewritten.
      expect(local.data.kept).toEqual([
        { source: `sync:${key}`, reason: 'corrupt', at: NOW, message: expect.stringMatching(/\S/) as string, value },
      ]);
      expect((await decodeShard(sync.data.get(key))).ok).toBe(true);
      expect(list.status()).toMatchObject({ unreadableKeys: 0, damagedKeys: 0, keptCopies: 1, lastError: null });

      // The device that saved the shard's items still has them: it writes them back, and this one gets them all.
      await settle();
      later();
      await other.list.flush();
      await until(() => idsOf(list).size === 48); // the change event, then inflating the shard
      expect(idsOf(list).size).toBe(48);
      expect(idsOf(other.list).size).toBe(48);
      list.close();
      other.list.close();
    },
  );

  it('reads a shard in the older format 1 in full, and rewrites it in the current one (nothing kept aside)', async () => {
    const sync = createMemorySyncArea({ now: () => NOW });
    const records: ItemRecord[] = [0, 1, 2].map((n) => ({
      id: itemId(article(n).url),
      meta: { value: { ...article(n), excerpt: '' }, t: 1_748_000_000 + n, d: 'abc123' },
      state: { value: 'archived', t: 1_748_100_000, d: 'abc123' },
    }));
    const byShard = new Map<string, ItemRecord[]>();
    for (const r of records) byShard.set(shardKey(shardOf(r.id)), [...(byShard.get(shardKey(shardOf(r.id))) ?? []), r]);
    for (const [key, held] of byShard)
      await sync.set({ [key]: encodeV1({ collected: emptyCollected(), records: held }) });
    const { list, local } = open(sync, 'laptop');
    await list.load();
    expect(list.items()).toHaveLength(3);
    expect(list.items().every((i) => i.state === 'archived')).toBe(true);
    expect(list.status()).toMatchObject({ unreadableKeys: 0, unreadableLocal: 0 });
    await list.flush();
    for (const key of byShard.keys()) expect(String(sync.data.get(key)).startsWith('2')).toBe(true);
    expect(local.data.kept).toEqual([]);
  });

  it('keeps one copy of a damaged value, however often it is seen', async () => {
    const { sync } = await syncedBy(20);
    const key = shardKey(shardOf(itemId(article(0).url)));
    const local = createMemoryLocalStore();
    for (let round = 0; round < 3; round++) {
      later();
      await sync.set({ [key]: 'damaged' });
      const { list } = open(sync, 'laptop', { local });
      await list.load();
      await list.flush();
      expect((await decodeShard(sync.data.get(key))).ok).toBe(true);
      list.close();
    }
    expect(local.data.kept).toHaveLength(1);
  });

  it('leaves a damaged shard as it is while no copy of it can be kept, and says so; writes it once it can', async () => {
    const { sync } = await syncedBy(20);
    const key = shardKey(shardOf(itemId(article(0).url)));
    await sync.set({ [key]: 'damaged' });
    const memory = createMemoryLocalStore();
    let full = true;
    const local: LocalStore = {
      load: () => memory.load(),
      write: (batch) => memory.write(batch),
      keep: (copy) => (full ? Promise.reject(new Error(QUOTA_MESSAGES.bytes)) : memory.keep(copy)),
    };
    const { list } = open(sync, 'laptop', { local });
    await list.load();
    const away = Array.from({ length: 100 }, (_, i) => 100 + i).find(
      (n) => shardKey(shardOf(itemId(article(n).url))) !== key,
    )!;
    await list.save(article(away)); // in another shard
    await list.save(article(0)); // in the damaged shard
    await list.flush();
    expect(sync.data.get(key)).toBe('damaged');
    expect(list.status().lastError).toMatch(/Keeping a copy of unreadable sync data: QUOTA_BYTES/);
    expect(list.status()).toMatchObject({ damagedKeys: 1, pendingWrites: 1 });
    // The other shard was written meanwhile.
    const decoded = await decodeShard(sync.data.get(shardKey(shardOf(itemId(article(away).url)))));
    expect(decoded.ok && decoded.records.some((r) => r.id === itemId(article(away).url))).toBe(true);
    full = false;
    later(); // past the backoff
    await list.flush();
    expect(memory.data.kept.map((c) => c.value)).toEqual(['damaged']);
    expect((await decodeShard(sync.data.get(key))).ok).toBe(true);
    expect(list.status()).toMatchObject({ damagedKeys: 0, lastError: null, pendingWrites: 0 });
  });

  it('writes over a damaged shard never, through a store that cannot keep copies', async () => {
    const { sync } = await syncedBy(20);
    const key = shardKey(shardOf(itemId(article(0).url)));
    await sync.set({ [key]: 'damaged' });
    const memory = createMemoryLocalStore();
    const local: LocalStore = { load: () => memory.load(), write: (batch) => memory.write(batch) };
    const { list } = open(sync, 'laptop', { local });
    await list.load();
    await list.save(article(0));
    await list.flush();
    expect(sync.data.get(key)).toBe('damaged');
    expect(list.status().lastError).toMatch(/cannot keep a copy/);
  });
});
