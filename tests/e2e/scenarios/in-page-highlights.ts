// Highlights in the in-page view (issue 18): on a page not saved yet, a caret, Shift+arrows and H save the page
// and highlight the selection, said as such; the page reloaded and the view opened again shows it, and so does
// the offline reader. The view's closed root is reached from the extension's own world of the page, as its
// script reaches it. Screenshots of the view with its highlight, light and dark.
import { describe, expect, test } from 'vitest';
import { enMessage } from '../expectations.ts';
import { PATHS } from '../server.ts';
import { savedId } from './hostile-visit.ts';
import { VIEW_CONTROLLER, artifact, closeView, inView, openViewOn, viewSettled, type Session } from './session.ts';

const WORD = 'Northgate’s';
const NOTED = 'accepted the findings';
const hlSaid = (key: string, color: string) => enMessage(key).replace('$COLOR$', color);
const CONTROLLER = VIEW_CONTROLLER;

/** Run in the extension's world of the page: a caret at the start of the paragraph that begins with `start`. */
function caretBefore({ controller, start }: { controller: string; start: string }): boolean {
  const root = (globalThis as unknown as Record<string, { root: ShadowRoot }>)[controller]!.root;
  const p = Array.from(root.querySelectorAll('main article .content p')).find((el) => el.textContent.startsWith(start));
  if (!p?.firstChild) return false;
  p.scrollIntoView({ block: 'center' });
  document.getSelection()!.collapse(p.firstChild, 0);
  return true;
}

/** Run there too: the selection as the view sees it, inside its shadow root. */
function selectedText(controller: string): string {
  const root = (globalThis as unknown as Record<string, { root: ShadowRoot }>)[controller]!.root;
  const s = document.getSelection() as Selection & {
    getComposedRanges(options: { shadowRoots: ShadowRoot[] }): StaticRange[];
  };
  const [r] = s.getComposedRanges({ shadowRoots: [root] });
  if (!r) return '';
  const range = document.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range.toString();
}

/** Run there too: the painted boxes' colours and the text under the first one (by its id's highlight entry). */
function painted(controller: string): { colors: string[]; boxes: number } {
  const root = (globalThis as unknown as Record<string, { root: ShadowRoot }>)[controller]!.root;
  const marks = Array.from(root.querySelectorAll<HTMLElement>('.hl-paint .hl-mark'));
  return {
    colors: [...new Set(marks.map((m) => /hl-(\w+)$/.exec(m.className)?.[1] ?? ''))],
    boxes: marks.filter((m) => m.offsetWidth > 10 && m.offsetHeight > 8).length,
  };
}

/** Run there too: the middle of the first painted box, in viewport coordinates (scrolled into view first). */
function firstBox(controller: string): { x: number; y: number } | null {
  const root = (globalThis as unknown as Record<string, { root: ShadowRoot }>)[controller]!.root;
  const mark = root.querySelector('.hl-paint .hl-mark');
  mark?.scrollIntoView({ block: 'center' });
  const box = mark?.getBoundingClientRect();
  return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
}

/** Run there too: whether the open highlight's panel has the focus (it takes it when it opens). */
function panelFocused(controller: string): boolean {
  const root = (globalThis as unknown as Record<string, { root: ShadowRoot }>)[controller]!.root;
  return !!root.activeElement?.closest('.hl-editor');
}

/** Run there too: selects `phrase` in the article, as a drag would. */
function selectPhrase({ controller, phrase }: { controller: string; phrase: string }): boolean {
  const root = (globalThis as unknown as Record<string, { root: ShadowRoot }>)[controller]!.root;
  const walker = document.createTreeWalker(root.querySelector('main article .content')!, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(phrase);
    if (at < 0) continue;
    node.parentElement!.scrollIntoView({ block: 'center' });
    document.getSelection()!.setBaseAndExtent(node, at, node, at + phrase.length);
    return true;
  }
  return false;
}

/** The first box's middle once the view has stopped moving (two reads agree): a late layout shift, such as the
 * summary arriving after the reopened view, would otherwise move the box away from a click aimed at it. */
async function settledFirstBox(
  read: () => Promise<{ x: number; y: number } | null>,
): Promise<{ x: number; y: number }> {
  let last: { x: number; y: number } | null = null;
  let at: { x: number; y: number } | null = null;
  await expect
    .poll(async () => {
      [last, at] = [at, await read()];
      return at !== null && last !== null && at.x === last.x && at.y === last.y;
    })
    .toBe(true);
  return at!;
}

export function inPageHighlightScenarios({ driver, server }: Session): void {
  describe('highlights in the in-page view', () => {
    test('on a page not saved: keys highlight it and save it first; there after a reload, and in the offline reader', async () => {
      const d = driver();
      const page = d.pageTab;
      const url = server().url(PATHS.english);
      await openViewOn(d, url);
      await page.waitFor(inView('.hl-section[data-ready="true"]'));
      expect(await page.attribute(inView('.action-save'), 'aria-pressed')).toBe('false');

      // A caret where a click would put it, Shift+arrows to select, H.
      expect(
        await d.inPageWorld(page, caretBefore, { controller: CONTROLLER, start: 'Northgate’s chief executive' }),
      ).toBe(true);
      for (const _ of WORD) await page.press('Shift+ArrowRight');
      await expect.poll(() => d.inPageWorld(page, selectedText, CONTROLLER)).toBe(WORD);
      await page.waitFor(inView('.hl-toolbar'));
      await page.press('h');
      await expect
        .poll(() => page.text(inView('.hl-status span')), { timeout: 10_000 })
        .toBe(enMessage('hlSavedAndAdded').replace('$COLOR$', 'yellow'));
      await page.waitFor(inView('.action-save[aria-pressed="true"]'));
      expect(await page.texts(inView('.hl-section .hl-items .hl-item'))).toEqual([expect.stringContaining(WORD)]);
      await expect.poll(() => d.inPageWorld(page, painted, CONTROLLER)).toEqual({ colors: ['yellow'], boxes: 1 });
      await viewSettled(d, page);
      await page.screenshot(artifact(d, 'highlights-in-page-light.png'));
      await d.inExtension(({ api }) => api.storage.sync.set({ readerSettings: { theme: 'dark' } }), null);
      await page.waitFor(inView('.reader[data-theme="dark"]'));
      await expect.poll(() => d.inPageWorld(page, painted, CONTROLLER)).toEqual({ colors: ['yellow'], boxes: 1 });
      await viewSettled(d, page);
      await page.screenshot(artifact(d, 'highlights-in-page-dark.png'));
      await d.inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      await closeView(d);

      // The page loaded again, the view opened again: the highlight is there.
      await openViewOn(d, url);
      await page.waitFor(inView('.action-save[aria-pressed="true"]'));
      await page.waitFor(inView('.hl-section .hl-items .hl-item'));
      expect(await page.texts(inView('.hl-section .hl-items .hl-item'))).toEqual([expect.stringContaining(WORD)]);
      await expect.poll(() => d.inPageWorld(page, painted, CONTROLLER)).toEqual({ colors: ['yellow'], boxes: 1 });

      // A click on it opens it: recolour, delete, undo; Escape closes the panel, not the view.
      const at = await settledFirstBox(() => d.inPageWorld(page, firstBox, CONTROLLER));
      await page.clickAt(at.x, at.y);
      await page.waitFor(inView('.hl-editor'));
      await page.click(inView('.hl-editor .hl-pink'));
      await expect.poll(() => page.text(inView('.hl-status span'))).toBe(hlSaid('hlRecoloured', 'pink'));
      await expect.poll(() => d.inPageWorld(page, painted, CONTROLLER)).toEqual({ colors: ['pink'], boxes: 1 });
      await page.click(inView('.hl-editor .hl-delete'));
      await expect.poll(() => page.text(inView('.hl-status span'))).toBe(enMessage('hlDeleted'));
      await expect.poll(() => d.inPageWorld(page, painted, CONTROLLER)).toEqual({ colors: [], boxes: 0 });
      await page.click(inView('.hl-status .hl-undo'));
      await expect.poll(() => page.text(inView('.hl-status span'))).toBe(enMessage('hlRestored'));
      await expect.poll(() => d.inPageWorld(page, painted, CONTROLLER)).toEqual({ colors: ['pink'], boxes: 1 });
      const again = await settledFirstBox(() => d.inPageWorld(page, firstBox, CONTROLLER));
      await page.clickAt(again.x, again.y);
      await page.waitFor(inView('.hl-editor'));
      await expect.poll(() => d.inPageWorld(page, panelFocused, CONTROLLER)).toBe(true);
      await page.press('Escape');
      await page.waitFor(inView('.hl-editor'), { state: 'detached' });
      expect(await page.count(inView('main[data-state="article"]'))).toBe(1);

      // N: highlighted and its note opened, typed, saved with Ctrl+Enter.
      expect(await d.inPageWorld(page, selectPhrase, { controller: CONTROLLER, phrase: NOTED })).toBe(true);
      await page.waitFor(inView('.hl-toolbar'));
      await page.press('n');
      await page.waitFor(inView('.hl-editor .hl-note-field'));
      await expect.poll(() => d.inPageWorld(page, panelFocused, CONTROLLER)).toBe(true);
      for (const key of 'rivers') await page.press(key);
      await page.press('Control+Enter');
      await expect.poll(() => page.text(inView('.hl-status span'))).toBe(enMessage('hlNoteSaved'));
      expect(await d.inPageWorld(page, painted, CONTROLLER)).toEqual({ colors: ['pink'], boxes: 2 });
      await page.press('Escape');
      await page.waitFor(inView('.hl-editor'), { state: 'detached' });
      expect(await page.texts(inView('.hl-section .hl-item-note'))).toEqual(['rivers']);
      await closeView(d);

      // And in the offline reader, painted there with the CSS Custom Highlight API.
      const list = await d.openExtensionPage('list.html');
      const id = await savedId(list, url);
      expect(id, 'the offline copy').toBeTruthy();
      await list.close();
      const reader = await d.openExtensionPage(`reader.html?id=${id}`);
      await reader.bringToFront();
      await reader.waitFor('.hl-section[data-ready="true"]');
      // Both pink: N highlights in the last colour used (the recolour's).
      const expected = [WORD, NOTED].sort().join('|');
      await reader.waitUntil((expected) => {
        const ranges = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('cr-hl-pink');
        return ranges
          ? [...ranges]
              .map((r) => r.toString())
              .sort()
              .join('|') === expected
          : false;
      }, expected);
      expect(await reader.texts('.hl-section .hl-item-note')).toEqual(['rivers']);
      await reader.close();
    });
  });
}
