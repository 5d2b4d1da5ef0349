// The shortcut's handler (platform/commands.ts): the in-page view toggled in the tab, the popup as the fallback.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../../core/reader/index.ts';
import { TOGGLE_READER_VIEW, handleCommand } from '../../../platform/commands.ts';
import {
  OPTIONS_GLOBAL,
  READER_VIEW_FILE,
  VIEW_CONTROLLER_GLOBAL,
  VIEW_DATA_GLOBAL,
  type PageResult,
  type ViewData,
} from '../../../contracts/page.ts';
import { readerSettingsItem } from '../../../platform/storage.ts';
import {
  ARTICLE,
  ARTICLE_ITEM_ID,
  OPEN_SEQUENCE,
  describeCalls,
  fakePage,
  stubExecuteScript,
  stubQuery,
  tab,
  useFakeBrowser,
} from '../../support/fake-page.ts';

const openPopup = useFakeBrowser();

describe('handleCommand', () => {
  it('opens the view when it is closed: close check, options + content script, view data + view script', async () => {
    const page = fakePage();
    // The view shows the shortcuts in its tooltips: a page's world cannot ask for them, the background hands them.
    vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([
      { name: 'save-for-later', shortcut: 'Alt+Shift+K' },
      { name: TOGGLE_READER_VIEW, shortcut: 'Alt+Shift+Y' },
    ] as never);
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(describeCalls(page.calls)).toEqual(OPEN_SEQUENCE);
    for (const call of page.calls) expect(call.target).toEqual({ tabId: 7 });
    expect(page.calls[1]?.args).toEqual([OPTIONS_GLOBAL, { force: false, keepCaptions: false, partial: false }, false]);
    expect(page.optionsSeen).toEqual([{ force: false, keepCaptions: false, partial: false }]);
    const data: ViewData = {
      result: { ok: true, article: ARTICLE } as unknown as PageResult,
      forced: false,
      itemId: ARTICLE_ITEM_ID,
      // As the browser writes them (platform/shortcuts.ts orders the modifiers its way).
      shortcuts: {
        save: expect.stringMatching(/Alt.*K$/) as string,
        toggleView: expect.stringMatching(/Alt.*Y$/) as string,
      },
    };
    expect(page.calls[3]?.args).toEqual([VIEW_DATA_GLOBAL, data]);
    expect(page.viewDataSeen).toEqual([data]);
    expect(page.open).toBe(true);
    expect(openPopup()).not.toHaveBeenCalled();
  });

  it('asks the content script to keep captions when the stored settings show them', async () => {
    await readerSettingsItem.setValue({ ...DEFAULT_SETTINGS, showCaptions: true });
    const page = fakePage();
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(page.calls[1]?.args).toEqual([OPTIONS_GLOBAL, { force: false, keepCaptions: true, partial: false }, false]);
    expect(page.optionsSeen).toEqual([{ force: false, keepCaptions: true, partial: false }]);
  });

  it('reads settings written by another version, keeping the fields it can use', async () => {
    // Written by another version or device: a font size this one cannot use, captions on.
    await fakeBrowser.storage.sync.set({ readerSettings: { fontSize: 'huge', showCaptions: true } });
    const page = fakePage();
    await handleCommand(TOGGLE_READER_VIEW, tab(7));
    expect(page.optionsSeen).toEqual([{ force: false, keepCaptions: true, partial: false }]);
  });

  it('closes the open view and injects nothing else', async () => {
    const page = fakePage({ open: true });
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(describeCalls(page.calls)).toEqual(['close-check']);
    expect(page.close).toHaveBeenCalledTimes(1);
    expect(page.open).toBe(false);
    expect(openPopup()).not.toHaveBeenCalled();
  });

  it('stops after the close check when the page answers that the view was open', async () => {
    const spy = stubExecuteScript().mockResolvedValue([{ frameId: 0, result: true }]);
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[0]).toMatchObject({ target: { tabId: 7 }, args: [VIEW_CONTROLLER_GLOBAL] });
    expect(openPopup()).not.toHaveBeenCalled();
  });

  it('ignores a command it does not know', async () => {
    const page = fakePage();
    const query = vi.spyOn(fakeBrowser.tabs, 'query');
    await handleCommand('_execute_action', tab(7));
    await handleCommand('toggle-reader', tab(7));

    expect(page.spy).not.toHaveBeenCalled();
    expect(query).not.toHaveBeenCalled();
    expect(openPopup()).not.toHaveBeenCalled();
  });

  it('falls back to the popup on a browser page at once, without trying to script it', async () => {
    const page = fakePage();
    const handled = handleCommand(TOGGLE_READER_VIEW, tab(7, 'chrome://settings'));
    // Before anything is awaited: Firefox only opens the popup while the key press is being handled.
    expect(openPopup()).toHaveBeenCalledTimes(1);
    await handled;

    expect(describeCalls(page.calls)).toEqual([]);
    expect(page.optionsSeen).toEqual([]);
    expect(openPopup()).toHaveBeenCalledTimes(1);
  });

  it('falls back to the popup when the page cannot be scripted at all', async () => {
    const spy = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockRejectedValue(new Error('Cannot access contents of the page'));
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(spy).toHaveBeenCalledTimes(2); // refused twice: the grant was not late, the page is off limits
    expect(openPopup()).toHaveBeenCalledTimes(1);
  });

  it('tries once more when the first injection is refused (the key press’s grant arrived late), and shows the view', async () => {
    const page = fakePage();
    const pageImpl = page.spy.getMockImplementation()!;
    page.spy.mockImplementationOnce(() => Promise.reject(new Error('Cannot access contents of the page.')));
    page.spy.mockImplementation(pageImpl);
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(describeCalls(page.calls)).toEqual(OPEN_SEQUENCE); // the refused call never reached the page
    expect(page.open).toBe(true);
    expect(openPopup()).not.toHaveBeenCalled();
  });

  it('falls back to the popup when a PDF gives no page to show the view in', async () => {
    const page = fakePage();
    page.spy.mockImplementation((injection) =>
      injection.func
        ? Promise.resolve([{ frameId: 0, result: false }])
        : Promise.reject(new Error('Cannot access contents of url')),
    );
    await handleCommand(TOGGLE_READER_VIEW, tab(7, 'https://news.example/report.pdf'));
    expect(openPopup()).toHaveBeenCalledTimes(1);
  });

  it('shows the engine’s refusal in the view rather than the popup (it offers "Show it anyway")', async () => {
    const notArticle: PageResult = { ok: false, reason: 'not-article', message: 'too little text' };
    const page = fakePage({ contentResult: notArticle });
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(describeCalls(page.calls)).toEqual(OPEN_SEQUENCE);
    expect(page.viewDataSeen).toEqual([{ result: notArticle, forced: false, shortcuts: { save: '', toggleView: '' } }]);
    expect(openPopup()).not.toHaveBeenCalled();
  });

  it('falls back to the popup when the view script cannot be injected', async () => {
    const page = fakePage();
    const pageImpl = page.spy.getMockImplementation()!;
    page.spy.mockImplementation((injection) =>
      injection.files?.[0] === READER_VIEW_FILE ? Promise.reject(new Error('Frame was removed')) : pageImpl(injection),
    );
    await handleCommand(TOGGLE_READER_VIEW, tab(7));
    expect(openPopup()).toHaveBeenCalledTimes(1);
  });

  it('does not throw when the popup cannot be opened either', async () => {
    openPopup().mockRejectedValue(new Error('no active browser window'));
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access a chrome:// URL'));
    await expect(handleCommand(TOGGLE_READER_VIEW, tab(7, 'chrome://settings'))).resolves.toBeUndefined();
    expect(openPopup()).toHaveBeenCalledTimes(1);
  });

  it('uses the active tab when the browser passes none (Firefox before 126)', async () => {
    const page = fakePage();
    const query = stubQuery().mockResolvedValue([tab(12)]);
    await handleCommand(TOGGLE_READER_VIEW);

    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(describeCalls(page.calls)).toEqual(OPEN_SEQUENCE);
    for (const call of page.calls) expect(call.target).toEqual({ tabId: 12 });
  });

  it('opens the popup when there is no tab to act on', async () => {
    const page = fakePage();
    stubQuery().mockResolvedValue([]);
    await handleCommand(TOGGLE_READER_VIEW);
    expect(page.spy).not.toHaveBeenCalled();
    expect(openPopup()).toHaveBeenCalledTimes(1);
  });
});
