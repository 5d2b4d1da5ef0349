// Highlights and notes on a saved article, end to end: save a page, open its offline copy, highlight a
// selection (made with the DOM Selection API, then the H key; N for a note; a colour from the bar), reload and
// find them; open one by clicking it, recolour, delete and undo; then the page changes, it is extracted again,
// and the highlights are placed again by their quote (an edited one included) while the one whose text is gone
// is listed as not found, with its note. The list shows the counts, filters and searches them, and lists every
// highlight in its Highlights view, each leading back to its place. Screenshots, light and dark.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Tab } from '../../support/driver/index.ts';
import { enMessage } from '../expectations.ts';
import { ROOT } from '../paths.ts';
import { PATHS } from '../server.ts';
import { savedId } from './hostile-visit.ts';
import { artifact, openPopupOn, type Session } from './session.ts';

const KEPT = 'worth about £38 a year for a typical household';
const GONE = 'nobody in Kettleby wants a cheque';
const EDITED = 'the penalty was larger than they had expected';
const EDITED_NOW = 'the penalty was far larger than they had expected';
const NOTE = 'Ask the council about Kettleby’s river.';

const button = (key: string) => `role=button[name="${enMessage(key)}"]`;

/** Selects `phrase` in the article's text, as a reader's drag would (the DOM Selection API). */
export function select(reader: Tab, phrase: string): Promise<boolean> {
  return reader.evaluate((phrase) => {
    const root = document.querySelector('main article .content')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(phrase);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
    return false;
  }, phrase);
}

/** Waits until the ranges painted as `name` (cr-hl-<colour>) hold exactly `texts`. */
export const paintedAs = (reader: Tab, name: string, texts: string[]) =>
  reader.waitUntil(
    ({ name, texts }) => {
      const ranges = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(name);
      const now = ranges ? [...ranges].map((r) => r.toString()).sort() : [];
      return JSON.stringify(now) === JSON.stringify([...texts].sort());
    },
    { name, texts },
  );

/** Screenshots wait for the theme's colour transitions to end. */
const settled = (tab: Tab) => tab.waitUntil(() => document.getAnimations().length === 0, null);

const statusIs = (reader: Tab, text: string) =>
  reader.waitUntil((text) => document.querySelector('.hl-status span')?.textContent === text, text);

/** The middle of the painted text `phrase`, in viewport coordinates (scrolled into view first). */
export function pointOn(reader: Tab, phrase: string): Promise<{ x: number; y: number }> {
  return reader.evaluate((phrase) => {
    let found: Range | null = null;
    (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.forEach((ranges) => {
      for (const r of ranges) if (r.toString() === phrase) found = r;
    });
    const range = found as Range | null;
    if (!range) throw new Error(`${phrase} is not painted`);
    (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
    const rect = range.getClientRects()[0]!;
    return { x: rect.left + Math.min(20, rect.width / 2), y: rect.top + rect.height / 2 };
  }, phrase);
}

export function highlightScenarios({ driver, server }: Session): void {
  describe('highlights and notes', () => {
    test('highlight, annotate, reload, edit; re-extracted, re-anchored, one not found; the list and its Highlights view', async () => {
      const url = server().url(PATHS.revisable);
      server().revise(PATHS.revisable, null);
      const popup = await openPopupOn(driver(), url);
      await popup.bringToFront();
      await popup.click(button('saveForLater'));
      await popup.waitFor(button('savedForLater'));
      const id = await savedId(popup, url);
      expect(id).toBeTruthy();
      await popup.close();

      let reader = await driver().openExtensionPage(`reader.html?id=${id}`);
      await reader.bringToFront();
      await reader.setViewport(1000, 720);
      await reader.waitFor('main[data-state="article"]');
      await reader.waitFor('.hl-section[data-ready="true"]');

      // A selection, then H: highlighted in yellow, said in the live region.
      expect(await select(reader, KEPT)).toBe(true);
      await reader.waitFor('.hl-toolbar');
      await reader.press('h');
      await statusIs(reader, enMessage('hlAdded').replace('$COLOR$', 'yellow'));
      await paintedAs(reader, 'cr-hl-yellow', [KEPT]);
      // N: highlighted, and its note opened; typed and saved.
      await select(reader, GONE);
      await reader.waitFor('.hl-toolbar');
      await reader.press('n');
      await reader.waitFor('.hl-editor .hl-note-field');
      await reader.fill('.hl-editor .hl-note-field', NOTE);
      await reader.click('.hl-editor .hl-save-note');
      await statusIs(reader, enMessage('hlNoteSaved'));
      await reader.click('.hl-editor .hl-close');
      await reader.waitFor('.hl-editor', { state: 'detached' });
      // A colour from the bar over the selection.
      await select(reader, EDITED);
      await reader.click('.hl-toolbar .hl-green');
      await statusIs(reader, enMessage('hlAdded').replace('$COLOR$', 'green'));
      expect(await reader.count('.hl-section .hl-items .hl-item')).toBe(3);

      // Reloaded: all three are there, painted, with the note.
      await reader.reload();
      await reader.waitUntil(() => document.querySelectorAll('.hl-section .hl-item').length === 3, null);
      await paintedAs(reader, 'cr-hl-yellow', [GONE, KEPT]);
      await paintedAs(reader, 'cr-hl-green', [EDITED]);
      expect(await reader.texts('.hl-section .hl-item-note')).toEqual([NOTE]);

      // Clicking a highlight opens it: its note, its colour; recolour, delete, undo.
      const point = await pointOn(reader, GONE);
      await reader.clickAt(point.x, point.y);
      await reader.waitFor('.hl-editor');
      expect(await reader.evaluate(() => document.querySelector('textarea')?.value, null)).toBe(NOTE);
      await reader.screenshot(artifact(driver(), 'highlights-reader-light.png'));
      await reader.click('.hl-editor .hl-pink');
      await statusIs(reader, enMessage('hlRecoloured').replace('$COLOR$', 'pink'));
      await paintedAs(reader, 'cr-hl-pink', [GONE]);
      await paintedAs(reader, 'cr-hl-yellow', [KEPT]);
      await reader.click('.hl-editor .hl-delete');
      await statusIs(reader, enMessage('hlDeleted'));
      await paintedAs(reader, 'cr-hl-pink', []);
      await reader.click('.hl-status .hl-undo');
      await statusIs(reader, enMessage('hlRestored'));
      await paintedAs(reader, 'cr-hl-pink', [GONE]);
      await driver().inExtension(({ api }) => api.storage.sync.set({ readerSettings: { theme: 'dark' } }), null);
      await reader.waitFor('.reader[data-theme="dark"]');
      await reader.evaluate(() => document.querySelector('.hl-section')?.scrollIntoView({ block: 'center' }), null);
      await settled(reader);
      await reader.screenshot(artifact(driver(), 'highlights-reader-dark.png'));
      await driver().inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      await reader.close();

      // The list: counts on the item, the filter, search by a note's words, the Highlights view.
      const list = await driver().openExtensionPage('list.html');
      await list.bringToFront();
      await list.setViewport(900, 720);
      await list.waitFor('.reading-list .item .highlight-count');
      expect(await list.text('.reading-list .item .highlight-count')).toBe('Highlights: 3, Notes: 1');
      await list.click('.filter-highlights');
      expect(await list.count('.reading-list .item')).toBe(1);
      await list.fill('role=searchbox', 'council river');
      await list.waitUntil(() => document.querySelectorAll('.reading-list .item').length === 1, null);
      await list.fill('role=searchbox', '');
      await list.click('.view-highlights');
      await list.waitFor('.highlights-view .highlight-entry');
      expect(await list.count('.highlights-view .highlight-entry')).toBe(3);
      // (Newest first: made within a second or two here, so the order is the view's unit test's.)
      expect((await list.texts('.highlights-view .highlight-quote')).sort()).toEqual([EDITED, GONE, KEPT].sort());
      await list.screenshot(artifact(driver(), 'highlights-view-light.png'));
      await driver().inExtension(({ api }) => api.storage.sync.set({ readerSettings: { theme: 'dark' } }), null);
      await list.waitFor('.reader[data-theme="dark"]');
      await settled(list);
      await list.screenshot(artifact(driver(), 'highlights-view-dark.png'));
      await driver().inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      // Each leads to its place in the offline copy, opened there.
      reader = await driver().nextTab(() =>
        list.click('.highlights-view .highlight-entry:nth-child(3) .highlight-link'),
      );
      // A new tab starts as about:blank in Firefox: its address is waited for.
      await expect.poll(() => reader.url()).toMatch(/\/reader\.html\?id=[0-9a-z]+#hl-[0-9a-z]+$/);
      await reader.waitFor('.hl-editor');
      expect(await reader.evaluate(() => document.getSelection()?.toString() ?? '', null)).toBe('');
      await reader.close();

      // The page changes (a paragraph gone, a word added, text before them): extracted again, by the shortcut.
      const source = readFileSync(join(ROOT, 'tests/fixtures/en-no-clutter/source.html'), 'utf8');
      const changed = source
        .replace(/<p>&#8220;A refund on your bill[^<]*<\/p>/, '')
        .replace(EDITED, EDITED_NOW)
        .replace(
          '<p>Share prices fell sharply',
          '<p>Updated at 18:00 with the minister’s comments.</p><p>Share prices fell sharply',
        );
      expect(changed).not.toContain('Kettleby');
      server().revise(PATHS.revisable, changed);
      await driver().pageTab.bringToFront();
      await driver().pageTab.goto(url);
      await driver().command('save-for-later', url);

      reader = await driver().openExtensionPage(`reader.html?id=${id}`);
      await reader.bringToFront();
      await reader.waitFor('.hl-orphans .hl-orphan');
      expect(await reader.text('.content')).toContain('Updated at 18:00');
      await paintedAs(reader, 'cr-hl-yellow', [KEPT]);
      await paintedAs(reader, 'cr-hl-green', [EDITED_NOW]);
      expect(await reader.text('.hl-orphans h3')).toBe(enMessage('hlNotFoundTitle'));
      expect(await reader.text('.hl-orphans blockquote')).toBe(GONE);
      expect(await reader.text('.hl-orphans .hl-item-note')).toBe(NOTE);
      await reader.evaluate(() => document.querySelector('.hl-orphans')?.scrollIntoView({ block: 'center' }), null);
      await reader.screenshot(artifact(driver(), 'highlights-not-found.png'));

      // With the keyboard: a caret where a click would put it, Shift+arrows to select, H.
      await reader.evaluate(() => {
        const p = [...document.querySelectorAll('main article .content p')].find((el) =>
          el.textContent.startsWith('Northgate’s chief executive'),
        )!;
        p.scrollIntoView({ block: 'center' });
        document.getSelection()!.collapse(p.firstChild, 0);
      }, null);
      for (const _ of 'Northgate’s') await reader.press('Shift+ArrowRight');
      await reader.waitUntil(() => document.getSelection()?.toString() === 'Northgate’s', null);
      await reader.waitFor('.hl-toolbar');
      await reader.press('h');
      await statusIs(reader, enMessage('hlAdded').replace('$COLOR$', 'yellow'));
      await paintedAs(reader, 'cr-hl-yellow', [KEPT, 'Northgate’s']);
      await reader.close();
      server().revise(PATHS.revisable, null);
    });
  });
}
