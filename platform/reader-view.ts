// The in-page clean view: extracted in the page (entrypoints/extract.ts), shown over it by
// entrypoints/reader-view (Shadow DOM). Opened by the shortcut, the context menu and the popup.
import { browser } from 'wxt/browser';
import { extractTab } from './extract-tab.ts';
import { retryOnceOnRefusal } from './retry.ts';
import { loadSettings } from './storage.ts';
import { loadShortcuts } from './shortcuts.ts';
import {
  PICK_MODE_FILE,
  READER_VIEW_FILE,
  VIEW_HIGHLIGHTS_FILE,
  VIEW_CONTROLLER_GLOBAL,
  VIEW_DATA_GLOBAL,
  type ViewController,
  type ViewData,
} from '../contracts/page.ts';
import type { TabRef } from './tabs.ts';
import { canonicalUrl, itemId } from '../core/reading-list/index.ts';

/** Closes the view if it is open in the tab; true when it was. Throws when the tab cannot be scripted. */
async function closeIfOpen(tabId: number): Promise<boolean> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: (name: string) => {
      // An own property only: a page element with that id is a global of this world too.
      const scope = globalThis as Record<string, unknown>;
      const controller = Object.prototype.hasOwnProperty.call(scope, name)
        ? (scope[name] as ViewController | undefined)
        : undefined;
      if (!controller?.isOpen()) return false;
      controller.close();
      return true;
    },
    args: [VIEW_CONTROLLER_GLOBAL],
  });
  return injection?.result === true;
}

/**
 * Extracts the tab's article with the reader's settings and shows it (or why there is none) over the page.
 * Resolves false when nothing could be shown in the tab (browser pages, stores, PDFs): the caller then
 * falls back to the popup, which can say why.
 */
export async function openReaderView(tab: TabRef, force = false, listen = false): Promise<boolean> {
  const [settings, shortcuts] = await Promise.all([loadSettings(), loadShortcuts()]);
  // With provenance: the view's "Hide a block" learns a site rule from where the chosen block came from.
  const result = await extractTab(tab.id, { force, keepCaptions: settings.showCaptions, provenance: true }, tab.url);
  if (!result.ok && (result.reason === 'restricted' || result.reason === 'not-html')) return false;
  const data: ViewData = {
    result,
    forced: force,
    shortcuts,
    ...(listen ? { listen } : {}),
    ...(result.ok ? { itemId: itemId(canonicalUrl(result.article.url, result.article.canonicalUrl)) } : {}),
  };
  try {
    await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: (name: string, value: ViewData) => {
        (globalThis as Record<string, unknown>)[name] = value;
      },
      args: [VIEW_DATA_GLOBAL, data],
    });
    await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [READER_VIEW_FILE] });
    return true;
  } catch {
    return false;
  }
}

/** Adds the highlights' script (entrypoints/view-highlights) to the view's frame, which asked for it. */
export async function loadViewHighlights(tabId: number | undefined, frameId = 0): Promise<void> {
  if (tabId === undefined) throw new Error('no tab to load highlights into');
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [VIEW_HIGHLIGHTS_FILE] });
}

/**
 * The shortcut and the context menu: closes the view when it is open, opens it otherwise. The first injection is
 * tried again once if refused (see ./retry.ts); `wait` is for tests.
 */
export async function toggleReaderView(tab: TabRef, wait?: () => Promise<void>): Promise<boolean> {
  try {
    if (await retryOnceOnRefusal(() => closeIfOpen(tab.id), wait)) return true;
  } catch {
    return false; // a page no extension may script
  }
  return openReaderView(tab);
}

/**
 * Runs the view's "Hide a block" code in its tab's top frame (the view asks: a page's world cannot inject). The
 * access that opened the view (activeTab, granted by the reader's click or shortcut) lasts until the tab navigates.
 */
export async function injectPickMode(tabId: number | undefined): Promise<boolean> {
  if (tabId === undefined) return false;
  await browser.scripting.executeScript({ target: { tabId }, files: [PICK_MODE_FILE] });
  return true;
}
