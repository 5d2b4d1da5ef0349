// What happens to an item's highlights when the item is deleted: kept while an undo or a re-save can bring the
// item back (a day, as its offline copy), gone once it is deleted for good or its tombstone is collected.
import { describe, expect, it } from 'vitest';
import {
  KEEP_DELETED_MS,
  TOMBSTONE_TTL_MS,
  deletedForGood,
  itemsToForget,
  type SavedItem,
} from '../../../core/reading-list/index.ts';
import { createLists, quiesce, SyncNetwork } from '../../support/reading-list-sim.ts';
import { DAY, article, idOf, sameShard } from '../../support/tombstone-scenarios.ts';

const NOW = 1_800_000_000_000;
const item = (id: string, deleted: boolean, updatedAt: number) => ({ id, deleted, updatedAt }) as SavedItem;

describe('highlights of deleted items', () => {
  it('are kept for an undo, then deleted for good; those of an unknown item are kept', () => {
    expect(deletedForGood(item('a', true, NOW - KEEP_DELETED_MS - 1), NOW)).toBe(true);
    expect(deletedForGood(item('a', true, NOW - 60_000), NOW)).toBe(false); // Undo still offered
    expect(deletedForGood(item('a', false, NOW - 90 * DAY), NOW)).toBe(false); // deleted, then undone
    expect(deletedForGood(null, NOW)).toBe(false); // not arrived yet, maybe
    const items = new Map([
      ['old', item('old', true, NOW - 2 * DAY)],
      ['recent', item('recent', true, NOW - 3_600_000)],
      ['undone', item('undone', false, NOW - 2 * DAY)],
    ]);
    const highlighted = ['old', 'recent', 'old', 'undone', 'unknown'];
    expect(itemsToForget(highlighted, (id) => items.get(id) ?? null, NOW)).toEqual(['old']);
  });

  it('the list says when it forgets an item (its tombstone collected), on every device, and never before', async () => {
    const [x, y] = sameShard(2) as [number, number];
    const network = new SyncNetwork(2);
    const forgotten: string[] = [];
    const lists = createLists(network, { onForget: (device, id) => forgotten.push(`${device}:${id}`) });
    for (const list of lists) await list.load();
    const [a, b] = lists as [(typeof lists)[0], (typeof lists)[0]];
    await a.save(article(x));
    await a.save(article(y));
    expect(await quiesce(network, lists)).toBe(true);
    // Deleted, then undone on the other device: nothing forgotten.
    await a.change(idOf(y), { field: 'deleted', value: true });
    expect(await quiesce(network, lists)).toBe(true);
    await b.change(idOf(y), { field: 'deleted', value: false });
    await a.change(idOf(x), { field: 'deleted', value: true });
    expect(await quiesce(network, lists)).toBe(true);
    expect(forgotten).toEqual([]);
    expect(a.item(idOf(y))?.deleted).toBe(false);

    network.now += TOMBSTONE_TTL_MS + DAY;
    expect(await quiesce(network, lists)).toBe(true);
    expect(a.item(idOf(x))).toBeNull();
    expect(forgotten.sort()).toEqual([`0:${idOf(x)}`, `1:${idOf(x)}`]);
  });
});
