// The reading-list domain's public surface: the list (model, sync-storage engine, search), import and export,
// and WebDAV sync. Code outside core/reading-list imports from here only (eslint.config.js enforces it).
export type { ItemChange, ItemState, NewItem, SavedItem, SyncArea } from './types.ts';
export { SYNC_LIMITS } from './types.ts';
export { canonicalUrl, itemId } from './url.ts';
export {
  createReadingList,
  TOMBSTONE_TTL_MS,
  type ReadingList,
  type ReadingListOptions,
  type ReadingListStatus,
} from './reading-list.ts';
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
  withKeptCopy,
} from './local-store.ts';
export {
  createMemorySyncArea,
  QUOTA_MESSAGES,
  type MemorySyncArea,
  type SyncLimits,
} from './sync-storage/memory-sync-area.ts';
// What the sync-storage benchmark (bench/sync.ts) measures.
export { encodeV1 } from './sync-storage/format-v1.ts';
export { entryBytes } from './sync-storage/sizes.ts';
export { filterItems, foldForSearch, searchTokens, type ItemFilter } from './search.ts';
export type { ItemMeta, ItemRecord, Register } from './crdt.ts';
export { deviceTag } from './crdt.ts';
// Import from other read-later services and bookmarks, and export: framework-free (bytes and strings in and out).
export { ImportFormatError, type ImportedHighlight, type ImportedItem, type RejectedRow } from './transfer/types.ts';
export {
  matchingFormats,
  openImportSource,
  parseDate,
  parseImport,
  tagNames,
  type ImportResult,
  type ParseOptions,
} from './transfer/import.ts';
export { IMPORT_FORMATS, type ImportFormat } from './transfer/formats/index.ts';
export type { ImportFormatDefinition, ImportSource } from './transfer/import-format.ts';
export { importInto, type ImportProgress, type ImportSummary } from './transfer/apply.ts';
export { importedHighlightsOf, newImportedHighlights } from './transfer/highlights.ts';
export {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  EXPORT_CSP,
  collectOfflineCopies,
  exportBookmarks,
  exportFile,
  exportJson,
  exportOfflineZip,
  safeFileName,
  siteRulesOfExport,
  type ExportFile,
  type ExportKind,
  type JsonExport,
  type OfflineCopy,
  type OfflineCopySource,
  type OfflineZipOptions,
} from './transfer/export.ts';
export { parseCsv, type CsvRecord } from './transfer/csv.ts';
// Cross-browser sync of the reading list through a WebDAV folder the reader owns (see webdav/sync.ts).
export {
  addressProblem,
  createWebDavClient,
  DEFAULT_TIMEOUT_MS,
  type ConnectionResult,
  type FolderListing,
  type RemoteEntry,
  type RemoteFile,
  type WebDavClient,
  type WebDavClientOptions,
  type WebDavConfig,
} from './webdav/client.ts';
export { parseMultistatus, type MultistatusEntry } from './webdav/multistatus.ts';
export {
  problemFromNetworkError,
  problemFromStatus,
  retryAfterSeconds,
  WebDavError,
  type SyncProblem,
  type WebDavProblem,
  type WebDavProblemCode,
} from './webdav/problems.ts';
export {
  createKeyCache,
  decodeDeviceFile,
  encodeDeviceFile,
  openEnvelope,
  sealEnvelope,
  PBKDF2_ITERATIONS,
  SYNC_FILE_VERSION,
  SYNC_FORMAT,
  type DeviceFile,
  type FileProblem,
  type KeyCache,
  type ReadResult,
} from './webdav/file.ts';
export {
  deviceFileName,
  nextSyncDelay,
  syncWithWebDav,
  type WebDavSyncOptions,
  type WebDavSyncResult,
} from './webdav/sync.ts';
export { readMemo, type WebDavSyncMemo } from './webdav/memo.ts';
export { PART_BYTES } from './webdav/parts.ts';
export { HIGHLIGHTS_PASS, type HighlightSyncStore, type HighlightsSyncResult } from './webdav/highlight-sync.ts';
export {
  decodeHighlightsFile,
  encodeHighlightsFile,
  highlightsFileName,
  isHighlightsFile,
  type HighlightsFile,
  type HighlightsFileResult,
} from './webdav/highlight-files.ts';
export {
  ARTICLES_FOLDER,
  encodeArticleCopy,
  MAX_COPY_BYTES,
  validateArticleCopy,
  type ArticleCopy,
  type ArticleCopyStore,
} from './webdav/articles.ts';
export { syncArticleCopies, type ArticleSyncResult } from './webdav/article-transfers.ts';
// Highlights and notes on saved articles (docs/highlights.md): the model and its merge, the stored form,
// anchoring in the article's text (DOM ranges <-> text offsets, re-anchoring after a new extraction), and what
// the UI and exports show of them.
export {
  CONTEXT_LENGTH,
  DEFAULT_HIGHLIGHT_COLOR,
  HIGHLIGHT_COLORS,
  HIGHLIGHT_FIELDS,
  HIGHLIGHT_LIMITS,
  changeHighlight,
  createHighlightRecord,
  highlightCovers,
  isHighlightColor,
  isHighlightDeleted,
  mergeHighlightRecords,
  mergeHighlights,
  newHighlightId,
  toHighlight,
  type Highlight,
  type HighlightAnchor,
  type HighlightChange,
  type HighlightColor,
  type HighlightField,
  type HighlightRecord,
  type NewHighlight,
  type TextPositionSelector,
  type TextQuoteSelector,
} from './highlights/model.ts';
export {
  HIGHLIGHTS_FORMAT,
  HIGHLIGHTS_VERSION,
  decodeHighlightRecord,
  decodeHighlightRecords,
  encodeHighlightRecord,
  encodeHighlights,
  readHighlights,
  serializeHighlights,
  type DecodedHighlight,
  type EncodedHighlight,
  type HighlightsDocument,
  type HighlightsReadResult,
  type RejectedHighlight,
  type RepairedHighlight,
} from './highlights/codec.ts';
export { articleTextModel, type ArticleTextModel, type RangeLike } from './highlights/text-model.ts';
export { anchorOfRange, anchorOfSpan } from './highlights/selectors.ts';
export { isUnplaced, placeUnplaced } from './highlights/placing.ts';
export {
  MAX_ERROR_RATE,
  MIN_FUZZY_SCORE,
  anchoringText,
  locateAnchor,
  locateAnchors,
  type AnchorResult,
} from './highlights/anchor.ts';
export type { FoldedText } from './highlights/fold.ts';
export {
  countHighlights,
  escapeMarkdown,
  highlightsMarkdown,
  highlightsOfItem,
  sortByPosition,
} from './highlights/present.ts';
export { KEEP_DELETED_MS, deletedForGood, itemsToForget } from './highlights/retention.ts';
export {
  LISTEN_PLACES_MAX,
  listenPlaceOf,
  mergeListenPlaces,
  normalizeListenPlaces,
  withListenPlace,
  type ListenPlace as SavedListenPlace,
  type ListenPlaces,
} from './listen-places.ts';
// The reader's site rules as they sync (storage.sync key "sr", WebDAV files, export): site-rules/.
export {
  absorbRuleRecords,
  liveRules,
  validateRuleRecords,
  type LiveRegister,
  type SiteRuleRecord,
} from './site-rules/records.ts';
export {
  decodeRulesValue,
  planRulesValue,
  RULES_SYNC_BUDGET,
  RULES_SYNC_KEY,
  rulesCapacity,
} from './site-rules/sync-value.ts';
export {
  createSiteRuleStore,
  storedRulesForHost,
  type RuleLocalArea,
  type RulesSyncInfo,
  type SiteRuleStore,
  type SiteRuleStoreOptions,
} from './site-rules/store.ts';
