// The settings panel and the Save tooltip in real Chromium, English and French: numbers through Intl,
// the shortcut as Chromium writes it in that language, and a layout that holds with French labels. Leaves
// settings-panel-{en,fr}-chromium.png and reading-list-{en,fr}-{light,dark}.png in
// the artifacts.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../support/driver/index.ts';
import { SETTLED } from './expectations.ts';
import { ARTIFACTS } from './paths.ts';
import { PATHS, startServer, type TestServer } from './server.ts';

declare const chrome: {
  commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> };
  i18n: { getUILanguage(): string };
  storage: { sync: { set(items: object): Promise<void>; remove(key: string): Promise<void> } };
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

const EXPECTED = {
  en: { lineHeight: '1.6', lineWidth: '70 characters', fontSize: '18\u00a0px', saveWord: 'Keyboard shortcut: ' },
  fr: { lineHeight: '1,6', lineWidth: '70 caractères', fontSize: '18\u00a0px', saveWord: 'Raccourci clavier\u202f: ' },
} as const;

describe.each(['en', 'fr'] as const)('Chromium in %s', (lang) => {
  let context: BrowserContext;
  let profile: string;
  let popup: Page;
  let saveShortcut = '';
  let worker: Worker;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), `clear-reader-i18n-${lang}-`));
    // Chromium on Linux takes its interface language from the environment (--lang alone is ignored there);
    // the French one needs Debian's chromium-l10n (.ci/run installs it).
    const before = process.env.LANGUAGE;
    process.env.LANGUAGE = lang;
    const launched = await launchChromium(profile, { args: [`--lang=${lang}`] }).finally(() => {
      if (before === undefined) delete process.env.LANGUAGE;
      else process.env.LANGUAGE = before;
    });
    context = launched.context;
    worker = launched.worker;
    expect(await launched.worker.evaluate(() => chrome.i18n.getUILanguage())).toMatch(new RegExp(`^${lang}`));
    const commands = await launched.worker.evaluate(() => chrome.commands.getAll());
    saveShortcut = commands.find((command) => command.name === 'save-for-later')?.shortcut ?? '';
    const pageTab = context.pages()[0] ?? (await context.newPage());
    popup = await context.newPage();
    await pageTab.bringToFront();
    await pageTab.goto(server.url(PATHS.article));
    await popup.goto(`${launched.origin}/popup.html`);
    await popup.locator(SETTLED).waitFor();
    await popup.setViewportSize({ width: 460, height: 620 });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('the Save tooltip names the shortcut as Chromium writes it in this language', async () => {
    // Chromium's own text: "Alt+Maj+K" in French (the test does not trust our code to say what that is).
    expect(saveShortcut).toMatch(lang === 'fr' ? /^Alt\+Maj\+K$/ : /^Alt\+Shift\+K$/);
    const title = await popup.locator('.action-save').getAttribute('title');
    expect(title).toContain(`${EXPECTED[lang].saveWord}${saveShortcut}`);
  });

  test('the settings panel writes numbers and units in this language, in two aligned columns', async () => {
    await popup.locator('.action-settings').click();
    const form = popup.locator('form.settings');
    await form.waitFor();
    await expect.poll(() => popup.locator('.setting-lineHeight .value').innerText()).toBe(EXPECTED[lang].lineHeight);
    expect(await popup.locator('.setting-lineWidth .value').innerText()).toBe(EXPECTED[lang].lineWidth);
    expect(await popup.locator('.setting-fontSize .value').innerText()).toBe(EXPECTED[lang].fontSize);

    const boxes = (selector: string) =>
      popup.locator(selector).evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      ) as Promise<Box[]>;
    // Every control group starts at the same x: the label column is as wide in every row.
    const controls = await boxes('form.settings fieldset > .choices, form.settings fieldset > .stepper');
    expect(controls).toHaveLength(6);
    for (const box of controls) expect(Math.abs(box.x - controls[0]!.x)).toBeLessThanOrEqual(1);
    // The labels never overlap the controls.
    for (const legend of await boxes('form.settings legend')) {
      expect(legend.x + legend.width).toBeLessThanOrEqual(controls[0]!.x);
    }
    // A font choice that wraps starts its line at the control column, not under the label.
    const fonts = await boxes('.setting-font label');
    for (const font of fonts) expect(font.x).toBeGreaterThanOrEqual(controls[0]!.x - 1);
    expect(fonts.some((font) => Math.abs(font.x - controls[0]!.x) <= 1)).toBe(true);
    // Each stepper sits on the line of its label.
    for (const key of ['fontSize', 'lineWidth', 'lineHeight']) {
      const [legend] = await boxes(`.setting-${key} legend`);
      const [stepper] = await boxes(`.setting-${key} .stepper`);
      const middle = (b: Box) => b.y + b.height / 2;
      expect(Math.abs(middle(legend!) - middle(stepper!)), key).toBeLessThanOrEqual(4);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, `settings-panel-${lang}-chromium.png`) });
  });

  test.each(['light', 'dark'] as const)(
    'the popup and the reading list in this language, %s theme (screenshots)',
    async (theme) => {
      await worker.evaluate((theme) => chrome.storage.sync.set({ readerSettings: { theme } }), theme);
      await popup.reload();
      await popup.locator(SETTLED).waitFor();
      await popup.setViewportSize({ width: 460, height: 580 });
      expect(await popup.locator('.reader').getAttribute('data-theme')).toBe(theme);
      // Every toolbar button names itself in this language, and nothing is cut at the right edge.
      const right = await popup
        .locator('.reader-toolbar button')
        .evaluateAll((buttons) => Math.max(...buttons.map((b) => b.getBoundingClientRect().right)));
      expect(right).toBeLessThanOrEqual(460 - 8);
      mkdirSync(ARTIFACTS, { recursive: true }); // the popup itself is shot by screens-fr.e2e.ts (both browsers)
      // Saved in the first (light) round; the dark round waits for the popup to find it (clicking before it has
      // would save it again, racing the offline copy the list reads its reading time from).
      if (theme === 'light') await popup.locator('.action-save').click();
      await popup.locator('.action-save[aria-pressed="true"]').waitFor();
      await popup.locator('.action-tab-list').click();
      await popup.locator('.reading-list .item .item-site .reading-time').waitFor();
      // "saved …" in this language, through Intl.RelativeTimeFormat.
      expect(await popup.locator('.reading-list .saved-at').innerText()).toMatch(
        lang === 'fr' ? /^enregistré (maintenant|il y a)/ : /^saved (now|\d+ minutes? ago)/,
      );
      await popup.screenshot({ path: join(ARTIFACTS, `reading-list-${lang}-${theme}.png`) });
      await popup.locator('.action-tab-article').click();
      await worker.evaluate(() => chrome.storage.sync.remove('readerSettings'));
    },
  );

  test('a highlighted article and the Highlights view in this language, light and dark (screenshots)', async () => {
    // The article saved by the test above; its id is the offline copy's key.
    const origin = popup.url().replace(/\/popup\.html.*$/, '');
    const id = await popup.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('clear-reader');
          open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
          open.onsuccess = () => {
            const keys = open.result.transaction('articles').objectStore('articles').getAllKeys();
            keys.onsuccess = () => resolve(keys.result[0] as string);
          };
        }),
    );
    const reader = await context.newPage();
    await reader.setViewportSize({ width: 1000, height: 720 });
    await reader.goto(`${origin}/reader.html?id=${id}`);
    await reader.locator('.hl-section[data-ready="true"]').waitFor();
    /** Selects the words `from`..`to` of the `nth` paragraph, then presses `key` (H or N). */
    const highlight = async (nth: number, from: number, to: number, key: string) => {
      await reader.evaluate(
        ({ nth, from, to }) => {
          const node = document.querySelectorAll('main article .content p')[nth]!.firstChild!;
          const words = [...node.textContent!.matchAll(/\S+/g)];
          const range = document.createRange();
          range.setStart(node, words[from]!.index);
          range.setEnd(node, words[to]!.index + words[to]![0].length);
          document.getSelection()!.removeAllRanges();
          document.getSelection()!.addRange(range);
        },
        { nth, from, to },
      );
      await reader.locator('.hl-toolbar').waitFor();
      await reader.keyboard.press(key);
    };
    await highlight(0, 2, 12, 'h');
    await reader.locator('.hl-item').first().waitFor();
    await highlight(1, 0, 8, 'n');
    await reader
      .locator('.hl-editor textarea')
      .fill(lang === 'fr' ? 'À vérifier : la date exacte ?' : 'Check the exact date?');
    await reader.locator('.hl-editor .hl-save-note').click();
    await reader.locator('.hl-item-note').waitFor();
    await reader.locator('.hl-editor .hl-close').click();
    const list = await context.newPage();
    await list.setViewportSize({ width: 900, height: 640 });
    await list.goto(`${origin}/list.html`);
    await list.locator('.view-highlights').click();
    await list.locator('.highlight-entry').nth(1).waitFor();
    for (const theme of ['light', 'dark'] as const) {
      await worker.evaluate((theme) => chrome.storage.sync.set({ readerSettings: { theme } }), theme);
      for (const page of [reader, list]) {
        await page.locator(`.reader[data-theme="${theme}"]`).waitFor();
        await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
      }
      await reader.evaluate(() =>
        document.querySelectorAll('main article .content p')[1]?.scrollIntoView({ block: 'center' }),
      );
      await reader.screenshot({ path: join(ARTIFACTS, `highlights-reader-${lang}-${theme}.png`) });
      await list.screenshot({ path: join(ARTIFACTS, `highlights-view-${lang}-${theme}.png`) });
    }
    await worker.evaluate(() => chrome.storage.sync.remove('readerSettings'));
    await reader.close();
    await list.close();
  });
});
