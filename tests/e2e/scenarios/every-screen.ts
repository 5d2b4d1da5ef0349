// Screenshots of every screen (popup, in-page view with its actions, offline reader, list page, options) in each
// theme, in the browser's language. Each screen is opened once; the theme changes through storage, which every
// screen follows, so three themes cost three rounds of screenshots, not three browser sessions.
import { describe, expect, test } from 'vitest';
import type { Tab } from '../../support/driver/index.ts';
import { message } from '../expectations.ts';
import { PATHS } from '../server.ts';
import { artifact, closeView, inView, openPopupOn, viewSettled, type Session } from './session.ts';

export const THEMES = ['light', 'dark', 'sepia'] as const;
/** The page background of each theme (components/reader.css): proof the screen follows the setting. */
const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(28, 27, 34)', sepia: 'rgb(244, 236, 216)' } as const;

/** In the extension's world of the page: the view's toolbar buttons, their rightmost edge and their names. */
function toolbarEdges() {
  const view = (globalThis as Record<string, unknown>).__clearReaderViewController as { root: ShadowRoot };
  const buttons = Array.from(view.root.querySelectorAll<HTMLElement>('.reader-toolbar button'));
  return {
    count: buttons.length,
    right: Math.max(...buttons.map((b) => b.getBoundingClientRect().right)),
    // The accessible name: aria-label, else the (visually hidden) label's text.
    names: buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent?.trim() ?? ''),
  };
}

export function everyScreenScenario({ driver, server }: Session, lang: 'en' | 'fr'): void {
  const say = (key: string) => message(lang, key);
  // English keeps the names the README shows (popup-light.png); other languages add theirs (popup-fr-light.png).
  const file = (screen: string, theme: string) => `${screen}${lang === 'en' ? '' : `-${lang}`}-${theme}.png`;

  describe(`every screen, light, dark and sepia (${lang})`, () => {
    test('screenshots of the popup, the in-page view, the offline reader, the list page and the options', async () => {
      const d = driver();
      const url = server().url(PATHS.article);
      const popup = await openPopupOn(d, url);
      await popup.setViewport(460, 580);
      // The article in the list, so that the list page and the offline reader have it.
      await popup.waitFor('.action-save');
      const savedHere = (await popup.attribute('.action-save', 'aria-pressed')) !== 'true';
      if (savedHere) {
        await popup.bringToFront();
        await popup.click('.action-save');
        await popup.waitFor('.action-save[aria-pressed="true"]');
      }
      expect(await popup.text('.action-save')).toBe(say('savedForLater'));

      const page = d.pageTab;
      await page.bringToFront();
      await page.setViewport(1280, 800);
      await d.command('toggle-reader-view', url);
      await page.waitFor(inView('.action-save[aria-pressed="true"]'), { timeout: 20_000 });
      // The view's actions, in this language (the tooltip with the browser's shortcut).
      expect(await page.text(inView('.action-save'))).toBe(say('savedForLater'));
      expect(await page.text(inView('.action-mark-read'))).toBe(say('markRead'));
      expect(await page.attribute(inView('.action-close'), 'aria-label')).toBe(say('close'));
      await page.press('f'); // favourite: the status line shows in the screenshots
      await page.waitFor(inView('.action-favourite[aria-pressed="true"]'));
      expect(await page.text(inView('.reader-status span'))).toBe(say('readerFavourited'));

      const list = await d.openExtensionPage('list.html');
      await list.waitFor('.reading-list .item[data-favourite="true"] .reading-time');
      const id = await list.attribute('.reading-list .item[data-favourite="true"]', 'data-id');
      const reader = await d.openExtensionPage(`reader.html?id=${encodeURIComponent(id ?? '')}`);
      await reader.waitFor('main[data-state="article"]');
      const options = await d.openExtensionPage('options.html');
      await options.waitFor('.options-page h1');
      expect(await options.evaluate(() => document.documentElement.lang, null)).toMatch(new RegExp(`^${lang}`));

      const screens: [name: string, tab: Tab, reader: string, size: [number, number]][] = [
        ['popup', popup, '.reader', [460, 580]],
        ['in-page-view', page, inView('.reader'), [1280, 800]],
        ['offline-reader', reader, '.reader', [1280, 800]],
        ['list-page', list, '.reader', [1280, 800]],
        ['options', options, '.options-page', [1280, 800]],
      ];
      try {
        for (const theme of THEMES) {
          await d.inExtension(({ api }, theme) => api.storage.sync.set({ readerSettings: { theme } }), theme);
          for (const [name, tab, reader, [width, height]] of screens) {
            await tab.bringToFront();
            await tab.setViewport(width, height);
            await tab.waitFor(`${reader}[data-theme="${theme}"]`); // the screen follows the setting
            expect(await tab.style(reader, 'background-color'), `${name} ${theme}`).toBe(BACKGROUND[theme]);
            if (tab === page) await viewSettled(d, page);
            await tab.screenshot(artifact(d, file(name, theme)));
          }
        }
      } finally {
        await d.inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      }
      // In a narrow window the view's toolbar keeps every action on screen (labels give way to icons).
      await page.bringToFront();
      await page.setViewport(480, 800);
      const edges = await d.inPageWorld(page, toolbarEdges, null);
      expect(edges.count).toBeGreaterThanOrEqual(7);
      expect(edges.right).toBeLessThanOrEqual(480);
      expect(edges.names).not.toContain('');
      await page.screenshot(artifact(d, file('in-page-view-narrow', 'light')));
      await page.setViewport(1280, 800);

      // The list as the other scenarios expect it: no favourite, and the article out again if saved here.
      await page.bringToFront();
      await page.press('f');
      await page.waitFor(inView('.action-favourite[aria-pressed="false"]'));
      if (savedHere) {
        await page.click(inView('.action-save'));
        await page.waitFor(inView('.action-save[aria-pressed="false"]'));
      }
      await closeView(d);
      for (const tab of [popup, list, reader, options]) await tab.close();
    });
  });
}
