// Blocks the reader hid "only here": per article, on this device (storage.local, one key). A block is known by
// its tag and the start of its text, which stay the same from one extraction of the article to the next.
import { browser } from 'wxt/browser';

export const HIDDEN_BLOCKS_KEY = 'hiddenBlocks';
/** Articles kept; the oldest go first (each entry is a few hundred bytes). */
const MAX_ARTICLES = 500;

export interface HiddenBlock {
  tag: string;
  /** The block's first characters (BlockProvenance's text.start). */
  start: string;
}

type Table = Record<string, { at: number; blocks: HiddenBlock[] }>;

async function table(): Promise<Table> {
  const raw = (await browser.storage.local.get(HIDDEN_BLOCKS_KEY))[HIDDEN_BLOCKS_KEY];
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Table) : {};
}

const same = (a: HiddenBlock, b: HiddenBlock) => a.tag === b.tag && a.start === b.start;

/** The blocks hidden on the article at `url`. */
export async function loadHiddenBlocks(url: string): Promise<HiddenBlock[]> {
  const entry = (await table())[url];
  return Array.isArray(entry?.blocks)
    ? entry.blocks.filter((b) => typeof b?.tag === 'string' && typeof b.start === 'string')
    : [];
}

export async function hideBlockHere(url: string, block: HiddenBlock): Promise<void> {
  const all = await table();
  const blocks = (all[url]?.blocks ?? []).filter((b) => !same(b, block));
  all[url] = { at: Date.now(), blocks: [...blocks, { tag: block.tag, start: block.start }] };
  const urls = Object.keys(all).sort((a, b) => all[b]!.at - all[a]!.at);
  for (const old of urls.slice(MAX_ARTICLES)) delete all[old];
  await browser.storage.local.set({ [HIDDEN_BLOCKS_KEY]: all });
}

export async function showBlockHere(url: string, block: HiddenBlock): Promise<void> {
  const all = await table();
  const entry = all[url];
  if (!entry) return;
  entry.blocks = entry.blocks.filter((b) => !same(b, block));
  if (!entry.blocks.length) delete all[url];
  await browser.storage.local.set({ [HIDDEN_BLOCKS_KEY]: all });
}
