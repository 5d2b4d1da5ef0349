// npm run bench:sync -- [--items N] [--runs N] [--seed N] [--out FILE]
// The reading list's sync storage: bytes per item, how many items fit in Chrome's storage.sync quota (printed as
// `items-in-sync-quota: N`), and the time to load and filter a 5,000-item list. Items are generated: French and
// English news URLs in each site's real pattern, titles from headline templates, states and tags as a reader
// would leave them (deterministic for a seed).
import { DEFAULT_SETTINGS } from '../core/reader/index.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  encodeV1,
  entryBytes,
  filterItems,
  searchTokens,
  SYNC_LIMITS,
  createReadingList,
  createMemoryLocalStore,
  createMemorySyncArea,
  RULES_SYNC_BUDGET,
  RULES_SYNC_KEY,
} from '../core/reading-list/index.ts';
import type { ItemRecord, ReadingList, LocalSnapshot, MemorySyncArea } from '../core/reading-list/index.ts';
import { realisticItems, type GeneratedItem } from './lib/realistic-items.ts';
import { median, round } from './lib/stats.ts';

export interface Filled {
  list: ReadingList;
  sync: MemorySyncArea;
  local: ReturnType<typeof createMemoryLocalStore>;
  clock: { now: number };
}

/** Two devices (laptop, phone) saving and changing the generated items through the engine, then one flush. */
export async function fill(items: GeneratedItem[], quotaBytes: number = SYNC_LIMITS.quotaBytes): Promise<Filled> {
  const clock = { now: Date.UTC(2025, 0, 1) };
  const now = () => clock.now;
  const limits = { ...SYNC_LIMITS, quotaBytes, maxWriteOperationsPerMinute: 1e9, maxWriteOperationsPerHour: 1e9 };
  const sync = createMemorySyncArea({ limits, now });
  // The reader settings that share the quota (about their real size).
  await sync.set({ readerSettings: DEFAULT_SETTINGS });
  const never = { set: () => 0, clear: () => undefined };
  const local = createMemoryLocalStore();
  // The room the product keeps for the site rules' key (platform/reading-list.ts).
  const reservedKeys = { [RULES_SYNC_KEY]: RULES_SYNC_BUDGET };
  const list = createReadingList({ deviceId: 'laptop-7f3a', local, sync, now, limits, timers: never, reservedKeys });
  const phone = createReadingList({
    deviceId: 'phone-19c2',
    local: createMemoryLocalStore(),
    sync,
    now,
    limits,
    timers: never,
    reservedKeys,
  });
  await list.load();
  await phone.load();
  const start = clock.now;
  const events: { at: number; run: () => Promise<unknown> }[] = [];
  items.forEach((g, i) => {
    const device = i % 3 === 0 ? phone : list;
    events.push({ at: g.savedAfter, run: () => device.save(g.item) });
    for (const c of g.changes) {
      const other = (i + c.after) % 2 ? phone : list;
      events.push({
        at: g.savedAfter + c.after,
        run: async () => {
          const saved = (await other.save(g.item)).id;
          return other.change(saved, c.change);
        },
      });
    }
  });
  events.sort((a, b) => a.at - b.at);
  let flushedAt = 0;
  for (const e of events) {
    clock.now = start + e.at * 1000;
    await e.run();
    if (e.at - flushedAt > 86_400 * 20) {
      await phone.flush();
      await list.flush();
      flushedAt = e.at;
    }
  }
  // Until neither device has anything left to write (a minute apart: past the write-rate spacing).
  for (let i = 0; i < 10 && (i < 2 || phone.status().pendingWrites || list.status().pendingWrites); i++) {
    clock.now += 60_000;
    await phone.flush();
    await list.flush();
  }
  phone.close();
  return { list, sync, local, clock };
}

async function main() {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '5000' },
      runs: { type: 'string', default: '7' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), 'results/sync.json') },
    },
  });
  const count = Number(values.items);
  const runs = Number(values.runs);
  const generated = realisticItems(count, Number(values.seed));

  // 1. Capacity: the full list through the engine, as two devices would leave it.
  let t0 = performance.now();
  const filled = await fill(generated);
  const fillMs = performance.now() - t0;
  const status = filled.list.status();
  const synced = status.itemCount - status.localOnlyCount;
  const ours = [...filled.sync.data].filter(([k]) => k.startsWith('rl:'));
  const ourBytes = ours.reduce((sum, [k, v]) => sum + entryBytes(k, v), 0);
  const largestKey = Math.max(...ours.map(([k, v]) => entryBytes(k, v)));
  const totalBytes = filled.sync.bytesInUse();

  // The first layout (one JSON object per item) for comparison, on the same records.
  const records = [...filled.local.data.records.values()] as ItemRecord[];
  const v1Bytes = entryBytes('rl:0', encodeV1({ collected: { floor: 0, ghosts: {} }, records })) / records.length;
  const v1Fit = Math.floor((SYNC_LIMITS.quotaBytes - 1024) / v1Bytes);

  // 2. Load: a device starting with the 5,000-item list in its local store and the shards in sync storage.
  const snapshot: LocalSnapshot = {
    version: filled.local.data.version,
    records: [...filled.local.data.records.values()],
    state: filled.local.data.state,
  };
  const syncData = Object.fromEntries(filled.sync.data);
  const loadTimes: number[] = [];
  let loaded: ReadingList | null = null;
  const later = () => filled.clock.now + 3_600_000; // an hour on: no write limit in the way
  for (let i = 0; i < runs; i++) {
    const local = createMemoryLocalStore(snapshot);
    const sync = createMemorySyncArea({ now: later });
    sync.data = new Map(Object.entries(syncData));
    const list = createReadingList({
      deviceId: 'laptop-7f3a',
      local,
      sync,
      now: later,
      timers: { set: () => 0, clear: () => undefined },
      reservedKeys: { [RULES_SYNC_KEY]: RULES_SYNC_BUDGET },
    });
    t0 = performance.now();
    await list.load();
    list.items();
    loadTimes.push(performance.now() - t0);
    loaded?.close();
    loaded = list;
  }
  // Flushes on the loaded list: read, merge, plan what fits (nothing to write): the first, then the next ones.
  t0 = performance.now();
  await loaded!.flush();
  const planMs = performance.now() - t0;
  const replans: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    await loaded!.flush();
    replans.push(performance.now() - t0);
  }

  // 3. Filter: typing in the search box, with and without the saved texts.
  const items = loaded!.items();
  const texts = new Map(generated.map((g, i) => [items[i]?.id ?? String(i), searchTokens(g.text)]));
  const textOf = (id: string) => texts.get(id);
  const queries = ['u', 'ukr', 'ukraine', 'réforme des', 'budget 2025', 'zzz'];
  const time = (fn: () => unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      fn();
      samples.push(performance.now() - s);
    }
    return median(samples);
  };
  const coldStart = performance.now();
  filterItems(items, { query: 'ukraine' });
  const filterColdMs = performance.now() - coldStart;
  const filterMs = time(() => queries.forEach((q) => filterItems(items, { query: q })));
  const filterTextMs = time(() => queries.forEach((q) => filterItems(items, { query: q }, textOf)));
  const filterStateMs = time(() => filterItems(items, { state: 'unread', favourite: true }));
  loaded!.close();
  filled.list.close();

  const result = {
    date: new Date().toISOString(),
    seed: Number(values.seed),
    items: count,
    quotaBytes: SYNC_LIMITS.quotaBytes,
    syncedItems: synced,
    localOnlyItems: status.localOnlyCount,
    bytesPerItem: round(ourBytes / Math.max(1, synced)),
    ourBytes,
    totalBytes,
    keys: ours.length,
    largestKeyBytes: largestKey,
    v1BytesPerItem: round(v1Bytes),
    v1ItemsInQuota: v1Fit,
    fillMs: Math.round(fillMs),
    loadMsMedian: round(median(loadTimes)),
    flushPlanMs: round(planMs),
    flushAgainMsMedian: round(median(replans)),
    filterColdMs: round(filterColdMs, 2),
    filterMsPerQuery: round(filterMs / queries.length, 2),
    filterWithTextMsPerQuery: round(filterTextMs / queries.length, 2),
    filterStateMs: round(filterStateMs, 2),
  };
  console.log(`items generated: ${count} (seed ${result.seed}), two devices, synced through the engine`);
  console.log(
    `sync storage: ${ourBytes} bytes in ${ours.length} keys (largest ${largestKey}), ${totalBytes} with the settings, of ${SYNC_LIMITS.quotaBytes}`,
  );
  console.log(
    `bytes per item in sync storage: ${result.bytesPerItem} (one JSON object per item: ${result.v1BytesPerItem})`,
  );
  console.log(`items-in-sync-quota: ${synced}`);
  console.log(`local-only (quota full): ${status.localOnlyCount}; one JSON object per item would fit ${v1Fit}`);
  console.log(`load ${count} items (local store + sync storage, merged): ${result.loadMsMedian} ms median of ${runs}`);
  console.log(
    `flush with nothing to write (read, merge, plan what fits): first ${result.flushPlanMs} ms, then ${result.flushAgainMsMedian} ms (median)`,
  );
  console.log(
    `filter ${count} items: ${result.filterMsPerQuery} ms per query, ${result.filterWithTextMsPerQuery} ms with saved texts, first query ${result.filterColdMs} ms (median of ${runs})`,
  );
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify(result, null, 1) + '\n');
  console.log(`written ${values.out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
