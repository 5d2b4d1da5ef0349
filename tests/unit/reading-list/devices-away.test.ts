// A device away longer than the tombstones' lifetime: it does not bring back what was deleted meanwhile, keeps what
// it saved or restored after the deletion, and, with sync storage full, keeps what it cannot tell apart (docs/sync.md).
import { describe, expect, it } from 'vitest';
import { ghostKey } from '../../../core/reading-list/crdt.ts';
import type { ReadingList } from '../../../core/reading-list/reading-list.ts';
import { SYNC_LIMITS } from '../../../core/reading-list/types.ts';
import { SyncNetwork, createLists, quiesce, settle } from '../../support/reading-list-sim.ts';
import { DAY, article, idOf, ids, loadedLists, sameShard, serverShard } from '../../support/tombstone-scenarios.ts';

describe('a device away longer than the tombstone lifetime', () => {
  async function awayScenario(receiveFirst: boolean) {
    const [x, y, w, v] = sameShard(4) as [number, number, number, number];
    const { network, lists } = await loadedLists();
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
    const { network, lists } = await loadedLists();
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
    const { network, lists } = await loadedLists();
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
    const { network, lists } = await loadedLists();
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
