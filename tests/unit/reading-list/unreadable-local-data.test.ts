// A local store holding what this version cannot read: garbage records, records it can read only in part,
// unreadable bookkeeping, a store written by a newer version. The list uses what it can read, keeps a copy of the
// rest before writing anything, and says so.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_KEPT_COPIES,
  createMemoryLocalStore,
  migrateLocal,
  type KeptCopy,
  type LocalStore,
} from '../../../core/reading-list/local-store.ts';
import { createMemorySyncArea } from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import { itemId } from '../../../core/reading-list/url.ts';
import { NOW, article, open, resetClock } from '../../support/broken-storage.ts';

beforeEach(resetClock);

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
