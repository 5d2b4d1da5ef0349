// @vitest-environment jsdom
// The in-page view's actions on its page (entrypoints/reader-view/use-page-item.ts): Save / Saved with undo, mark
// read and favourite (saving first when the page is not in the list), what each says, and the list changing
// elsewhere.
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../core/reader/index.ts';
import type { SavedItem } from '../../../core/reading-list/index.ts';
import { usePageItem, type PageItem } from '../../../entrypoints/reader-view/use-page-item.ts';
import { useRoot } from '../../support/preact.ts';
import { sampleArticle } from '../../support/article.ts';

// The background's side: a reading list of one item at most, and the storage listener the hook registers.
const background = vi.hoisted(() => ({
  item: null as (Partial<SavedItem> & { id: string; deleted: boolean }) | null,
  fail: null as string | null,
  storageListeners: [] as (() => void)[],
}));
const sendMessage = vi.hoisted(() =>
  vi.fn((name: string, data: Record<string, unknown>) => {
    const { item } = background;
    if (background.fail && name !== 'findSaved') return Promise.reject(new Error(background.fail));
    if (name === 'findSaved') return Promise.resolve(item && !item.deleted ? { ...item } : null);
    if (name === 'getItem') return Promise.resolve(item ? { ...item } : null);
    if (name === 'saveArticle') {
      const article = data.article as Article;
      background.item = {
        id: 'a1',
        title: article.title,
        url: article.url,
        // A page deleted earlier comes back with what it had (as a merge of its records may give).
        state: item?.state ?? 'unread',
        favourite: item?.favourite ?? false,
        deleted: false,
      };
      return Promise.resolve({ ok: true, item: { ...background.item } });
    }
    if (name === 'changeItem' && item && data.id === item.id) {
      const change = data.change as { field: 'state' | 'favourite' | 'deleted'; value: never };
      item[change.field] = change.value;
      return Promise.resolve();
    }
    return Promise.reject(new Error(`unexpected ${name}`));
  }),
);
vi.mock('../../../platform/messaging.ts', () => ({ sendMessage }));
vi.mock('../../../platform/storage.ts', () => ({
  watchAllStorage: (listener: () => void) => {
    background.storageListeners.push(listener);
    return () => background.storageListeners.splice(background.storageListeners.indexOf(listener), 1);
  },
}));
// Messages as "key[substitutions]": what the status line says is checked by key.
vi.mock('../../../platform/i18n.ts', () => ({
  t: (key: string, subs?: string[]) => (subs?.length ? `${key}[${subs.join('|')}]` : key),
}));

const ARTICLE = sampleArticle({ url: 'https://news.example/trains', title: 'Night trains return' });
const { rerender } = useRoot();
let latest: PageItem;

function Probe({ article }: { article: Article | null }) {
  latest = usePageItem(article);
  return null;
}

async function settle() {
  for (let i = 0; i < 6; i++) await act(() => Promise.resolve());
}
const calls = (name: string) => sendMessage.mock.calls.filter(([called]) => called === name);

describe('usePageItem', () => {
  beforeEach(() => {
    background.item = null;
    background.fail = null;
    background.storageListeners.length = 0;
    sendMessage.mockClear();
  });

  it('saves; "Saved" takes the page out with undo; undo puts it back; each is said', async () => {
    await rerender(h(Probe, { article: ARTICLE }));
    await settle();
    expect(latest.item).toBeNull();

    latest.toggleSave();
    await settle();
    expect(latest.item?.id).toBe('a1');
    expect(latest.said).toBe('viewSaved');

    latest.toggleSave();
    await settle();
    expect(latest.item).toBeNull();
    expect(background.item?.deleted).toBe(true);
    expect(latest.removed?.id).toBe('a1');
    expect(latest.said).toBe('unsavedItem[Night trains return]');
    expect(calls('saveArticle')).toHaveLength(1);

    latest.undo();
    await settle();
    expect(background.item?.deleted).toBe(false);
    expect(latest.item?.id).toBe('a1');
    expect(latest.removed).toBeNull();
    expect(latest.said).toBe('readerRestored');
  });

  it('marks read and unread, favourites and unfavourites a saved page', async () => {
    background.item = { id: 'a1', title: 'Night trains return', state: 'unread', favourite: false, deleted: false };
    await rerender(h(Probe, { article: ARTICLE }));
    await settle();
    expect(latest.item?.id).toBe('a1');

    latest.toggleRead();
    await settle();
    expect(background.item.state).toBe('archived');
    expect(latest.item?.state).toBe('archived');
    expect(latest.said).toBe('readerMarkedRead');
    latest.toggleRead();
    await settle();
    expect(latest.item?.state).toBe('unread');
    expect(latest.said).toBe('readerMarkedUnread');

    latest.toggleFavourite();
    await settle();
    expect(latest.item?.favourite).toBe(true);
    expect(latest.said).toBe('readerFavourited');
    latest.toggleFavourite();
    await settle();
    expect(latest.item?.favourite).toBe(false);
    expect(latest.said).toBe('readerUnfavourited');
    expect(calls('saveArticle')).toHaveLength(0);
  });

  it('on a page not saved yet, mark read saves it first and says both', async () => {
    await rerender(h(Probe, { article: ARTICLE }));
    await settle();
    latest.toggleRead();
    await settle();
    expect(calls('saveArticle')).toHaveLength(1);
    expect(background.item).toMatchObject({ id: 'a1', state: 'archived', deleted: false });
    expect(latest.item?.state).toBe('archived');
    expect(latest.said).toBe('viewSaved readerMarkedRead');
  });

  it('mark read on a page deleted earlier as read marks it read, whatever the old copy said', async () => {
    background.item = { id: 'a1', title: 'Night trains return', state: 'archived', favourite: true, deleted: true };
    await rerender(h(Probe, { article: ARTICLE }));
    await settle();
    expect(latest.item).toBeNull();
    // The button showed "Mark read": the page ends up read, not toggled back to unread from its old state.
    latest.toggleRead();
    await settle();
    expect(background.item).toMatchObject({ state: 'archived', deleted: false });
    expect(latest.said).toBe('viewSaved readerMarkedRead');
  });

  it('saves first for a highlight on a page not saved yet, once; nothing when it is saved', async () => {
    await rerender(h(Probe, { article: ARTICLE }));
    await settle();
    let said: string | null = 'unset';
    await act(async () => {
      said = await latest.saveFirst();
    });
    await settle();
    expect(said).toBe(''); // saved now (the highlight says "Saved, and highlighted")
    expect(latest.item?.id).toBe('a1');
    expect(latest.busy).toBe(false);
    await act(async () => {
      said = await latest.saveFirst();
    });
    expect(said).toBeNull();
    expect(calls('saveArticle')).toHaveLength(1);
    background.item = null;
    background.fail = 'QuotaExceededError: quota exceeded';
    await rerender(h(Probe, { article: sampleArticle({ url: 'https://news.example/other' }) }));
    await settle();
    await expect(latest.saveFirst()).rejects.toThrow(/quota/);
    expect(latest.busy).toBe(false);
  });

  it('says why an action failed, in the status line', async () => {
    await rerender(h(Probe, { article: ARTICLE }));
    await settle();
    background.fail = 'QuotaExceededError: quota exceeded';
    latest.toggleSave();
    await settle();
    expect(latest.item).toBeNull();
    expect(latest.said).toMatch(/^saveFailed\[/);
    expect(latest.busy).toBe(false);
  });

  it('follows the list when it changes elsewhere (the save shortcut, the list page)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await rerender(h(Probe, { article: ARTICLE }));
      await settle();
      expect(latest.item).toBeNull();
      background.item = { id: 'a1', title: 'Night trains return', state: 'unread', favourite: false, deleted: false };
      for (const listener of background.storageListeners) listener();
      await act(() => {
        vi.advanceTimersByTime(200);
      });
      await settle();
      expect(latest.item?.id).toBe('a1');
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks nothing and offers nothing without an article', async () => {
    await rerender(h(Probe, { article: null }));
    await settle();
    latest.toggleSave();
    latest.toggleRead();
    await settle();
    expect(sendMessage).not.toHaveBeenCalled();
    expect(background.storageListeners).toHaveLength(0);
  });
});
