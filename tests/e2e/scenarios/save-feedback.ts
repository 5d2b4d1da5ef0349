// Feedback you can see (issue 14): a save by shortcut or page menu confirms itself in the page (a role=status
// toast in a closed shadow root) and on the badge; the popup's "Saved" takes the article out again, with undo.
import { describe, expect, test } from 'vitest';
import { poll, type ExtensionContext } from '../../support/driver/index.ts';
import { enMessage } from '../expectations.ts';
import { PATHS } from '../server.ts';
import { artifact, openPopupOn, snapshot, type Session } from './session.ts';

const button = (key: string) => `role=button[name="${enMessage(key)}"]`;

export interface ToastSeen {
  role: string | null;
  text: string;
  /** The host: its tag, whether the page can reach into it, its box on screen. */
  tag: string;
  pageSeesShadow: boolean;
  width: number;
  height: number;
  bottom: number;
}

/**
 * Run in the extension's background (`Driver.inExtension`, or a raw worker through `expressionFor`): the toast as
 * it is in the tab showing `url`, read in the extension's isolated world (its shadow root is closed to the page
 * and to automation), null while there is none; and the toolbar button's badge there.
 */
export async function toastIn(
  { api }: ExtensionContext,
  url: string,
): Promise<{ toast: ToastSeen | null; badge: string }> {
  const tab = (await api.tabs.query({})).find((t) => t.url === url);
  const [injection] = await api.scripting.executeScript({
    target: { tabId: tab?.id },
    func: () => {
      const toast = (globalThis as Record<string, unknown>).__clearReaderToast as
        { host: HTMLElement; box: HTMLElement } | undefined;
      if (!toast?.box.textContent) return null;
      const box = toast.box.getBoundingClientRect();
      return {
        role: toast.box.getAttribute('role'),
        text: toast.box.textContent,
        tag: toast.host.localName,
        pageSeesShadow: toast.host.shadowRoot !== null,
        width: box.width,
        height: box.height,
        bottom: box.bottom,
      };
    },
  });
  const action = api.action ?? api.browserAction;
  const badge = action ? await action.getBadgeText({ tabId: tab?.id ?? -1 }) : '';
  return { toast: (injection?.result ?? null) as ToastSeen | null, badge };
}

/** Waits until the tab showing `url` shows a toast; returns it with the badge. */
export async function awaitToast(read: () => Promise<{ toast: ToastSeen | null; badge: string }>) {
  const seen = await poll(
    async () => ((await read().catch(() => null))?.toast ? read() : null),
    'a toast in the page',
    15_000,
  );
  return { toast: seen.toast!, badge: seen.badge };
}

export function saveFeedbackScenarios({ driver, server }: Session): void {
  describe('feedback you can see', () => {
    test('a save by shortcut or page menu: a confirmation in the page and the badge; "Saved" in the popup unsaves, with undo', async () => {
      const d = driver();
      const url = server().url(PATHS.english);
      await d.pageTab.bringToFront();
      await d.pageTab.goto(url);
      const title = await d.pageTab.evaluate(() => document.querySelector('h1')?.textContent?.trim() ?? '', null);

      await d.command('save-for-later', url); // what Alt+Shift+K and the page menu run (shortcut.e2e.ts presses it)
      const { toast, badge } = await awaitToast(() => d.inExtension(toastIn, url));
      expect(toast.role).toBe('status');
      expect(toast.text).toContain(title);
      expect(toast.text.startsWith(enMessage('savedItem').split('$')[0]!)).toBe(true);
      expect(toast.tag).toBe('div'); // a plain div host, not a custom element
      expect(toast.pageSeesShadow).toBe(false); // closed: the page cannot read or restyle it
      const viewport = await d.pageTab.evaluate(() => innerHeight, null);
      expect(toast.width).toBeGreaterThan(0);
      expect(toast.height).toBeGreaterThan(0);
      expect(toast.bottom).toBeLessThanOrEqual(viewport); // on screen
      expect(badge).toBe('✓');
      await d.pageTab.screenshot(artifact(d, 'save-toast.png'));

      // The popup knows it is saved; pressed again, "Saved" takes it out of the list, and Undo puts it back.
      let popup = await openPopupOn(d, url);
      expect((await snapshot(popup)).state).toBe('article');
      await popup.waitFor(button('savedForLater'));
      expect(await popup.attribute('button.action-save', 'aria-pressed')).toBe('true');
      await popup.bringToFront();
      await popup.click(button('savedForLater'));
      await popup.waitFor(button('saveForLater'));
      expect(await popup.attribute('button.action-save', 'aria-pressed')).toBe('false');
      expect(await popup.text('.notice.unsaved')).toContain(title);
      await popup.close();

      popup = await openPopupOn(d, url); // it stays out of the list
      await popup.waitFor(button('saveForLater'));
      await popup.bringToFront();
      await popup.click(button('saveForLater'));
      await popup.waitFor(button('savedForLater'));
      await popup.click(button('savedForLater'));
      await popup.click(button('undo'));
      await popup.waitFor(button('savedForLater'));
      expect(await popup.count('.notice.unsaved')).toBe(0);
      await popup.close();

      popup = await openPopupOn(d, url); // back in the list after the undo
      await popup.waitFor(button('savedForLater'));
      await popup.bringToFront();
      await popup.click(button('savedForLater')); // and out again: the list as the other scenarios expect it
      await popup.waitFor(button('saveForLater'));
      await popup.close();
    });
  });
}
