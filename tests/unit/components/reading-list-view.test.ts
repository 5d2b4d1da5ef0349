// @vitest-environment jsdom
// The reading list as a list: what each item shows, its actions in an accessible menu and on keys, the tag editor
// with its visible hint, and the status line that says what each action did.
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { SavedItem } from '../../../core/reading-list/index.ts';
import { ReadingListView, type ReadingListViewProps } from '../../../components/ReadingListView.tsx';
import { click as clickIn, useRoot } from '../../support/preact.ts';
import { t } from '../../support/translate.ts';

const { root, mount } = useRoot();
const $ = (selector: string) => root().querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...root().querySelectorAll<HTMLElement>(selector)];
const click = (element: Element | null) => act(() => void clickIn(element, root()));
const key = (element: Element | null, name: string) =>
  act(() => void element!.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true })));

const NOW = Date.UTC(2026, 11, 2, 12);
const DAY = 86_400_000;

const ITEM: SavedItem = {
  id: 'a1',
  url: 'https://www.lemonde.example/article',
  title: 'The budget vote',
  site: null,
  lang: 'en',
  excerpt: '',
  addedAt: NOW - 3 * DAY,
  updatedAt: NOW,
  state: 'unread',
  favourite: false,
  tags: ['city', 'schools'],
  progress: 0.4,
  deleted: false,
  localOnly: false,
};

async function show(overrides: Partial<ReadingListViewProps> = {}) {
  const props: ReadingListViewProps = {
    shown: [ITEM],
    total: 1,
    tags: ITEM.tags,
    filter: { query: '', state: 'all', favourites: false, tag: null },
    offline: new Set(['a1']),
    details: new Map([['a1', { readingTimeMinutes: 4, publishedTime: '2024-06-29', siteName: null }]]),
    now: NOW,
    t,
    locale: 'en',
    notices: [],
    undoable: null,
    onFilter: vi.fn(),
    onChange: vi.fn(),
    onUndo: vi.fn(),
    onOpenOffline: vi.fn(),
    onOpenOriginal: vi.fn(),
    ...overrides,
  };
  await mount(h(ReadingListView, props));
  return props;
}

describe('ReadingListView: an item', () => {
  it('shows its title, site (the host name when the page named none), reading time, dates, progress and tags', async () => {
    await show();
    expect($('.item-title')?.textContent).toBe('The budget vote');
    expect($('.item-site .site')?.textContent).toBe('lemonde.example');
    expect($('.item-site .reading-time')?.textContent).toBe('readingTime:4 min');
    expect($('.saved-at')?.textContent).toBe('savedAgo:3 days ago');
    expect($('.published')?.textContent).toBe('publishedOn:June 29, 2024');
    expect($('.progress-text')?.textContent).toBe('progress:40%');
    expect($$('.tags .tag').map((chip) => chip.textContent)).toEqual(['city', 'schools']);
    // No row of buttons any more: one menu button.
    expect($$('.item button')).toHaveLength(1);
  });

  it('shows how many highlights and notes it has; the filter and the Highlights view are a click away', async () => {
    const onShowHighlights = vi.fn();
    const props = await show({ highlightCounts: new Map([['a1', { highlights: 3, notes: 1 }]]), onShowHighlights });
    expect($('.highlight-count')?.textContent).toBe('listHighlightCount:3, listNoteCount:1');
    await click($('.filter-highlights'));
    expect(props.onFilter).toHaveBeenCalledWith(expect.objectContaining({ highlights: true }));
    await click($('.view-highlights'));
    expect(onShowHighlights).toHaveBeenCalled();
    await show({ highlightCounts: new Map() });
    expect($('.highlight-count')).toBeNull();
  });

  it('prefers the site name the page gave', async () => {
    await show({ shown: [{ ...ITEM, site: 'Le Monde' }] });
    expect($('.item-site .site')?.textContent).toBe('Le Monde');
  });

  it('opens the offline copy on a click of the item, and says so', async () => {
    const props = await show();
    await click($('.item-title'));
    expect(props.onOpenOffline).toHaveBeenCalledWith('a1');
    expect($('.list-status')?.textContent).toBe('listOpenedCopy');
  });

  it('opens the original when this device has no copy', async () => {
    const props = await show({ offline: new Set() });
    await click($('.item-title'));
    expect(props.onOpenOriginal).toHaveBeenCalledWith(ITEM.url);
    expect($('.not-offline')).not.toBeNull();
  });
});

describe('ReadingListView: the actions menu', () => {
  it('is a menu button: opens with the first entry focused, arrows move, Escape closes and gives the focus back', async () => {
    await show();
    const button = $('.item-menu-button')!;
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-label')).toBe('itemActions:The budget vote');
    await click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const entries = $$('[role="menu"] [role^="menuitem"]');
    expect(entries.map((entry) => entry.className.match(/action-(\w+)/)?.[1])).toEqual([
      'state',
      'favourite',
      'tags',
      'original',
      'delete',
    ]);
    expect($('.action-favourite')?.getAttribute('role')).toBe('menuitemcheckbox');
    expect($('.action-delete')?.getAttribute('aria-keyshortcuts')).toBe('Delete');
    expect(document.activeElement).toBe(entries[0]);
    await key(document.activeElement, 'ArrowDown');
    expect(document.activeElement).toBe(entries[1]);
    await key(document.activeElement, 'ArrowUp');
    await key(document.activeElement, 'ArrowUp');
    expect(document.activeElement).toBe(entries[4]);
    await key(document.activeElement, 'Escape');
    expect($('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('marks read from the menu and says what it did', async () => {
    const props = await show();
    await click($('.item-menu-button'));
    await click($('.action-state'));
    expect(props.onChange).toHaveBeenCalledWith('a1', { field: 'state', value: 'archived' });
    expect($('[role="menu"]')).toBeNull();
    expect($('.list-status')?.textContent).toBe('listMarkedRead:The budget vote');
    expect($('.list-status')?.getAttribute('role')).toBe('status');
  });

  it('answers keys on a focused item: F favourite, Delete deletes', async () => {
    const props = await show();
    await key($('.item-title'), 'f');
    expect(props.onChange).toHaveBeenCalledWith('a1', { field: 'favourite', value: true });
    expect($('.list-status')?.textContent).toBe('listFavourited:The budget vote');
    await key($('.item-title'), 'Delete');
    expect(props.onChange).toHaveBeenLastCalledWith('a1', { field: 'deleted', value: true });
  });

  it('shows the undo of a delete in the status line', async () => {
    const props = await show({ undoable: ITEM });
    expect($('.list-status .undo')?.textContent).toBe('deletedItem:The budget vote');
    await click($('.action-undo'));
    expect(props.onUndo).toHaveBeenCalled();
  });
});

describe('ReadingListView: the tag editor', () => {
  it('says how to use it, saves tags as chips and says so; Escape cancels', async () => {
    const props = await show();
    await key($('.item-title'), 't');
    const input = $('.tag-editor input') as HTMLInputElement;
    expect($('.tag-hint')?.textContent).toBe('tagsHint');
    expect(input.getAttribute('aria-describedby')).toBe($('.tag-hint')?.id);
    expect(input.value).toBe('city, schools');
    input.value = 'Schools, budget , budget';
    await act(() => void $('.tag-editor')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(props.onChange).toHaveBeenCalledWith('a1', { field: 'tags', value: ['budget', 'schools'] });
    expect($('.list-status')?.textContent).toBe('listTagsSaved:The budget vote,budget, schools');
    expect($('.tag-editor')).toBeNull();

    await key($('.item-title'), 't');
    await key($('.tag-editor input'), 'Escape');
    expect($('.tag-editor')).toBeNull();
  });
});
