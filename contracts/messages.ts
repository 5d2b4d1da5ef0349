// The typed messages between the extension's pages, the in-page view and the background (platform/messaging.ts
// sends and receives them).
import type { Article, PageSnapshot } from '../core/reader/index.ts';
import type { PageOptions, PageResult } from './page.ts';
import type {
  ConnectionResult,
  HighlightAnchor,
  HighlightChange,
  HighlightColor,
  HighlightRecord,
  ImportedItem,
  ImportSummary,
  ItemChange,
  SavedItem,
} from '../core/reading-list/index.ts';
import type { SiteRuleTest } from './site-rule-test.ts';
import type { WebDavSettings, WebDavStatus } from './webdav.ts';

export interface OpenReaderViewRequest {
  /** The tab to show the view in; omitted when the in-page view itself asks (its own tab). */
  tabId?: number;
  /** Skip the "is it an article" check ("Show it anyway"). */
  force?: boolean;
  /** Start reading aloud in the view (the popup's Listen: the popup closes on blur, so reading happens there). */
  listen?: boolean;
}

/** What the reading list says about itself, for the popup's notice lines (see ReadingListStatus). */
export interface ListStatus {
  /** Archived items kept on this device only because sync storage is full. */
  localOnlyCount: number;
  /** The last sync or storage error, in English (details); null when all is well. */
  lastError: string | null;
  /** Changes that could not be written to storage.local yet (kept in memory, retried), in English; else null. */
  localStoreError: string | null;
  /** Keys of sync storage written by a newer version (left as they are) and damaged (kept here, then replaced). */
  newerKeys: number;
  damagedKeys: number;
  /** Items of this device's store that could not be read in full (left as they are, a copy kept). */
  unreadableLocal: number;
  /** This device's store was written by a newer version (a copy kept, what could be read is used). */
  localFromOtherVersion: boolean;
  /** Copies of unreadable data kept on this device lately. */
  keptCopies: number;
}

/** The list's status when nothing is wrong (what the popup shows before the background answers). */
export const LIST_STATUS_OK: ListStatus = {
  localOnlyCount: 0,
  lastError: null,
  localStoreError: null,
  newerKeys: 0,
  damagedKeys: 0,
  unreadableLocal: 0,
  localFromOtherVersion: false,
  keptCopies: 0,
};

export type SaveResult =
  /**
   * `warning`: saved to the list, but its offline copy could not be stored on this device; `copyFailure` says why
   * (the browser's storage is full, or offline storage is unavailable, as in some private windows).
   */
  { ok: true; item: SavedItem; warning?: string; copyFailure?: 'quota' | 'unavailable' } | { ok: false; error: string };

export interface ProtocolMap {
  /** Options page: test a WebDAV server (the origin permission must already be granted). */
  webdavTest(settings: WebDavSettings): ConnectionResult;
  /** Options page: sync with the WebDAV server now; resolves with the resulting status. */
  webdavSyncNow(): WebDavStatus;
  /** Options page: import parsed items into the reading list, a chunk at a time. */
  importItems(request: { items: ImportedItem[] }): ImportSummary;
  /** Opens (or refreshes) the in-page clean view. Resolves with false when the tab could not show it. */
  openReaderView(request: OpenReaderViewRequest): boolean;
  /** Saves an article the popup already extracted (and its offline copy) to the reading list. */
  saveArticle(request: { article: Article }): SaveResult;
  changeItem(request: { id: string; change: ItemChange }): void;
  listItems(): { items: SavedItem[]; status: ListStatus };
  getItem(request: { id: string }): SavedItem | null;
  /** The in-page view's "Reading list": opens the list page (list.html) in a new tab (a page's world cannot). */
  openReadingList(): void;
  /** The in-page view's "Review" of a rule it did not apply: the options page at the site rules, in a new tab. */
  openSiteRules(): void;
  /**
   * The options page's "Test on the current page": `site`'s rules on the most recently used tab of that site that
   * Clear Reader may read (platform/site-rule-test.ts).
   */
  testSiteRules(request: { site: string }): SiteRuleTest;
  /** The in-page view's "Hide a block": runs pick-mode.js in the view's tab, loaded on demand (PICK_MODE_FILE). */
  loadPickMode(): boolean;
  /**
   * Highlight records (deletion tombstones too: undo needs them) of one item, or of every item; `unreadable`:
   * stored rows this version could not read (left as they are). Rejects when highlights cannot be read.
   */
  listHighlights(request: { item?: string }): { records: HighlightRecord[]; unreadable: number };
  /** A new highlight on a saved item; rejects (storage full or unavailable) with an error errorReason sorts. */
  addHighlight(request: {
    item: string;
    anchor: HighlightAnchor;
    color: HighlightColor;
    note?: string;
  }): HighlightRecord;
  /** Recolour, annotate, delete or undo the deletion of a highlight; the record as it is now. */
  changeHighlight(request: { id: string; change: HighlightChange }): HighlightRecord;
  /** The in-page view, on its first article: injects its highlights' script (VIEW_HIGHLIGHTS_FILE) in its frame. */
  loadViewHighlights(): void;
  /** The list's item for a page, if it is saved (and not deleted). */
  findSaved(request: { url: string; canonicalUrl: string | null }): SavedItem | null;
  /** Firefox: the engine on a page's snapshot, in the background page, where it runs warm (extract-tab.ts). */
  /** `rulesOf`: the address whose site rules the background adds (its store is loaded; the popup's is not). */
  extractSnapshot(request: { snapshot: PageSnapshot; options: PageOptions; rulesOf?: string }): PageResult;
}
