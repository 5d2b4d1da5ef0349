// The page menu and the popup's requests to show the in-page view (platform/commands.ts, reader-view.ts).
import { type MockInstance, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../../core/reader/index.ts';
import {
  TOGGLE_READER_VIEW,
  handleContextMenuClick,
  handleOpenRequest,
  installContextMenu,
} from '../../../platform/commands.ts';
import type { PageOptions } from '../../../contracts/page.ts';
import { openReaderView, toggleReaderView } from '../../../platform/reader-view.ts';
import { readerSettingsItem } from '../../../platform/storage.ts';
import {
  ARTICLE,
  ARTICLE_ITEM_ID,
  NEWS_URL,
  OPEN_SEQUENCE,
  describeCalls,
  fakePage,
  tab,
  useFakeBrowser,
} from '../../support/fake-page.ts';

const openPopup = useFakeBrowser();

describe('installContextMenu', () => {
  function stubMenus() {
    const removeAll = (
      vi.spyOn(fakeBrowser.contextMenus, 'removeAll') as unknown as MockInstance<() => Promise<void>>
    ).mockResolvedValue(undefined);
    const create = vi.spyOn(fakeBrowser.contextMenus, 'create').mockReturnValue(TOGGLE_READER_VIEW);
    return { removeAll, create };
  }

  it('replaces any previous entries with the localized page entries: clean view, save for later', async () => {
    const { removeAll, create } = stubMenus();
    const titles: Record<string, string> = { menuToggleReaderView: 'Clean view on/off', menuSaveForLater: 'Later' };
    const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => titles[key] ?? '');
    await installContextMenu();

    expect(removeAll).toHaveBeenCalledTimes(1);
    expect(create.mock.calls).toEqual([
      [{ id: TOGGLE_READER_VIEW, title: 'Clean view on/off', contexts: ['page'] }],
      [{ id: 'save-for-later', title: 'Later', contexts: ['page'] }],
    ]);
    expect(getMessage).toHaveBeenCalledWith('menuToggleReaderView', undefined);
    expect(removeAll.mock.invocationCallOrder[0]).toBeLessThan(create.mock.invocationCallOrder[0]!);
  });

  it('waits for the old entries to be gone before creating the new one (no duplicate id)', async () => {
    const { removeAll, create } = stubMenus();
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('Clean view');
    let finishRemoving!: () => void;
    removeAll.mockReturnValue(new Promise<void>((resolve) => (finishRemoving = resolve)));

    const installing = installContextMenu();
    await Promise.resolve();
    expect(create).not.toHaveBeenCalled();
    finishRemoving();
    await installing;
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('falls back to the message key when the locale has no such message', async () => {
    const { create } = stubMenus();
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('');
    await installContextMenu();
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ title: 'menuToggleReaderView' }));
  });
});

describe('handleContextMenuClick', () => {
  it('toggles the view in the clicked tab', async () => {
    const page = fakePage();
    await handleContextMenuClick(TOGGLE_READER_VIEW, tab(4));
    expect(describeCalls(page.calls)).toEqual(OPEN_SEQUENCE);
    for (const call of page.calls) expect(call.target).toEqual({ tabId: 4 });
  });

  it('ignores other menu entries', async () => {
    const page = fakePage();
    await handleContextMenuClick('something-else', tab(4));
    await handleContextMenuClick(42, tab(4));
    expect(page.spy).not.toHaveBeenCalled();
    expect(openPopup()).not.toHaveBeenCalled();
  });

  it('opens the popup when the click came with no tab', async () => {
    const page = fakePage();
    await handleContextMenuClick(TOGGLE_READER_VIEW, undefined);
    expect(page.spy).not.toHaveBeenCalled();
    expect(openPopup()).toHaveBeenCalledTimes(1);
  });
});

describe('handleOpenRequest', () => {
  it('resolves false without a tab', async () => {
    const page = fakePage();
    const get = vi.spyOn(fakeBrowser.tabs, 'get');
    await expect(handleOpenRequest(undefined, true)).resolves.toBe(false);
    expect(get).not.toHaveBeenCalled();
    expect(page.spy).not.toHaveBeenCalled();
  });

  it('extracts with force ("Show it anyway") and shows the result, without a close check', async () => {
    const created = await fakeBrowser.tabs.create({ url: NEWS_URL });
    const page = fakePage();
    await expect(handleOpenRequest(created.id, true)).resolves.toBe(true);

    expect(describeCalls(page.calls)).toEqual(OPEN_SEQUENCE.slice(1));
    for (const call of page.calls) expect(call.target).toEqual({ tabId: created.id });
    expect(page.optionsSeen).toEqual([{ force: true, keepCaptions: false, partial: false } satisfies PageOptions]);
    expect(page.viewDataSeen).toEqual([
      {
        result: { ok: true, article: ARTICLE },
        forced: true,
        itemId: ARTICLE_ITEM_ID,
        shortcuts: { save: '', toggleView: '' },
      },
    ]);
  });

  it('extracts without force from the popup’s "Open full clean view"', async () => {
    const created = await fakeBrowser.tabs.create({ url: NEWS_URL });
    const page = fakePage();
    await expect(handleOpenRequest(created.id, false)).resolves.toBe(true);
    expect(page.optionsSeen).toEqual([{ force: false, keepCaptions: false, partial: false }]);
    expect(page.viewDataSeen).toEqual([expect.objectContaining({ forced: false })]);
  });

  it('resolves false for a tab the view cannot be shown in (uses the tab’s URL)', async () => {
    const created = await fakeBrowser.tabs.create({ url: 'about:addons' });
    const page = fakePage();
    await expect(handleOpenRequest(created.id, false)).resolves.toBe(false);
    expect(page.spy).not.toHaveBeenCalled();
  });
});

describe('reader-view', () => {
  it('toggleReaderView resolves false (popup fallback) when the close check is refused twice', async () => {
    const spy = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockRejectedValue(new Error('Missing host permission'));
    const wait = vi.fn(() => Promise.resolve());
    await expect(toggleReaderView({ id: 3, url: NEWS_URL }, wait)).resolves.toBe(false);
    expect(spy).toHaveBeenCalledTimes(2); // once more after the wait: the grant may have been late
    expect(wait).toHaveBeenCalledTimes(1);
  });

  it('openReaderView hands the result of a forced extraction to the view', async () => {
    await readerSettingsItem.setValue({ ...DEFAULT_SETTINGS, showCaptions: true });
    const page = fakePage();
    await expect(openReaderView({ id: 5, url: NEWS_URL }, true)).resolves.toBe(true);
    expect(page.optionsSeen).toEqual([{ force: true, keepCaptions: true, partial: false }]);
    expect(page.viewDataSeen).toEqual([expect.objectContaining({ forced: true })]);
  });
});
