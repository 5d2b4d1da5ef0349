// The shipped code in real Firefox ESR (MV2 build), driven by puppeteer-core over WebDriver BiDi.
//
// How extraction is triggered: as in chromium.e2e.ts, no toolbar click can grant `activeTab` here, so the E2E
// build (identical code plus host access to http://127.0.0.1/*) is installed as a temporary add-on, and
// popup.html is opened in a background tab of the window whose active tab is the test page: the popup's own
// `tabs.query({active: true, currentWindow: true})` finds the page.
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  NOT_ARTICLE_TEXT,
  SEED_PARAGRAPHS,
  SETTLED,
  SUMMARY_EXPECTATIONS,
  enMessage,
  expectSeedArticle,
  type PopupSnapshot,
} from './expectations.ts';
import { E2E_BUILD, FIREFOX, GECKO_ID } from './paths.ts';
import { PATHS, startServer, type TestServer } from './server.ts';

// The extension's internal UUID, pinned so that we know its pages' address.
const UUID = randomUUID();
const POPUP_URL = `moz-extension://${UUID}/popup.html`;

let server: TestServer;
let browser: Browser;
let pageTab: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'], // lets BiDi open moz-extension:// pages
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  const id = await browser.installExtension(E2E_BUILD.firefox);
  expect(id).toBe(GECKO_ID);
  pageTab = (await browser.pages())[0] ?? (await browser.newPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Shows `url` in the page tab, then opens the popup in a background tab of the same window. */
async function openPopupOn(url: string): Promise<Page> {
  const popup = await browser.newPage(); // opens in front...
  await pageTab.bringToFront(); // ...so hand the front back to the page
  await pageTab.goto(url);
  // A navigation to a moz-extension:// page may never resolve in puppeteer: start it, then wait for the page.
  popup.goto(POPUP_URL).catch(() => undefined);
  await settled(popup);
  return popup;
}

/**
 * Waits for the popup to load and settle. Polls instead of waitForFunction: while the tab is between documents,
 * Firefox's BiDi may fail an evaluation outright ("right-hand side of 'in' should be an object"), which is a
 * retry, not a test failure.
 */
async function settled(popup: Page, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      // popup.url() is not updated for moz-extension:// navigations: ask the page.
      if ((await popup.evaluate(() => location.href)) === POPUP_URL && (await popup.$(SETTLED))) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the popup did not settle within ${timeoutMs / 1000} s`, { cause: lastError });
}

async function snapshot(popup: Page): Promise<PopupSnapshot> {
  return popup.evaluate(() => {
    const text = (selector: string) => document.querySelector<HTMLElement>(selector)?.innerText ?? '';
    const main = document.querySelector('main');
    return {
      state: main?.getAttribute('data-state') ?? null,
      reason: main?.getAttribute('data-reason') ?? null,
      title: text('.title'),
      site: text('.site'),
      byline: text('.byline'),
      readingTime: text('.reading-time'),
      paragraphs: Array.from(document.querySelectorAll<HTMLElement>('.content p'), (p) => p.innerText),
      text: main?.innerText ?? '',
    };
  });
}

describe('Firefox ESR', () => {
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
    await popup.click('button.show-anyway');
    await popup.waitForSelector('main[data-state="article"]');
    const after = await snapshot(popup);
    expect(after.title).toBe('Corner Shop');
    expect(after.text).toContain(NOT_ARTICLE_TEXT);
    await popup.close();
  });

  test.each([
    { what: 'a plain-text document', path: PATHS.plainText, reason: 'not-html', key: 'failureNotHtml' },
    // Firefox refuses to script its PDF viewer: the .pdf address tells the reader why.
    { what: 'a PDF', path: PATHS.pdf, reason: 'not-html', key: 'failureNotHtml' },
    {
      what: 'a view-source: page',
      path: PATHS.article,
      prefix: 'view-source:',
      reason: 'restricted',
      key: 'failureRestricted',
    },
  ])('$what: $reason', async ({ path, prefix, reason, key }) => {
    const popup = await openPopupOn((prefix ?? '') + server.url(path));
    const shown = await snapshot(popup);
    expect(shown).toMatchObject({ state: 'failure', reason });
    expect(shown.text).toContain(enMessage(key));
    expect(await popup.$$('main button')).toHaveLength(0); // nothing to retry or force
    await popup.close();
  });
});

describe('Firefox ESR: the in-page clean view', () => {
  test('"Open full clean view" in the popup shows the article over the page; Esc closes it', async () => {
    const url = server.url(PATHS.article);
    const popup = await openPopupOn(url);
    await popup.bringToFront();
    await popup.click('button.action-open-full-view');
    // The popup asks the background, which extracts again and shows the view in the page tab.
    await pageTab.bringToFront();
    const view = await pageTab.waitForFunction(
      () => {
        const root = document.querySelector('clear-reader-view')?.shadowRoot;
        const main = root?.querySelector('main[data-state="article"]');
        if (!root || !main) return null;
        return {
          title: root.querySelector<HTMLElement>('.title')?.innerText ?? '',
          paragraphs: Array.from(root.querySelectorAll<HTMLElement>('.content p'), (p) => p.innerText),
          fontSize: getComputedStyle(root.querySelector('.reader')!).fontSize,
          position: getComputedStyle(root.host).position,
        };
      },
      { timeout: 20_000, polling: 100 },
    );
    const shown = (await view.jsonValue())!;
    expect(shown.title).toBe('Visite officielle de Abdellatif Hammouchi en France pour la sécurité bilatérale');
    SEED_PARAGRAPHS.forEach((start, i) => expect(shown.paragraphs[i]).toContain(start));
    // Styled by its own stylesheet, full window over the page.
    expect(shown).toMatchObject({ fontSize: '18px', position: 'fixed' });

    await pageTab.keyboard.press('Escape');
    await pageTab.waitForFunction(() => !document.querySelector('clear-reader-view'), { timeout: 5_000 });
    if (!popup.isClosed()) await popup.close();
  });
});

describe('Firefox ESR: save for later', () => {
  test('save from the popup, find it in the list, read the offline copy', async () => {
    let popup = await openPopupOn(server.url(PATHS.article));
    await popup.bringToFront();
    await popup.click('button.action-save');
    await popup.waitForFunction(
      () => document.querySelector('button.action-save')?.getAttribute('aria-pressed') === 'true',
      {
        timeout: 10_000,
        polling: 100,
      },
    );
    await popup.close();

    popup = await openPopupOn(server.url(PATHS.notArticle));
    await popup.bringToFront();
    await popup.click('button.action-tab-list');
    const title = 'Visite officielle de Abdellatif Hammouchi en France pour la sécurité bilatérale';
    await popup.waitForFunction(
      (title) => [...document.querySelectorAll('.reading-list .item-title')].some((a) => a.textContent === title),
      { timeout: 10_000, polling: 100 },
      title,
    );
    const href = await popup.evaluate(() => {
      const id = document.querySelector('.reading-list .item')?.getAttribute('data-id') ?? '';
      return new URL(`/reader.html?id=${encodeURIComponent(id)}`, location.href).href;
    });

    const reader = await browser.newPage();
    reader.goto(href).catch(() => undefined); // moz-extension:// navigations may never resolve in puppeteer
    const shown = await reader.waitForFunction(
      () => {
        if (!document.querySelector('main[data-state="article"]')) return null;
        return Array.from(document.querySelectorAll<HTMLElement>('.content p'), (p) => p.innerText);
      },
      { timeout: 20_000, polling: 100 },
    );
    const paragraphs = (await shown.jsonValue())!;
    SEED_PARAGRAPHS.forEach((start, i) => expect(paragraphs[i]).toContain(start));
    await reader.close();

    await popup.click('.reading-list .item .action-delete');
    await popup.waitForSelector('.reading-list .empty');
    await popup.close();
  });
});

describe('Firefox ESR: the summary', () => {
  test.each(SUMMARY_EXPECTATIONS)('$page: the publisher’s summary and the key points', async (expected) => {
    const popup = await openPopupOn(server.url(expected.page === 'seed' ? PATHS.article : PATHS.english));
    const shown = await popup.waitForFunction(
      () => {
        const points = Array.from(document.querySelectorAll<HTMLElement>('.key-points li'), (li) => li.innerText);
        if (!points.length) return null;
        return { points, publisher: document.querySelector<HTMLElement>('.publisher-summary')?.innerText ?? '' };
      },
      { timeout: 10_000, polling: 100 },
    );
    const { points, publisher } = (await shown.jsonValue())!;
    expect(publisher).toContain(expected.publisher);
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.join(' ')).toContain(expected.keyPoint);
    await popup.close();
  });
});
