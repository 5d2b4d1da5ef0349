// Sync between browsers for real: Chromium and Firefox ESR, each with the extension, both pointed at one WebDAV
// server on 127.0.0.1 through their own options pages: Debian's Apache httpd with mod_dav_fs (npm webdav-server
// where Apache is not installed, outside CI), with a non-ASCII password and a folder named with spaces, accents,
// & and #. An article saved in Chromium appears in Firefox's list; its deletion in Firefox reaches Chromium; its
// offline copy, synced as a file of its own, reads in Firefox. A highlight and its note made in Chromium's offline
// reader show in Firefox's, and a note edited there reaches Chromium's reader, open all along. (The E2E builds may reach 127.0.0.1, as the
// reader's granted origin.) Both browsers through the drivers of tests/support/driver, with real clicks and key
// presses: permission requests need them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_DRIVER, DRIVERS, FIREFOX_DRIVER, type Driver, type Tab } from '../support/driver/index.ts';
import { missingBinaries, startDavServer, type DavServer } from '../support/webdav-server.ts';
import { SEED_TITLE, SETTLED } from './expectations.ts';
import { paintedAs, pointOn, select } from './scenarios/highlights.ts';
import { ARTIFACTS } from './paths.ts';
import { PATHS, startServer, type TestServer } from './server.ts';

const USER = 'lecteur';
const PASSWORD = 'mot-de-passe-é€';
const FOLDER = 'Clear Reader/Lectures é & #1';
/** A phrase of the seed article, highlighted in one browser and found in the other. */
const QUOTE = 'la coopération bilatérale';
const NOTE = 'Chercher le texte de l’accord.';
const EDITED_NOTE = 'Chercher le texte de l’accord signé à Rabat.';
/** How long a sync or a connection test may take on a busy machine. */
const SYNC_BOUND_MS = 20_000;

let server: TestServer;
let dav: DavServer;
const drivers: Partial<Record<Driver['name'], Driver>> = {};
const browser = (name: Driver['name']) => drivers[name] ?? fail(name);

function fail(name: string): never {
  throw new Error(`${name} did not start`);
}

beforeAll(async () => {
  server = await startServer();
  const apache = missingBinaries('apache') === null || process.env.CI === 'true';
  if (!apache) console.warn('\n!!! webdav.e2e: Apache httpd is not installed: running against npm webdav-server.\n');
  dav = await startDavServer(apache ? 'apache' : 'webdav-server', { user: USER, password: PASSWORD });
  drivers.chromium = await CHROMIUM_DRIVER.launch();
  drivers.firefox = await FIREFOX_DRIVER.launch();
});

afterAll(async () => {
  await drivers.chromium?.close();
  await drivers.firefox?.close();
  await dav?.stop();
  await server?.close();
});

/** Waits until `fn(arg)` holds in `tab`; when it does not, the failure says what the page shows. */
async function until<A>(tab: Tab, fn: (arg: A) => boolean, arg: A): Promise<void> {
  try {
    await tab.waitUntil(fn, arg, { timeout: SYNC_BOUND_MS });
  } catch (error) {
    const shown = await tab
      .evaluate(
        () =>
          [
            ...Array.from(
              document.querySelectorAll('input'),
              (i) => `${i.name}=${i.type === 'checkbox' ? i.checked : i.value}`,
            ),
            document.querySelector('main')?.innerText ?? '',
          ].join('\n'),
        null,
      )
      .catch(() => '');
    throw new Error(`${(error as Error).message}; the page shows:\n${shown.slice(0, 1500)}`, { cause: error });
  }
}

/** Fills and saves the WebDAV form of an options page, after a successful connection test. */
async function configure(options: Tab): Promise<void> {
  await options.bringToFront();
  await options.waitFor('input[name="enabled"]');
  await options.click('input[name="enabled"]');
  await options.fill('input[name="baseUrl"]', dav.url);
  await options.fill('input[name="user"]', USER);
  await options.fill('input[name="password"]', PASSWORD);
  await options.fill('input[name="folder"]', FOLDER);
  await options.click('input[name="syncArticles"]'); // offline copies too
  await options.click('button.webdav-test');
  await until(options, () => !!document.querySelector('.result.ok'), null);
  await options.click('button.webdav-save');
  await until(options, () => /Last sync/.test(document.querySelector('.sync-status')?.textContent ?? ''), null);
}

/** Clicks "Sync now" and waits for the status to show a newer, successful sync. */
async function syncedOnce(options: Tab): Promise<void> {
  await options.bringToFront();
  const before = (await options.attribute('.sync-status', 'data-last-sync')) ?? '0';
  await options.click('button.webdav-sync');
  await until(
    options,
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

/** A popup page on its reading list tab. */
async function openList(driver: Driver): Promise<Tab> {
  const popup = await driver.openExtensionPage('popup.html');
  await popup.bringToFront();
  await popup.click('button.action-tab-list');
  await popup.waitFor('.reading-list');
  return popup;
}

/** Waits until the list shows (or no longer shows) the article; the list follows storage as syncs land. */
async function listShows(list: Tab, shown: boolean): Promise<void> {
  await until(
    list,
    ({ title, shown }) =>
      Array.from(document.querySelectorAll('.reading-list .item-title'), (a) => a.textContent).includes(title) ===
      shown,
    { title: SEED_TITLE, shown },
  );
}

describe('WebDAV sync between Chromium and Firefox', () => {
  test('a save in Chromium reaches Firefox, and a deletion in Firefox reaches Chromium', async () => {
    const chromium = browser('chromium');
    const firefox = browser('firefox');
    const chromiumOptions = await chromium.openExtensionPage('options.html');
    await configure(chromiumOptions);
    const firefoxOptions = await firefox.openExtensionPage('options.html');
    await configure(firefoxOptions);

    // Save the seed article in Chromium (popup in a background tab of the article's window).
    const { pageTab: article } = chromium;
    await article.bringToFront();
    await article.goto(server.url(PATHS.article));
    const popup = await chromium.openExtensionPage('popup.html');
    await popup.waitFor(SETTLED);
    expect(await popup.attribute('main', 'data-state')).toBe('article');
    await popup.bringToFront();
    await popup.click('button.action-save');
    await popup.waitFor('button.action-save[aria-pressed="true"]');
    await popup.close();

    await syncedOnce(chromiumOptions);
    await syncedOnce(firefoxOptions);
    const firefoxList = await openList(firefox);
    await listShows(firefoxList, true);

    // Its offline copy came through the server too: Firefox never opened the page, yet reads it offline.
    const id = await firefoxList.attribute('.reading-list .item', 'data-id');
    expect(id).toMatch(/^[0-9a-z]+$/);
    expect(await firefoxList.count('.reading-list .item .not-offline')).toBe(0);
    const reader = await firefox.openExtensionPage(`reader.html?id=${id}`);
    await reader.waitFor('main[data-state="article"] .content p');
    expect((await reader.texts('.content p')).join('\n')).toContain('Nicolas Lerner');
    await reader.close();

    // Delete it in Firefox; after both sync, Chromium's list, open all along, no longer has it.
    const chromiumList = await openList(chromium);
    await listShows(chromiumList, true);
    await firefoxList.bringToFront();
    await firefoxList.click('.reading-list .item .item-menu-button');
    await firefoxList.click('.reading-list [role="menu"] .action-delete');
    await firefoxList.waitFor('.reading-list .empty');
    await syncedOnce(firefoxOptions);
    await syncedOnce(chromiumOptions);
    await listShows(chromiumList, false);
    // Two browsers, four syncs through the options pages: over a minute on a loaded 2-core machine.
  }, 180_000);

  // The reader's site rules travel in the device files: a rule imported in Firefox (our JSON export, through the
  // options page) is listed in Chromium's options page after both sync; its deletion in Chromium reaches Firefox.
  test('a site rule made in Firefox shows in Chromium after sync, and its deletion in Chromium reaches Firefox', async () => {
    const chromium = browser('chromium');
    const firefox = browser('firefox');
    const rule = {
      id: 'site:e2erule01',
      site: 'echo-des-dunes.example',
      created: '2026-12-02T22:53:48.453Z',
      selector: 'div.encart-abonnement',
      stage: 'page',
    };
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'site-rules-export.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'clear-reader',
        version: 1,
        exportedAt: '2026-12-03T00:00:00.000Z',
        items: [],
        siteRules: [{ rule, live: { value: true, t: Date.parse(rule.created), d: 'e2e000' } }],
      }),
    );
    const shows = (shown: boolean) => (tab: Tab) =>
      until(tab, (s) => !!document.querySelector(`.site-rule[data-rule="${s.id}"]`) === s.shown, {
        id: rule.id,
        shown,
      });

    const firefoxOptions = await firefox.openExtensionPage('options.html');
    await firefoxOptions.bringToFront();
    await firefoxOptions.waitFor('input[name="import-file"]');
    await firefoxOptions.chooseFile('input[name="import-file"]', file);
    await firefoxOptions.waitFor('.import-site-rules');
    await firefoxOptions.click('button.import-go');
    await firefoxOptions.waitFor('.import-done');
    await shows(true)(firefoxOptions);
    expect(await firefoxOptions.text('.site-rule .site-rule-what')).toContain('div.encart-abonnement');

    const chromiumOptions = await chromium.openExtensionPage('options.html');
    await shows(false)(chromiumOptions);
    await syncedOnce(firefoxOptions);
    await syncedOnce(chromiumOptions);
    await shows(true)(chromiumOptions);
    expect(await chromiumOptions.text('.site-rules-site h3')).toBe('echo-des-dunes.example');

    await chromiumOptions.click(`.site-rule[data-rule="${rule.id}"] button`);
    await chromiumOptions.waitFor('.site-rule-deleted button');
    await shows(false)(chromiumOptions);
    await syncedOnce(chromiumOptions);
    await syncedOnce(firefoxOptions);
    await shows(false)(firefoxOptions);
    await chromiumOptions.close();
    await firefoxOptions.close();
  }, 180_000);

  test('a highlight and its note made in Chromium show in Firefox, and a note edited in Firefox reaches Chromium', async () => {
    const chromium = browser('chromium');
    const firefox = browser('firefox');
    const chromiumOptions = await chromium.openExtensionPage('options.html');
    const firefoxOptions = await firefox.openExtensionPage('options.html');
    // Configured by the first test: the page says highlights go through WebDAV.
    for (const options of [chromiumOptions, firefoxOptions]) {
      await until(options, () => !!document.querySelector('.highlights-sync'), null);
    }

    // Saved again in Chromium (the first test deleted it), highlighted with a note in its offline reader.
    const { pageTab: article } = chromium;
    await article.bringToFront();
    await article.goto(server.url(PATHS.article));
    const popup = await chromium.openExtensionPage('popup.html');
    await popup.waitFor(SETTLED);
    await popup.bringToFront();
    await popup.click('button.action-save');
    await popup.waitFor('button.action-save[aria-pressed="true"]');
    await popup.close();
    const chromiumList = await openList(chromium);
    await listShows(chromiumList, true);
    const id = await chromiumList.attribute('.reading-list .item', 'data-id');
    const chromiumReader = await chromium.openExtensionPage(`reader.html?id=${id}`);
    await chromiumReader.bringToFront();
    await chromiumReader.waitFor('.hl-section[data-ready="true"]');
    expect(await select(chromiumReader, QUOTE)).toBe(true);
    await chromiumReader.waitFor('.hl-toolbar');
    await chromiumReader.press('n');
    await chromiumReader.waitFor('.hl-editor .hl-note-field');
    await chromiumReader.fill('.hl-editor .hl-note-field', NOTE);
    await chromiumReader.click('.hl-editor .hl-save-note');
    await chromiumReader.click('.hl-editor .hl-close');
    await chromiumReader.waitFor('.hl-editor', { state: 'detached' });
    await until(chromiumReader, (note) => document.querySelector('.hl-item-note')?.textContent === note, NOTE);

    await syncedOnce(chromiumOptions);
    await syncedOnce(firefoxOptions);
    const firefoxReader = await firefox.openExtensionPage(`reader.html?id=${id}`);
    await firefoxReader.bringToFront();
    await firefoxReader.waitFor('.hl-section[data-ready="true"]');
    await until(firefoxReader, (note) => document.querySelector('.hl-item-note')?.textContent === note, NOTE);
    await paintedAs(firefoxReader, 'cr-hl-yellow', [QUOTE]);

    // The reverse: Firefox edits the note; Chromium's reader, open all along, shows it once both have synced.
    const point = await pointOn(firefoxReader, QUOTE);
    await firefoxReader.clickAt(point.x, point.y);
    await firefoxReader.waitFor('.hl-editor .hl-note-field');
    await firefoxReader.fill('.hl-editor .hl-note-field', EDITED_NOTE);
    await firefoxReader.click('.hl-editor .hl-save-note');
    await until(firefoxReader, (note) => document.querySelector('.hl-item-note')?.textContent === note, EDITED_NOTE);
    await syncedOnce(firefoxOptions);
    await syncedOnce(chromiumOptions);
    await until(chromiumReader, (note) => document.querySelector('.hl-item-note')?.textContent === note, EDITED_NOTE);
    mkdirSync(ARTIFACTS, { recursive: true });
    await chromiumReader.bringToFront();
    await chromiumReader.screenshot(join(ARTIFACTS, 'webdav-highlight-synced-chromium.png'));
  }, 180_000);

  // Through the real options page, plain words for what the reader got wrong (every server answer is said in
  // words by the unit tests; here, that the page shows them). Runs after the first test: its saved settings load.
  test.each(DRIVERS)(
    '$name: the connection test names a refused password and credentials typed into the address',
    async ({ name }) => {
      const options = await browser(name).openExtensionPage('options.html');
      await options.bringToFront();
      await until(
        options,
        (url) => document.querySelector<HTMLInputElement>('input[name="baseUrl"]')?.value === url,
        dav.url,
      );
      const result = (expected: string) =>
        until(
          options,
          (words) => document.querySelector('.result.error')?.textContent?.includes(words) === true,
          expected,
        );

      await options.fill('input[name="password"]', `${PASSWORD}-wrong`);
      await options.click('button.webdav-test');
      await result('refused the user name or password (HTTP 401)');

      const withCredentials = dav.url.replace('http://', `http://${USER}:secret@`);
      await options.fill('input[name="baseUrl"]', withCredentials);
      await options.click('button.webdav-test');
      await result('holds a user name or password (user:password@)');
      expect(await options.text('main')).not.toContain('secret');
      mkdirSync(ARTIFACTS, { recursive: true });
      await options.screenshot(join(ARTIFACTS, `options-webdav-problem-${name}.png`));
    },
    60_000,
  );
});
