// When what this device keeps beside an item (its offline copy, its highlights) may go: once the item has been
// deleted long enough that no undo can bring it back, or once its tombstone is collected (ReadingListOptions.onForget).
// An item deleted and then restored (undo, or saved again) keeps everything.
import type { SavedItem } from '../types.ts';

/** How long a deleted item's copy and highlights are kept for an undo (the reader's Undo, a re-save). */
export const KEEP_DELETED_MS = 24 * 3600 * 1000;

/** Whether `item` (null: unknown to the list) is deleted for good at `now` (ms). Unknown is not: it may arrive. */
export function deletedForGood(item: SavedItem | null, now: number, keepMs = KEEP_DELETED_MS): boolean {
  return !!item?.deleted && now - item.updatedAt > keepMs;
}

/** The items, among those highlights are kept for, whose highlights should go now. */
export function itemsToForget(
  highlighted: Iterable<string>,
  itemOf: (id: string) => SavedItem | null,
  now: number,
  keepMs = KEEP_DELETED_MS,
): string[] {
  return [...new Set(highlighted)].filter((id) => deletedForGood(itemOf(id), now, keepMs));
}
