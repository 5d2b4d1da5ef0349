// One browser per driver for a whole file, and the moves every scenario makes: open the popup on a page, read
// what it shows, find the in-page view.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { BrowserName, Driver, DriverEntry, LaunchOptions, Tab } from '../../support/driver/index.ts';
import { SETTLED, type PopupSnapshot } from '../expectations.ts';
import { ARTIFACTS } from '../paths.ts';
import { VIEW } from '../../support/driver/view.ts';
import { startServer, type TestServer } from '../server.ts';

export interface Session {
  name: BrowserName;
  driver: () => Driver;
  server: () => TestServer;
}

/** Launches the driver's browser (and the test server) before the file's tests, and closes them after. */
export function useSession(entry: DriverEntry, options?: LaunchOptions): Session {
  let driver: Driver | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer();
    driver = await entry.launch(options);
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });
  return {
    name: entry.name,
    driver: () => driver ?? fail('no browser'),
    server: () => server ?? fail('no server'),
  };
}

function fail(what: string): never {
  throw new Error(`${what}: the session did not start`);
}

/** The in-page clean view: a plain <div> whose closed shadow root holds the view (tests/support/driver/view.ts). */
export { VIEW } from '../../support/driver/view.ts';
export const inView = (selector: string) => `${VIEW} >>> ${selector}`;

/** The global the in-page view's script leaves in the extension's world of the page (its closed root). */
export const VIEW_CONTROLLER = '__clearReaderViewController';

/**
 * Waits until the in-page view's own finite animations and transitions are over: the screenshot's wait
 * (tests/support/driver/settled.ts) runs in the page's world, which does not reach the view's closed root.
 */
export async function viewSettled(driver: Driver, tab: Tab): Promise<void> {
  const settled = (controller: string) => {
    const { root } = (globalThis as unknown as Record<string, { root: ShadowRoot }>)[controller]!;
    return root
      .getAnimations()
      .every((a) => a.playState !== 'running' || !Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
  };
  await expect.poll(() => driver.inPageWorld(tab, settled, VIEW_CONTROLLER)).toBe(true);
}

/**
 * Shows `url` in the page tab, then opens the popup in a background tab of the same window, as when the reader
 * clicks the toolbar button: the popup's own `tabs.query({active: true, currentWindow: true})` finds the page.
 * (`activeTab` comes from a real click, which no automation makes: the E2E build has host access to 127.0.0.1.)
 */
export async function openPopupOn(driver: Driver, url: string, options: { settleMs?: number } = {}): Promise<Tab> {
  const popup = await driver.newTab(); // opens in front...
  await driver.pageTab.bringToFront(); // ...so hand the front back to the page
  await driver.pageTab.goto(url);
  await driver.openExtensionPage('popup.html', popup);
  await popup.waitFor(SETTLED, { timeout: options.settleMs ?? 20_000 });
  return popup;
}

/** What the popup (or the offline reader) shows, read from its DOM. */
export function snapshot(tab: Tab): Promise<PopupSnapshot> {
  return tab.evaluate(() => {
    const text = (selector: string) => document.querySelector<HTMLElement>(selector)?.innerText ?? '';
    const main = document.querySelector('main');
    return {
      state: main?.getAttribute('data-state') ?? null,
      reason: main?.getAttribute('data-reason') ?? null,
      title: text('.title'),
      site: text('.site'),
      byline: text('.byline'),
      readingTime: text('.reading-time'),
      status: text('.status'),
      paragraphs: Array.from(document.querySelectorAll<HTMLElement>('.content p'), (p) => p.innerText),
      text: main?.innerText ?? '',
    };
  }, null);
}

/** Where a screenshot goes: Chromium's keep the names the README shows, Firefox's are prefixed. */
export function artifact(driver: Driver, name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, driver.name === 'chromium' ? name : `${driver.name}-${name}`);
}

/** Shows `url` in the page tab, in front, and opens the in-page view there as the shortcut does. */
export async function openViewOn(driver: Driver, url: string, state = 'article'): Promise<void> {
  await driver.pageTab.bringToFront();
  await driver.pageTab.goto(url);
  await driver.command('toggle-reader-view', url);
  await driver.pageTab.waitFor(inView(`main[data-state="${state}"]`), { timeout: 20_000 });
}

/** Closes the in-page view with Esc, as the reader does, and waits until it is gone. */
export async function closeView(driver: Driver): Promise<void> {
  await driver.pageTab.bringToFront();
  await driver.pageTab.press('Escape');
  await driver.pageTab.waitFor(VIEW, { state: 'detached' });
}
