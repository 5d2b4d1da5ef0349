// Tombstones: kept in sync storage for 60 days (from the deletion, and from when it reached sync storage), then
// collected into a ghost and later a floor (docs/sync.md); an import dated before a deletion still wins.
import { describe, expect, it } from 'vitest';
import { ghostKey } from '../../../core/reading-list/crdt.ts';
import { TOMBSTONE_TTL_MS, type ReadingList } from '../../../core/reading-list/reading-list.ts';
import { quiesce } from '../../support/reading-list-sim.ts';
import { DAY, article, idOf, ids, loadedLists, sameShard, serverShard } from '../../support/tombstone-scenarios.ts';

describe('tombstones', () => {
  it('stay in sync storage for 60 days, then the next write of their shard collects them', async () => {
    const [x, y, z] = sameShard(3) as [number, number, number];
    const { network, lists } = await loadedLists();
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
    const { network, lists } = await loadedLists();
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
    const { network, lists } = await loadedLists();
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

describe('an import dated before a deletion', () => {
  // An import carries the date the reader first saved the article elsewhere, possibly years before a deletion
  // this list still remembers (a tombstone, a ghost, a floor). The import is a save made now: it must win.
  it.each([
    ['a tombstone', 1],
    ['a ghost', TOMBSTONE_TTL_MS / DAY + 1],
    ['a floor', 2 * (TOMBSTONE_TTL_MS / DAY) + 1],
  ])('is kept on every device against %s', async (_, days) => {
    const [x, y] = sameShard(2) as [number, number];
    const { network, lists } = await loadedLists();
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
