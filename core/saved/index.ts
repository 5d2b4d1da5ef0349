// The reading list's public surface, for platform/ (storage adapters, the background) and the popup.
export type { ItemChange, ItemState, NewItem, SavedItem, SyncArea } from './types.ts';
export { SYNC_LIMITS } from './types.ts';
export { canonicalUrl, itemId } from './url.ts';
export {
  createReadingList,
  TOMBSTONE_TTL_MS,
  type ReadingList,
  type ReadingListOptions,
  type ReadingListStatus,
} from './engine.ts';
export {
  createMemoryLocalStore,
  LOCAL_VERSION,
  MAX_KEPT_COPIES,
  type KeptCopy,
  type KeptCopyInfo,
  type LocalBatch,
  type LocalRecord,
  type LocalSnapshot,
  type LocalState,
  type LocalStore,
} from './local.ts';
export { createMemorySyncArea, QUOTA_MESSAGES, type SyncLimits } from './memory.ts';
export { filterItems, foldForSearch, searchTokens, type ItemFilter } from './search.ts';
export type { ItemMeta, ItemRecord, Register } from './crdt.ts';
