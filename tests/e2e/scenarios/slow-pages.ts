// Pages that load slowly or never finish (issue 14): the popup shows what it can within a second, and a page that
// never answers gets its reason within seconds, with no button that would only wait again.
import { describe, expect, test } from 'vitest';
import { SETTLED, enMessage } from '../expectations.ts';
import { PATHS } from '../server.ts';
import { SLOW_PARAGRAPHS, SLOW_TITLE } from '../slow-pages-server.ts';
import { snapshot, type Session } from './session.ts';
import type { Tab } from '../../support/driver/index.ts';

/**
 * The popup settles within this many ms of its document's start. The target is a second; the bound leaves room for
 * a loaded 2-core machine and stays far below the 7 s (streaming page) and 21 s (page that never answers) of old.
 */
const SHOWN_BOUND_MS = 3_000;
/** A page that never answers: its reason within 5 s of the popup's start (the probe gives up after 3 s). */
const REASON_BOUND_MS = 5_000;

export function slowPageScenarios({ name, driver, server }: Session): void {
  describe('pages that load slowly or never finish', () => {
    /**
     * Starts loading `path` in the page tab without waiting for its load, waits until `ready` (the document shows
     * its first paragraph, or the server got the request), then opens the popup. Returns the popup and how many ms
     * after its document started it settled.
     */
    async function popupWhileLoading(path: string, ready: 'document' | 'request'): Promise<{ popup: Tab; ms: number }> {
      const d = driver();
      const popup = await d.newTab(); // opens in front...
      await d.pageTab.bringToFront(); // ...so hand the front back to the page
      await d.pageTab.goto(server().url(path), { start: true });
      if (ready === 'request') await server().requested(path);
      else {
        await d.pageTab.waitUntil(([url, text]) => location.href === url && !!document.body?.innerText.includes(text), [
          server().url(path),
          SLOW_PARAGRAPHS[0]!.slice(0, 40),
        ] as const);
      }
      await d.openExtensionPage('popup.html', popup);
      const ms = await popup.waitUntil(
        (selector) => (document.querySelector(selector) ? performance.now() : 0),
        SETTLED,
        {
          timeout: 25_000,
        },
      );
      console.log(`[slow] ${name}, ${path}: the popup settled ${Math.round(ms)} ms after its start`);
      return { popup, ms };
    }

    test('a page whose comments stream for 8 s: the article at once', async () => {
      const { popup, ms } = await popupWhileLoading(PATHS.streamingTail, 'document');
      const shown = await snapshot(popup);
      expect(shown.state).toBe('article');
      expect(shown.title).toBe(SLOW_TITLE);
      expect(shown.paragraphs).toEqual(SLOW_PARAGRAPHS);
      expect(ms).toBeLessThan(SHOWN_BOUND_MS);
      // Still streaming: the page had not finished when the popup showed it.
      expect(await driver().pageTab.evaluate(() => document.readyState, null)).toBe('loading');
      await popup.close();
    });

    test('an article that arrives a paragraph at a time: "still loading", then what has loaded', async () => {
      const { popup, ms } = await popupWhileLoading(PATHS.streamingArticle, 'document');
      const shown = await snapshot(popup);
      expect(shown).toMatchObject({ state: 'failure', reason: 'loading' });
      expect(shown.status).toBe(enMessage('failureLoading'));
      expect(ms).toBeLessThan(SHOWN_BOUND_MS);
      expect(await popup.texts('main button')).toEqual([enMessage('readPartial'), enMessage('tryAgain')]);

      await popup.bringToFront();
      await popup.click(`role=button[name="${enMessage('readPartial')}"]`);
      await popup.waitFor('main[data-state="article"]');
      const partial = await snapshot(popup);
      expect(partial.title).toBe(SLOW_TITLE);
      expect(partial.paragraphs[0]).toBe(SLOW_PARAGRAPHS[0]);
      expect(partial.paragraphs.length).toBeLessThan(SLOW_PARAGRAPHS.length);
      await popup.close();
    });

    test('a site that never answers: its reason within 5 s, and no button that waits again', async () => {
      const { popup, ms } = await popupWhileLoading(PATHS.neverAnswers, 'request');
      const shown = await snapshot(popup);
      // Not the previous page's article (the tab still holds that document), nor "still loading".
      expect(shown).toMatchObject({ state: 'failure', reason: 'no-response' });
      expect(shown.status).toBe(enMessage('failureNoResponse'));
      expect(ms).toBeLessThan(REASON_BOUND_MS);
      expect(await popup.count('main button')).toBe(0);
      expect(await popup.count('.action-open-full-view')).toBe(0);
      await popup.close();
    });

    test('a page whose script blocks it: its reason within 5 s, and no button that waits again', async () => {
      const { popup, ms } = await popupWhileLoading(PATHS.busy, 'request');
      const shown = await snapshot(popup);
      expect(shown).toMatchObject({ state: 'failure', reason: 'unresponsive' });
      expect(shown.status).toBe(enMessage('failureUnresponsive'));
      expect(ms).toBeLessThan(REASON_BOUND_MS);
      expect(await popup.count('main button')).toBe(0);
      expect(await popup.count('.action-open-full-view')).toBe(0);
      await popup.close();
    });
  });
}
