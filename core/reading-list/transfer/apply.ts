// Applying an import to the reading list through its public API: save, then the changes that carry the
// imported state, favourite, tags and progress. An item already in the list keeps what it has and gains what
// the import adds (tags joined, archived or favourite if the import says so, the furthest progress): an import
// never unarchives, unstars or untags. A new item keeps the date it was first saved in the other service. Its
// highlights go to `addHighlights` (the caller's store: the list does not hold them) once the item is saved.
import type { ReadingList } from '../reading-list.ts';
import { itemId } from '../url.ts';
import type { ImportedItem } from './types.ts';

export interface ImportSummary {
  /** Items new to the list. */
  added: number;
  /** Items already in the list that the import changed. */
  updated: number;
  /** Items already in the list, as the import has them. */
  unchanged: number;
  /** Items the list refused (the error's message), or whose highlights could not be stored. */
  failed: { url: string; reason: string }[];
  /** Highlights new to this device (one imported again, or already here, is not counted). */
  highlights: number;
}

/** Stores an item's imported highlights; resolves to how many were new. */
export type AddImportedHighlights = (item: ImportedItem) => Promise<number>;

export interface ImportProgress {
  done: number;
  total: number;
}

/** Items between two progress reports (and two yields to the event loop, so a UI can paint). */
const CHUNK = 250;

const yieldToLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function importInto(
  list: ReadingList,
  items: readonly ImportedItem[],
  onProgress?: (progress: ImportProgress) => void,
  addHighlights?: AddImportedHighlights,
): Promise<ImportSummary> {
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, failed: [], highlights: 0 };
  const total = items.length;
  onProgress?.({ done: 0, total });
  for (let i = 0; i < total; i++) {
    const item = items[i]!;
    let stored = false;
    try {
      const before = list.item(itemId(item.url));
      const existed = !!before && !before.deleted;
      let saved = await list.save({
        url: item.url,
        title: item.title,
        site: item.site ?? null,
        lang: item.lang ?? '',
        excerpt: item.excerpt ?? '',
        addedAt: item.addedAt,
      });
      let changed = false;
      const apply = (next: Awaited<ReturnType<ReadingList['change']>>) => {
        if (next && next !== saved) {
          saved = next;
          changed = true;
        }
      };
      if (item.state === 'archived' && saved.state !== 'archived') {
        apply(await list.change(saved.id, { field: 'state', value: 'archived' }));
      }
      if (item.favourite && !saved.favourite) {
        apply(await list.change(saved.id, { field: 'favourite', value: true }));
      }
      const known = new Set(saved.tags.map((t) => t.toLowerCase()));
      if (item.tags.some((t) => !known.has(t))) {
        apply(await list.change(saved.id, { field: 'tags', value: [...saved.tags, ...item.tags] }));
      }
      if (item.progress !== undefined && item.progress > saved.progress) {
        apply(await list.change(saved.id, { field: 'progress', value: item.progress }));
      }
      if (!existed) summary.added++;
      else if (changed) summary.updated++;
      else summary.unchanged++;
      stored = true;
    } catch (error) {
      summary.failed.push({ url: item.url, reason: (error as Error).message });
    }
    if (stored && (item.highlights?.length || item.highlightRecords?.length) && addHighlights) {
      try {
        summary.highlights += await addHighlights(item);
      } catch (error) {
        summary.failed.push({ url: item.url, reason: `highlights not stored: ${(error as Error).message}` });
      }
    }
    if ((i + 1) % CHUNK === 0 && i + 1 < total) {
      onProgress?.({ done: i + 1, total });
      await yieldToLoop();
    }
  }
  onProgress?.({ done: total, total });
  return summary;
}
