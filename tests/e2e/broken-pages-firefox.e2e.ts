// A sample of broken-pages.e2e.ts in Firefox ESR: the page that tampers with the DOM and the built-ins (Xray
// wrappers, not an isolated world, protect content scripts there), a frameset, a page without a body, and an XHTML
// article. Same set-up as firefox.e2e.ts.
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SETTLED, enMessage } from './expectations.ts';
import { E2E_BUILD, FIREFOX, GECKO_ID } from './paths.ts';
import {
  ARTICLE_PARAGRAPHS,
  BROKEN,
  READING_TIME,
  startBrokenServer,
  type BrokenServer,
} from './broken-pages-server.ts';

const UUID = randomUUID();
const POPUP_URL = `moz-extension://${UUID}/popup.html`;
/** Longest the popup may take to settle: the content script's time budget is 5 s, the injection timeout 20 s. */
const SETTLE_BOUND_MS = 30_000;
const RESPONSIVE_BOUND_MS = 5_000;

let server: BrokenServer;
let browser: Browser;
let pageTab: Page;

beforeAll(async () => {
  server = await startBrokenServer();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  expect(await browser.installExtension(E2E_BUILD.firefox)).toBe(GECKO_ID);
  pageTab = (await browser.pages())[0] ?? (await browser.newPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Polls until the popup has loaded and settled (see firefox.e2e.ts for why it polls). */
async function settled(popup: Page): Promise<void> {
  const deadline = Date.now() + SETTLE_BOUND_MS;
  while (Date.now() < deadline) {
    try {
      if ((await popup.evaluate(() => location.href)) === POPUP_URL && (await popup.$(SETTLED))) return;
    } catch {
      // between documents: try again
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the popup did not settle within ${SETTLE_BOUND_MS / 1000} s`);
}

interface Shown {
  state: string | null;
  reason: string | null;
  status: string;
  text: string;
}

async function popupOn(url: string): Promise<{ popup: Page; shown: Shown; settleMs: number }> {
  const popup = await browser.newPage();
  await pageTab.bringToFront();
  await pageTab.goto(url);
  const start = performance.now();
  popup.goto(POPUP_URL).catch(() => undefined);
  await settled(popup);
  const settleMs = Math.round(performance.now() - start);
  const shown = await popup.evaluate(() => {
    const main = document.querySelector('main');
    return {
      state: main?.getAttribute('data-state') ?? null,
      reason: main?.getAttribute('data-reason') ?? null,
      status: document.querySelector<HTMLElement>('.status')?.innerText ?? '',
      text: main?.innerText ?? '',
    };
  });
  return { popup, shown, settleMs };
}

/** The tab answers a trivial expression within the bound (a string: no function of the page's is involved). */
async function expectResponsive(): Promise<number> {
  const start = performance.now();
  const answer = await Promise.race([
    pageTab.evaluate('1 + 1'),
    new Promise((resolve) => setTimeout(() => resolve('no answer'), RESPONSIVE_BOUND_MS)),
  ]);
  expect(answer).toBe(2);
  return Math.round(performance.now() - start);
}

function report(what: string, shown: Shown, settleMs: number, responsiveMs: number): void {
  const outcome = shown.state === 'article' ? 'article' : `${shown.state} (${shown.reason})`;
  console.log(`[broken] Firefox, ${what}: ${outcome} after ${settleMs} ms; the tab answered in ${responsiveMs} ms`);
}

function expectArticle(shown: Shown): void {
  expect(shown.state).toBe('article');
  const text = shown.text.replace(/\s+/g, ' ');
  for (const paragraph of ARTICLE_PARAGRAPHS) expect(text).toContain(paragraph);
  expect(text).not.toContain(READING_TIME);
}

describe('Firefox ESR: broken pages in the popup', () => {
  test('a page that replaces document methods, DOM prototypes and built-ins, and freezes them: the article', async () => {
    const { popup, shown, settleMs } = await popupOn(server.url(BROKEN.tampered));
    report('tampering page', shown, settleMs, await expectResponsive());
    expect(await pageTab.evaluate('window.__tamperedCalls.n')).toBe(0);
    expect(await pageTab.evaluate('Object.isFrozen(Node.prototype) && Object.isFrozen(Array.prototype)')).toBe(true);
    expectArticle(shown);
    await popup.close();
  });

  test('a frameset: not an article; forced, nothing to read', async () => {
    const { popup, shown, settleMs } = await popupOn(server.url(BROKEN.frameset));
    report('frameset', shown, settleMs, await expectResponsive());
    expect(shown).toMatchObject({ state: 'failure', reason: 'not-article' });
    expect(shown.status).toBe(enMessage('failureNotArticle'));
    await popup.bringToFront();
    await popup.click('button.show-anyway');
    await popup.waitForSelector('main[data-state="failure"][data-reason="empty"]', { timeout: SETTLE_BOUND_MS });
    await popup.close();
  });

  test('a page whose body a script removed: empty', async () => {
    const { popup, shown, settleMs } = await popupOn(server.url(BROKEN.noBody));
    report('a page whose body a script removed', shown, settleMs, await expectResponsive());
    expect(shown).toMatchObject({ state: 'failure', reason: 'empty' });
    expect(shown.status).toBe(enMessage('failureEmpty'));
    await popup.close();
  });

  test('an XHTML article: cleaned like an HTML one', async () => {
    const { popup, shown, settleMs } = await popupOn(server.url(BROKEN.xhtml));
    report('XHTML article', shown, settleMs, await expectResponsive());
    expectArticle(shown);
    await popup.close();
  });
});
