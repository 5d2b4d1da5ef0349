// Huge, deep, hostile and broken pages in real Chromium: the popup (and the in-page view) ends with the article or
// a failure with its message, never stuck on "Cleaning up…", within a bound, and the tab still answers afterwards.
// Same set-up as chromium.e2e.ts (the E2E build, the popup opened in a background tab of the page's window).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchChromium } from './chromium-launch.ts';
import { SETTLED, enMessage } from './expectations.ts';
import {
  ARTICLE_PARAGRAPHS,
  ARTICLE_TITLE,
  BROKEN,
  DEEP_TEXT,
  READING_TIME,
  startBrokenServer,
  type BrokenServer,
} from './broken-pages-server.ts';

declare const chrome: { tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> } };

/** Longest the popup may take to settle: the content script's time budget is 5 s, the injection timeout 20 s. */
const SETTLE_BOUND_MS = 30_000;
/** Longest the tab may take to answer a trivial evaluation once the extraction is over. */
const RESPONSIVE_BOUND_MS = 5_000;

let server: BrokenServer;
let context: BrowserContext;
let userDataDir: string;
let popupUrl: string;
let worker: Worker;
let pageTab: Page;
let cdp: CDPSession;

beforeAll(async () => {
  server = await startBrokenServer();
  userDataDir = mkdtempSync(join(tmpdir(), 'clear-reader-broken-'));
  ({ context, worker } = await launchChromium(userDataDir));
  popupUrl = `chrome-extension://${new URL(worker.url()).host}/popup.html`;
  pageTab = context.pages()[0] ?? (await context.newPage());
});

// Each test gets a tab of its own: a page that hangs or crashes its tab cannot take the next tests down with it.
beforeEach(async () => {
  const old = pageTab;
  pageTab = await context.newPage();
  await old.close();
  // Raw CDP, not page.evaluate: the tampering page breaks the built-ins that Playwright's own page-side code uses.
  cdp = await context.newCDPSession(pageTab);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** Evaluates an expression in the page's own world, whatever the page did to its built-ins. */
async function inPage(expression: string): Promise<unknown> {
  const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })) as {
    result: { value?: unknown };
    exceptionDetails?: { text: string };
  };
  if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
  return result.value;
}

/** The tab answers a trivial evaluation within the bound; returns how long it took. */
async function expectResponsive(): Promise<number> {
  const start = performance.now();
  const answer = await Promise.race([
    inPage('1 + 1'),
    new Promise((resolve) => setTimeout(() => resolve('no answer'), RESPONSIVE_BOUND_MS)),
  ]);
  expect(answer).toBe(2);
  return Math.round(performance.now() - start);
}

interface Shown {
  state: string | null;
  reason: string | null;
  status: string;
  paragraphs: string[];
  text: string;
  settleMs: number;
}

/** Shows `url` in the page tab, opens the popup on it, waits until it settles and reads what it shows. */
async function popupOn(url: string): Promise<{ popup: Page; shown: Shown }> {
  const popup = await context.newPage();
  await pageTab.bringToFront();
  await pageTab.goto(url, { timeout: 60_000 });
  const start = performance.now();
  await popup.goto(popupUrl);
  await popup.locator(SETTLED).waitFor({ timeout: SETTLE_BOUND_MS });
  const settleMs = Math.round(performance.now() - start);
  const main = popup.locator('main');
  const shown: Shown = {
    state: await main.getAttribute('data-state'),
    reason: await main.getAttribute('data-reason'),
    status: (await popup.locator('.status').count()) ? await popup.locator('.status').innerText() : '',
    paragraphs: await popup.locator('.content p').allInnerTexts(),
    text: await main.innerText(),
    settleMs,
  };
  return { popup, shown };
}

function report(what: string, shown: Shown, responsiveMs: number): void {
  const outcome = shown.state === 'article' ? 'article' : `${shown.state} (${shown.reason})`;
  console.log(
    `[broken] Chromium, ${what}: ${outcome} after ${shown.settleMs} ms; the tab answered in ${responsiveMs} ms`,
  );
}

function expectArticle(shown: Shown): void {
  expect(shown.state).toBe('article');
  const text = shown.text.replace(/\s+/g, ' ');
  for (const paragraph of ARTICLE_PARAGRAPHS) expect(text).toContain(paragraph);
  expect(text).not.toContain(READING_TIME); // the cleanup ran
}

const FAILURE_KEYS: Record<string, string> = {
  'too-large': 'failureTooLarge',
  'too-slow': 'failureTooSlow',
  empty: 'failureEmpty',
  'not-article': 'failureNotArticle',
};

function expectFailure(shown: Shown, reason: string): void {
  expect(shown).toMatchObject({ state: 'failure', reason });
  expect(shown.status).toBe(enMessage(FAILURE_KEYS[reason]!));
}

describe('Chromium: broken pages in the popup', () => {
  test('a 20 MB page: the article, or "took too long" if the machine is slow; the tab answers after', async () => {
    const { popup, shown } = await popupOn(server.url(BROKEN.huge));
    report('20 MB page', shown, await expectResponsive());
    if (shown.state === 'article') {
      expectArticle(shown);
      expect(shown.text).toContain('Update 4999.');
    } else expectFailure(shown, 'too-slow');
    await popup.close();
  });

  test('5,000 nested elements in the markup: the parser flattens them, and the article comes out', async () => {
    const { popup, shown } = await popupOn(server.url(BROKEN.deepParsed));
    report('5,000 deep (markup)', shown, await expectResponsive());
    // Chromium's parser nests 512 open elements at most: the deep divs end up side by side, not 5,000 deep.
    const depth = await inPage(`(() => {
      let deepest = 0;
      const stack = [[document.documentElement, 0]];
      while (stack.length) {
        const [el, level] = stack.pop();
        if (level > deepest) deepest = level;
        for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, level + 1]);
      }
      return deepest;
    })()`);
    console.log(`[broken] Chromium: the 5,000-deep markup parses ${String(depth)} levels deep`);
    expect(depth).toBeLessThanOrEqual(512);
    expectArticle(shown);
    expect(shown.text).toContain(DEEP_TEXT);
    await popup.close();
  });

  test('5,000 nested elements built by a script: too large, said at once', async () => {
    const { popup, shown } = await popupOn(server.url(BROKEN.deepScript));
    report('5,000 deep (script)', shown, await expectResponsive());
    expect(await inPage(`document.getElementById('deep').getElementsByTagName('div').length`)).toBe(5_000);
    expectFailure(shown, 'too-large');
    await popup.close();
  });

  test('100,000 paragraphs: too large, said at once', async () => {
    const { popup, shown } = await popupOn(server.url(BROKEN.manyParagraphs));
    report('100,000 paragraphs', shown, await expectResponsive());
    expectFailure(shown, 'too-large');
    await popup.close();
  });

  test('a frameset: not an article; forced, nothing to read', async () => {
    const { popup, shown } = await popupOn(server.url(BROKEN.frameset));
    report('frameset', shown, await expectResponsive());
    expectFailure(shown, 'not-article');
    await popup.bringToFront();
    await popup.getByRole('button', { name: enMessage('showAnyway') }).click();
    await popup.locator('main[data-state="failure"][data-reason="empty"]').waitFor({ timeout: SETTLE_BOUND_MS });
    expect(await popup.locator('.status').innerText()).toBe(enMessage('failureEmpty'));
    await popup.close();
  });

  test('a page that replaces document methods, DOM prototypes and built-ins, and freezes them: the article', async () => {
    const { popup, shown } = await popupOn(server.url(BROKEN.tampered));
    report('tampering page', shown, await expectResponsive());
    // None of the replaced functions was ever called by the extension...
    expect(await inPage('window.__tamperedCalls.n')).toBe(0);
    // ...though the tampering did happen in the page's world (this call is the first one counted).
    expect(await inPage(`Object.isFrozen(Node.prototype) && Object.isFrozen(Array.prototype)`)).toBe(true);
    expect(
      await inPage(
        `(() => { try { document.createElement('p'); return 'not replaced'; } catch (e) { return e.message; } })()`,
      ),
    ).toBe('tampered: document.createElement');
    expect(await inPage('window.__tamperedCalls.n')).toBe(1);
    expectArticle(shown);
    expect(shown.text).toContain(ARTICLE_TITLE);
    await popup.close();
  });

  test('a page whose scripts never stop mutating the DOM: the article', async () => {
    const { popup, shown } = await popupOn(server.url(BROKEN.mutating));
    report('mutating page', shown, await expectResponsive());
    const ticks = Number(await inPage('document.documentElement.dataset.mutations'));
    expect(ticks).toBeGreaterThan(0); // the page really was busy
    expectArticle(shown);
    await popup.close();
  });

  test.each([
    { what: 'a page whose body a script removed', path: BROKEN.noBody, reason: 'empty' },
    { what: 'an XHTML document without a body', path: BROKEN.xhtmlNoBody, reason: 'empty' },
  ])('$what: $reason', async ({ what, path, reason }) => {
    const { popup, shown } = await popupOn(server.url(path));
    report(what, shown, await expectResponsive());
    expect(await inPage('document.body')).toBeFalsy();
    expectFailure(shown, reason);
    await popup.close();
  });

  test('an XHTML article: cleaned like an HTML one', async () => {
    const { popup, shown } = await popupOn(server.url(BROKEN.xhtml));
    report('XHTML article', shown, await expectResponsive());
    expect(await inPage('document.contentType')).toBe('application/xhtml+xml');
    expectArticle(shown);
    await popup.close();
  });
});

/** The shortcut's handler in the background, on the tab showing `url` (see chromium.e2e.ts). */
async function toggleViewOn(url: string): Promise<void> {
  await worker.evaluate(async (url) => {
    const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
    if (!tab) throw new Error(`no tab shows ${url}`);
    const hook = (globalThis as unknown as { clearReader: { handleCommand: (c: string, t: unknown) => Promise<void> } })
      .clearReader;
    await hook.handleCommand('toggle-reader-view', tab);
  }, url);
}

const VIEW = 'clear-reader-view';

describe('Chromium: broken pages in the in-page view', () => {
  test('the tampering page: the article in the view, and Esc closes it', async () => {
    const url = server.url(BROKEN.tampered);
    await pageTab.bringToFront();
    await pageTab.goto(url);
    await toggleViewOn(url);
    await pageTab.locator(`${VIEW} main[data-state="article"]`).waitFor({ timeout: SETTLE_BOUND_MS });
    const text = (await pageTab.locator(`${VIEW} .content`).innerText()).replace(/\s+/g, ' ');
    for (const paragraph of ARTICLE_PARAGRAPHS) expect(text).toContain(paragraph);
    expect(await inPage('window.__tamperedCalls.n')).toBe(0);
    console.log(
      `[broken] Chromium, in-page view on the tampering page: the tab answered in ${await expectResponsive()} ms`,
    );
    await pageTab.keyboard.press('Escape');
    await pageTab.locator(VIEW).waitFor({ state: 'detached' });
  });

  test.each([
    { what: 'a page without a body', path: BROKEN.noBody, key: 'failureEmpty' },
    { what: '5,000 nested elements built by a script', path: BROKEN.deepScript, key: 'failureTooLarge' },
  ])('$what: the view says why', async ({ path, key }) => {
    const url = server.url(path);
    await pageTab.bringToFront();
    await pageTab.goto(url);
    await toggleViewOn(url);
    await pageTab.locator(`${VIEW} main[data-state="failure"]`).waitFor({ timeout: SETTLE_BOUND_MS });
    expect(await pageTab.locator(`${VIEW} .status`).innerText()).toBe(enMessage(key));
    await expectResponsive();
    await pageTab.keyboard.press('Escape');
    await pageTab.locator(VIEW).waitFor({ state: 'detached' });
  });
});
