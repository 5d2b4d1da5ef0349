// Property-based tests of the reading list's sync: 2 to 4 devices over a simulated storage.sync (quotas, write
// limits, per-key last write wins, late and reordered delivery), random saves, edits, deletions, injected quota
// errors and skewed clocks in any interleaving. After everything is delivered and every device has flushed
// until nothing more is written, all devices show the same synced list, it is what sync storage holds, and no
// item that nobody deleted is lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYNC_SITE_MAX, SYNC_TITLE_MAX, isDeleted } from '../../../core/reading-list/crdt.ts';
import { truncate } from '../../../core/util/index.ts';
import { decodeShard } from '../../../core/reading-list/sync-storage/codec.ts';
import { parseShardKey } from '../../../core/reading-list/sync-storage/shard.ts';
import type { ReadingList } from '../../../core/reading-list/reading-list.ts';
import { QUOTA_MESSAGES, type SyncLimits } from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import { SYNC_LIMITS, type ItemChange, type SavedItem } from '../../../core/reading-list/types.ts';
import { canonicalUrl, itemId } from '../../../core/reading-list/url.ts';
import { SyncNetwork, createLists, quiesce, settle } from '../../support/reading-list-sim.ts';

const SITES = ['www.lemonde.fr', 'www.theguardian.com', 'apnews.com'];
/** Articles the devices save: some addresses differ only by tracking parameters or a fragment. */
function article(n: number) {
  const site = SITES[n % SITES.length]!;
  const path = `/politique/article/2025/03/${10 + (n % 7)}/reforme-numero-${Math.floor(n / 2)}_${6_200_000 + n}.html`;
  const noise = n % 4 === 0 ? '?utm_source=twitter&fbclid=abc' : n % 4 === 1 ? '#comments' : '';
  return {
    url: `https://${site}${path}${noise}`,
    title: `Réforme n°${Math.floor(n / 2)} : ce qui change pour les ${n % 2 ? 'retraités' : 'étudiants'} (${'long title '.repeat(n % 5)})`,
    site: site === 'apnews.com' ? 'AP News' : site === 'www.lemonde.fr' ? 'Le Monde' : 'The Guardian',
    lang: n % 3 === 1 ? 'en' : 'fr',
    excerpt: `Extrait ${n}.`,
  };
}
const idOf = (n: number) => itemId(canonicalUrl(article(n).url));

type Op =
  | { kind: 'save'; device: number; article: number }
  | { kind: 'change'; device: number; article: number; change: ItemChange }
  | { kind: 'flush'; device: number }
  | { kind: 'upload'; device: number }
  | { kind: 'receive'; device: number; pick: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'fail'; device: number; message: string };

const change = fc.oneof(
  fc.constantFrom<ItemChange>({ field: 'state', value: 'archived' }, { field: 'state', value: 'unread' }),
  fc.boolean().map((value): ItemChange => ({ field: 'favourite', value })),
  fc.subarray(['à lire', 'climat', 'Tech', 'tech']).map((value): ItemChange => ({ field: 'tags', value })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((value): ItemChange => ({ field: 'progress', value })),
  fc.boolean().map((value): ItemChange => ({ field: 'deleted', value })),
);

function opArb(devices: number, articles: number): fc.Arbitrary<Op> {
  const device = fc.nat(devices - 1);
  const art = fc.nat(articles - 1);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('save' as const), device, article: art }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('change' as const), device, article: art, change }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('change' as const),
        device,
        article: art,
        change: fc.constant<ItemChange>({ field: 'deleted', value: true }),
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('flush' as const), device }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('upload' as const), device }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('receive' as const),
        device,
        pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 90_000 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('fail' as const),
        device,
        message: fc.constantFrom(...Object.values(QUOTA_MESSAGES), 'Network error'),
      }),
    },
  );
}

interface Scenario {
  devices: number;
  skews: number[];
  ops: Op[];
}

function scenarioArb(articles: number, maxOps: number): fc.Arbitrary<Scenario> {
  return fc.integer({ min: 2, max: 4 }).chain((devices) =>
    fc.record({
      devices: fc.constant(devices),
      // Clocks up to an hour apart.
      skews: fc.array(fc.integer({ min: -3_600_000, max: 3_600_000 }), { minLength: devices, maxLength: devices }),
      ops: fc.array(opArb(devices, articles), { minLength: Math.floor(maxOps / 3), maxLength: maxOps, size: 'max' }),
    }),
  );
}

/** What every device must agree on for a synced item (titles and site names as sync storage carries them). */
function comparable(item: SavedItem) {
  return {
    url: item.url,
    title: truncate(item.title, SYNC_TITLE_MAX),
    site: item.site === null ? null : truncate(item.site, SYNC_SITE_MAX),
    lang: item.lang,
    addedAt: item.addedAt,
    state: item.state,
    favourite: item.favourite,
    tags: item.tags,
    progress: item.progress,
  };
}

function syncedView(list: ReadingList) {
  return Object.fromEntries(
    list
      .items()
      .filter((i) => !i.localOnly)
      .map((i) => [i.id, comparable(i)]),
  );
}

async function serverView(network: SyncNetwork) {
  const out: Record<string, ReturnType<typeof comparable>> = {};
  for (const [key, { value }] of network.server) {
    if (parseShardKey(key) === null) continue;
    const decoded = await decodeShard(value);
    if (!decoded.ok) throw new Error(decoded.message);
    for (const r of decoded.records) {
      if (!r.meta || isDeleted(r)) continue;
      const m = r.meta.value;
      out[r.id] = {
        url: m.url,
        title: m.title,
        site: m.site,
        lang: m.lang,
        addedAt: r.meta.t * 1000,
        state: r.state?.value ?? 'unread',
        favourite: r.favourite?.value ?? false,
        tags: r.tags?.value ?? [],
        progress: r.progress?.value ?? 0,
      };
    }
  }
  return out;
}

async function run(scenario: Scenario, limits: SyncLimits, compress: boolean) {
  const network = new SyncNetwork(scenario.devices, limits);
  const lists = createLists(network, { skews: scenario.skews, compress });
  for (const list of lists) await list.load();
  const saved = new Set<string>();
  const deleted = new Set<string>();

  for (const op of scenario.ops) {
    network.now += 1_000;
    switch (op.kind) {
      case 'save': {
        const item = await lists[op.device]!.save(article(op.article));
        expect(item.id).toBe(idOf(op.article));
        saved.add(item.id);
        break;
      }
      case 'change': {
        const result = await lists[op.device]!.change(idOf(op.article), op.change);
        if (result?.deleted) deleted.add(result.id);
        break;
      }
      case 'flush':
        await lists[op.device]!.flush();
        break;
      case 'upload':
        network.upload(network.devices[op.device]!);
        break;
      case 'receive': {
        const device = network.devices[op.device]!;
        device.receive(Math.floor(op.pick * device.down.length));
        break;
      }
      case 'tick':
        network.now += op.ms;
        break;
      case 'fail':
        network.devices[op.device]!.failNext = op.message;
        break;
    }
    await settle(1);
  }

  // Deliver everything; flush every device until a whole round writes nothing.
  expect(await quiesce(network, lists), 'devices keep writing').toBe(true);

  const views = lists.map(syncedView);
  for (const view of views.slice(1)) expect(view).toEqual(views[0]);
  expect(views[0]).toEqual(await serverView(network));
  for (const list of lists) {
    expect(list.status().pendingWrites).toBe(0);
    expect(list.status().lastError).toBeNull();
  }
  // No item that nobody deleted is lost: each is on some device (synced, or local-only where the quota is full).
  const anywhere = new Set(lists.flatMap((l) => l.items().map((i) => i.id)));
  for (const id of saved) if (!deleted.has(id)) expect(anywhere.has(id), `item ${id} lost`).toBe(true);
  for (const list of lists) list.close();
  return { lists, saved, deleted };
}

const TIGHT: SyncLimits = {
  ...SYNC_LIMITS,
  quotaBytes: 700,
  quotaBytesPerItem: 450,
  maxWriteOperationsPerMinute: 4,
  maxWriteOperationsPerHour: 40,
};

describe('reading list sync: convergence (property-based)', () => {
  it('converges with room to spare: every device shows every item, nothing local-only', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(10, 40), async (scenario) => {
        const { lists, saved, deleted } = await run(scenario, SYNC_LIMITS, false);
        for (const list of lists) {
          expect(list.status().localOnlyCount).toBe(0);
          const ids = new Set(list.items().map((i) => i.id));
          for (const id of saved) if (!deleted.has(id)) expect(ids.has(id)).toBe(true);
        }
      }),
      { numRuns: Number(process.env.SAVED_RUNS ?? 1_000) },
    );
  }, 60_000);

  it('converges when the quota is full and writes are rate-limited: synced items agree, none lost', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(14, 50), async (scenario) => {
        await run(scenario, TIGHT, false);
      }),
      { numRuns: Number(process.env.SAVED_RUNS ?? 800) },
    );
  }, 60_000);

  it('converges with deflated shards', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(8, 30), async (scenario) => {
        await run(scenario, { ...TIGHT, quotaBytes: 520, quotaBytesPerItem: 300 }, true);
      }),
      { numRuns: Number(process.env.SAVED_RUNS ?? 250) },
    );
  }, 60_000);
});
