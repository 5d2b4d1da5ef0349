// Typed messages between the extension's pages, the in-page view and the background.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Article } from '../core/index.ts';
import type { ItemChange, SavedItem } from '../core/saved/types.ts';
import type { ImportedItem, ImportSummary } from '../core/transfer/index.ts';
import type { ConnectionResult } from '../core/webdav/index.ts';
import type { WebDavSettings, WebDavStatus } from './storage.ts';

export interface OpenReaderViewRequest {
  /** The tab to show the view in; omitted when the in-page view itself asks (its own tab). */
  tabId?: number;
  /** Skip the "is it an article" check ("Show it anyway"). */
  force?: boolean;
}

/** What the reading list says about itself, for the popup's notice line. */
export interface ListStatus {
  /** Archived items kept on this device only because sync storage is full. */
  localOnlyCount: number;
  /** The last sync or storage error, in English (details); null when all is well. */
  lastError: string | null;
}

export type SaveResult =
  /** `warning`: saved to the list, but its offline copy could not be stored on this device. */
  { ok: true; item: SavedItem; warning?: string } | { ok: false; error: string };

interface ProtocolMap {
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
  /** The list's item for a page, if it is saved (and not deleted). */
  findSaved(request: { url: string; canonicalUrl: string | null }): SavedItem | null;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
