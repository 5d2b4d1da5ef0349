// @vitest-environment jsdom
// Reading with a pen, in the offline reader (jsdom: no painting, the rest is real): a selection and H makes a
// highlight of exactly that occurrence of a repeated phrase, N opens its note, the note is saved, the highlight
// deleted and brought back with Undo; RTL text with an emoji is quoted whole; a storage failure is said and
// the selection kept; a highlight whose text is gone is listed as not found with its note.
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  changeHighlight,
  createHighlightRecord,
  toHighlight,
  type HighlightRecord,
} from '../../../core/reading-list/index.ts';
import { ArticleHighlights, type ArticleHighlightsProps } from '../../../components/highlights/ArticleHighlights.tsx';
import type { HighlightStore } from '../../../components/highlights/useArticleHighlights.ts';
import { useRoot } from '../../support/preact.ts';
import { t } from '../../support/translate.ts';

const { root, mount } = useRoot();
const $ = (selector: string) => root().querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...root().querySelectorAll<HTMLElement>(selector)];

const ARTICLE =
  '<p>The council met on the river bank. Nobody swam in the river that day.</p>' +
  '<p dir="rtl">قال المجلس إن النهر 🌊 نظيف الآن.</p>';

/** A store in memory, as the background keeps it; `added` records what the reader's additions asked for. */
function memoryStore(initial: HighlightRecord[] = []) {
  const records = new Map(initial.map((r) => [r.id, r]));
  const added: Parameters<HighlightStore['add']>[0][] = [];
  let now = 1_800_000_000;
  const box = { fail: null as Error | null };
  const store: HighlightStore = {
    list: (item) => Promise.resolve({ records: [...records.values()].filter((r) => r.item === item), unreadable: 0 }),
    add: (request) => {
      added.push(request);
      if (box.fail) return Promise.reject(box.fail);
      const record = createHighlightRecord(request, now++, 'dev001');
      records.set(record.id, record);
      return Promise.resolve(record);
    },
    change: (id, change) => {
      const record = changeHighlight(records.get(id)!, change, now++, 'dev001');
      records.set(id, record);
      return Promise.resolve(record);
    },
  };
  return { store, records, added, box };
}

let content: HTMLElement;
beforeEach(() => {
  document.querySelector('.content')?.remove();
  content = document.createElement('div');
  content.className = 'content';
  content.innerHTML = ARTICLE;
  document.body.append(content);
  // jsdom lays nothing out: ranges have no box.
  Range.prototype.getBoundingClientRect = () => new DOMRect(100, 100, 50, 20);
  Range.prototype.getClientRects = () => [new DOMRect(100, 100, 50, 20)] as unknown as DOMRectList;
  window.scrollBy = () => undefined;
});

/** Selects the `nth` occurrence (0-based) of `phrase` in the article, as a drag would. */
async function select(phrase: string, nth = 0) {
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let at = node.textContent!.indexOf(phrase); at >= 0; at = node.textContent!.indexOf(phrase, at + 1)) {
      if (seen++ < nth) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      await act(() => void document.dispatchEvent(new Event('selectionchange')));
      return;
    }
  }
  throw new Error(`no ${phrase}`);
}

const press = (key: string) =>
  act(async () => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    await Promise.resolve();
  });
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

async function show(store: HighlightStore, more: Partial<ArticleHighlightsProps> = {}) {
  await mount(
    h(ArticleHighlights, {
      root: content,
      itemId: 'item1',
      store,
      article: { title: 'River', url: 'https://news.example/river' },
      t,
      locale: 'en',
      ...more,
    }),
  );
  await settle();
}

describe('highlights in the offline reader', () => {
  it('highlights the selected occurrence of a repeated phrase with H, in its own context', async () => {
    const { store, added } = memoryStore();
    await show(store);
    await select('the river', 1);
    expect($('.hl-toolbar')?.getAttribute('aria-label')).toBe('hlToolbar');
    expect($$('.hl-toolbar .hl-swatch')).toHaveLength(4);
    await press('h');
    await settle();
    const request = added[0]!;
    expect(request.color).toBe('yellow');
    expect(request.anchor.quote.exact).toBe('the river');
    expect(request.anchor.quote.suffix.startsWith(' that day.')).toBe(true);
    expect(request.anchor.quote.prefix.endsWith('Nobody swam in ')).toBe(true);
    expect(request.anchor.position?.start).toBe((content.textContent ?? '').indexOf('the river', 30));
    expect($('.hl-status span')?.textContent).toBe('hlAdded:hlColorYellow');
    expect($$('.hl-section .hl-item q').map((q) => q.textContent)).toEqual(['the river']);
    expect(document.getSelection()?.isCollapsed).toBe(true);
  });

  it('H takes the selection as it is when pressed, not as the last selectionchange left it', async () => {
    const { store, added } = memoryStore();
    await show(store);
    await select('council me');
    // Extended by one more character with no selectionchange yet (it comes after a quick Shift+arrow).
    const range = document.getSelection()!.getRangeAt(0);
    range.setEnd(range.endContainer, range.endOffset + 1);
    await press('h');
    await settle();
    expect(added[0]?.anchor.quote.exact).toBe('council met');
  });

  it('N highlights and opens the note; the note is saved; delete, then Undo brings it back', async () => {
    const { store, records } = memoryStore();
    await show(store);
    await select('council met');
    await press('n');
    await settle();
    const field = $('.hl-editor textarea') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(field);
    field.value = 'Which council?';
    await act(() => void field.dispatchEvent(new Event('input', { bubbles: true })));
    await act(() => $('.hl-editor .hl-save-note')!.click());
    await settle();
    const id = [...records.keys()][0]!;
    expect(toHighlight(records.get(id)!)?.note).toBe('Which council?');
    expect($('.hl-status span')?.textContent).toBe('hlNoteSaved');
    expect($('.hl-item-note')?.textContent).toBe('Which council?');

    await act(() => $('.hl-editor .hl-green')!.click());
    await settle();
    expect($('.hl-status span')?.textContent).toBe('hlRecoloured:hlColorGreen');
    await act(() => $('.hl-editor .hl-delete')!.click());
    await settle();
    expect($('.hl-status span')?.textContent).toBe('hlDeleted');
    expect($$('.hl-section .hl-item')).toHaveLength(0);
    await act(() => $('.hl-status .hl-undo')!.click());
    await settle();
    expect($('.hl-status span')?.textContent).toBe('hlRestored');
    expect(toHighlight(records.get(id)!)).toMatchObject({
      deleted: false,
      note: 'Which council?',
      color: 'green',
    });
    expect($$('.hl-section .hl-item')).toHaveLength(1);
  });

  it('quotes right-to-left text with an emoji whole', async () => {
    const { store, added } = memoryStore();
    await show(store);
    await select('النهر 🌊');
    await press('h');
    await settle();
    expect(added[0]?.anchor.quote.exact).toBe('النهر 🌊');
  });

  it('says why a highlight could not be stored, and keeps the selection to try again', async () => {
    const { store, box } = memoryStore();
    box.fail = new Error('highlights could not be stored: the storage quota is exceeded');
    await show(store);
    await select('river bank');
    await press('h');
    await settle();
    expect($('.hl-status span')?.textContent).toBe('hlSaveFailed:reasonQuota');
    expect(document.getSelection()?.toString()).toBe('river bank');
    expect($$('.hl-section .hl-item')).toHaveLength(0);
  });

  it('lists a highlight whose text is gone as not found, with its quote and note', async () => {
    const gone = createHighlightRecord(
      {
        item: 'item1',
        anchor: { quote: { exact: 'a paragraph that was cut', prefix: '', suffix: '' }, position: null },
        note: 'Keep this thought',
      },
      1_700_000_000,
      'dev001',
    );
    const other = createHighlightRecord(
      { item: 'item2', anchor: { quote: { exact: 'council', prefix: '', suffix: '' }, position: null } },
      1_700_000_000,
      'dev001',
    );
    await show(memoryStore([gone, other]).store);
    expect($('.hl-orphans h3')?.textContent).toBe('hlNotFoundTitle');
    expect($('.hl-orphans blockquote')?.textContent).toBe('a paragraph that was cut');
    expect($('.hl-orphans .hl-item-note')?.textContent).toBe('Keep this thought');
    expect($$('.hl-section .hl-item')).toHaveLength(1); // the other item's highlight is not this article's
    expect($('.hl-export')).not.toBeNull();
  });

  it('loads its highlights again when another device’s arrive for this article, and only then', async () => {
    const { store, records } = memoryStore();
    const listeners: ((items: string[]) => void)[] = [];
    let lists = 0;
    const watched: HighlightStore = {
      ...store,
      list: (item) => {
        lists++;
        return store.list(item);
      },
      watch: (callback) => {
        listeners.push(callback);
        return () => listeners.splice(listeners.indexOf(callback), 1);
      },
    };
    await show(watched);
    expect(lists).toBe(1);
    // A sync brings a highlight with a note, written on another device.
    const synced = createHighlightRecord(
      {
        item: 'item1',
        anchor: { quote: { exact: 'river bank', prefix: '', suffix: '' }, position: null },
        note: 'Seen on the laptop',
      },
      1_700_000_000,
      'dev002',
    );
    records.set(synced.id, synced);
    await act(() => listeners.forEach((l) => l(['item2'])));
    await settle();
    expect(lists).toBe(1); // another article's: nothing to do
    await act(() => listeners.forEach((l) => l(['item2', 'item1'])));
    await settle();
    expect(lists).toBe(2);
    expect($$('.hl-section .hl-item-note').map((n) => n.textContent)).toEqual(['Seen on the laptop']);
  });
});

describe('highlights in the in-page view (the same components)', () => {
  it('hides those of an item not in the list; the first highlight saves the page, said so; painted as boxes', async () => {
    const earlier = createHighlightRecord(
      { item: 'item1', anchor: { quote: { exact: 'river bank', prefix: '', suffix: '' }, position: null } },
      1_700_000_000,
      'dev001',
    );
    const { store, added } = memoryStore([earlier]);
    const saves: string[] = [];
    const beforeAdd = () => {
      saves.push('save');
      return Promise.resolve('');
    };
    await show(store, { inList: false, beforeAdd, paint: 'boxes' });
    expect($$('.hl-section .hl-item')).toHaveLength(0); // taken out of the list: not shown
    expect($$('.hl-paint .hl-mark')).toHaveLength(0);
    await select('council met');
    await press('h');
    await settle();
    expect(saves).toEqual(['save']);
    expect(added).toHaveLength(1);
    expect($('.hl-status span')?.textContent).toBe('hlSavedAndAdded:hlColorYellow');
    // Saved now: the page's highlights show, the earlier one too (a re-save brings them back), as boxes.
    await show(store, { inList: true, beforeAdd: () => Promise.resolve(null), paint: 'boxes' });
    expect($$('.hl-section .hl-item q').map((q) => q.textContent)).toEqual(['council met', 'river bank']);
    expect($$('.hl-paint .hl-mark').map((m) => m.className)).toEqual(['hl-mark hl-yellow', 'hl-mark hl-yellow']);
    await select('that day');
    await press('h');
    await settle();
    expect($('.hl-status span')?.textContent).toBe('hlAdded:hlColorYellow');
  });

  it('says a warning from the save with the highlight; a save that fails stores nothing and keeps the selection', async () => {
    const { store, added } = memoryStore();
    let answer: () => Promise<string | null> = () => Promise.resolve('savedNoCopyQuota');
    await show(store, { inList: false, beforeAdd: () => answer(), paint: 'boxes' });
    await select('council met');
    await press('h');
    await settle();
    expect($('.hl-status span')?.textContent).toBe('savedNoCopyQuota hlAdded:hlColorYellow');
    answer = () => Promise.reject(new Error('the storage quota is exceeded'));
    await select('river bank');
    await press('h');
    await settle();
    expect(added).toHaveLength(1);
    expect($('.hl-status span')?.textContent).toBe('hlSaveFailed:reasonQuota');
    expect(document.getSelection()?.toString()).toBe('river bank');
  });
});
