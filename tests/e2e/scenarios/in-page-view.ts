// The in-page clean view (opened by the shortcut's handler or from the popup), and the reader's settings, which
// the popup saves and the view follows.
import { describe, expect, test } from 'vitest';
import type { Driver } from '../../support/driver/index.ts';
import { NOT_ARTICLE_TEXT, SEED_PARAGRAPHS, SEED_TITLE, SETTLED, enMessage } from '../expectations.ts';
import { PATHS } from '../server.ts';
import { VIEW, closeView, inView, openPopupOn, openViewOn, type Session } from './session.ts';

/** The browser action's own command: MV3 (Chromium) calls it _execute_action, MV2 (Firefox) _execute_browser_action. */
const ACTION_COMMAND = { chromium: '_execute_action', firefox: '_execute_browser_action' } as const;

const storedSettings = (driver: Driver) =>
  driver.inExtension(async ({ api }) => (await api.storage.sync.get('readerSettings')).readerSettings, null);

type ViewHandle = { root: ShadowRoot } | undefined;
/** In the extension's world of the page: whether the view's host has the page's focus. */
const viewHasFocus = () => {
  const view = (globalThis as Record<string, unknown>).__clearReaderViewController as ViewHandle;
  return !!view && document.activeElement === view.root.host;
};
/** In the extension's world of the page: where the view's host is. */
const viewBox = () => {
  const view = (globalThis as Record<string, unknown>).__clearReaderViewController as ViewHandle;
  const { x, y, width } = view!.root.host.getBoundingClientRect();
  return { x, y, width, viewport: window.innerWidth };
};

export function inPageViewScenarios({ name, driver, server }: Session): void {
  describe('shortcuts and the in-page clean view', () => {
    test('the default shortcuts are really assigned (commands.getAll)', async () => {
      const commands = await driver().inExtension(({ api }) => api.commands.getAll(), null);
      const shortcuts = new Map(commands.map((c) => [c.name, c.shortcut]));
      expect(shortcuts.get('toggle-reader-view')).toBe('Alt+Shift+Y');
      expect(shortcuts.get(ACTION_COMMAND[driver().name])).toBe('Alt+Shift+U');
      expect(shortcuts.get('save-for-later')).toBe('Alt+Shift+K');
    });

    test('the shortcut opens the clean view over the page; Esc closes it and restores the page', async () => {
      const { pageTab: page } = driver();
      const url = server().url(PATHS.article);
      await page.bringToFront();
      await page.goto(url);
      await page.evaluate(() => window.scrollTo(0, 400), null);
      const scrolled = await page.evaluate(() => window.scrollY, null);
      expect(scrolled).toBeGreaterThan(0);

      await driver().command('toggle-reader-view', url);
      await page.waitFor(inView('main[data-state="article"]'));
      expect(await page.text(inView('.title'))).toBe(SEED_TITLE);
      const paragraphs = await page.texts(inView('.content p'));
      SEED_PARAGRAPHS.forEach((start, i) => expect(paragraphs[i]).toContain(start));
      expect(await page.attribute(inView('main > article'), 'lang')).toMatch(/^fr\b/);
      // A modal dialog that has the focus, full window over a page that no longer scrolls.
      expect(await driver().inPageWorld(page, viewHasFocus, null)).toBe(true);
      expect(await page.attribute(inView('[role="dialog"]'), 'aria-modal')).toBe('true');
      expect(await page.evaluate(() => document.documentElement.style.overflow, null)).toBe('hidden');
      const box = await driver().inPageWorld(page, viewBox, null);
      expect(box).toMatchObject({ x: 0, y: 0, width: box.viewport });

      await page.press('Escape');
      await page.waitFor(VIEW, { state: 'detached' });
      expect(await page.evaluate(() => window.scrollY, null)).toBe(scrolled);
      expect(await page.evaluate(() => document.documentElement.style.overflow, null)).toBe('');

      // The same shortcut toggles: open, then close.
      await driver().command('toggle-reader-view', url);
      await page.waitFor(VIEW);
      await driver().command('toggle-reader-view', url);
      await page.waitFor(VIEW, { state: 'detached' });
    });

    // Chromium only: WebDriver BiDi has no media emulation, so Firefox cannot be shown the print layout.
    test.runIf(name === 'chromium')('printing the open view prints the article, not the page under it', async () => {
      const { pageTab: page } = driver();
      if (!page.emulatePrint) throw new Error('this driver cannot emulate print media');
      await openViewOn(driver(), server().url(PATHS.article));
      await page.emulatePrint(true);
      try {
        expect(await page.style('body', 'display')).toBe('none');
        expect(await page.isVisible(inView('.content'))).toBe(true);
        expect(await page.isVisible(inView('.reader-toolbar'))).toBe(false);
      } finally {
        await page.emulatePrint(false);
      }
      await page.click(inView('.action-close'));
      await page.waitFor(VIEW, { state: 'detached' });
    });

    test('under a strict page CSP the view is still styled by its own stylesheet', async () => {
      const { pageTab: page } = driver();
      await openViewOn(driver(), server().url(PATHS.strictCsp));
      expect(await page.style(inView('.reader'), 'font-size')).toBe('18px');
      expect(await page.style(VIEW, 'position')).toBe('fixed');
      await closeView(driver());
    });

    test('"Open full clean view" in the popup shows the article over the page; Esc closes it', async () => {
      const { pageTab: page } = driver();
      const popup = await openPopupOn(driver(), server().url(PATHS.article));
      await popup.bringToFront();
      await popup.click(`role=button[name="${enMessage('openFullView')}"]`);
      // The popup asks the background, which extracts again and shows the view in the page tab.
      await page.waitFor(inView('main[data-state="article"]'), { timeout: 20_000 });
      await page.bringToFront();
      expect(await page.text(inView('.title'))).toBe(SEED_TITLE);
      const paragraphs = await page.texts(inView('.content p'));
      SEED_PARAGRAPHS.forEach((start, i) => expect(paragraphs[i]).toContain(start));
      expect(await page.style(inView('.reader'), 'font-size')).toBe('18px');
      expect(await page.style(VIEW, 'position')).toBe('fixed');
      await closeView(driver());
      await popup.close();
    });

    test('on a page that is not an article the view says so, and "Show it anyway" works', async () => {
      const { pageTab: page } = driver();
      await openViewOn(driver(), server().url(PATHS.notArticle), 'failure');
      expect(await page.attribute(inView('main'), 'data-reason')).toBe('not-article');
      expect(await page.text(inView('.status'))).toBe(enMessage('failureNotArticle'));
      await page.click(inView('.show-anyway'));
      await page.waitFor(inView('main[data-state="article"]'));
      expect(await page.text(inView('.content'))).toContain(NOT_ARTICLE_TEXT);
      await closeView(driver());
    });
  });

  describe('reader settings', () => {
    test('settings changed in the popup persist across a reload and reach the in-page view', async () => {
      let popup = await openPopupOn(driver(), server().url(PATHS.article));
      await popup.bringToFront();
      await popup.click(`role=button[name="${enMessage('settings')}"]`);
      await popup.click(`role=radio[name="${enMessage('themeSepia')}"]`);
      await popup.click(`role=radio[name="${enMessage('fontSans')}"]`);
      await popup.click('.setting-fontSize .increase');
      await popup.click('.setting-fontSize .increase');
      await popup.click(`role=checkbox[name="${enMessage('settingShowImages')}"]`);
      expect(await popup.attribute('.reader', 'data-theme')).toBe('sepia');
      // Saved (debounced) to storage.sync.
      await expect
        .poll(() => storedSettings(driver()), { timeout: 10_000 })
        .toMatchObject({ theme: 'sepia', font: 'sans-serif', fontSize: 20, showImages: false });

      await driver().pageTab.bringToFront(); // the popup reads the active tab
      await popup.reload();
      await popup.waitFor(SETTLED);
      expect(await popup.attribute('.reader', 'data-theme')).toBe('sepia');
      expect(await popup.attribute('.reader', 'data-font')).toBe('sans-serif');
      expect(await popup.attribute('.reader', 'data-images')).toBe('hidden');
      expect(await popup.style('.content', 'font-size')).toBe('20px');
      await popup.close();

      await openViewOn(driver(), server().url(PATHS.article));
      // The view may paint before the settings arrive from storage: wait for them, do not read the first frame.
      await driver().pageTab.waitFor(inView('.reader[data-theme="sepia"]'));
      // The summary folded or unfolded as the reader left it, and unfolding it here is remembered too.
      await driver().pageTab.waitFor(inView('.summary-toggle[aria-expanded="false"]'));
      await driver().pageTab.click(inView('.summary-toggle'));
      await driver().pageTab.waitFor(inView('.summary-toggle[aria-expanded="true"]'));
      await expect.poll(() => storedSettings(driver()), { timeout: 10_000 }).toMatchObject({ summaryOpen: true });
      await closeView(driver());

      // Back to the defaults for the other tests.
      await driver().inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      popup = await openPopupOn(driver(), server().url(PATHS.article));
      expect(await popup.attribute('.reader', 'data-theme')).toBe('auto');
      await popup.close();
    });
  });
}
