// One surface-attack page (tests/hostile/surfaces.ts) through the popup, the offline reader and the in-page
// view, in either browser; see tests/e2e/hostile-surfaces.e2e.ts for why the page's own scripts run throughout.
import { expect } from 'vitest';
import { within, type Driver, type Tab } from '../../support/driver/index.ts';
import {
  EXTENSION_PAGE_ROOT,
  IN_PAGE_ROOT,
  forbiddenRequests,
  reportScript,
  settledScript,
  type SeenRequest,
  type ViewReport,
} from '../../support/hostile-checks.ts';
import { proseOf } from '../../hostile/page.ts';
import { VECTORS } from '../../hostile/vectors.ts';
import type { SurfacePage } from '../../hostile/surfaces.ts';
import { SETTLED } from '../expectations.ts';
import type { SurfaceServers } from '../hostile-surfaces-server.ts';
import { GECKO_ID } from '../paths.ts';
import { savedId } from './hostile-visit.ts';
import { VIEW, inView } from './session.ts';

const TITLE = proseOf(VECTORS[0]!).title;
/** A host no request may go to: the surface pages have no CDN. */
const NO_CDN = 'http://127.0.0.3:1';

type Where = 'page' | 'popup' | 'reader';

export class SurfaceRun {
  readonly requests: SeenRequest[] = [];
  tabs!: Record<Where, Tab>;
  armed = false;

  constructor(
    readonly driver: Driver,
    readonly servers: SurfaceServers,
  ) {
    driver.onRequest(({ url, type, tab }) => {
      const where = (Object.keys(this.tabs ?? {}) as Where[]).find((w) => this.tabs[w] === tab);
      this.requests.push({
        url,
        type,
        from: tab === null ? 'background' : (where ?? 'another tab'),
        armed: this.armed,
      });
    });
  }

  async openTabs(): Promise<void> {
    const page = this.driver.pageTab;
    this.tabs = { page, popup: await this.driver.newTab(), reader: await this.driver.newTab() };
    await page.bringToFront();
  }

  /** The id the page's scripts would name the extension's events with (WXT used runtime.id). */
  get extensionId(): string {
    return this.driver.name === 'chromium' ? new URL(this.driver.origin).host : GECKO_ID;
  }

  async settle(where: Where): Promise<void> {
    const tab = this.tabs[where];
    const { pageOrigin } = this.servers;
    const settled =
      where === 'page'
        ? this.driver.inPageWorld<null, string>(tab, settledScript(IN_PAGE_ROOT, pageOrigin), null)
        : tab.evaluateExpression<string>(settledScript(EXTENSION_PAGE_ROOT, pageOrigin));
    expect(await within(settled, 10_000, `the ${where} settling`)).toBe('settled');
  }

  report(where: Where): Promise<ViewReport> {
    const options = { pageOrigin: this.servers.pageOrigin, imageHosts: [] };
    const tab = this.tabs[where];
    return where === 'page'
      ? this.driver.inPageWorld<null, ViewReport>(tab, reportScript(IN_PAGE_ROOT, options), null)
      : tab.evaluateExpression<ViewReport>(reportScript(EXTENSION_PAGE_ROOT, options));
  }

  /** What the page's own world says a script of its got: String(window.__pwned), or null. */
  pagePwned(): Promise<string | null> {
    return this.tabs.page.evaluateExpression("typeof window.__pwned === 'undefined' ? null : String(window.__pwned)");
  }

  /** The page's address; `again` for a second visit (an address not saved yet: saving again would unsave it). */
  urlOf(surface: SurfacePage, again = false): string {
    return this.servers.url(surface, this.extensionId) + (again ? '&again' : '');
  }

  /** The page in the popup, saved, in the offline reader, and in the in-page view; then every check. */
  async visit(surface: SurfacePage, again = false): Promise<void> {
    const { driver, servers } = this;
    const { page, popup, reader } = this.tabs;
    const url = this.urlOf(surface, again);
    this.armed = false;
    await page.bringToFront();
    await page.goto(url);
    // From here on, nothing the page itself loads: its own loading is over.
    const firstHit = servers.hits.length;
    const firstRequest = this.requests.length;
    this.armed = true;

    await driver.openExtensionPage('popup.html', popup);
    await popup.waitFor(SETTLED);
    expect(await popup.attribute('main', 'data-state'), 'popup').toBe('article');
    await popup.evaluate(() => document.querySelector<HTMLButtonElement>('.action-save')?.click(), null);
    await popup.waitFor('.action-save[aria-pressed="true"]');
    const id = await savedId(popup, url);
    expect(id, 'the offline copy').not.toBeNull();
    await driver.openExtensionPage(`reader.html?id=${encodeURIComponent(id!)}`, reader);
    await reader.waitFor('main[data-state="article"]');

    await page.bringToFront();
    await driver.command('toggle-reader-view', url);
    await page.waitFor(inView('main[data-state="article"]'));
    if (surface.attacksView) {
      await page.waitUntil(() => (window as { __attempted?: boolean }).__attempted === true, null);
    }
    // Whatever the page's scripts got is in its own world by now (before anything else can fail).
    expect.soft(await this.pagePwned(), 'the page got something (window.__pwned)').toBeNull();
    // Each extension page in front for a moment, where the browser loads what it may (lazy images included).
    for (const where of ['popup', 'reader'] as const) {
      await this.tabs[where].bringToFront();
      await this.settle(where);
    }
    await page.bringToFront();
    await this.settle('page');

    // Nothing the page's scripts tried reached the extension, and the reader made no request the page never made.
    expect.soft(await this.pagePwned(), 'the page got something, later (window.__pwned)').toBeNull();
    const hits = servers.hits.slice(firstHit);
    expect
      .soft(
        hits.filter((h) => h.host === 'sentinel').map((h) => h.path),
        'the sentinel',
      )
      .toEqual([]);
    expect
      .soft(
        hits.filter((h) => h.host === 'page' && h.path.startsWith('/track/')).map((h) => h.path),
        'addresses the page never loaded',
      )
      .toEqual([]);
    const hosts = { sentinel: servers.sentinel, cdn: NO_CDN };
    const seen = this.requests.slice(firstRequest);
    expect
      .soft(forbiddenRequests(seen, { pageOrigin: servers.pageOrigin, hosts, extensionOrigin: driver.origin }))
      .toEqual([]);

    // The three views show the article, with nothing in it that could run or load.
    for (const where of ['popup', 'reader', 'page'] as const) {
      const report = await this.report(where);
      expect.soft(report.missing, `${where}: no view`).toBeUndefined();
      expect.soft(report.problems, `${where}: rendered article`).toEqual([]);
      expect.soft(report.title?.text, `${where}: title`).toBe(TITLE);
    }
    expect(await page.count(VIEW), 'the view is still open').toBe(1);
  }

  /** The shortcut closes the view (the extension's own channel, whatever the page did). */
  async closeWithShortcut(surface: SurfacePage, again = false): Promise<void> {
    await this.driver.command('toggle-reader-view', this.urlOf(surface, again));
    await this.tabs.page.waitFor(VIEW, { state: 'detached' });
  }
}

/**
 * Run in the extension's world of the page, as a page script would if it ever got hold of the view's root:
 * untrusted clicks on the settings, the theme, the font size and the reading list's actions, untrusted keys (A, F,
 * Escape). Resolves once the
 * view's render queue has run after them.
 */
export async function untrustedActions(): Promise<{ panel: boolean; open: boolean }> {
  type View = { root: ShadowRoot; isOpen(): boolean };
  const view = (globalThis as Record<string, unknown>).__clearReaderViewController as View;
  const rendered = () => new Promise((resolve) => setTimeout(resolve, 0));
  view.root.querySelector<HTMLElement>('.action-settings')?.click();
  await rendered();
  view.root.querySelector<HTMLElement>('.setting-theme input[value="sepia"]')?.click();
  view.root.querySelector<HTMLElement>('.setting-fontSize .increase')?.click();
  view.root.querySelector<HTMLElement>('.action-close')?.click();
  // The reading list's actions: save (or unsave), mark read, favourite, by click and by key.
  for (const action of ['save', 'mark-read', 'favourite'])
    view.root.querySelector<HTMLElement>(`.action-${action}`)?.click();
  for (const key of ['a', 'f']) {
    view.root
      .querySelector('[role="dialog"]')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
  }
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  await rendered();
  return { panel: !!view.root.querySelector('.settings'), open: view.isOpen() };
}
