import { browser } from 'wxt/browser';

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
