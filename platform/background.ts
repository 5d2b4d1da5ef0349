// The background's wiring: every listener the extension's worker (or Firefox's background page) registers.
import { browser } from 'wxt/browser';
import { handleCommand, handleContextMenuClick, handleOpenRequest, installContextMenu } from './commands.ts';
import { extractTab, serveSnapshotExtraction } from './extract-tab.ts';
import { injectPickMode, loadViewHighlights } from './reader-view.ts';
import { onMessage } from './messaging.ts';
import { listStatus, readingList, saveArticle } from './reading-list.ts';
import {
  addHighlight,
  changeStoredHighlight,
  highlightRecords,
  placeImportedHighlights,
  storeImportedHighlights,
} from './highlight-store.ts';
import { canonicalUrl, importInto, itemId } from '../core/reading-list/index.ts';
import { webDavSettingsItem, webDavStatusItem } from './storage.ts';
import { openInNewTab, readingListUrl, siteRulesUrl } from './tabs.ts';
import { WEBDAV_ALARM, scheduleWebDavSync, syncNow, syncSoon, testConnection } from './webdav-sync.ts';
import { onSiteRulesChanged } from './site-rule-store.ts';
import { testSiteRules } from './site-rule-test.ts';
import { watchListenPlaces } from './listen-places.ts';

/** Registers every listener synchronously at start, so an event that woke the worker is not missed. */
export function startBackground(): void {
  browser.commands.onCommand.addListener((command, tab) => void handleCommand(command, tab));
  browser.contextMenus.onClicked.addListener((info, tab) => void handleContextMenuClick(info.menuItemId, tab));
  browser.runtime.onInstalled.addListener(() => void installContextMenu());
  browser.runtime.onStartup.addListener(() => {
    void installContextMenu();
    void syncNow(); // what the other browsers changed while this one was closed
  });
  // Loads the reading list (and merges what other devices synced meanwhile) whenever the worker starts.
  void readingList().catch(() => undefined);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WEBDAV_ALARM) void syncNow();
  });
  void scheduleWebDavSync().catch(() => undefined);
  webDavSettingsItem.watch(() => void scheduleWebDavSync().catch(() => undefined));
  // The site rules' store loads here too, so rules from browser sync reach this device with no page open; rule and
  // Listen changes made in any page go to WebDAV soon after (several changes, one sync).
  onSiteRulesChanged(() => syncSoon());
  watchListenPlaces(() => syncSoon());

  serveSnapshotExtraction();
  onMessage('openReaderView', ({ data, sender }) => {
    // Without @types/chrome the sender is untyped here: only its tab id is read.
    const senderTab = (sender as { tab?: { id?: number } } | undefined)?.tab;
    return handleOpenRequest(data.tabId ?? senderTab?.id, data.force === true, data.listen === true);
  });
  // The reading list lives here: one writer per device, whatever pages are open.
  onMessage('saveArticle', async ({ data }) => {
    const result = await saveArticle(data.article);
    if (result.ok && !result.copyFailure)
      await placeImportedHighlights(result.item.id, data.article.text).catch(() => 0);
    syncSoon();
    return result;
  });
  onMessage('listItems', async () => {
    const list = await readingList();
    return { items: list.items(), status: listStatus(list) };
  });
  onMessage('getItem', async ({ data }) => (await readingList()).item(data.id));
  onMessage('findSaved', async ({ data }) => {
    const item = (await readingList()).item(itemId(canonicalUrl(data.url, data.canonicalUrl)));
    return item && !item.deleted ? item : null;
  });
  onMessage('openReadingList', () => openInNewTab(readingListUrl()));
  onMessage('loadViewHighlights', ({ sender }) => {
    const from = sender as { tab?: { id?: number }; frameId?: number } | undefined;
    return loadViewHighlights(from?.tab?.id, from?.frameId);
  });
  onMessage('openSiteRules', () => openInNewTab(siteRulesUrl()));
  onMessage('testSiteRules', ({ data, sender }) => {
    const tab = (sender as { tab?: { id?: number; windowId?: number } } | undefined)?.tab;
    return testSiteRules(data.site, { tabId: tab?.id, windowId: tab?.windowId });
  });
  onMessage('loadPickMode', ({ sender }) => injectPickMode((sender as { tab?: { id?: number } } | undefined)?.tab?.id));
  onMessage('changeItem', async ({ data }) => {
    await (await readingList()).change(data.id, data.change);
    syncSoon();
  });
  onMessage('importItems', async ({ data }) => {
    const summary = await importInto(await readingList(), data.items, undefined, storeImportedHighlights);
    syncSoon();
    return summary;
  });
  // Highlights are kept in IndexedDB (platform/highlight-store.ts) and carried by the WebDAV sync when it is on.
  onMessage('listHighlights', ({ data }) => highlightRecords(data.item));
  onMessage('addHighlight', async ({ data }) => {
    const record = await addHighlight({ item: data.item, anchor: data.anchor, color: data.color, note: data.note });
    syncSoon();
    return record;
  });
  onMessage('changeHighlight', async ({ data }) => {
    const record = await changeStoredHighlight(data.id, data.change);
    syncSoon();
    return record;
  });
  onMessage('webdavTest', ({ data }) => testConnection(data));
  onMessage('webdavSyncNow', async () => {
    await syncNow();
    return webDavStatusItem.getValue();
  });

  // The shortcut's handler and the extraction a click runs, callable from the worker's DevTools console (pages
  // cannot reach this global). The end-to-end tests call them too: no automation can press a shortcut in a
  // headless browser, and the browser-vs-jsdom check (tests/e2e/parity.e2e.ts) reads pages as a click does.
  // Shipped and tested builds stay byte-identical (tests/e2e/build.e2e.ts).
  Object.assign(globalThis, { clearReader: { handleCommand, extractTab } });
}
