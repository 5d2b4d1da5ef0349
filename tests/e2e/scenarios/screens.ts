// Screenshots of every screen, light and dark, and the popup's time to the article next to plain Readability in
// the same page (printed, never asserted: times on a shared machine are noise).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { median } from '../../../bench/lib/stats.ts';
import { ARTIFACTS, ROOT } from '../paths.ts';
import { PATHS } from '../server.ts';
import { artifact, closeView, openPopupOn, openViewOn, type Session } from './session.ts';

const READABILITY = readFileSync(join(ROOT, 'node_modules/@mozilla/readability/Readability.js'), 'utf8');

export function screenScenarios({ driver, server }: Session): void {
  describe('timings and screenshots', () => {
    test('time from popup open to article shown, next to plain Readability in the same page (printed)', async () => {
      const url = server().url(PATHS.article);
      const { pageTab: page } = driver();
      const popupTimes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const popup = await driver().newTab();
        await page.bringToFront();
        await page.goto(url);
        const start = performance.now();
        await driver().openExtensionPage('popup.html', popup);
        await popup.waitFor('main[data-state="article"]');
        popupTimes.push(performance.now() - start);
        await popup.close();
      }
      // Plain Readability on the same live page, in the page itself: clone, parse.
      await page.evaluateExpression(`(() => { ${READABILITY}; window.Readability = Readability; })()`);
      const readabilityTimes = await page.evaluate(() => {
        const Readability = (window as unknown as { Readability: new (doc: Document) => { parse(): unknown } })
          .Readability;
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const start = performance.now();
          new Readability(document.cloneNode(true) as Document).parse();
          times.push(performance.now() - start);
        }
        return times;
      }, null);
      const figures = {
        browser: driver().name,
        popupToArticleMs: Math.round(median(popupTimes)),
        readabilityInPageMs: Number(median(readabilityTimes).toFixed(1)),
        runs: popupTimes.length,
      };
      console.log(
        `[timing] ${driver().name}, seed page: popup open -> article shown ${figures.popupToArticleMs} ms ` +
          `(median of ${figures.runs}); plain Readability in the page ${figures.readabilityInPageMs} ms`,
      );
      writeFileSync(join(ARTIFACTS, `timing-${driver().name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
      expect(figures.popupToArticleMs).toBeGreaterThan(0);
    });

    test.each(['light', 'dark'] as const)('screenshots of the popup and the in-page view, %s theme', async (theme) => {
      await driver().inExtension(({ api }, theme) => api.storage.sync.set({ readerSettings: { theme } }), theme);
      try {
        const url = server().url(PATHS.article);
        const popup = await openPopupOn(driver(), url);
        await popup.setViewport(460, 580);
        expect(await popup.attribute('.reader', 'data-theme')).toBe(theme);
        // The palette follows the theme (components/reader.css).
        expect(await popup.style('.reader', 'background-color')).toBe(
          theme === 'dark' ? 'rgb(28, 27, 34)' : 'rgb(255, 255, 255)',
        );
        await popup.screenshot(artifact(driver(), `popup-${theme}.png`));
        await popup.close();

        await driver().pageTab.setViewport(1280, 800);
        await openViewOn(driver(), url);
        await driver().pageTab.screenshot(artifact(driver(), `in-page-view-${theme}.png`));
        await closeView(driver());
      } finally {
        await driver().inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      }
    });
  });
}
