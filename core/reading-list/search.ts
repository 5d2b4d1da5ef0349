// Searching and filtering the list as the reader types. Matching ignores case and accents ("resume" finds
// "Résumé", "oe" finds "œ"); every word of the query must be found, each in the title, the site, a tag, or
// the saved text. Per item the folded title/site/tags are computed once and kept (items are immutable objects
// that the engine reuses until they change), so a keystroke over 5,000 items is a few substring searches each.
import type { ItemState, SavedItem } from './types.ts';

export interface ItemFilter {
  query?: string;
  /** 'all' (or undefined): both states. */
  state?: ItemState | 'all';
  /** true: favourites only. */
  favourite?: boolean;
  /** Only items with this tag (compared folded). */
  tag?: string | null;
  /** true: only items kept on this device; false: only synced ones. */
  localOnly?: boolean;
}

const LIGATURES: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ĳ: 'ij',
  ﬁ: 'fi',
  ﬂ: 'fl',
  ø: 'o',
  đ: 'd',
  ł: 'l',
};

/**
 * Lower case, accents and ligatures folded, apostrophes unified, whitespace collapsed. Store the saved text
 * folded with this (once, when saving) and pass it back through `textOf`: searching never folds it again.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œæßĳﬁﬂøđł]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The folded words of a text, each once, in first-seen order: a compact text to search (optional). */
export function searchTokens(text: string, maxChars = 8_000): string {
  const seen = new Set<string>();
  let length = 0;
  for (const word of foldForSearch(text).split(/[^\p{L}\p{N}']+/u)) {
    if (!word || seen.has(word)) continue;
    if (length + word.length + 1 > maxChars) break;
    seen.add(word);
    length += word.length + 1;
  }
  return [...seen].join(' ');
}

const haystacks = new WeakMap<SavedItem, { text: string; tags: string[] }>();

function haystack(item: SavedItem) {
  let entry = haystacks.get(item);
  if (!entry) {
    const tags = item.tags.map(foldForSearch);
    entry = { text: [foldForSearch(item.title), foldForSearch(item.site ?? ''), ...tags].join('\n'), tags };
    haystacks.set(item, entry);
  }
  return entry;
}

/**
 * The items that pass the filter, in their order. `textOf(id)` gives an item's saved text, folded with
 * foldForSearch (or searchTokens); it is only asked for items whose metadata does not match a word by itself.
 */
export function filterItems(
  items: readonly SavedItem[],
  filter: ItemFilter,
  textOf?: (id: string) => string | undefined,
): SavedItem[] {
  const words = foldForSearch(filter.query ?? '')
    .split(' ')
    .filter(Boolean);
  const state = filter.state && filter.state !== 'all' ? filter.state : null;
  const tag = filter.tag ? foldForSearch(filter.tag) : null;
  const out: SavedItem[] = [];
  for (const item of items) {
    if (item.deleted) continue;
    if (state && item.state !== state) continue;
    if (filter.favourite && !item.favourite) continue;
    if (filter.localOnly !== undefined && item.localOnly !== filter.localOnly) continue;
    if (!words.length && !tag) {
      out.push(item);
      continue;
    }
    const hay = haystack(item);
    if (tag && !hay.tags.includes(tag)) continue;
    let text: string | undefined;
    let ok = true;
    for (const word of words) {
      if (hay.text.includes(word)) continue;
      text ??= textOf?.(item.id) ?? '';
      if (!text.includes(word)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(item);
  }
  return out;
}
