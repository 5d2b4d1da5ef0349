// The shipped code in real Chromium: popup -> platform/extract-tab.ts -> scripting.executeScript -> content script.
//
// How extraction is triggered: `activeTab` is granted only by a real user gesture (toolbar click, shortcut), and
// headless Chromium has no toolbar to click. So the tests load the E2E build (.output/e2e-chrome-mv3: identical
// code, plus host access to http://127.0.0.1/*, see wxt.config.ts and build.e2e.ts), and open popup.html as a
// background tab of the window whose active tab is the test page: the popup's own
// `tabs.query({active: true, currentWindow: true})` then finds the page, exactly as when the reader clicks the
// button. Nothing in the extension knows it is being tested.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NOT_ARTICLE_TEXT, SETTLED, enMessage, expectSeedArticle, type PopupSnapshot } from './expectations.ts';
import { CHROMIUM, E2E_BUILD } from './paths.ts';
import { PATHS, startServer, type TestServer } from './server.ts';

let server: TestServer;
let context: BrowserContext;
let userDataDir: string;
let popupUrl: string;
/** The tab holding the test page; always the active tab of its window when a popup opens. */
let pageTab: Page;

beforeAll(async () => {
  server = await startServer();
  userDataDir = mkdtempSync(join(tmpdir(), 'clear-reader-chromium-'));
  const dir = E2E_BUILD.chrome;
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${dir}`, // without it, Playwright's own --disable-extensions wins
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  popupUrl = `chrome-extension://${new URL(worker.url()).host}/popup.html`;
  pageTab = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** Shows `url` in the page tab, then opens the popup in a background tab of the same window. */
async function openPopupOn(url: string): Promise<Page> {
  const popup = await context.newPage(); // opens in front...
  await pageTab.bringToFront(); // ...so hand the front back to the page
  await pageTab.goto(url);
  await popup.goto(popupUrl);
  await popup.locator(SETTLED).waitFor();
  return popup;
}

async function snapshot(popup: Page): Promise<PopupSnapshot> {
  const main = popup.locator('main');
  const text = async (selector: string) =>
    (await popup.locator(selector).count()) ? popup.locator(selector).innerText() : '';
  return {
    state: await main.getAttribute('data-state'),
    reason: await main.getAttribute('data-reason'),
    title: await text('.title'),
    site: await text('.site'),
    byline: await text('.byline'),
    readingTime: await text('.reading-time'),
    paragraphs: await popup.locator('.content p').allInnerTexts(),
    text: await main.innerText(),
  };
}

describe('Chromium', () => {
  test('the popup shows the clean seed article', async () => {
    const popup = await openPopupOn(server.url(PATHS.article));
    expectSeedArticle(await snapshot(popup));
    await popup.close();
  });

  test('a page that is not an article: a localized message, and "Show it anyway" works', async () => {
    const popup = await openPopupOn(server.url(PATHS.notArticle));
    const before = await snapshot(popup);
    expect(before).toMatchObject({ state: 'failure', reason: 'not-article' });
    expect(before.text).toContain(enMessage('failureNotArticle'));

    // The popup remembers its tab: it may come to the front for a real click.
    await popup.bringToFront();
    await popup.getByRole('button', { name: enMessage('showAnyway') }).click();
    await popup.locator('main[data-state="article"]').waitFor();
    const after = await snapshot(popup);
    expect(after.title).toBe('Corner Shop');
    expect(after.text).toContain(NOT_ARTICLE_TEXT);
    await popup.close();
  });

  test.each([
    { what: 'a plain-text document', path: PATHS.plainText, reason: 'not-html', key: 'failureNotHtml' },
    // Chromium runs the content script in its PDF viewer's document: document.contentType gives it away.
    { what: 'a PDF', path: PATHS.pdf, reason: 'not-html', key: 'failureNotHtml' },
    { what: 'a browser page', url: 'chrome://version/', reason: 'restricted', key: 'failureRestricted' },
  ])('$what: $reason', async ({ path, url, reason, key }) => {
    const popup = await openPopupOn(url ?? server.url(path ?? '/'));
    const shown = await snapshot(popup);
    expect(shown).toMatchObject({ state: 'failure', reason });
    expect(shown.text).toContain(enMessage(key));
    expect(await popup.getByRole('button').count()).toBe(0);
    await popup.close();
  });
});
