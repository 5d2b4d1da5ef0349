// Scenarios of the reading list's deletions across simulated devices: articles whose items share a shard (collection
// is per shard), what the sync server holds, and lists loaded on a network (tombstones, devices-away and
// tombstones-property tests).
import { decodeShard } from '../../core/reading-list/sync-storage/codec.ts';
import { shardKey, shardOf } from '../../core/reading-list/sync-storage/shard.ts';
import { itemId, type NewItem, type ReadingList } from '../../core/reading-list/index.ts';
import { SyncNetwork, createLists } from './reading-list-sim.ts';

export const DAY = 86_400_000;

export function article(n: number): NewItem {
  return {
    url: `https://www.example.fr/politique/article/${n}-la-reforme-en-questions.html`,
    title: `La réforme en questions (${n})`,
    site: 'Exemple',
    lang: 'fr',
    excerpt: '',
  };
}
export const idOf = (n: number) => itemId(article(n).url);

/** Article numbers whose items share one shard (garbage collection is per shard). */
export function sameShard(count: number): number[] {
  const byShard = new Map<number, number[]>();
  for (let n = 0; ; n++) {
    const list = byShard.get(shardOf(idOf(n))) ?? [];
    list.push(n);
    byShard.set(shardOf(idOf(n)), list);
    if (list.length === count) return list;
  }
}

/** The shard of article n as the sync server holds it. */
export async function serverShard(network: SyncNetwork, n: number) {
  const value = network.server.get(shardKey(shardOf(idOf(n))))?.value;
  const decoded = await decodeShard(value);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded;
}

export const ids = (list: ReadingList) => list.items().map((i) => i.id);

/** `devices` lists on one simulated network, loaded. */
export async function loadedLists(devices = 2) {
  const network = new SyncNetwork(devices);
  const lists = createLists(network);
  for (const list of lists) await list.load();
  return { network, lists };
}
