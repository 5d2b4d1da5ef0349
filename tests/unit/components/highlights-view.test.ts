// @vitest-environment jsdom
// The Highlights view: every highlight of the list's items, newest first, with its note and article, each
// leading to its place; those of deleted items left out; an empty view says how to make one.
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Highlight, SavedItem } from '../../../core/reading-list/index.ts';
import { HighlightsView } from '../../../components/HighlightsView.tsx';
import { useRoot } from '../../support/preact.ts';
import { t } from '../../support/translate.ts';

const { root, mount } = useRoot();
const $$ = (selector: string) => [...root().querySelectorAll<HTMLElement>(selector)];

const item = (id: string, title: string, deleted = false) =>
  ({ id, title, url: `https://news.example/${id}`, deleted }) as SavedItem;
const highlight = (id: string, itemId: string, exact: string, createdAt: number, note = ''): Highlight => ({
  id,
  itemId,
  color: 'yellow',
  note,
  quote: { exact, prefix: '', suffix: '' },
  position: null,
  createdAt,
  updatedAt: createdAt,
  deleted: false,
});

describe('the Highlights view', () => {
  it('lists highlights newest first, with notes and their article, and opens each at its place', async () => {
    const onOpen = vi.fn();
    const items = new Map(
      [item('a', 'First article'), item('b', 'Second article'), item('c', 'Gone', true)].map((i) => [i.id, i]),
    );
    await mount(
      h(HighlightsView, {
        highlights: [
          highlight('h1', 'a', 'oldest', 1_000_000),
          highlight('h2', 'b', 'newest', 3_000_000, 'a note'),
          highlight('h3', 'a', 'middle', 2_000_000),
          highlight('h4', 'c', 'of a deleted item', 4_000_000),
          highlight('h5', 'zz', 'of an item not in the list', 5_000_000),
        ],
        items,
        notices: [],
        t,
        locale: 'en',
        onOpen,
        onBack: () => undefined,
      }),
    );
    expect($$('.highlight-quote').map((q) => q.textContent)).toEqual(['newest', 'middle', 'oldest']);
    expect($$('.highlight-note').map((n) => n.textContent)).toEqual(['a note']);
    expect($$('.highlight-link').map((a) => a.textContent)).toEqual([
      'Second article',
      'First article',
      'First article',
    ]);
    await act(() => $$('.highlight-link')[1]!.click());
    expect(onOpen).toHaveBeenCalledWith('a', 'h3');
  });

  it('says how to make a highlight when there is none', async () => {
    await mount(
      h(HighlightsView, {
        highlights: [],
        items: new Map(),
        notices: ['hlLoadFailed:reasonQuota'],
        t,
        locale: 'en',
        onOpen: () => undefined,
        onBack: () => undefined,
      }),
    );
    expect($$('.empty').map((p) => p.textContent)).toEqual(['hlViewEmpty']);
    expect($$('.notice').map((p) => p.textContent)).toEqual(['hlLoadFailed:reasonQuota']);
  });

  it('marks an imported highlight not placed yet (its quote alone), and no other', async () => {
    const placed: Highlight = {
      ...highlight('h2', 'a', 'placed here', 2_000_000),
      quote: { exact: 'placed here', prefix: 'It was ', suffix: ' today.' },
      position: { start: 7, end: 18 },
    };
    await mount(
      h(HighlightsView, {
        highlights: [highlight('h1', 'a', 'imported quote', 1_000_000), placed],
        items: new Map([['a', item('a', 'Article')]]),
        notices: [],
        t,
        locale: 'en',
        onOpen: () => undefined,
        onBack: () => undefined,
      }),
    );
    const entries = $$('.highlight-entry');
    expect(entries.map((e) => e.querySelector('.highlight-unplaced')?.textContent ?? null)).toEqual([
      null,
      'hlNotPlaced',
    ]);
    expect(entries[1]!.querySelector<HTMLElement>('.highlight-unplaced')!.title).toBe('hlNotPlacedHelp');
  });
});
