// Writes that fail: a local store that refuses a batch or fails half way through it, and sync storage that takes
// the first keys of a write and refuses the rest. Nothing is lost; the list says so meanwhile.
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLocalStore, type LocalStore } from '../../../core/reading-list/local-store.ts';
import { QUOTA_MESSAGES, createMemorySyncArea } from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import { itemId } from '../../../core/reading-list/url.ts';
import { NOW, article, clock, idsOf, later, open, resetClock } from '../../support/broken-storage.ts';
import { settle } from '../../support/reading-list-sim.ts';

beforeEach(resetClock);

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
