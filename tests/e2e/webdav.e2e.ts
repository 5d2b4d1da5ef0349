// Sync between browsers for real: Chromium and Firefox ESR, each with the extension, both pointed at one WebDAV
// server on 127.0.0.1 through their own options pages: Debian's Apache httpd with mod_dav_fs (npm webdav-server
// where Apache is not installed, outside CI), with a non-ASCII password and a folder named with spaces, accents,
// & and #. An article saved in Chromium appears in Firefox's list; its deletion in Firefox reaches Chromium; its
// offline copy, synced as a file of its own, reads in Firefox. (The E2E builds may reach 127.0.0.1, as the
// reader's granted origin.)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import puppeteer, { type Browser, type Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { missingBinaries, startDavServer, type DavServer } from '../support/webdav-server.ts';
import { ARTIFACTS, CHROMIUM, E2E_BUILD, FIREFOX, GECKO_ID } from './paths.ts';
import { PATHS, startServer, type TestServer } from './server.ts';

const USER = 'lecteur';
const PASSWORD = 'mot-de-passe-é€';
const FOLDER = 'Clear Reader/Lectures é & #1';
const TITLE = 'Visite officielle de Abdellatif Hammouchi en France pour la sécurité bilatérale';
const UUID = randomUUID();

let server: TestServer;
let dav: DavServer;
let chrome: BrowserContext;
let chromeBase: string;
let profile: string;
let firefox: Browser;

beforeAll(async () => {
  server = await startServer();
  const apache = missingBinaries('apache') === null || process.env.CI === 'true';
  if (!apache) console.warn('\n!!! webdav.e2e: Apache httpd is not installed: running against npm webdav-server.\n');
  dav = await startDavServer(apache ? 'apache' : 'webdav-server', { user: USER, password: PASSWORD });

  profile = mkdtempSync(join(tmpdir(), 'clear-reader-webdav-'));
  const dir = E2E_BUILD.chrome;
  chrome = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu'],
  });
  const worker = chrome.serviceWorkers()[0] ?? (await chrome.waitForEvent('serviceworker'));
  chromeBase = `chrome-extension://${new URL(worker.url()).host}`;

  firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  await firefox.installExtension(E2E_BUILD.firefox);
});

afterAll(async () => {
  await chrome?.close();
  await firefox?.close();
  await dav?.stop();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** What the test does to a page, the same way in both browsers (real clicks and keys: permission requests need them). */
interface Ui {
  click(selector: string): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  waitFor(selector: string): Promise<void>;
  /** The page's value of a function of one string argument. */
  read<R>(fn: (arg: string) => R, arg?: string): Promise<R>;
  screenshot(name: string): Promise<void>;
}

async function saveScreenshot(
  page: { screenshot(options: { path: string; fullPage: boolean }): Promise<unknown> },
  name: string,
) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
}

const chromeUi = (page: Page): Ui => ({
  click: (selector) => page.click(selector),
  type: (selector, text) => page.fill(selector, text),
  waitFor: async (selector) => void (await page.locator(selector).first().waitFor()),
  read: (fn, arg = '') => page.evaluate(fn, arg),
  screenshot: (name) => saveScreenshot(page, name),
});

const firefoxUi = (page: FirefoxPage): Ui => ({
  click: async (selector) => void (await page.click(selector)),
  type: async (selector, text) => {
    await page.$eval(selector, (el) => {
      (el as HTMLInputElement).value = '';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.type(selector, text);
  },
  waitFor: async (selector) => void (await page.waitForSelector(selector)),
  read: (fn, arg = '') => page.evaluate(fn, arg),
  screenshot: (name) => saveScreenshot(page, name),
});

async function until(ui: Ui, fn: (arg: string) => boolean, arg = '', timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ui.read(fn, arg).catch(() => false))) {
    if (Date.now() > deadline) {
      const shown = await ui
        .read(() =>
          [
            ...Array.from(
              document.querySelectorAll('input'),
              (i) => `${i.name}=${i.type === 'checkbox' ? i.checked : i.value}`,
            ),
            document.querySelector('main')?.innerText ?? '',
          ].join('\n'),
        )
        .catch(() => '');
      throw new Error(`timed out waiting for ${fn.toString()}; the page shows:\n${shown.slice(0, 1500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Fills and saves the WebDAV form of an options page, after a successful connection test. */
async function configure(ui: Ui): Promise<void> {
  await ui.waitFor('input[name="enabled"]');
  await ui.click('input[name="enabled"]');
  await ui.type('input[name="baseUrl"]', dav.url);
  await ui.type('input[name="user"]', USER);
  await ui.type('input[name="password"]', PASSWORD);
  await ui.type('input[name="folder"]', FOLDER);
  await ui.click('input[name="syncArticles"]'); // offline copies too
  await ui.click('button.webdav-test');
  await until(ui, () => !!document.querySelector('.result.ok'));
  await ui.click('button.webdav-save');
  await until(ui, () => /Last sync/.test(document.querySelector('.sync-status')?.textContent ?? ''));
}

/** Clicks "Sync now" and waits for the status to show a newer, successful sync. */
async function syncedOnce(ui: Ui): Promise<void> {
  const before = await ui.read(() => document.querySelector('.sync-status')?.getAttribute('data-last-sync') ?? '0');
  await ui.click('button.webdav-sync');
  await until(
    ui,
    (previous) => {
      const status = document.querySelector('.sync-status');
      return (
        Number(status?.getAttribute('data-last-sync') ?? 0) > Number(previous) &&
        status?.getAttribute('data-failed') === 'false'
      );
    },
    before,
  );
}

/** Opens a browser's reading list (its popup page's list tab). */
async function openList(ui: Ui): Promise<void> {
  await ui.waitFor('button.action-tab-list');
  await ui.click('button.action-tab-list');
  await ui.waitFor('.reading-list');
}

/** Waits until the list shows (or no longer shows) the article; the list follows storage as syncs land. */
async function listShows(ui: Ui, shown: boolean): Promise<void> {
  await until(
    ui,
    (expected) =>
      Array.from(document.querySelectorAll('.reading-list .item-title'), (a) => a.textContent).includes(
        expected.slice(1),
      ) ===
      (expected[0] === '+'),
    `${shown ? '+' : '-'}${TITLE}`,
  );
}

/** Opens an extension page in Firefox (moz-extension:// navigations may never resolve in puppeteer). */
async function firefoxPage(path: string): Promise<FirefoxPage> {
  const page = await firefox.newPage();
  page.goto(`moz-extension://${UUID}/${path}`).catch(() => undefined);
  await page.waitForFunction(
    (p) => location.pathname === `/${p}` && document.readyState === 'complete',
    { polling: 100 },
    path,
  );
  return page;
}

describe('WebDAV sync between Chromium and Firefox', () => {
  test('a save in Chromium reaches Firefox, and a deletion in Firefox reaches Chromium', async () => {
    const chromeOptionsPage = await chrome.newPage();
    await chromeOptionsPage.goto(`${chromeBase}/options.html`);
    const chromeOptions = chromeUi(chromeOptionsPage);
    await configure(chromeOptions);
    const firefoxOptions = firefoxUi(await firefoxPage('options.html'));
    await configure(firefoxOptions);

    // Save the seed article in Chromium (popup in a background tab of the article's window).
    const article = chrome.pages()[0] ?? (await chrome.newPage());
    const popup = await chrome.newPage();
    await article.bringToFront();
    await article.goto(server.url(PATHS.article));
    await popup.goto(`${chromeBase}/popup.html`);
    await popup.locator('main[data-state="article"]').waitFor();
    await popup.bringToFront();
    await popup.locator('button.action-save').click();
    await popup.locator('button.action-save[aria-pressed="true"]').waitFor();
    await popup.close();

    await chromeOptionsPage.bringToFront();
    await syncedOnce(chromeOptions);
    await syncedOnce(firefoxOptions);
    const firefoxList = firefoxUi(await firefoxPage('popup.html'));
    await openList(firefoxList);
    await listShows(firefoxList, true);

    // Its offline copy came through the server too: Firefox never opened the page, yet reads it offline.
    const id = await firefoxList.read(() => document.querySelector('.reading-list .item')?.getAttribute('data-id'));
    expect(id).toMatch(/^[0-9a-z]+$/);
    expect(await firefoxList.read(() => !!document.querySelector('.reading-list .item .not-offline'))).toBe(false);
    const reader = await firefox.newPage();
    reader.goto(`moz-extension://${UUID}/reader.html?id=${id}`).catch(() => undefined);
    await reader.waitForSelector('main[data-state="article"] .content p');
    const paragraphs = await reader.$$eval('.content p', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(paragraphs.join('\n')).toContain('Nicolas Lerner');
    await reader.close();

    // Delete it in Firefox; after both sync, Chromium's list, open all along, no longer has it.
    const chromeListPage = await chrome.newPage();
    await chromeListPage.goto(`${chromeBase}/popup.html`);
    const chromeList = chromeUi(chromeListPage);
    await openList(chromeList);
    await listShows(chromeList, true);
    await firefoxList.click('.reading-list .item .action-delete');
    await firefoxList.waitFor('.reading-list .empty');
    await syncedOnce(firefoxOptions);
    await chromeOptionsPage.bringToFront();
    await syncedOnce(chromeOptions);
    await listShows(chromeList, false);
    // Two browsers, four syncs through the options pages: over a minute on a loaded 2-core machine.
  }, 180_000);

  // Through the real options page, plain words for what the reader got wrong (every server answer is said in
  // words by the unit tests; here, that the page shows them). Runs after the first test: its saved settings load.
  test.each(['chromium', 'firefox'] as const)(
    '%s: the connection test names a refused password and credentials typed into the address',
    async (browserName) => {
      const chromePage = browserName === 'chromium' ? await chrome.newPage() : null;
      if (chromePage) await chromePage.goto(`${chromeBase}/options.html`);
      const ui = chromePage ? chromeUi(chromePage) : firefoxUi(await firefoxPage('options.html'));
      await until(
        ui,
        (url) => document.querySelector<HTMLInputElement>('input[name="baseUrl"]')?.value === url,
        dav.url,
      );
      const result = (expected: string) =>
        until(ui, (words) => document.querySelector('.result.error')?.textContent?.includes(words) === true, expected);

      await ui.type('input[name="password"]', `${PASSWORD}-wrong`);
      await ui.click('button.webdav-test');
      await result('refused the user name or password (HTTP 401)');

      const withCredentials = dav.url.replace('http://', `http://${USER}:secret@`);
      await ui.type('input[name="baseUrl"]', withCredentials);
      await ui.click('button.webdav-test');
      await result('holds a user name or password (user:password@)');
      expect(await ui.read(() => document.querySelector('main')?.innerText.includes('secret'))).toBe(false);
      await ui.screenshot(`options-webdav-problem-${browserName}.png`);
    },
    60_000,
  );
});
