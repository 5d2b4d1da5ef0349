// Pages written to attack the extension's own surfaces (tests/hostile/surfaces.ts, issue 16), in real Chromium
// and Firefox ESR: each goes through the popup, the offline reader (saved from the popup) and the in-page view.
// Unlike the XSS corpus (hostile.e2e.ts), the page's own scripts run throughout: they are the attack. They
// define custom elements, watch for the view's host, read its shadow root, forge the content scripts' events
// and listen for them. Checked after each page: the page's world got nothing (its sentinel global is unset), the
// sentinel server saw no request, the page server served none of the addresses the page itself never loads
// (/track/), every request was an image of the page's own, the three views show the article with nothing in it
// that could run or load, the view is still open after the page's attempts, and the shortcut closes it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DRIVERS, type Driver } from '../support/driver/index.ts';
import { SURFACE_PAGES } from '../hostile/surfaces.ts';
import { startSurfaceServers, type SurfaceServers } from './hostile-surfaces-server.ts';
import { SurfaceRun, untrustedActions } from './scenarios/hostile-surfaces.ts';
import { inView } from './scenarios/session.ts';
import { enMessage } from './expectations.ts';

const storedSettings = (driver: Driver) =>
  driver.inExtension(async ({ api }) => (await api.storage.sync.get('readerSettings')).readerSettings ?? null, null);

describe.each(DRIVERS)('$name: pages that attack the extension’s surfaces', (entry) => {
  let servers: SurfaceServers;
  let driver: Driver;
  let run: SurfaceRun;

  beforeAll(async () => {
    servers = await startSurfaceServers();
    driver = await entry.launch();
    run = new SurfaceRun(driver, servers);
    await run.openTabs();
  });

  afterAll(async () => {
    await driver?.close();
    await servers?.close();
  });

  test.each(SURFACE_PAGES.map((surface) => [surface.id, surface] as const))(
    '%s: popup, offline reader and in-page view give the page nothing and load nothing it did not',
    async (_id, surface) => {
      if (surface.settingsReachView) {
        await driver.inExtension(({ api }) => api.storage.sync.set({ readerSettings: { theme: 'sepia' } }), null);
      }
      try {
        await run.visit(surface);
        if (surface.settingsReachView) {
          await run.tabs.page.waitFor(inView('.reader[data-theme="sepia"]')); // the stored theme
        }
        await run.closeWithShortcut(surface);
      } finally {
        await driver.inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      }
    },
  );

  test('the view acts on the reader’s own input only: untrusted clicks and keys change no setting and no saved item', async () => {
    const surface = SURFACE_PAGES.find((s) => s.id === 'shadow-root-open')!;
    const { page } = run.tabs;
    await driver.inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
    try {
      await run.visit(surface, true);
      const saved = (await page.attribute(inView('.action-save'), 'aria-pressed')) === 'true';
      expect(await driver.inPageWorld(page, untrustedActions, null)).toEqual({ panel: false, open: true });
      // Real keys after them say exactly what they did: had an untrusted save, mark read or favourite got
      // through (or were one still running), these would say something else (or be ignored while it runs).
      const first = saved ? '' : `${enMessage('viewSaved')} `;
      await page.press('f');
      await expect
        .poll(() => page.text(inView('.reader-status span')))
        .toBe(`${first}${enMessage('readerFavourited')}`);
      await page.press('a');
      await expect.poll(() => page.text(inView('.reader-status span'))).toBe(enMessage('readerMarkedRead'));
      await page.press('a');
      await expect.poll(() => page.text(inView('.reader-status span'))).toBe(enMessage('readerMarkedUnread'));
      await page.press('f');
      await expect.poll(() => page.text(inView('.reader-status span'))).toBe(enMessage('readerUnfavourited'));
      // The same controls, clicked for real: they work, and only the real change is stored.
      await page.click(inView('.action-settings'));
      await page.waitFor(inView('.settings'));
      await page.click(inView('.setting-fontSize .increase'));
      await expect.poll(() => storedSettings(driver), { timeout: 10_000 }).toMatchObject({ fontSize: 19 });
      expect(await storedSettings(driver)).toMatchObject({ theme: 'auto', fontSize: 19 });
      await run.closeWithShortcut(surface, true);
    } finally {
      await driver.inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
    }
  });
});
