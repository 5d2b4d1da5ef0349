// Storage that goes wrong, in the reading list engine: sync shards written by a newer version, by the older
// format, truncated, not a shard at all, or with a broken deflate stream; a local store holding garbage or written
// by a newer version; writes refused or failing half way. The list loads what it can, says what it skipped, and
// never writes over what it could not read without keeping a copy of it on the device.
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeShard, encodeShard } from '../../../core/reading-list/sync-storage/codec.ts';
import { encodeV1 } from '../../../core/reading-list/sync-storage/format-v1.ts';
import { shardKey, shardOf, type ShardContent } from '../../../core/reading-list/sync-storage/shard.ts';
import { emptyCollected, type ItemRecord } from '../../../core/reading-list/crdt.ts';
import {
  createReadingList,
  type ReadingList,
  type ReadingListOptions,
} from '../../../core/reading-list/reading-list.ts';
import {
  MAX_KEPT_COPIES,
  createMemoryLocalStore,
  migrateLocal,
  type KeptCopy,
  type LocalStore,
} from '../../../core/reading-list/local-store.ts';
import {
  QUOTA_MESSAGES,
  createMemorySyncArea,
  type MemorySyncArea,
} from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import type { NewItem } from '../../../core/reading-list/types.ts';
import { itemId } from '../../../core/reading-list/url.ts';
import { settle } from '../../support/reading-list-sim.ts';

const never = { set: () => 0, clear: () => undefined };
const NOW = Date.UTC(2025, 5, 1);
/** Every device's clock; tests move it past the write-rate spacing between two writes of one device. */
const clock = { now: NOW };
const later = () => (clock.now += 20 * 60_000);

beforeEach(() => {
  clock.now = NOW;
});

function article(n: number): NewItem {
  return {
    url: `https://www.lemonde.fr/international/article/2025/05/${String((n % 28) + 1).padStart(2, '0')}/sujet-${n}_${6_100_000 + n}_3210.html`,
    title: `Sujet numéro ${n} de la rubrique internationale`,
    site: 'Le Monde',
    lang: 'fr',
    excerpt: `Le début du sujet ${n}.`,
  };
}

type MemoryLocal = ReturnType<typeof createMemoryLocalStore>;

function open(sync: MemorySyncArea, deviceId: string, extra: Partial<ReadingListOptions> = {}) {
  const local = (extra.local as MemoryLocal | undefined) ?? createMemoryLocalStore();
  const list = createReadingList({
    deviceId,
    local,
    sync,
    now: () => clock.now,
    timers: never,
    compress: true,
    ...extra,
  });
  return { list, local };
}

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

const idsOf = (list: ReadingList) => new Set(list.items().map((i) => i.id));

/**
 * Lets change events and deflate streams run until `done` holds, 5 seconds at most: inflating runs on Node's thread
 * pool, so it takes time, not event-loop turns, on a busy machine.
 */
async function until(done: () => boolean): Promise<void> {
  const end = Date.now() + 5_000;
  while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
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

describe('a local store holding what this version cannot read', () => {
  const good = (n: number) => ({
    id: itemId(article(n).url),
    meta: { value: { ...article(n) }, t: 1_748_000_000 + n, d: 'abc123' },
    seenRemote: false,
  });

  it('uses every readable record, leaves the others as they are, keeps one copy of them, and says how many', async () => {
    const partial = { ...good(2), state: { value: 'finished', t: 1_748_000_500, d: 'abc123' } }; // a state it lacks
    const noMeta = { id: itemId(article(3).url), meta: 'not a register' };
    const garbage = [42, null, 'text', { id: 'NOT AN ID' }, partial, noMeta];
    const local = createMemoryLocalStore({ version: 1, records: [good(0), ...garbage, good(1)], state: null });
    const unreadable = structuredClone([...local.data.records].filter(([key]) => !key.match(/^[0-9a-z]+$/)));
    expect(unreadable.map(([, value]) => value)).toEqual([42, null, 'text', { id: 'NOT AN ID' }]);
    const sync = createMemorySyncArea({ now: () => NOW });
    const { list } = open(sync, 'laptop', { local });
    await list.load();
    expect(
      list
        .items()
        .map((i) => i.title)
        .sort(),
    ).toEqual([article(0).title, article(1).title, article(2).title]);
    expect(list.items().find((i) => i.id === partial.id)?.state).toBe('unread'); // what it could read of it
    expect(list.status()).toMatchObject({ unreadableLocal: 6, keptCopies: 1, localFromOtherVersion: false });
    expect(local.data.kept).toEqual([
      {
        source: 'local:records',
        reason: 'corrupt',
        at: NOW,
        message: expect.stringContaining('6 record(s)') as string,
        value: garbage,
      },
    ]);
    await list.flush();
    expect(sync.data.size).toBeGreaterThan(0);
    // What has no readable id is never touched; the others may be rewritten (their registers merged), a copy kept.
    for (const [key, value] of unreadable) expect(local.data.records.get(key), key).toEqual(value);

    // Loaded again: the records it could read in part were rewritten meanwhile (their copy is kept); the rest is
    // reported again, in one more copy of what is left, and no further copy on later loads.
    for (let load = 0; load < 2; load++) {
      const again = open(sync, 'laptop', { local }).list;
      await again.load();
      expect(again.status()).toMatchObject({ unreadableLocal: 4 });
      expect(local.data.kept.map((c) => c.value)).toEqual([garbage, garbage.slice(0, 4)]);
      again.close();
    }
  });

  it('keeps a copy of unreadable bookkeeping before it is rewritten', async () => {
    const local = createMemoryLocalStore({ version: 1, records: [good(0)], state: 'garbage' });
    const sync = createMemorySyncArea({ now: () => NOW });
    const { list } = open(sync, 'laptop', { local });
    await list.load();
    expect(list.items()).toHaveLength(1);
    expect(local.data.kept).toMatchObject([{ source: 'local:state', reason: 'corrupt', value: 'garbage' }]);
    await list.flush();
    expect(local.data.state).toMatchObject({ writes: [NOW] }); // rewritten, once kept
  });

  it.each([
    ['a newer version', 3, 'newer'],
    ['a version that is not a number', NaN, 'corrupt'],
    ['version 0', 0, 'corrupt'],
  ] as const)(
    'keeps the whole store aside when it was written with %s, then reads what it can',
    async (_w, version, reason) => {
      const stored = { version, records: [good(0), { id: good(1).id, v2: 'layout' }], state: { v: 2 } };
      const local = createMemoryLocalStore(stored);
      const { list } = open(createMemorySyncArea({ now: () => NOW }), 'laptop', { local });
      await list.load();
      expect(list.items().map((i) => i.title)).toEqual([article(0).title]);
      expect(list.status()).toMatchObject({ localFromOtherVersion: true, keptCopies: 1 });
      const [copy] = local.data.kept;
      expect(copy).toMatchObject({ source: 'local:all', reason });
      expect(JSON.stringify((copy!.value as { records: unknown }).records)).toBe(JSON.stringify(stored.records));
    },
  );

  it('refuses to load, writing nothing, when the copy cannot be kept', async () => {
    const memory = createMemoryLocalStore({ version: 1, records: [good(0), 'garbage'], state: null });
    const local: LocalStore = {
      load: () => memory.load(),
      write: (batch) => memory.write(batch),
      keep: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')),
    };
    const { list } = open(createMemorySyncArea({ now: () => NOW }), 'laptop', { local });
    await expect(list.load()).rejects.toThrow(/no copy of it could be kept \(QUOTA_BYTES quota exceeded\)/);
    expect(memory.writes).toBe(0);
  });

  it('migrateLocal reports records that lost a register, and never throws on any snapshot', () => {
    const snapshots: unknown[] = [
      { version: null, records: 'not a list', state: 5 },
      { version: 1, records: [undefined, [], {}], state: [] },
      {
        version: 1,
        records: [{ id: 'abc', state: { value: 'archived', t: 'soon', d: 'x' } }],
        state: { collected: 3 },
      },
    ];
    for (const snapshot of snapshots) expect(() => migrateLocal(snapshot as never)).not.toThrow();
    expect(migrateLocal(snapshots[1] as never)).toMatchObject({ skipped: [undefined, [], {}], stateDamaged: true });
    expect(migrateLocal(snapshots[2] as never)).toMatchObject({ records: [{ id: 'abc' }], stateDamaged: true });
    expect(migrateLocal(snapshots[2] as never).skipped).toHaveLength(1);
  });

  it(`keeps at most ${MAX_KEPT_COPIES} copies, dropping the oldest first`, async () => {
    const local = createMemoryLocalStore();
    for (let i = 0; i < MAX_KEPT_COPIES + 3; i++) {
      const source = `sync:rl:${(i % 16).toString(16)}`;
      const copy: KeptCopy = { source, reason: 'corrupt', at: NOW + i, message: '', value: i };
      expect(await local.keep(copy)).toBe(true);
    }
    expect(await local.keep({ source: 'sync:rl:a', reason: 'corrupt', at: NOW + 99, message: '', value: 10 })).toBe(
      false,
    );
    expect(local.data.kept.map((c) => c.value)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('writes that fail', () => {
  it('keeps a change the local store refused (quota) and writes it again by itself, saying so meanwhile', async () => {
    const memory = createMemoryLocalStore();
    let refuse = true;
    const local: LocalStore = {
      load: () => memory.load(),
      write: (batch) => (refuse ? Promise.reject(new Error('QUOTA_BYTES quota exceeded')) : memory.write(batch)),
    };
    const timers: { callback: () => void; ms: number }[] = [];
    const sync = createMemorySyncArea({ now: () => NOW });
    const { list } = open(sync, 'laptop', {
      local,
      debounceMs: 50,
      timers: { set: (callback, ms) => timers.push({ callback, ms }) - 1, clear: () => undefined },
    });
    await list.load();
    await list.save(article(1));
    expect(list.items()).toHaveLength(1); // in memory, and in the list the popup sees
    expect(list.status().localStoreError).toBe('Local storage: QUOTA_BYTES quota exceeded');
    expect(memory.data.records.size).toBe(0);
    // A retry is waiting (the first after 2 seconds), with no other change needed.
    expect(timers.map((t) => t.ms)).toContain(2_000);
    refuse = false;
    for (const t of timers.splice(0)) t.callback();
    await settle();
    expect(memory.data.records.has(itemId(article(1).url))).toBe(true);
    expect(list.status().localStoreError).toBeNull();
    list.close();
  });

  it('writes a batch again in full when the local store failed half way through it', async () => {
    const memory = createMemoryLocalStore();
    let halfway = true;
    const local: LocalStore = {
      load: () => memory.load(),
      write: async (batch) => {
        if (!halfway) return memory.write(batch);
        halfway = false;
        await memory.write({ ...batch, put: batch.put.slice(0, 1), state: undefined }); // the first write lands
        throw new Error('IO error'); // the second does not
      },
    };
    const sync = createMemorySyncArea({ now: () => NOW });
    const { list } = open(sync, 'laptop', { local });
    await list.load();
    await list.absorbRecords(
      [0, 1, 2].map((n) => ({
        id: itemId(article(n).url),
        meta: { value: { ...article(n) }, t: 1_748_000_000, d: 'abc123' },
      })),
    );
    expect(memory.data.records.size).toBe(1);
    expect(list.status().localStoreError).toMatch(/IO error/);
    await list.save(article(3)); // the next write carries the rest
    expect([...memory.data.records.keys()].sort()).toEqual([0, 1, 2, 3].map((n) => itemId(article(n).url)).sort());
    expect(list.status().localStoreError).toBeNull();
  });

  it('loses nothing when sync storage took the first keys of a write and refused the rest', async () => {
    const sync = createMemorySyncArea({ now: () => clock.now });
    const { list } = open(sync, 'laptop');
    await list.load();
    for (let n = 0; n < 30; n++) await list.save(article(n));
    const set = sync.set.bind(sync);
    sync.set = async (items) => {
      const [first, ...rest] = Object.entries(items);
      await set(Object.fromEntries([first!]));
      if (rest.length) throw new Error(QUOTA_MESSAGES.perMinute);
    };
    await list.flush();
    expect(list.status().lastError).toMatch(/MAX_WRITE_OPERATIONS_PER_MINUTE/);
    expect(list.status().pendingWrites).toBeGreaterThan(0);
    expect([...sync.data.keys()].filter((k) => k.startsWith('rl:'))).toHaveLength(1);
    sync.set = set;
    later();
    await list.flush();
    await settle();
    expect(list.status()).toMatchObject({ lastError: null, pendingWrites: 0 });
    // A fresh device finds all 30 in sync storage.
    const { list: fresh } = open(sync, 'tablet');
    await fresh.load();
    expect(idsOf(fresh)).toEqual(idsOf(list));
    expect(fresh.items()).toHaveLength(30);
  });
});
