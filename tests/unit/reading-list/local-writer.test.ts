// The local store's writer: batches, order, and a store that refuses writes.
import { describe, expect, it } from 'vitest';
import {
  createMemoryLocalStore,
  emptyState,
  type LocalBatch,
  type LocalRecord,
  type LocalStore,
} from '../../../core/reading-list/local-store.ts';
import { createLocalWriter } from '../../../core/reading-list/list/local-writer.ts';
import { QUOTA_MESSAGES } from '../../../core/reading-list/sync-storage/memory-sync-area.ts';

const NOW = Date.UTC(2025, 5, 1);
const record = (id: string, title = id): LocalRecord => ({
  id,
  meta: {
    value: { url: `https://example.org/${id}`, title, site: null, lang: 'en', excerpt: '' },
    t: 1_748_000_000,
    d: 'abc123',
  },
});

/** A writer over `store`, with the list's records in `held` and timers the test fires by hand. */
function setup(store: LocalStore = createMemoryLocalStore()) {
  const held = new Map<string, LocalRecord>();
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const state = emptyState();
  let failureChanges = 0;
  const writer = createLocalWriter({
    store,
    state,
    current: (id) => held.get(id),
    timers: {
      set: (callback, ms) => timers.push({ callback, ms, cleared: false }) - 1,
      clear: (handle) => void (timers[handle as number]!.cleared = true),
    },
    now: () => NOW,
    onFailureChange: () => failureChanges++,
  });
  const put = (r: LocalRecord) => {
    held.set(r.id, r);
    writer.put(r);
  };
  const fire = async () => {
    for (const t of timers.splice(0)) if (!t.cleared) t.callback();
    await writer.persist();
  };
  return { writer, held, put, state, timers, fire, failureChanges: () => failureChanges };
}

/** A store that refuses writes while `refuse` is set, and records the batches it was given. */
function refusingStore() {
  const memory = createMemoryLocalStore();
  const batches: LocalBatch[] = [];
  const store = {
    memory,
    batches,
    refuse: true,
    load: () => memory.load(),
    write(batch: LocalBatch) {
      batches.push(batch);
      return store.refuse ? Promise.reject(new Error(QUOTA_MESSAGES.bytes)) : memory.write(batch);
    },
  };
  return store;
}

describe('the local writer', () => {
  it('writes what was gathered in one batch, and the bookkeeping only once it changed', async () => {
    const store = createMemoryLocalStore({ version: 1, records: [record('old')], state: null });
    const { writer, put, state } = setup(store);
    put(record('a'));
    put(record('b'));
    put(record('a', 'A, changed'));
    writer.remove('old');
    await writer.persist();
    expect(store.writes).toBe(1);
    expect([...store.data.records.keys()].sort()).toEqual(['a', 'b']);
    expect((store.data.records.get('a') as LocalRecord).meta?.value.title).toBe('A, changed');
    expect(store.data.state).toBeNull();

    state.writes.push(NOW);
    writer.stateChanged();
    await writer.persist();
    state.writes.push(NOW + 1); // written as it was
    expect(store.data.state).toEqual({ collected: {}, ghostSeen: {}, writes: [NOW] });
    await writer.persist(); // nothing new
    expect(store.writes).toBe(2);
  });

  it('writes batches in order, one at a time', async () => {
    const memory = createMemoryLocalStore();
    const started: string[][] = [];
    let release: () => void = () => undefined;
    const store: LocalStore = {
      load: () => memory.load(),
      async write(batch) {
        started.push(batch.put.map((r) => r.id));
        if (started.length === 1) await new Promise<void>((resolve) => (release = resolve));
        await memory.write(batch);
      },
    };
    const { writer, put } = setup(store);
    put(record('a'));
    const first = writer.persist();
    put(record('b'));
    const second = writer.persist();
    await Promise.resolve();
    expect(started).toEqual([['a']]); // the second waits for the first
    release();
    await Promise.all([first, second]);
    expect(started).toEqual([['a'], ['b']]);
    expect([...memory.data.records.keys()]).toEqual(['a', 'b']);
  });

  it('keeps a refused batch, says so, and writes it again by itself with a growing delay', async () => {
    const store = refusingStore();
    const { writer, put, timers, fire, failureChanges } = setup(store);
    put(record('a'));
    await writer.persist();
    expect(writer.failure()).toEqual({ message: `Local storage: ${QUOTA_MESSAGES.bytes}`, at: NOW });
    expect(failureChanges()).toBe(1);
    expect(timers.map((t) => t.ms)).toEqual([2_000]);
    await fire();
    expect(timers.map((t) => t.ms)).toEqual([4_000]);
    store.refuse = false;
    await fire();
    expect(store.memory.data.records.has('a')).toBe(true);
    expect(writer.failure()).toBeNull();
    expect(failureChanges()).toBe(3); // failed, failed again, cleared
    expect(timers).toEqual([]);
  });

  it('writes a refused batch again with what changed during the write, and without what was dropped', async () => {
    const memory = createMemoryLocalStore();
    const batches: LocalBatch[] = [];
    let refuse: (error: Error) => void = () => undefined;
    const store: LocalStore = {
      load: () => memory.load(),
      write(batch) {
        batches.push(batch);
        if (batches.length > 1) return memory.write(batch);
        return new Promise((_, reject) => (refuse = reject));
      },
    };
    const { writer, put, held } = setup(store);
    put(record('a'));
    put(record('gone'));
    writer.remove('old');
    writer.stateChanged();
    const refused = writer.persist();
    await Promise.resolve();
    expect(batches).toHaveLength(1);
    // While the store works: `a` changes, `gone` is forgotten, `old` comes back.
    put(record('a', 'A, newer'));
    held.delete('gone');
    writer.remove('gone');
    put(record('old'));
    refuse(new Error('IO error'));
    await refused;
    expect(writer.failure()?.message).toBe('Local storage: IO error');
    await writer.persist();
    const again = batches[1]!;
    expect(again.put.map((r) => [r.id, r.meta?.value.title])).toEqual([
      ['a', 'A, newer'],
      ['old', 'old'],
    ]);
    expect(again.remove).toEqual(['gone']);
    expect(again.state).toEqual(emptyState()); // the bookkeeping of the refused batch, written again
    expect(writer.failure()).toBeNull();
  });

  it('stops retrying by itself once closed', async () => {
    const store = refusingStore();
    const { writer, put, timers } = setup(store);
    put(record('a'));
    await writer.persist();
    writer.close();
    expect(timers.map((t) => t.cleared)).toEqual([true]);
    put(record('b'));
    await writer.persist();
    expect(timers).toHaveLength(1);
    expect(writer.failure()?.message).toMatch(/QUOTA_BYTES/);
  });
});
