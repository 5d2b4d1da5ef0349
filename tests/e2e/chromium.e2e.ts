// The shipped code in real Chromium: popup -> platform/extract-tab.ts -> scripting.executeScript -> content script.
//
// How extraction is triggered: `activeTab` is granted only by a real user gesture (toolbar click, shortcut), and
// headless Chromium has no toolbar to click. So the tests load the E2E build (.output/e2e-chrome-mv3: identical
// code, plus host access to http://127.0.0.1/*, see wxt.config.ts and build.e2e.ts), and open popup.html as a
// background tab of the window whose active tab is the test page: the popup's own
// `tabs.query({active: true, currentWindow: true})` then finds the page, exactly as when the reader clicks the
// button. Nothing in the extension knows it is being tested.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './chromium-launch.ts';
import {
  NOT_ARTICLE_TEXT,
  SEED_PARAGRAPHS,
  SETTLED,
  SUMMARY_EXPECTATIONS,
  enMessage,
  expectSeedArticle,
  type PopupSnapshot,
} from './expectations.ts';
import { ARTIFACTS, ROOT } from './paths.ts';
import { PATHS, startServer, type TestServer } from './server.ts';

// The bits of the extension API the tests call inside the service worker (no @types/chrome in this project).
declare const chrome: {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> };
  storage: {
    sync: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
      remove(key: string): Promise<void>;
    };
  };
};

let server: TestServer;
let context: BrowserContext;
let userDataDir: string;
let popupUrl: string;
let worker: Worker;
/** The tab holding the test page; always the active tab of its window when a popup opens. */
let pageTab: Page;

beforeAll(async () => {
  server = await startServer();
  userDataDir = mkdtempSync(join(tmpdir(), 'clear-reader-chromium-'));
  ({ context, worker } = await launchChromium(userDataDir));
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
    expect(await popup.locator('main button').count()).toBe(0); // nothing to retry or force
    await popup.close();
  });
});

/** The tab of the extension's world that shows `url` (the service worker has no "current window"). */
async function pressShortcutOn(url: string, command = 'toggle-reader-view'): Promise<void> {
  await worker.evaluate(
    async ({ url, command }) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => t.url === url);
      if (!tab) throw new Error(`no tab shows ${url}`);
      const hook = (
        globalThis as unknown as { clearReader: { handleCommand: (c: string, t: unknown) => Promise<void> } }
      ).clearReader;
      await hook.handleCommand(command, tab);
    },
    { url, command },
  );
}

const VIEW = 'clear-reader-view';

describe('Chromium: shortcuts and the in-page clean view', () => {
  test('the default shortcuts are really assigned (commands.getAll)', async () => {
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    const shortcuts = new Map(commands.map((c) => [c.name, c.shortcut]));
    expect(shortcuts.get('toggle-reader-view')).toBe('Alt+Shift+Y');
    expect(shortcuts.get('_execute_action')).toBe('Alt+Shift+U');
  });

  test('the shortcut opens the clean view over the page; Esc closes it and restores the page', async () => {
    const url = server.url(PATHS.article);
    await pageTab.bringToFront();
    await pageTab.goto(url);
    await pageTab.evaluate(() => window.scrollTo(0, 400));
    const scrolled = await pageTab.evaluate(() => window.scrollY);

    await pressShortcutOn(url);
    const view = pageTab.locator(VIEW);
    await pageTab.locator(`${VIEW} main[data-state="article"]`).waitFor();
    expect(await pageTab.locator(`${VIEW} .title`).innerText()).toBe(
      'Visite officielle de Abdellatif Hammouchi en France pour la sécurité bilatérale',
    );
    const paragraphs = await pageTab.locator(`${VIEW} .content p`).allInnerTexts();
    SEED_PARAGRAPHS.forEach((start, i) => expect(paragraphs[i]).toContain(start));
    expect(await pageTab.locator(`${VIEW} main > article`).getAttribute('lang')).toMatch(/^fr\b/);
    // A modal dialog that has the focus, over a page that no longer scrolls.
    expect(await pageTab.evaluate((name) => document.activeElement?.localName === name, VIEW)).toBe(true);
    expect(await pageTab.locator(`${VIEW} [role="dialog"]`).getAttribute('aria-modal')).toBe('true');
    expect(await pageTab.evaluate(() => document.documentElement.style.overflow)).toBe('hidden');
    const box = await view.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: pageTab.viewportSize()?.width });

    await pageTab.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    expect(await pageTab.evaluate(() => window.scrollY)).toBe(scrolled);
    expect(await pageTab.evaluate(() => document.documentElement.style.overflow)).toBe('');

    // The same shortcut toggles: open, then close.
    await pressShortcutOn(url);
    await view.waitFor();
    await pressShortcutOn(url);
    await view.waitFor({ state: 'detached' });
  });

  test('printing the open view prints the article, not the page under it', async () => {
    const url = server.url(PATHS.article);
    await pageTab.goto(url);
    await pressShortcutOn(url);
    await pageTab.locator(`${VIEW} main[data-state="article"]`).waitFor();
    await pageTab.emulateMedia({ media: 'print' });
    try {
      expect(await pageTab.evaluate(() => getComputedStyle(document.body).display)).toBe('none');
      expect(await pageTab.locator(`${VIEW} .content`).isVisible()).toBe(true);
      expect(await pageTab.locator(`${VIEW} .reader-toolbar`).isVisible()).toBe(false);
    } finally {
      await pageTab.emulateMedia({ media: 'screen' });
    }
    await pageTab.locator(`${VIEW} .action-close`).click();
    await pageTab.locator(VIEW).waitFor({ state: 'detached' });
  });

  test('under a strict page CSP the view is still styled by its own stylesheet', async () => {
    const url = server.url(PATHS.strictCsp);
    await pageTab.goto(url);
    await pressShortcutOn(url);
    await pageTab.locator(`${VIEW} main[data-state="article"]`).waitFor();
    const styles = await pageTab.locator(`${VIEW} .reader`).evaluate((el) => {
      const style = getComputedStyle(el);
      return {
        fontSize: style.fontSize,
        position: getComputedStyle(el.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).host : el)
          .position,
      };
    });
    expect(styles).toEqual({ fontSize: '18px', position: 'fixed' });
    await pageTab.keyboard.press('Escape');
    await pageTab.locator(VIEW).waitFor({ state: 'detached' });
  });

  test('"Open full clean view" in the popup opens the view in the page', async () => {
    const popup = await openPopupOn(server.url(PATHS.article));
    await popup.bringToFront();
    await popup.getByRole('button', { name: enMessage('openFullView') }).click();
    await pageTab.locator(`${VIEW} main[data-state="article"]`).waitFor();
    await pageTab.bringToFront();
    await pageTab.keyboard.press('Escape');
    await pageTab.locator(VIEW).waitFor({ state: 'detached' });
    if (!popup.isClosed()) await popup.close();
  });

  test('on a page that is not an article the view says so, and "Show it anyway" works', async () => {
    const url = server.url(PATHS.notArticle);
    await pageTab.goto(url);
    await pressShortcutOn(url);
    await pageTab.locator(`${VIEW} main[data-reason="not-article"]`).waitFor();
    expect(await pageTab.locator(`${VIEW} .status`).innerText()).toBe(enMessage('failureNotArticle'));
    await pageTab.locator(`${VIEW} .show-anyway`).click();
    await pageTab.locator(`${VIEW} main[data-state="article"]`).waitFor();
    expect(await pageTab.locator(`${VIEW} .content`).innerText()).toContain(NOT_ARTICLE_TEXT);
    await pageTab.keyboard.press('Escape');
    await pageTab.locator(VIEW).waitFor({ state: 'detached' });
  });
});

describe('Chromium: reader settings', () => {
  test('settings changed in the popup persist across a reload and reach the in-page view', async () => {
    let popup = await openPopupOn(server.url(PATHS.article));
    await popup.bringToFront();
    await popup.getByRole('button', { name: enMessage('settings') }).click();
    await popup.getByRole('radio', { name: enMessage('themeSepia') }).check();
    await popup.getByRole('radio', { name: enMessage('fontSans') }).check();
    await popup.locator('.setting-fontSize .increase').click();
    await popup.locator('.setting-fontSize .increase').click();
    await popup.getByRole('checkbox', { name: enMessage('settingShowImages') }).uncheck();
    const reader = popup.locator('.reader');
    expect(await reader.getAttribute('data-theme')).toBe('sepia');
    // Saved (debounced) to storage.sync.
    await expect
      .poll(() => worker.evaluate(async () => (await chrome.storage.sync.get('readerSettings')).readerSettings))
      .toMatchObject({ theme: 'sepia', font: 'sans-serif', fontSize: 20, showImages: false });

    await pageTab.bringToFront(); // the popup reads the active tab
    await popup.reload();
    await popup.locator(SETTLED).waitFor();
    expect(await reader.getAttribute('data-theme')).toBe('sepia');
    expect(await reader.getAttribute('data-font')).toBe('sans-serif');
    expect(await reader.getAttribute('data-images')).toBe('hidden');
    expect(await popup.locator('.content').evaluate((el) => getComputedStyle(el).fontSize)).toBe('20px');
    await popup.close();

    const url = server.url(PATHS.article);
    await pageTab.goto(url);
    await pressShortcutOn(url);
    await pageTab.locator(`${VIEW} main[data-state="article"]`).waitFor();
    expect(await pageTab.locator(`${VIEW} .reader`).getAttribute('data-theme')).toBe('sepia');
    await pageTab.keyboard.press('Escape');

    // Back to the defaults for the other tests.
    await worker.evaluate(() => chrome.storage.sync.remove('readerSettings'));
    popup = await openPopupOn(server.url(PATHS.article));
    expect(await popup.locator('.reader').getAttribute('data-theme')).toBe('auto');
    await popup.close();
  });
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('Chromium: timings and screenshots', () => {
  test('time from popup open to article shown, next to plain Readability in the same page (printed)', async () => {
    const url = server.url(PATHS.article);
    const popupTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const popup = await context.newPage();
      await pageTab.bringToFront();
      await pageTab.goto(url);
      const start = performance.now();
      await popup.goto(popupUrl);
      await popup.locator('main[data-state="article"]').waitFor();
      popupTimes.push(performance.now() - start);
      await popup.close();
    }
    // Plain Readability on the same live page, in the page itself: clone, parse.
    await pageTab.addScriptTag({ path: join(ROOT, 'node_modules/@mozilla/readability/Readability.js') });
    const readabilityTimes = await pageTab.evaluate(() => {
      const Readability = (window as unknown as { Readability: new (doc: Document) => { parse(): unknown } })
        .Readability;
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        new Readability(document.cloneNode(true) as Document).parse();
        times.push(performance.now() - start);
      }
      return times;
    });
    const figures = {
      browser: 'chromium',
      popupToArticleMs: Math.round(median(popupTimes)),
      readabilityInPageMs: Number(median(readabilityTimes).toFixed(1)),
      runs: popupTimes.length,
    };
    console.log(
      `[timing] Chromium, seed page: popup open -> article shown ${figures.popupToArticleMs} ms (median of ${figures.runs}); ` +
        `plain Readability in the page ${figures.readabilityInPageMs} ms`,
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'timing-chromium.json'), `${JSON.stringify(figures, null, 2)}\n`);
    expect(figures.popupToArticleMs).toBeGreaterThan(0);
  });

  test.each(['light', 'dark'] as const)('screenshots of the popup and the in-page view, %s theme', async (theme) => {
    await worker.evaluate((theme) => chrome.storage.sync.set({ readerSettings: { theme } }), theme);
    try {
      const url = server.url(PATHS.article);
      const popup = await openPopupOn(url);
      await popup.setViewportSize({ width: 460, height: 580 });
      expect(await popup.locator('.reader').getAttribute('data-theme')).toBe(theme);
      // The palette follows the theme (components/reader.css).
      expect(await popup.locator('.reader').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
        theme === 'dark' ? 'rgb(28, 27, 34)' : 'rgb(255, 255, 255)',
      );
      mkdirSync(ARTIFACTS, { recursive: true });
      await popup.screenshot({ path: join(ARTIFACTS, `popup-${theme}.png`) });
      await popup.close();

      await pageTab.setViewportSize({ width: 1280, height: 800 });
      await pageTab.goto(url);
      await pressShortcutOn(url);
      await pageTab.locator(`${VIEW} main[data-state="article"]`).waitFor();
      await pageTab.screenshot({ path: join(ARTIFACTS, `in-page-view-${theme}.png`) });
      await pageTab.keyboard.press('Escape');
      await pageTab.locator(VIEW).waitFor({ state: 'detached' });
    } finally {
      await worker.evaluate(() => chrome.storage.sync.remove('readerSettings'));
    }
  });
});

describe('Chromium: save for later and the offline copy', () => {
  test('save from the popup, find it in the list after reopening, read the offline copy with the server gone', async () => {
    // A server of its own, so that stopping it leaves the other tests theirs.
    const own = await startServer();
    const url = own.url(PATHS.article);
    let popup = await openPopupOn(url);
    await popup.bringToFront();
    await popup.getByRole('button', { name: enMessage('saveForLater') }).click();
    await popup.getByRole('button', { name: enMessage('savedForLater') }).waitFor();
    await popup.close();

    await own.close(); // from here on, the article's site is unreachable
    popup = await openPopupOn(server.url(PATHS.notArticle));
    await popup.bringToFront();
    await popup.getByRole('button', { name: enMessage('tabReadingList') }).click();
    const item = popup.locator('.reading-list .item').filter({ hasText: 'Visite officielle de Abdellatif Hammouchi' });
    await item.waitFor();
    expect(await popup.locator('.reading-list .item').count()).toBe(1);
    expect(await item.locator('.not-offline').count()).toBe(0);
    await popup.setViewportSize({ width: 460, height: 360 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, 'reading-list.png') });

    // Search finds it by a word of its text, accents ignored; a word it lacks finds nothing.
    await popup.getByRole('searchbox').fill('cooperation bilaterale');
    await item.waitFor();
    await popup.getByRole('searchbox').fill('zeppelin');
    await popup.locator('.reading-list .empty').waitFor();
    await popup.getByRole('searchbox').fill('');

    const [reader] = await Promise.all([context.waitForEvent('page'), item.locator('.item-title').click()]);
    await reader.locator('main[data-state="article"]').waitFor();
    expect(reader.url()).toMatch(/\/reader\.html\?id=/);
    const paragraphs = await reader.locator('.content p').allInnerTexts();
    SEED_PARAGRAPHS.forEach((start, i) => expect(paragraphs[i]).toContain(start));
    // The summary made at saving time comes with the copy.
    await reader.locator('.key-points li').first().waitFor();
    expect((await reader.locator('.key-points li').allInnerTexts()).join(' ')).toContain('Nicolas Lerner');
    await reader.close();

    // Archive it, then delete it and undo.
    await item.locator('.action-state').click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('archived');
    await item.locator('.action-delete').click();
    await popup.locator('.reading-list .empty').waitFor();
    await popup.locator('.action-undo').click();
    await item.waitFor();
    await item.locator('.action-delete').click(); // leave the list empty for the other tests
    await popup.locator('.reading-list .empty').waitFor();
    await popup.close();
  });

  test('the save shortcut saves the page without opening anything', async () => {
    const url = server.url(PATHS.article);
    await pageTab.bringToFront();
    await pageTab.goto(url);
    await pressShortcutOn(url, 'save-for-later');
    // The popup on that page knows it is saved.
    const onArticle = await openPopupOn(url);
    await onArticle.getByRole('button', { name: enMessage('savedForLater') }).waitFor();
    await onArticle.close();
    const popup = await openPopupOn(server.url(PATHS.notArticle));
    await popup.bringToFront();
    await popup.getByRole('button', { name: enMessage('tabReadingList') }).click();
    const item = popup.locator('.reading-list .item').filter({ hasText: 'Visite officielle de Abdellatif Hammouchi' });
    await item.waitFor();
    await item.locator('.action-delete').click();
    await popup.locator('.reading-list .empty').waitFor();
    await popup.close();
  });
});

describe('Chromium: the summary', () => {
  test.each(SUMMARY_EXPECTATIONS)(
    '$page: the publisher’s summary and key points that lead to their passage',
    async (expected) => {
      const popup = await openPopupOn(server.url(expected.page === 'seed' ? PATHS.article : PATHS.english));
      await popup.locator('.key-points li').first().waitFor();
      expect(await popup.locator('.publisher-summary').innerText()).toContain(expected.publisher);
      const points = await popup.locator('.key-points li').allInnerTexts();
      expect(points.length).toBeGreaterThanOrEqual(2);
      expect(points.length).toBeLessThanOrEqual(5);
      expect(points.join(' ')).toContain(expected.keyPoint);
      // Each key point is a sentence of the clean text, and leads to it.
      const content = await popup.locator('.content').innerText();
      for (const point of points) expect(content.replace(/\s+/g, ' ')).toContain(point.replace(/\s+/g, ' '));
      await popup.bringToFront();
      await popup.locator('.key-point').last().click();
      expect(await popup.locator('.content .jumped-to').innerText()).toContain(points.at(-1)!.slice(0, 40));
      expect(await popup.locator('.summary-source').innerText()).toContain(enMessage('summaryByLocal'));
      await popup.close();
    },
  );
});

describe('Chromium: options page', () => {
  test('imports an Instapaper export into the reading list, and exports it as JSON', async () => {
    const options = await context.newPage();
    await options.goto(popupUrl.replace('popup.html', 'options.html'));
    await options.locator('input[type="file"]').setInputFiles(join(ROOT, 'tests/fixtures-transfer/instapaper.csv'));
    const preview = options.locator('.import-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('4'); // four items, two rows skipped with their reason
    await options.locator('.import-preview summary').click();
    expect(await preview.innerText()).toContain('not a web address: ftp://example.org/file');
    await options.locator('.import-go').click();
    await options.locator('.import-done').waitFor();
    expect(await options.locator('.import-done').innerText()).toMatch(/4 new/);

    const [download] = await Promise.all([options.waitForEvent('download'), options.locator('.export-json').click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      format: string;
      items: { url: string; state: string; favourite: boolean; tags: string[] }[];
    };
    expect(exported.format).toBe('clear-reader');
    expect(exported.items).toHaveLength(4);
    expect(exported.items.find((i) => i.url === 'https://example.org/starred')).toMatchObject({
      favourite: true,
      tags: ['plain', 'tags'],
    });
    expect(exported.items.find((i) => i.url === 'https://example.org/archived-insta')?.state).toBe('archived');

    // The popup's list has them; clean up for the other tests.
    const popup = await openPopupOn(server.url(PATHS.notArticle));
    await popup.bringToFront();
    await popup.getByRole('button', { name: enMessage('tabReadingList') }).click();
    await popup.locator('.reading-list .item').nth(3).waitFor();
    expect(await popup.locator('.reading-list .item').count()).toBe(4);
    while ((await popup.locator('.reading-list .item').count()) > 0) {
      await popup.locator('.reading-list .item .action-delete').first().click();
      await popup.waitForTimeout(50);
    }
    await popup.close();
    await options.close();
  });
});
