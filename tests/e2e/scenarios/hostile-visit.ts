// One hostile page through the three views, in either browser: the popup, saved from it and opened in the
// offline reader, and the in-page view. See tests/e2e/hostile.e2e.ts for what is checked and why.
import { expect } from 'vitest';
import { within, type Driver, type Tab } from '../../support/driver/index.ts';
import {
  EXTENSION_PAGE_ROOT,
  IN_PAGE_ROOT,
  expectCleanView,
  forbiddenRequests,
  reportScript,
  settledScript,
  vectorOfHit,
  type SeenRequest,
  type ViewReport,
} from '../../support/hostile-checks.ts';
import { SETTLED } from '../expectations.ts';
import type { HostileServers } from '../hostile-server.ts';
import { payloadOf } from '../../hostile/page.ts';
import type { Vector } from '../../hostile/vectors.ts';
import { inView } from './session.ts';

/** The article's tab, and one tab each for the popup and the offline reader, reused from page to page. */
export interface HostileTabs {
  page: Tab;
  popup: Tab;
  reader: Tab;
}

/**
 * The state of a hostile run in one browser: its tabs, every request the browser made (labelled with the tab
 * that made it), and whether the article's tab is being watched yet (see hostile.e2e.ts).
 */
export class HostileRun {
  tabs!: HostileTabs;
  armed = false;
  readonly requests: SeenRequest[] = [];

  constructor(
    readonly driver: Driver,
    readonly servers: HostileServers,
  ) {
    driver.onRequest(({ url, type, tab }) => {
      const from =
        tab === null
          ? 'background'
          : tab === this.tabs.page
            ? 'page'
            : tab === this.tabs.popup
              ? 'popup'
              : tab === this.tabs.reader
                ? 'reader'
                : 'another tab';
      this.requests.push({ url, type, from, armed: this.armed });
    });
  }

  /**
   * Whether the page's own scripts can be held off while the popup reads it and turned on before the in-page view
   * opens (Chromium). Where they cannot (Firefox over BiDi), pages are served under a CSP of their own instead.
   */
  get arms(): boolean {
    return !!this.tabs.page.setPageScripts;
  }

  urlOf(vector: Vector): string {
    return this.servers.url(vector, !this.arms);
  }

  /** New tabs for the article, the popup and the reader, the article's in front (also after a tab hung). */
  async openTabs(): Promise<void> {
    const page = await this.driver.newTab();
    this.tabs = { page, popup: await this.driver.newTab(), reader: await this.driver.newTab() };
    await page.bringToFront();
    const watched = new Set([new URL(this.servers.hosts.sentinel).host, new URL(this.servers.hosts.cdn).host]);
    await page.answerForServers?.(watched, () => !this.armed);
  }

  /** Closes the three tabs without waiting for them: one may be stuck in an endless script. */
  async closeTabs(): Promise<void> {
    const { page, popup, reader } = this.tabs;
    const closing = [page, popup, reader].map((tab) => tab.close().catch(() => undefined));
    await Promise.race([Promise.all(closing), new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }

  /** Loads the page of `vector` in the article's tab, its own scripts off where the browser allows. */
  async loadQuietly(vector: Vector): Promise<string> {
    const url = this.urlOf(vector);
    this.armed = false;
    await this.tabs.page.setPageScripts?.(false);
    await this.tabs.page.goto(url);
    return url;
  }

  /**
   * Turns the page's scripts back on (checking that an inline handler does run in the page now, so that one that
   * reached the view would too), then watches the tab: from here, its requests are the view's.
   */
  async arm(): Promise<void> {
    const { page } = this.tabs;
    if (page.setPageScripts) {
      await page.setPageScripts(true);
      const handlerRuns = await page.evaluate(() => {
        // Through the prototypes: the page's own <img name="createElement"> and the like clobber `document`.
        const probe = Document.prototype.createElement.call(document, 'b');
        Element.prototype.setAttribute.call(probe, 'onclick', 'window.__calibration = 1');
        HTMLElement.prototype.click.call(probe);
        const flags = window as unknown as Record<string, unknown>;
        const ran = flags.__calibration === 1;
        delete flags.__calibration;
        return ran;
      }, null);
      expect(handlerRuns, 'inline handlers run in the page again').toBe(true);
    }
    expect(await page.evaluateExpression('typeof window.__pwned')).toBe('undefined');
    this.armed = true;
  }

  /** Saves the article shown in the popup; returns the reading list id of its offline copy. */
  async saveFromPopup(url: string): Promise<string> {
    const { popup } = this.tabs;
    // A background tab: a DOM click, no need to bring it forward.
    await popup.evaluate(() => document.querySelector<HTMLButtonElement>('.action-save')?.click(), null);
    await popup.waitFor('.action-save[aria-pressed="true"]');
    const id = await savedId(popup, url);
    expect(id, 'the offline copy').not.toBeNull();
    return id!;
  }

  /** Resolves once each of the views has run its course (see settledScript). */
  async settle(views: (keyof HostileTabs)[] = ['popup', 'reader', 'page']): Promise<void> {
    for (const view of views) {
      const tab = this.tabs[view];
      // The in-page view's closed root is read from the extension's own world of the page.
      const settled =
        view === 'page'
          ? this.driver.inPageWorld<null, string>(tab, settledScript(IN_PAGE_ROOT, this.servers.pageOrigin), null)
          : tab.evaluateExpression(settledScript(EXTENSION_PAGE_ROOT, this.servers.pageOrigin));
      expect(await within(settled, 10_000, `the ${view} settling`)).toBe('settled');
    }
  }

  async report(tab: Tab, root: string): Promise<ViewReport> {
    const options = { pageOrigin: this.servers.pageOrigin, imageHosts: [new URL(this.servers.hosts.cdn).host] };
    if (root !== IN_PAGE_ROOT) return tab.evaluateExpression<ViewReport>(reportScript(root, options));
    const report = await this.driver.inPageWorld<null, ViewReport>(tab, reportScript(root, options), null);
    // A payload that ran would have run in the page's own world: the sentinel global is looked for there.
    const pwned = await tab.evaluateExpression<string | null>(
      "typeof window.__pwned === 'undefined' ? null : String(window.__pwned)",
    );
    return { ...report, pwned };
  }

  /** Popup, save, offline reader, in-page view: then every check. */
  async visit(vector: Vector): Promise<void> {
    const { page, popup, reader } = this.tabs;
    const { driver, servers } = this;
    const summaryShown = vector.where === 'description'; // the summary area loads after the article
    const url = await this.loadQuietly(vector);
    const firstRequest = this.requests.length;
    const firstHit = servers.hits.length;

    await driver.openExtensionPage('popup.html', popup);
    await popup.waitFor(SETTLED);
    expect(await popup.attribute('main', 'data-state'), 'popup').toBe('article');
    if (summaryShown) await popup.waitFor('.publisher-summary');
    const id = await this.saveFromPopup(url);

    // The offline reader and the in-page view open together (two tabs, two documents).
    const openReader = async () => {
      await driver.openExtensionPage(`reader.html?id=${encodeURIComponent(id)}`, reader);
      await reader.waitFor('main[data-state="article"]');
      if (summaryShown) await reader.waitFor('.publisher-summary');
    };
    const openView = async () => {
      await this.arm();
      await driver.command('toggle-reader-view', url);
      await page.waitFor(inView('main[data-state="article"]'));
      if (summaryShown) await page.waitFor(inView('.publisher-summary'));
    };
    await Promise.all([openReader(), openView()]);
    await this.settle();

    const hosts = servers.hosts;
    const popupReport = await this.report(popup, EXTENSION_PAGE_ROOT);
    expectCleanView(popupReport, vector, hosts, 'popup');
    expect.soft(popupReport.clobbered, 'popup: window.__clobbered').toBe(false);
    const readerReport = await this.report(reader, EXTENSION_PAGE_ROOT);
    expectCleanView(readerReport, vector, hosts, 'offline reader');
    expect.soft(readerReport.clobbered, 'offline reader: window.__clobbered').toBe(false);
    // The page's own DOM may define __clobbered (the payload is in the page): only the view is looked at.
    expectCleanView(await this.report(page, IN_PAGE_ROOT), vector, hosts, 'in-page view');
    // The offline reader's tab title is the article's title, as text.
    if (vector.where === 'title') expect.soft(await reader.title()).toBe(payloadOf(vector, hosts).trim());

    const seen = this.requests.slice(firstRequest);
    expect
      .soft(
        forbiddenRequests(seen, { pageOrigin: servers.pageOrigin, hosts, extensionOrigin: driver.origin }),
        'requests',
      )
      .toEqual([]);
    const hits = servers.hits.slice(firstHit);
    expect
      .soft(
        hits.filter((hit) => hit.host === 'sentinel').map((hit) => `${hit.method} ${vectorOfHit(hit.path)}`),
        'the sentinel server',
      )
      .toEqual([]);
    expect
      .soft(
        hits.filter((hit) => hit.host === 'cdn' && (hit.method !== 'GET' || !hit.path.startsWith('/img/'))),
        'the CDN',
      )
      .toEqual([]);
  }
}

/** The reading list id of the saved copy of `url`, read from the offline store (IndexedDB) by an extension page. */
export function savedId(extensionPage: Tab, url: string): Promise<string | null> {
  return extensionPage.evaluate(
    (url) =>
      new Promise<string | null>((resolve, reject) => {
        const open = indexedDB.open('clear-reader');
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const all = open.result.transaction('articles').objectStore('articles').getAll();
          all.onerror = () => reject(all.error ?? new Error('getAll failed'));
          all.onsuccess = () => {
            const found = (all.result as { id: string; article: { url: string } }[]).find((c) => c.article.url === url);
            open.result.close();
            resolve(found?.id ?? null);
          };
        };
      }),
    url,
  );
}
