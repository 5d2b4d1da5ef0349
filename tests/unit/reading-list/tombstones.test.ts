// Tombstones: kept in sync storage for 60 days, then collected; and the rule that stops a device that was away
// longer than that from bringing a deleted item back (see the top of core/reading-list/reading-list.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShard } from '../../../core/reading-list/sync-storage/codec.ts';
import { shardKey, shardOf } from '../../../core/reading-list/sync-storage/shard.ts';
import { ghostKey } from '../../../core/reading-list/crdt.ts';
import { TOMBSTONE_TTL_MS, type ReadingList } from '../../../core/reading-list/reading-list.ts';
import { SYNC_LIMITS, type NewItem } from '../../../core/reading-list/types.ts';
import { itemId } from '../../../core/reading-list/url.ts';
import { SyncNetwork, createLists, quiesce, settle } from '../../support/reading-list-sim.ts';

const DAY = 86_400_000;

function article(n: number): NewItem {
  return {
    url: `https://www.example.fr/politique/article/${n}-la-reforme-en-questions.html`,
    title: `La réforme en questions (${n})`,
    site: 'Exemple',
    lang: 'fr',
    excerpt: '',
  };
}
const idOf = (n: number) => itemId(article(n).url);

/** Article numbers whose items share one shard (garbage collection is per shard). */
function sameShard(count: number): number[] {
  const byShard = new Map<number, number[]>();
  for (let n = 0; ; n++) {
    const list = byShard.get(shardOf(idOf(n))) ?? [];
    list.push(n);
    byShard.set(shardOf(idOf(n)), list);
    if (list.length === count) return list;
  }
}

async function serverShard(network: SyncNetwork, n: number) {
  const value = network.server.get(shardKey(shardOf(idOf(n))))?.value;
  const decoded = await decodeShard(value);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded;
}

const ids = (list: ReadingList) => list.items().map((i) => i.id);

async function setup(devices = 2) {
  const network = new SyncNetwork(devices);
  const lists = createLists(network);
  for (const list of lists) await list.load();
  return { network, lists };
}

describe('tombstones', () => {
  it('stay in sync storage for 60 days, then the next write of their shard collects them', async () => {
    const [x, y, z] = sameShard(3) as [number, number, number];
    const { network, lists } = await setup();
    const [a, b] = lists as [ReadingList, ReadingList];
    await a.save(article(x));
    await a.save(article(y));
    expect(await quiesce(network, lists)).toBe(true);
    expect(ids(b)).toContain(idOf(x));

    await a.change(idOf(x), { field: 'deleted', value: true });
    const deletedAt = network.now;
    expect(await quiesce(network, lists)).toBe(true);
    expect(ids(b)).not.toContain(idOf(x));
    expect(b.item(idOf(x))?.deleted).toBe(true);
    let shard = await serverShard(network, x);
    expect(shard.records.find((r) => r.id === idOf(x))?.deleted?.value).toBe(true);

    // 59 days on, a write of the same shard keeps the tombstone.
    network.now = deletedAt + 59 * DAY;
    await b.change(idOf(y), { field: 'state', value: 'archived' });
    expect(await quiesce(network, lists)).toBe(true);
    shard = await serverShard(network, x);
    expect(shard.records.some((r) => r.id === idOf(x))).toBe(true);
    expect(shard.collected).toEqual({ floor: 0, ghosts: {} });

    // Past 60 days: the next flush collects it (here, with another change in the shard).
    network.now = deletedAt + TOMBSTONE_TTL_MS + DAY;
    await a.save(article(z));
    expect(await quiesce(network, lists)).toBe(true);
    shard = await serverShard(network, x);
    expect(shard.records.some((r) => r.id === idOf(x))).toBe(false);
    // What remains is a ghost: 8 characters of the id and the deletion's time, for another 60 days.
    const ghost = shard.collected.ghosts[ghostKey(idOf(x))];
    expect(ghost).toBeGreaterThanOrEqual(Math.floor(deletedAt / 1000));
    expect(ghost).toBeLessThan(Math.floor(deletedAt / 1000) + 5);
    for (const list of lists) {
      expect(list.item(idOf(x))).toBeNull();
      expect(ids(list).sort()).toEqual([idOf(y), idOf(z)].sort());
    }
  });

  it('are collected by the first flush after they expire, even with nothing else to write', async () => {
    const [x] = sameShard(1) as [number];
    const { network, lists } = await setup();
    await lists[0]!.save(article(x));
    await lists[0]!.change(idOf(x), { field: 'deleted', value: true });
    expect(await quiesce(network, lists)).toBe(true);
    network.now += TOMBSTONE_TTL_MS + DAY;
    expect(await quiesce(network, lists)).toBe(true);
    let shard = await serverShard(network, x);
    expect(shard.records).toEqual([]);
    expect(Object.keys(shard.collected.ghosts)).toEqual([ghostKey(idOf(x))]);
    // 120 days after the deletion the ghost goes too, into the shard's floor.
    network.now += 60 * DAY;
    expect(await quiesce(network, lists)).toBe(true);
    shard = await serverShard(network, x);
    expect(shard.collected.ghosts).toEqual({});
    expect(shard.collected.floor).toBeGreaterThan(0);
  });

  it('are kept 60 days after they reach sync storage, however old the deletion', async () => {
    // A deletes X while offline and stays offline 70 days: its tombstone is published late, and kept.
    const [x] = sameShard(1) as [number];
    const { network, lists } = await setup();
    const [a, b] = lists as [ReadingList, ReadingList];
    await a.save(article(x));
    expect(await quiesce(network, lists)).toBe(true);
    network.devices[0]!.offline = true;
    await a.change(idOf(x), { field: 'deleted', value: true });
    network.now += 70 * DAY;
    network.reconnect(network.devices[0]!);
    expect(await quiesce(network, lists)).toBe(true);
    expect(b.item(idOf(x))?.deleted).toBe(true);
    expect((await serverShard(network, x)).records.map((r) => r.id)).toEqual([idOf(x)]);
    network.now += 61 * DAY;
    expect(await quiesce(network, lists)).toBe(true);
    expect((await serverShard(network, x)).records).toEqual([]);
  });
});

describe('a device away longer than the tombstone lifetime', () => {
  async function awayScenario(receiveFirst: boolean) {
    const [x, y, w, v] = sameShard(4) as [number, number, number, number];
    const { network, lists } = await setup();
    const [a, b] = lists as [ReadingList, ReadingList];
    await a.save(article(x));
    await a.save(article(y));
    expect(await quiesce(network, lists)).toBe(true);
    expect(ids(b).sort()).toEqual([idOf(x), idOf(y)].sort());

    // B goes offline. A deletes X; then B, offline, reads X for a while and saves W and V.
    network.devices[1]!.offline = true;
    await a.change(idOf(x), { field: 'deleted', value: true });
    expect(await quiesce(network, lists)).toBe(true);
    network.now += 20 * DAY;
    await b.change(idOf(x), { field: 'progress', value: 0.4 });
    await b.save(article(w));
    await b.save(article(v));
    await b.change(idOf(v), { field: 'favourite', value: true });
    await b.flush(); // written to B's own copy of sync storage, sent when B is back

    // 70 days later A collects the tombstone.
    network.now += 50 * DAY;
    expect(await quiesce(network, lists)).toBe(true);
    expect((await serverShard(network, x)).records.some((r) => r.id === idOf(x))).toBe(false);
    expect((await serverShard(network, x)).collected.ghosts[ghostKey(idOf(x))]).toBeDefined();

    // B comes back: its offline writes reach the server (before or after it hears of the collection).
    network.reconnect(network.devices[1]!, receiveFirst);
    await settle();
    expect(await quiesce(network, lists)).toBe(true);
    return { network, lists, x, y, w, v };
  }

  for (const receiveFirst of [false, true]) {
    it(`does not bring a deleted item back (its offline writes land ${receiveFirst ? 'after' : 'before'} it hears)`, async () => {
      const { network, lists, x, y, w, v } = await awayScenario(receiveFirst);
      for (const list of lists) {
        expect(list.item(idOf(x)), 'deleted item back').toBeNull();
        // What B saved while away is kept and synced, with its changes.
        expect(ids(list).sort()).toEqual([idOf(y), idOf(w), idOf(v)].sort());
        expect(list.item(idOf(v))?.favourite).toBe(true);
        expect(list.status().localOnlyCount).toBe(0);
      }
      const shard = await serverShard(network, x);
      expect(shard.records.map((r) => r.id).sort()).toEqual([idOf(y), idOf(w), idOf(v)].sort());
    });
  }

  it('keeps an item it saved again after the deletion (a later save wins, collected or not)', async () => {
    const [x, y] = sameShard(2) as [number, number];
    const { network, lists } = await setup();
    const [a, b] = lists as [ReadingList, ReadingList];
    await a.save(article(x));
    await a.save(article(y));
    expect(await quiesce(network, lists)).toBe(true);
    network.devices[1]!.offline = true;
    await a.change(idOf(x), { field: 'deleted', value: true });
    expect(await quiesce(network, lists)).toBe(true);
    network.now += 10 * DAY;
    // B deletes it too, then saves it again: a new save, after A's deletion.
    await b.change(idOf(x), { field: 'deleted', value: true });
    await b.save(article(x));
    await b.flush();
    network.now += 70 * DAY;
    expect(await quiesce(network, lists)).toBe(true);
    network.reconnect(network.devices[1]!);
    expect(await quiesce(network, lists)).toBe(true);
    for (const list of lists) expect(ids(list).sort()).toEqual([idOf(x), idOf(y)].sort());
  });

  it('does not lose an item whose first write was overwritten before it went away', async () => {
    // A saves X, but B's concurrent write of the same key lands last; A goes away for 70 days while a deletion
    // of that key is collected. No ghost names X: its absence was not a deletion, and A writes it back.
    const [x, y, z] = sameShard(3) as [number, number, number];
    const { network, lists } = await setup();
    const [a, b] = lists as [ReadingList, ReadingList];
    await b.save(article(y));
    expect(await quiesce(network, lists)).toBe(true);
    await a.save(article(x));
    await a.flush();
    await b.save(article(z));
    await b.change(idOf(y), { field: 'deleted', value: true });
    await b.flush();
    network.upload(network.devices[0]!);
    network.upload(network.devices[1]!); // B's value of the key wins: X is not in it
    network.devices[0]!.offline = true;
    network.deliverAll();
    network.now += 70 * DAY;
    expect(await quiesce(network, lists)).toBe(true);
    expect(Object.keys((await serverShard(network, y)).collected.ghosts)).toEqual([ghostKey(idOf(y))]);
    network.reconnect(network.devices[0]!, true);
    expect(await quiesce(network, lists)).toBe(true);
    for (const list of lists) expect(ids(list).sort()).toEqual([idOf(x), idOf(z)].sort());
  });

  it('forgets what it saved on its own when the same article was saved and deleted elsewhere meanwhile', async () => {
    const [x, y] = sameShard(2) as [number, number];
    const { network, lists } = await setup();
    const [a, b] = lists as [ReadingList, ReadingList];
    network.devices[0]!.offline = true;
    await a.save(article(x)); // never reaches sync storage before A goes away
    network.now += DAY;
    await b.save(article(x));
    await b.save(article(y));
    network.now += DAY;
    await b.change(idOf(x), { field: 'deleted', value: true });
    expect(await quiesce(network, lists)).toBe(true);
    network.now += 70 * DAY;
    expect(await quiesce(network, lists)).toBe(true);
    network.reconnect(network.devices[0]!);
    expect(await quiesce(network, lists)).toBe(true);
    for (const list of lists) expect(ids(list)).toEqual([idOf(y)]);
  });

  async function quotaFullScenario(awayDays: number) {
    // Quota full: A leaves the oldest archived item X out of sync. A deletes Y, whose tombstone is collected.
    const [x, y, z] = sameShard(3) as [number, number, number];
    const network = new SyncNetwork(2, { ...SYNC_LIMITS, quotaBytes: 420, quotaBytesPerItem: 420 });
    const lists = createLists(network);
    for (const list of lists) await list.load();
    const [a, b] = lists as [ReadingList, ReadingList];
    await a.save(article(x));
    await a.change(idOf(x), { field: 'state', value: 'archived' });
    await a.save(article(y));
    expect(await quiesce(network, lists)).toBe(true);
    expect(ids(b).sort()).toEqual([idOf(x), idOf(y)].sort());
    network.devices[1]!.offline = true;
    network.now += DAY;
    await a.change(idOf(y), { field: 'deleted', value: true });
    for (const n of [z, z + 1000, z + 2000, z + 3000]) {
      await a.save(article(n));
      await a.change(idOf(n), { field: 'state', value: 'archived' }); // archived after X: X goes first
    }
    expect(await quiesce(network, lists)).toBe(true);
    expect(a.item(idOf(x))?.localOnly).toBe(true);
    network.now += 70 * DAY; // Y's tombstone is collected
    expect(await quiesce(network, lists)).toBe(true);
    network.now += (awayDays - 70) * DAY;
    expect(await quiesce(network, lists)).toBe(true);
    network.reconnect(network.devices[1]!, true);
    expect(await quiesce(network, lists)).toBe(true);
    return { network, lists, a, b, x, y };
  }

  it('away 70 days, quota full: drops what was deleted, keeps what was left out for room', async () => {
    const { b, x, y } = await quotaFullScenario(70);
    expect(b.item(idOf(y))).toBeNull();
    expect(b.item(idOf(x))?.localOnly).toBe(true);
    expect(b.item(idOf(x))?.deleted).toBe(false);
  });

  it('away 200 days, quota full: keeps, local-only and never written back, what it cannot tell apart', async () => {
    // Ghosts are gone: B cannot tell X (left out for room) from a deletion. With no room for X anyway, B keeps
    // it, marked local-only, as an orphan it never writes back. Y would have room: its absence is a deletion.
    const { network, b, x, y } = await quotaFullScenario(200);
    expect((await serverShard(network, x)).collected.ghosts).toEqual({});
    const kept = b.item(idOf(x));
    expect(kept?.deleted).toBe(false);
    expect(kept?.localOnly).toBe(true);
    expect(b.item(idOf(y))).toBeNull();
    expect((await serverShard(network, x)).records.some((r) => r.id === idOf(x))).toBe(false);
  });
});

describe('an import dated before a deletion', () => {
  // An import carries the date the reader first saved the article elsewhere, possibly years before a deletion
  // this list still remembers (a tombstone, a ghost, a floor). The import is a save made now: it must win.
  it.each([
    ['a tombstone', 1],
    ['a ghost', TOMBSTONE_TTL_MS / DAY + 1],
    ['a floor', 2 * (TOMBSTONE_TTL_MS / DAY) + 1],
  ])('is kept on every device against %s', async (_, days) => {
    const [x, y] = sameShard(2) as [number, number];
    const { network, lists } = await setup();
    const [a, b] = lists as [ReadingList, ReadingList];
    const firstSaved = network.now - 3 * 365 * DAY;
    await a.save(article(x));
    await a.change(idOf(x), { field: 'deleted', value: true });
    expect(await quiesce(network, lists)).toBe(true);
    network.now += days * DAY;
    await a.save(article(y)); // a write of the shard, so collection happens when due
    expect(await quiesce(network, lists)).toBe(true);

    await b.save({ ...article(x), addedAt: firstSaved });
    expect(await quiesce(network, lists)).toBe(true);
    for (const list of lists) {
      const item = list.item(idOf(x));
      expect(item?.deleted).toBe(false);
      expect(item?.addedAt).toBe(Math.floor(firstSaved / 1000) * 1000);
    }
    const shard = await serverShard(network, x);
    expect(shard.records.find((r) => r.id === idOf(x))?.meta?.value.added).toBe(Math.floor(firstSaved / 1000));
  });
});

describe('tombstones and devices away (property-based)', () => {
  type Op =
    | { kind: 'save' | 'delete' | 'archive'; device: number; article: number }
    | { kind: 'away' | 'back'; device: number }
    | { kind: 'days'; days: number }
    | { kind: 'sync' };

  it('never brings back an item deleted and not saved again; never loses one nobody deleted', async () => {
    const device = fc.nat(2);
    const art = fc.nat(7);
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('save' as const), device, article: art }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, article: art }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('archive' as const), device, article: art }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('away' as const, 'back' as const), device }) },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('days' as const), days: fc.integer({ min: 1, max: 80 }) }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30, size: 'max' }), async (ops) => {
        const network = new SyncNetwork(3);
        const lists = createLists(network);
        for (const list of lists) await list.load();
        // Per article: the last save and the last deletion anyone made (real time, one clock).
        const lastSave = new Map<number, number>();
        const lastDelete = new Map<number, number>();
        let elapsed = 0;
        for (const o of ops) {
          network.now += 1_000;
          switch (o.kind) {
            case 'save': {
              // Saving an item the device already shows changes nothing; anything else is a new save.
              const before = lists[o.device]!.item(idOf(o.article));
              await lists[o.device]!.save(article(o.article));
              if (!before || before.deleted) lastSave.set(o.article, network.now);
              break;
            }
            case 'delete': {
              const before = lists[o.device]!.item(idOf(o.article));
              await lists[o.device]!.change(idOf(o.article), { field: 'deleted', value: true });
              if (before && !before.deleted) lastDelete.set(o.article, network.now);
              break;
            }
            case 'archive':
              await lists[o.device]!.change(idOf(o.article), { field: 'state', value: 'archived' });
              break;
            case 'away':
              network.devices[o.device]!.offline = true;
              break;
            case 'back':
              if (network.devices[o.device]!.offline) network.reconnect(network.devices[o.device]!);
              break;
            case 'days': {
              // Within the 120 days of ghosts (beyond, see "away 200 days" above): at most 110 days in all.
              const days = Math.min(o.days, 110 - elapsed);
              elapsed += days;
              network.now += days * DAY;
              break;
            }
            case 'sync':
              await quiesce(network, lists, 3);
              break;
          }
          await settle(1);
        }
        for (const d of network.devices) if (d.offline) network.reconnect(d);
        expect(await quiesce(network, lists)).toBe(true);
        const views = lists.map((l) =>
          l
            .items()
            .map((i) => `${i.id}:${i.state}:${i.localOnly}`)
            .sort(),
        );
        for (const v of views.slice(1)) expect(v).toEqual(views[0]);
        for (let n = 0; n < 8; n++) {
          const saved = lastSave.get(n);
          if (saved === undefined) continue;
          const deleted = lastDelete.get(n);
          const shown = lists.map((l) => l.items().some((i) => i.id === idOf(n)));
          if (deleted === undefined || saved > deleted) expect(shown.every(Boolean), `article ${n} lost`).toBe(true);
          else expect(shown.some(Boolean), `article ${n} came back`).toBe(false);
        }
      }),
      { numRuns: Number(process.env.SAVED_RUNS ?? 400) },
    );
  }, 60_000);
});
