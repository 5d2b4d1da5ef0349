import { browser } from 'wxt/browser';
import { EARLY_TAB_GLOBAL } from '../contracts/page.ts';
import type { EarlyTabAnswer } from './early-tab.ts';

export interface TabRef {
  id: number;
  /** Known only when the extension has access to the tab (activeTab after a click, or a host permission). */
  url?: string;
  /** Known on the same terms as `url`. */
  title?: string;
}

/** The tab the reader is looking at: for the popup, the active tab of the window whose toolbar button was clicked. */
export async function getActiveTab(): Promise<TabRef | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab || tab.id === undefined) return null;
  return { id: tab.id, url: tab.url, title: tab.title };
}

/**
 * The popup's first look at the active tab: the answer its first script (entrypoints/popup-early.ts) asked for,
 * else a query of its own (also when that one learned nothing: this one says why).
 */
export async function firstActiveTab(): Promise<TabRef | null> {
  const early = (globalThis as Record<string, unknown>)[EARLY_TAB_GLOBAL] as EarlyTabAnswer | undefined;
  return (await early) ?? getActiveTab();
}

/** Opens a link of the article in a new tab next to the current one. */
export async function openInNewTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

/** Opens the offline copy of a saved article in the extension's reader page (at one of its highlights). */
export async function openOfflineCopy(id: string, highlightId?: string): Promise<void> {
  const at = highlightId ? `#hl-${encodeURIComponent(highlightId)}` : '';
  await openInNewTab(browser.runtime.getURL(`/reader.html?id=${encodeURIComponent(id)}${at}`));
}

/** The reading list's own page (list.html), where the offline reader goes back to. */
/** The options page at the reader's site rules (the in-page view's "Review" of a rule it did not apply). */
export function siteRulesUrl(): string {
  return browser.runtime.getURL('/options.html#site-rules');
}

export function readingListUrl(): string {
  return browser.runtime.getURL('/list.html');
}
