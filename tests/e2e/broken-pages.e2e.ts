// Huge, deep, hostile and broken pages in real Chromium and Firefox ESR, each scenario written once and run over
// both drivers: the popup (and the in-page view) ends with the article or a failure with its message, never stuck
// on "Cleaning up…", within a bound, and the tab still answers afterwards. The set-up is product.e2e.ts's: the E2E
// build, the popup opened in a background tab of the page's window. In Firefox, Xray wrappers rather than an
// isolated world protect the content script from the tampering page.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DRIVERS, within, type BrowserName, type Driver, type Tab } from '../support/driver/index.ts';
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
import { VIEW, inView } from './scenarios/session.ts';

/** Longest the popup may take to settle: the content script's time budget is 5 s, the extraction's timeout 10 s. */
const SETTLE_BOUND_MS = 30_000;
/** Longest the tab may take to answer a trivial evaluation once the extraction is over. */
const RESPONSIVE_BOUND_MS = 5_000;
/** The most open elements Chromium's and Firefox's HTML parsers nest (deeper ones become siblings). */
const PARSER_DEPTH = 512;

interface Shown {
  state: string | null;
  reason: string | null;
  status: string;
  text: string;
  settleMs: number;
}

const FAILURE_KEYS: Record<string, string> = {
  'too-large': 'failureTooLarge',
  'too-slow': 'failureTooSlow',
  empty: 'failureEmpty',
  'not-article': 'failureNotArticle',
};

function expectArticle(shown: Shown): void {
  expect(shown.state).toBe('article');
  const text = shown.text.replace(/\s+/g, ' ');
  for (const paragraph of ARTICLE_PARAGRAPHS) expect(text).toContain(paragraph);
  expect(text).not.toContain(READING_TIME); // the cleanup ran
}

function expectFailure(shown: Shown, reason: string): void {
  expect(shown).toMatchObject({ state: 'failure', reason });
  expect(shown.status).toBe(enMessage(FAILURE_KEYS[reason]!));
}

const BROWSER: Record<BrowserName, string> = { chromium: 'Chromium', firefox: 'Firefox' };

describe.each(DRIVERS)('$name: broken pages', (entry) => {
  let server: BrokenServer;
  let driver: Driver;
  /** The page's tab: a new one for each test, so that a page that hangs or crashes its tab takes no other test. */
  let page: Tab;

  beforeAll(async () => {
    server = await startBrokenServer();
    driver = await entry.launch();
    page = driver.pageTab;
  });

  beforeEach(async () => {
    const old = page;
    page = await driver.newTab();
    await old.close();
  });

  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  /** An expression in the page's own world, whatever the page did to its built-ins. */
  const inPage = (expression: string) => page.evaluateExpression(expression);

  /** The tab answers a trivial evaluation within the bound; returns how long it took. */
  async function expectResponsive(): Promise<number> {
    const start = performance.now();
    expect(await within(inPage('1 + 1'), RESPONSIVE_BOUND_MS, 'the tab answering')).toBe(2);
    return Math.round(performance.now() - start);
  }

  /** Shows `url` in the page's tab, opens the popup on it, waits until it settles and reads what it shows. */
  async function popupOn(url: string): Promise<{ popup: Tab; shown: Shown }> {
    const popup = await driver.newTab(); // may open in front...
    await page.bringToFront(); // ...so hand the front back to the page: the popup reads the active tab
    await page.goto(url);
    const start = performance.now();
    await driver.openExtensionPage('popup.html', popup);
    await popup.waitFor(SETTLED, { timeout: SETTLE_BOUND_MS });
    const settleMs = Math.round(performance.now() - start);
    const shown: Shown = {
      state: await popup.attribute('main', 'data-state'),
      reason: await popup.attribute('main', 'data-reason'),
      status: await popup.text('.status'),
      text: await popup.text('main'),
      settleMs,
    };
    return { popup, shown };
  }

  function report(what: string, shown: Shown, responsiveMs: number): void {
    const outcome = shown.state === 'article' ? 'article' : `${shown.state} (${shown.reason})`;
    console.log(
      `[broken] ${BROWSER[entry.name]}, ${what}: ${outcome} after ${shown.settleMs} ms; the tab answered in ${responsiveMs} ms`,
    );
  }

  describe('in the popup', () => {
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
      console.log(`[broken] ${BROWSER[entry.name]}: the 5,000-deep markup parses ${String(depth)} levels deep`);
      // The parser nests 512 open elements at most: the deep divs end up side by side, not 5,000 deep.
      expect(depth).toBeLessThanOrEqual(PARSER_DEPTH);
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
      await popup.click(`role=button[name="${enMessage('showAnyway')}"]`);
      await popup.waitFor('main[data-state="failure"][data-reason="empty"]', { timeout: SETTLE_BOUND_MS });
      expect(await popup.text('.status')).toBe(enMessage('failureEmpty'));
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

  describe('in the in-page view', () => {
    /** Shows `url` in the page's tab, in front, and runs the shortcut's handler on it. */
    async function openViewOn(url: string): Promise<void> {
      await page.bringToFront();
      await page.goto(url);
      await driver.command('toggle-reader-view', url);
    }

    async function closeView(): Promise<void> {
      await page.press('Escape');
      await page.waitFor(VIEW, { state: 'detached' });
    }

    test('the tampering page: the article in the view, and Esc closes it', async () => {
      await openViewOn(server.url(BROKEN.tampered));
      await page.waitFor(inView('main[data-state="article"]'), { timeout: SETTLE_BOUND_MS });
      const text = (await page.text(inView('.content'))).replace(/\s+/g, ' ');
      for (const paragraph of ARTICLE_PARAGRAPHS) expect(text).toContain(paragraph);
      expect(await inPage('window.__tamperedCalls.n')).toBe(0);
      console.log(
        `[broken] ${BROWSER[entry.name]}, in-page view on the tampering page: the tab answered in ${await expectResponsive()} ms`,
      );
      await closeView();
    });

    test.each([
      { what: 'a page without a body', path: BROKEN.noBody, key: 'failureEmpty' },
      { what: '5,000 nested elements built by a script', path: BROKEN.deepScript, key: 'failureTooLarge' },
    ])('$what: the view says why', async ({ path, key }) => {
      await openViewOn(server.url(path));
      await page.waitFor(inView('main[data-state="failure"]'), { timeout: SETTLE_BOUND_MS });
      expect(await page.text(inView('.status'))).toBe(enMessage(key));
      await expectResponsive();
      await closeView();
    });
  });
});
