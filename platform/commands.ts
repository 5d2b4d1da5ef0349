// What the keyboard shortcuts, the page context menu and the popup's "Open full clean view" do.
import { browser, type Browser } from 'wxt/browser';
import { classifyUrl, extractTab } from './extract-tab.ts';
import { saveArticle } from './reading-list.ts';
import { placeImportedHighlights } from './highlight-store.ts';
import { syncSoon } from './webdav-sync.ts';
import { loadSettings } from './storage.ts';
import { openReaderView, toggleReaderView } from './reader-view.ts';
import { t, uiLanguage } from './i18n.ts';
import { showPageToast } from './page-toast.ts';
import type { TabRef } from './tabs.ts';
import { SAVE_FOR_LATER, TOGGLE_READER_VIEW } from './command-names.ts';
import { describeError } from '../contracts/error-reasons.ts';

export { SAVE_FOR_LATER, TOGGLE_READER_VIEW } from './command-names.ts';

type BrowserTab = Browser.tabs.Tab;

function tabRef(tab: BrowserTab | undefined): TabRef | null {
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
}

type ActionApi = {
  openPopup?: () => Promise<void>;
  setBadgeText(details: { tabId?: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId?: number; color: string }): Promise<void>;
  setTitle(details: { tabId?: number; title: string | null }): Promise<void>;
};

/** Browser quirk: MV3 has `action`, Firefox's MV2 build `browserAction`. */
function actionApi(): ActionApi | undefined {
  return browser.action ?? (browser as unknown as { browserAction?: unknown }).browserAction;
}

/**
 * Says on the toolbar button how a save by shortcut or menu went (no popup is open to say it): a check mark,
 * or "!" with the reason as the button's tooltip, for a few seconds.
 */
async function showOutcome(tabId: number, ok: boolean, detail: string): Promise<void> {
  const api = actionApi();
  if (!api) return;
  await api.setBadgeBackgroundColor({ tabId, color: ok ? '#188038' : '#c5221f' });
  await api.setBadgeText({ tabId, text: ok ? '✓' : '!' });
  await api.setTitle({ tabId, title: detail });
  setTimeout(() => {
    void api.setBadgeText({ tabId, text: '' }).catch(() => undefined);
    void api.setTitle({ tabId, title: null }).catch(() => undefined);
  }, 4_000);
}

/** The shortcut or menu "Save for later": extracts the tab (even a page that does not look like an article). */
async function saveTab(tab: BrowserTab | undefined): Promise<void> {
  const target = tabRef(tab);
  if (!target || classifyUrl(target.url)) return openPopup().catch(() => undefined);
  const { showCaptions } = await loadSettings();
  let result = await extractTab(target.id, { keepCaptions: showCaptions }, target.url);
  if (!result.ok && result.reason === 'not-article') {
    result = await extractTab(target.id, { force: true, keepCaptions: showCaptions }, target.url);
  }
  const saved = result.ok ? await saveArticle(result.article) : { ok: false as const, error: result.message };
  if (saved.ok && !saved.copyFailure && result.ok) {
    // An imported item's highlights are placed once its text is known (platform/highlight-store.ts).
    await placeImportedHighlights(saved.item.id, result.article.text).catch(() => 0);
  }
  if (saved.ok) syncSoon();
  // The browser's own error text is never shown: its kind, in the reader's words.
  const copyNote =
    saved.ok && saved.warning
      ? ` ${t(saved.copyFailure === 'quota' ? 'savedNoCopyQuota' : 'savedNoCopyUnavailable')}`
      : '';
  const detail = saved.ok
    ? `${t('savedItem', [saved.item.title])}${copyNote}`
    : t('saveFailed', [describeError(t, saved.error)]);
  // In the page too: the badge is unseen while the button sits unpinned in the extensions menu.
  await Promise.all([
    showOutcome(target.id, saved.ok, detail).catch(() => undefined),
    showPageToast(target.id, detail, saved.ok, uiLanguage()),
  ]);
}

/**
 * Browser quirk: MV3 has `action`, Firefox's MV2 build `browserAction`. Opening the popup from a shortcut or a
 * menu click is allowed (both are user gestures); it says why a page could not show the in-page view.
 */
export async function openPopup(): Promise<void> {
  const api = (browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction) as
    { openPopup?: () => Promise<void> } | undefined;
  await api?.openPopup?.();
}

async function activeTab(): Promise<BrowserTab | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/**
 * Shows the view in the tab, or the popup when the tab cannot show it. A page known to be off limits opens the
 * popup before anything is awaited: Firefox allows openPopup only while the user's action is still being
 * handled, which ends at the first await.
 */
async function toggleOrExplain(tab: BrowserTab | undefined): Promise<void> {
  const target = tabRef(tab);
  if (target && classifyUrl(target.url)) return openPopup().catch(() => undefined);
  if (!target || !(await toggleReaderView(target))) await openPopup().catch(() => undefined);
}

/** A shortcut was pressed. Firefox before 126 passes no tab: the active tab is the one it was pressed in. */
export async function handleCommand(command: string, tab?: BrowserTab): Promise<void> {
  if (command === TOGGLE_READER_VIEW) await toggleOrExplain(tab ?? (await activeTab()));
  else if (command === SAVE_FOR_LATER) await saveTab(tab ?? (await activeTab()));
}

/** The page context menu: the same entry as the shortcut. Idempotent (runs on install and on browser start). */
export async function installContextMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: TOGGLE_READER_VIEW, title: t('menuToggleReaderView'), contexts: ['page'] });
  browser.contextMenus.create({ id: SAVE_FOR_LATER, title: t('menuSaveForLater'), contexts: ['page'] });
}

export async function handleContextMenuClick(menuItemId: string | number, tab?: BrowserTab): Promise<void> {
  if (menuItemId === TOGGLE_READER_VIEW) await toggleOrExplain(tab);
  else if (menuItemId === SAVE_FOR_LATER) await saveTab(tab);
}

/** From the popup ("Open full clean view") or the view itself ("Show it anyway"). */
export async function handleOpenRequest(tabId: number | undefined, force: boolean, listen = false): Promise<boolean> {
  if (tabId === undefined) return false;
  const tab = await browser.tabs.get(tabId);
  return openReaderView({ id: tabId, url: tab.url }, force, listen);
}
