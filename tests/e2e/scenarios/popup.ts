// The popup on the pages a reader meets: the seed article, a page that is not an article, documents that are not
// HTML, a browser page; and the summary it shows.
import { describe, expect, test } from 'vitest';
import { NOT_ARTICLE_TEXT, SUMMARY_EXPECTATIONS, enMessage, expectSeedArticle } from '../expectations.ts';
import { PATHS } from '../server.ts';
import { openPopupOn, snapshot, type Session } from './session.ts';

/** A page no extension may script, in each browser. */
const RESTRICTED: Record<string, (articleUrl: string) => string> = {
  chromium: () => 'chrome://version/',
  firefox: (articleUrl) => `view-source:${articleUrl}`,
};

export function popupScenarios({ driver, server }: Session): void {
  describe('the popup', () => {
    test('shows the clean seed article', async () => {
      const popup = await openPopupOn(driver(), server().url(PATHS.article));
      expectSeedArticle(await snapshot(popup));
      await popup.close();
    });

    test('shows captions as the reader set it, changed here or on another device, from the next open', async () => {
      // The popup extracts at once with the setting it saw last, and again when storage says otherwise.
      const caption = 'Abdellatif Hammouchi qui reçoit la Médaille';
      const captionShown = async (showCaptions: boolean) => {
        await driver().inExtension(
          ({ api }, showCaptions) => api.storage.sync.set({ readerSettings: { showCaptions } }),
          showCaptions,
        );
        const popup = await openPopupOn(driver(), server().url(PATHS.article));
        // The article shown, with or without the caption as set (a first extraction may show the old setting).
        await popup.waitUntil(
          ([caption, wanted]) =>
            document.querySelector('main[data-state="article"]') !== null &&
            document.body.innerText.includes(caption) === wanted,
          [caption, showCaptions] as const,
        );
        const text = (await snapshot(popup)).text;
        await popup.close();
        return text.includes(caption);
      };
      try {
        expect(await captionShown(true)).toBe(true);
        expect(await captionShown(true)).toBe(true);
        expect(await captionShown(false)).toBe(false);
      } finally {
        await driver().inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      }
    });

    test('the header: icon buttons named and explained, the same place on both tabs, nothing past the right edge', async () => {
      const popup = await openPopupOn(driver(), server().url(PATHS.article));
      await popup.setViewport(460, 580);
      // Icon-only buttons keep their name (aria-label) and say it in a tooltip.
      expect(await popup.attribute('.action-settings', 'aria-label')).toBe(enMessage('settings'));
      expect(await popup.attribute('.action-settings', 'title')).toBe(enMessage('settings'));
      expect(await popup.attribute('.action-open-full-view', 'aria-label')).toBe(enMessage('openFullView'));
      expect(await popup.attribute('.action-open-full-view', 'title')).toContain(enMessage('openFullViewHint'));
      const place = () =>
        popup.evaluate(() => {
          const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
          const buttons = [...document.querySelectorAll('.reader-toolbar button')];
          return {
            settings: box('.action-settings').left,
            list: box('.action-tab-list').left,
            width: document.querySelector('.reader')!.clientWidth,
            right: Math.max(...buttons.map((b) => b.getBoundingClientRect().right)),
          };
        }, null);
      const onArticle = await place();
      expect(onArticle.right).toBeLessThanOrEqual(onArticle.width);
      await popup.bringToFront();
      await popup.click('.action-tab-list');
      await popup.waitFor('.reading-list');
      expect(await place()).toEqual(onArticle);
      await popup.close();
    });

    test('on a page that is not an article: a localized message, and "Show it anyway" works', async () => {
      const popup = await openPopupOn(driver(), server().url(PATHS.notArticle));
      const before = await snapshot(popup);
      expect(before).toMatchObject({ state: 'failure', reason: 'not-article' });
      expect(before.text).toContain(enMessage('failureNotArticle'));

      // The popup remembers its tab: it may come to the front for a real click.
      await popup.bringToFront();
      await popup.click(`role=button[name="${enMessage('showAnyway')}"]`);
      await popup.waitFor('main[data-state="article"]');
      const after = await snapshot(popup);
      expect(after.title).toBe('Corner Shop');
      expect(after.text).toContain(NOT_ARTICLE_TEXT);
      await popup.close();
    });

    test.each([
      { what: 'a plain-text document', page: PATHS.plainText, reason: 'not-html', key: 'failureNotHtml' },
      // Chromium runs the content script in its PDF viewer's document (document.contentType gives it away);
      // Firefox refuses to script its PDF viewer, and the .pdf address tells the reader why.
      { what: 'a PDF', page: PATHS.pdf, reason: 'not-html', key: 'failureNotHtml' },
      { what: 'a browser page', page: null, reason: 'restricted', key: 'failureRestricted' },
    ])('on $what: $reason, with nothing to retry or force', async ({ page, reason, key }) => {
      const url = page ? server().url(page) : RESTRICTED[driver().name]!(server().url(PATHS.article));
      const popup = await openPopupOn(driver(), url);
      const shown = await snapshot(popup);
      expect(shown).toMatchObject({ state: 'failure', reason });
      expect(shown.text).toContain(enMessage(key));
      expect(await popup.count('main button')).toBe(0);
      await popup.close();
    });
  });

  describe('the summary', () => {
    test.each(SUMMARY_EXPECTATIONS)(
      '$page: the publisher’s summary, and key points that lead to their passage',
      async (expected) => {
        const popup = await openPopupOn(
          driver(),
          server().url(expected.page === 'seed' ? PATHS.article : PATHS.english),
        );
        // Folded at first; unfolding it is remembered in the reader's settings.
        expect(await popup.attribute('.summary-toggle', 'aria-expanded')).toBe('false');
        await popup.bringToFront();
        await popup.click('.summary-toggle');
        await popup.waitFor('.summary-toggle[aria-expanded="true"]');
        await popup.waitFor('.key-points li');
        expect(await popup.text('.publisher-summary')).toContain(expected.publisher);
        const points = await popup.texts('.key-points li');
        expect(points.length).toBeGreaterThanOrEqual(2);
        expect(points.length).toBeLessThanOrEqual(5);
        expect(points.join(' ')).toContain(expected.keyPoint);
        // Each key point is a sentence of the clean text, and leads to it.
        const content = (await popup.text('.content')).replace(/\s+/g, ' ');
        for (const point of points) expect(content).toContain(point.replace(/\s+/g, ' '));
        await popup.bringToFront();
        await popup.click('.key-points li:last-child .key-point');
        expect(await popup.text('.content .jumped-to')).toContain(points.at(-1)!.slice(0, 40));
        expect(await popup.text('.summary-source')).toContain(enMessage('summaryByLocal'));
        const stored = () => driver().inExtension(({ api }) => api.storage.sync.get('readerSettings'), null);
        await expect
          .poll(async () => (await stored()).readerSettings, { timeout: 5_000 })
          .toMatchObject({
            summaryOpen: true,
          });
        await popup.close();
        await driver().inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      },
    );

    test('folded, the summary leaves the first paragraph on the first screen, and nothing moves when it arrives', async () => {
      const popup = await openPopupOn(driver(), server().url(PATHS.article));
      await popup.setViewport(460, 580);
      // Where the article's text starts as soon as the article shows, then once the key points are there.
      const top = () => popup.evaluate(() => document.querySelector('.content p')!.getBoundingClientRect().top, null);
      const before = await top();
      await popup.waitFor('.key-points li');
      expect(await top()).toBe(before);
      // Its first lines (three at the default size) are above the popup's bottom edge.
      expect(before + 3 * 18 * 1.6).toBeLessThanOrEqual(580);
      await popup.close();
    });
  });
}
