// The reading list engine on one or two devices: saving, changing, the local store, batching, the write limits,
// quota errors and a full quota.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeShard } from '../../../core/reading-list/sync-storage/codec.ts';
import { createReadingList, type ReadingListOptions } from '../../../core/reading-list/reading-list.ts';
import { createMemoryLocalStore, type LocalStore } from '../../../core/reading-list/local-store.ts';
import {
  QUOTA_MESSAGES,
  createMemorySyncArea,
  type MemorySyncArea,
} from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import { SYNC_LIMITS, type NewItem } from '../../../core/reading-list/types.ts';
import { itemId } from '../../../core/reading-list/url.ts';

const never = { set: () => 0, clear: () => undefined };

function article(n: number, extra: Partial<NewItem> = {}): NewItem {
  return {
    url: `https://www.lemonde.fr/politique/article/2025/03/10/article-${n}_${6_200_000 + n}_823448.html`,
    title: `Article numéro ${n}`,
    site: 'Le Monde',
    lang: 'fr',
    excerpt: `Le début de l’article ${n}.`,
    ...extra,
  };
}

function setup(options: Partial<ReadingListOptions> = {}) {
  const clock = { now: Date.UTC(2025, 5, 1) };
  const sync = (options.sync as MemorySyncArea | undefined) ?? createMemorySyncArea({ now: () => clock.now });
  const local = (options.local as ReturnType<typeof createMemoryLocalStore> | undefined) ?? createMemoryLocalStore();
  const list = createReadingList({
    deviceId: 'laptop',
    local,
    sync,
    now: () => clock.now,
    timers: never,
    compress: false,
    ...options,
  });
  return { list, sync, local, clock };
}

const shardValues = (sync: MemorySyncArea) => [...sync.data].filter(([k]) => k.startsWith('rl:'));

afterEach(() => {
  vi.useRealTimers();
});

describe('saving and changing', () => {
  it('saves once per article, whatever the address it was saved from', async () => {
    const { list, clock } = setup();
    await list.load();
    const first = await list.save(article(1, { url: article(1).url + '?utm_source=twitter#top' }));
    clock.now += 60_000;
    const again = await list.save(article(1, { title: 'Another title' }));
    const amp = await list.save(
      article(1, { url: 'https://www.lemonde.fr/amp/politique/article-1.html', canonicalUrl: article(1).url }),
    );
    expect(again).toBe(first);
    expect(amp).toBe(first);
    expect(list.items()).toHaveLength(1);
    expect(first).toMatchObject({
      id: itemId(article(1).url),
      url: article(1).url,
      title: 'Article numéro 1',
      site: 'Le Monde',
      lang: 'fr',
      excerpt: 'Le début de l’article 1.',
      addedAt: Date.UTC(2025, 5, 1),
      state: 'unread',
      favourite: false,
      tags: [],
      progress: 0,
      deleted: false,
      localOnly: false,
    });
  });

  it('lists newest first and keeps item objects until they change', async () => {
    const { list, clock } = setup();
    await list.load();
    for (let n = 1; n <= 3; n++) {
      await list.save(article(n));
      clock.now += 1_000;
    }
    const before = list.items();
    expect(before.map((i) => i.title)).toEqual(['Article numéro 3', 'Article numéro 2', 'Article numéro 1']);
    await list.change(before[1]!.id, { field: 'favourite', value: true });
    const after = list.items();
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]?.favourite).toBe(true);
  });

  it('changes state, favourite, tags and progress; no-op changes change nothing', async () => {
    const { list, clock, local } = setup();
    await list.load();
    const { id } = await list.save(article(1));
    clock.now += 5_000;
    expect(await list.change(id, { field: 'state', value: 'archived' })).toMatchObject({ state: 'archived' });
    expect(await list.change(id, { field: 'tags', value: [' Climat ', 'climat', 'à lire'] })).toMatchObject({
      tags: ['à lire', 'Climat'].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    });
    expect(await list.change(id, { field: 'progress', value: 0.123456 })).toMatchObject({ progress: 0.123 });
    const item = await list.change(id, { field: 'favourite', value: true });
    expect(item).toMatchObject({ favourite: true, updatedAt: clock.now });
    const writes = local.writes;
    expect(await list.change(id, { field: 'favourite', value: true })).toBe(item);
    expect(local.writes).toBe(writes);
    expect(await list.change('0000000000000', { field: 'favourite', value: true })).toBeNull();
  });

  it('deletes with undo; saving a deleted article again brings it back unread', async () => {
    const { list, clock } = setup();
    await list.load();
    const { id } = await list.save(article(1));
    await list.change(id, { field: 'progress', value: 0.8 });
    await list.change(id, { field: 'state', value: 'archived' });
    await list.change(id, { field: 'deleted', value: true });
    expect(list.items()).toEqual([]);
    expect(list.item(id)?.deleted).toBe(true);
    await list.change(id, { field: 'deleted', value: false });
    expect(list.items().map((i) => i.id)).toEqual([id]);
    await list.change(id, { field: 'deleted', value: true });
    clock.now += 3_600_000;
    const back = await list.save(article(1));
    expect(back).toMatchObject({ deleted: false, state: 'unread', progress: 0, addedAt: clock.now });
  });

  it('tells subscribers, once per batch', async () => {
    const { list } = setup();
    await list.load();
    const calls: number[] = [];
    const stop = list.subscribe(() => calls.push(list.items().length));
    await list.save(article(1));
    await list.save(article(2));
    await Promise.resolve();
    expect(calls.at(-1)).toBe(2);
    stop();
    const count = calls.length;
    await list.save(article(3));
    await Promise.resolve();
    expect(calls).toHaveLength(count);
  });

  it('refuses to work before load()', async () => {
    const { list } = setup();
    await expect(list.save(article(1))).rejects.toThrow(/load/);
  });
});

describe('the local store', () => {
  it('keeps everything across restarts, full titles and excerpts included', async () => {
    const local = createMemoryLocalStore();
    const sync = createMemorySyncArea();
    const first = setup({ local, sync });
    await first.list.load();
    const long = 'Un titre très long '.repeat(8).trim();
    const { id } = await first.list.save(article(1, { title: long }));
    await first.list.change(id, { field: 'tags', value: ['x'] });
    await first.list.flush();
    first.list.close();
    const second = setup({ local, sync });
    await second.list.load();
    expect(second.list.items()).toEqual(first.list.items());
    expect(second.list.items()[0]?.title).toBe(long);
    // Sync storage only has a shortened title; the device that saved it keeps the whole one.
    const [[, value]] = shardValues(sync) as [[string, unknown]];
    const decoded = await decodeShard(value);
    expect(decoded.ok && decoded.records[0]?.meta?.value.title.length).toBeLessThan(70);
  });

  it('says when the local store fails, and tries again with the next change', async () => {
    let fail = true;
    const memory = createMemoryLocalStore();
    const local: LocalStore = {
      load: () => memory.load(),
      write: (batch) => (fail ? Promise.reject(new Error('disk full')) : memory.write(batch)),
    };
    const { list } = setup({ local });
    await list.load();
    await list.save(article(1));
    expect(list.status().lastError).toBe('Local storage: disk full');
    fail = false;
    await list.save(article(2));
    expect(list.status().lastError).toBeNull();
    expect(memory.data.records.size).toBe(2);
  });

  it('keeps a copy of data written by a newer version before writing anything, then uses what it can read', async () => {
    const record = { id: itemId(article(1).url), meta: { value: { ...article(1), excerpt: '' }, t: 1.7e9, d: 'x' } };
    const stored = { version: 99, records: [record, { id: 'zz', future: 'format' }], state: { next: 'layout' } };
    const local = createMemoryLocalStore(stored);
    const { list } = setup({ local });
    await list.load();
    expect(list.items().map((i) => i.title)).toEqual(['Article numéro 1']);
    expect(list.status()).toMatchObject({ localFromOtherVersion: true, keptCopies: 1 });
    expect(local.data.kept).toMatchObject([{ source: 'local:all', reason: 'newer', value: stored }]);
  });

  it('refuses to load, writing nothing, when data it cannot read cannot be kept aside', async () => {
    const memory = createMemoryLocalStore({ version: 99, records: [], state: null });
    const local: LocalStore = { load: () => memory.load(), write: (batch) => memory.write(batch) };
    const { list } = setup({ local });
    await expect(list.load()).rejects.toThrow(/cannot keep a copy/);
    expect(memory.writes).toBe(0);
  });
});

describe('writing to sync storage', () => {
  it('batches changes into one write per flush, after the debounce', async () => {
    vi.useFakeTimers({ now: Date.UTC(2025, 5, 1) });
    const sync = createMemorySyncArea();
    const list = createReadingList({ deviceId: 'laptop', local: createMemoryLocalStore(), sync, compress: false });
    await list.load();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sync.writes).toHaveLength(0); // nothing to write
    for (let n = 0; n < 20; n++) await list.save(article(n));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sync.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sync.writes).toHaveLength(1);
    expect(shardValues(sync).length).toBeGreaterThan(5);
    expect(list.status()).toMatchObject({ pendingWrites: 0, lastError: null });
    list.close();
  });

  it('spaces writes to stay under the per-minute and per-hour limits', async () => {
    const limits = { ...SYNC_LIMITS, maxWriteOperationsPerMinute: 3, maxWriteOperationsPerHour: 10 };
    const { list, sync, clock } = setup({ limits });
    await list.load();
    for (let n = 0; n < 12; n++) {
      await list.save(article(n));
      await list.flush();
      clock.now += 1_000;
    }
    // Never more than 90% of a limit, and the area never refused a write.
    const inMinute = (t: number) => sync.writes.filter((w) => w > t - 60_000 && w <= t).length;
    for (const w of sync.writes) expect(inMinute(w)).toBeLessThanOrEqual(2);
    expect(list.status().lastError).toBeNull();
    expect(list.status().pendingWrites).toBe(1);
    expect(list.status().nextAttemptAt).toBeGreaterThan(clock.now);
    clock.now += 3_600_000;
    await list.flush();
    expect(list.status().pendingWrites).toBe(0);
    expect(sync.writes.length).toBeLessThanOrEqual(9);
  });

  it('retries a write refused for quota, with backoff, and says so meanwhile', async () => {
    const { list, sync, clock } = setup();
    await list.load();
    await list.save(article(1));
    const set = sync.set.bind(sync);
    sync.set = () => Promise.reject(new Error(QUOTA_MESSAGES.bytes));
    await list.flush();
    expect(list.status().lastError).toMatch(/QUOTA_BYTES/);
    const retryAt = list.status().nextAttemptAt!;
    expect(retryAt).toBeGreaterThan(clock.now);
    sync.set = set;
    await list.flush(); // too early: waits for the backoff
    expect(shardValues(sync)).toHaveLength(0);
    clock.now = retryAt;
    await list.flush();
    expect(shardValues(sync)).toHaveLength(1);
    expect(list.status().lastError).toBeNull();
  });

  it('waits at least ten minutes after the hourly limit was hit', async () => {
    const { list, sync, clock } = setup();
    await list.load();
    await list.save(article(1));
    sync.set = () => Promise.reject(new Error(QUOTA_MESSAGES.perHour));
    await list.flush();
    expect(list.status().nextAttemptAt! - clock.now).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it('counts the other keys of sync storage (reader settings) in the quota', async () => {
    const limits = { ...SYNC_LIMITS, quotaBytes: 3_000 };
    const sync = createMemorySyncArea({ limits });
    await sync.set({ readerSettings: { theme: 'x'.repeat(1_500) } });
    const { list } = setup({ sync, limits, reserveBytes: 0 });
    await list.load();
    for (let n = 0; n < 30; n++) await list.save(article(n));
    await list.flush();
    expect(sync.bytesInUse()).toBeLessThanOrEqual(3_000);
    expect(list.status().localOnlyCount).toBeGreaterThan(0);
    expect(list.status().lastError).toBeNull();
  });
});

describe('a full quota', () => {
  it('moves the oldest archived items to this device only, visibly, and brings them back when there is room', async () => {
    const limits = { ...SYNC_LIMITS, quotaBytes: 2_500 };
    const { list, sync, clock } = setup({ limits, sync: createMemorySyncArea({ limits }), reserveBytes: 0 });
    await list.load();
    const ids: string[] = [];
    for (let n = 0; n < 30; n++) {
      ids.push((await list.save(article(n))).id);
      clock.now += 60_000;
    }
    for (const id of ids.slice(0, 20)) {
      await list.change(id, { field: 'state', value: 'archived' }); // archived oldest first
      clock.now += 60_000;
    }
    await list.flush();
    const status = list.status();
    expect(status.localOnlyCount).toBeGreaterThan(0);
    expect(status.itemCount).toBe(30);
    expect(status.lastError).toBeNull();
    expect(sync.bytesInUse()).toBeLessThanOrEqual(2_500);
    const localOnly = list
      .items()
      .filter((i) => i.localOnly)
      .map((i) => i.id);
    // The oldest archived go first; every unread item is still synced.
    expect(localOnly).toEqual(expect.arrayContaining(ids.slice(0, localOnly.length)));
    for (const i of list.items()) if (i.state === 'unread') expect(i.localOnly).toBe(false);

    // Deleting items makes room: the local-only ones come back once the tombstones are collected.
    for (const id of ids.slice(12)) await list.change(id, { field: 'deleted', value: true });
    clock.now += 3_600_000;
    await list.flush();
    clock.now += 62 * 86_400_000;
    await list.flush();
    clock.now += 3_600_000;
    await list.flush();
    expect(list.status().localOnlyCount).toBe(0);
    expect(list.items()).toHaveLength(12);
  });

  it('keeps an item whose address is too long to sync, on this device', async () => {
    const { list, sync } = setup();
    await list.load();
    const item = await list.save(article(1, { url: 'https://example.com/?q=' + 'x'.repeat(3_000) }));
    await list.flush();
    expect(list.item(item.id)?.localOnly).toBe(true);
    expect(shardValues(sync)).toHaveLength(0);
  });
});

describe('two devices', () => {
  it('see each other’s saves and changes live, merged field by field', async () => {
    const sync = createMemorySyncArea();
    const a = setup({ sync, deviceId: 'laptop' });
    const b = setup({ sync, deviceId: 'phone' });
    b.clock.now = a.clock.now;
    await a.list.load();
    await b.list.load();
    const { id } = await a.list.save(article(1));
    await a.list.flush();
    await new Promise((resolve) => setImmediate(resolve));
    await b.list.flush();
    expect(b.list.items().map((i) => i.id)).toEqual([id]);
    expect(b.list.items()[0]?.excerpt).toBe(''); // excerpts stay on the device that saved
    a.clock.now += 10_000;
    b.clock.now += 11_000;
    await a.list.change(id, { field: 'state', value: 'archived' });
    await b.list.change(id, { field: 'progress', value: 0.5 });
    await a.list.flush();
    await b.list.flush();
    a.clock.now += 10_000;
    await a.list.flush();
    for (const { list } of [a, b]) expect(list.items()[0]).toMatchObject({ state: 'archived', progress: 0.5 });
  });

  it('a change made after seeing another device’s wins, even with a clock behind', async () => {
    const sync = createMemorySyncArea();
    const a = setup({ sync, deviceId: 'laptop' });
    const b = setup({ sync, deviceId: 'phone' });
    b.clock.now = a.clock.now - 3_600_000; // an hour behind
    await a.list.load();
    await b.list.load();
    const { id } = await a.list.save(article(1));
    await a.list.change(id, { field: 'state', value: 'archived' });
    await a.list.flush();
    await b.list.flush();
    expect(b.list.item(id)?.state).toBe('archived');
    await b.list.change(id, { field: 'state', value: 'unread' });
    await b.list.flush();
    a.clock.now += 10_000;
    await a.list.flush();
    expect(a.list.item(id)).toMatchObject({ state: 'unread', deleted: false });
    b.clock.now += 10_000;
    await b.list.change(id, { field: 'deleted', value: true });
    await b.list.flush();
    await a.list.flush(); // merges what arrived (nothing to write)
    expect(a.list.item(id)?.deleted).toBe(true);
  });
});
