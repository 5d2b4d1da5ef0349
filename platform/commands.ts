// What the keyboard shortcuts, the page context menu and the popup's "Open full clean view" do.
import { browser, type Browser } from 'wxt/browser';
import { classifyUrl } from './extract-tab.ts';
import { openReaderView, toggleReaderView } from './reader-view.ts';
import { t } from './i18n.ts';
import type { TabRef } from './tabs.ts';

/** Command names: the manifest's `commands` keys (wxt.config.ts) and the context menu's ids. */
export const TOGGLE_READER_VIEW = 'toggle-reader-view';

type BrowserTab = Browser.tabs.Tab;

function tabRef(tab: BrowserTab | undefined): TabRef | null {
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
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
  if (command !== TOGGLE_READER_VIEW) return;
  await toggleOrExplain(tab ?? (await activeTab()));
}

/** The page context menu: the same entry as the shortcut. Idempotent (runs on install and on browser start). */
export async function installContextMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: TOGGLE_READER_VIEW, title: t('menuToggleReaderView'), contexts: ['page'] });
}

export async function handleContextMenuClick(menuItemId: string | number, tab?: BrowserTab): Promise<void> {
  if (menuItemId !== TOGGLE_READER_VIEW) return;
  await toggleOrExplain(tab);
}

/** From the popup ("Open full clean view") or the view itself ("Show it anyway"). */
export async function handleOpenRequest(tabId: number | undefined, force: boolean): Promise<boolean> {
  if (tabId === undefined) return false;
  const tab = await browser.tabs.get(tabId);
  return openReaderView({ id: tabId, url: tab.url }, force);
}
