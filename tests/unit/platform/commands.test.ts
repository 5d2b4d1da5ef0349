import { type MockInstance, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { DEFAULT_SETTINGS } from '../../../core/reader/index.ts';
import {
  TOGGLE_READER_VIEW,
  handleCommand,
  handleContextMenuClick,
  handleOpenRequest,
  installContextMenu,
} from '../../../platform/commands.ts';
import { CONTENT_SCRIPT_FILE } from '../../../platform/extract-tab.ts';
import {
  OPTIONS_GLOBAL,
  READER_VIEW_FILE,
  VIEW_CONTROLLER_GLOBAL,
  VIEW_DATA_GLOBAL,
  type PageOptions,
  type PageResult,
  type ViewController,
  type ViewData,
} from '../../../contracts/page.ts';
import { openReaderView, toggleReaderView } from '../../../platform/reader-view.ts';
import { readerSettingsItem } from '../../../platform/storage.ts';

// fakeBrowser (@webext-core/fake-browser 2) implements tabs, storage and the action's badge/title, but
// scripting.executeScript, action.openPopup, contextMenus.* and i18n.getMessage throw "not implemented":
// every test stubs the ones it reaches.

interface Injection {
  target: { tabId: number };
  func?: (...args: unknown[]) => unknown;
  args?: unknown[];
  files?: string[];
}

type InjectionResult = { frameId?: number; result?: unknown }[];

const ARTICLE = {
  url: 'https://news.example/a',
  title: 'Budget vote',
  byline: null,
  siteName: 'News',
  lang: 'en',
  dir: 'ltr',
  publishedTime: null,
  lede: null,
  contentHtml: '<p>Text</p>',
  text: 'Text',
  wordCount: 1,
  readingTimeMinutes: 1,
  removed: [],
} as const;

const NEWS_URL = 'https://news.example/a';

type Globals = Record<string, unknown>;
const world = globalThis as Globals;

/**
 * A page for `scripting.executeScript`: `func` injections really run (in this test's global scope, standing in for
 * the extension's isolated world of the page); the two built scripts are played by what they do with the globals.
 */
function fakePage({ open = false, contentResult = { ok: true, article: ARTICLE } as unknown as PageResult } = {}) {
  const calls: Injection[] = [];
  const optionsSeen: unknown[] = [];
  const viewDataSeen: unknown[] = [];
  const close = vi.fn(() => {
    open = false;
  });
  const controller: ViewController = { isOpen: () => open, close };
  world[VIEW_CONTROLLER_GLOBAL] = controller;
  const spy = (
    vi.spyOn(fakeBrowser.scripting, 'executeScript') as unknown as MockInstance<
      (injection: Injection) => Promise<InjectionResult>
    >
  ).mockImplementation((injection) => {
    calls.push(injection);
    if (injection.func) {
      return Promise.resolve([{ frameId: 0, result: injection.func(...(injection.args ?? [])) ?? null }]);
    }
    const [file] = injection.files ?? [];
    if (file === CONTENT_SCRIPT_FILE) {
      optionsSeen.push(world[OPTIONS_GLOBAL]);
      delete world[OPTIONS_GLOBAL];
      return Promise.resolve([{ frameId: 0, result: contentResult }]);
    }
    if (file === READER_VIEW_FILE) {
      viewDataSeen.push(world[VIEW_DATA_GLOBAL]);
      delete world[VIEW_DATA_GLOBAL];
      open = true;
      return Promise.resolve([{ frameId: 0, result: undefined }]);
    }
    return Promise.reject(new Error(`unexpected injection ${JSON.stringify(injection)}`));
  });
  return {
    spy,
    calls,
    optionsSeen,
    viewDataSeen,
    close,
    get open() {
      return open;
    },
  };
}

/** What each injection was: the close check, a global being set (by name), or a file. */
function describeCalls(calls: Injection[]): string[] {
  return calls.map((call) => {
    if (call.files) return `file:${call.files.join(',')}`;
    const [name] = call.args ?? [];
    return name === VIEW_CONTROLLER_GLOBAL ? 'close-check' : `set:${String(name)}`;
  });
}

const OPEN_SEQUENCE = [
  'close-check',
  `set:${OPTIONS_GLOBAL}`,
  `file:${CONTENT_SCRIPT_FILE}`,
  `set:${VIEW_DATA_GLOBAL}`,
  `file:${READER_VIEW_FILE}`,
];

/** tabs.query's overloads include a callback form returning void; the promise form is the one used. */
function stubQuery() {
  return vi.spyOn(fakeBrowser.tabs, 'query') as unknown as MockInstance<
    (query: Browser.tabs.QueryInfo) => Promise<Browser.tabs.Tab[]>
  >;
}

function tab(id: number, url: string | undefined = NEWS_URL): Browser.tabs.Tab {
  return { id, url } as Browser.tabs.Tab;
}

let openPopup: MockInstance<() => Promise<void>>;

beforeEach(() => {
  fakeBrowser.reset();
  openPopup = (
    vi.spyOn(fakeBrowser.action, 'openPopup') as unknown as MockInstance<() => Promise<void>>
  ).mockResolvedValue(undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  delete world[VIEW_CONTROLLER_GLOBAL];
  delete world[VIEW_DATA_GLOBAL];
  delete world[OPTIONS_GLOBAL];
});

describe('handleCommand', () => {
  it('opens the view when it is closed: close check, options + content script, view data + view script', async () => {
    const page = fakePage();
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(describeCalls(page.calls)).toEqual(OPEN_SEQUENCE);
    for (const call of page.calls) expect(call.target).toEqual({ tabId: 7 });
    expect(page.calls[1]?.args).toEqual([OPTIONS_GLOBAL, { force: false, keepCaptions: false }]);
    expect(page.optionsSeen).toEqual([{ force: false, keepCaptions: false }]);
    const data: ViewData = { result: { ok: true, article: ARTICLE } as unknown as PageResult, forced: false };
    expect(page.calls[3]?.args).toEqual([VIEW_DATA_GLOBAL, data]);
    expect(page.viewDataSeen).toEqual([data]);
    expect(page.open).toBe(true);
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('asks the content script to keep captions when the stored settings show them', async () => {
    await readerSettingsItem.setValue({ ...DEFAULT_SETTINGS, showCaptions: true });
    const page = fakePage();
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(page.calls[1]?.args).toEqual([OPTIONS_GLOBAL, { force: false, keepCaptions: true }]);
    expect(page.optionsSeen).toEqual([{ force: false, keepCaptions: true }]);
  });

  it('reads settings written by another version, keeping the fields it can use', async () => {
    // Written by another version or device: a font size this one cannot use, captions on.
    await fakeBrowser.storage.sync.set({ readerSettings: { fontSize: 'huge', showCaptions: true } });
    const page = fakePage();
    await handleCommand(TOGGLE_READER_VIEW, tab(7));
    expect(page.optionsSeen).toEqual([{ force: false, keepCaptions: true }]);
  });

  it('closes the open view and injects nothing else', async () => {
    const page = fakePage({ open: true });
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(describeCalls(page.calls)).toEqual(['close-check']);
    expect(page.close).toHaveBeenCalledTimes(1);
    expect(page.open).toBe(false);
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('stops after the close check when the page answers that the view was open', async () => {
    const spy = (
      vi.spyOn(fakeBrowser.scripting, 'executeScript') as unknown as MockInstance<
        (injection: Injection) => Promise<InjectionResult>
      >
    ).mockResolvedValue([{ frameId: 0, result: true }]);
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[0]).toMatchObject({ target: { tabId: 7 }, args: [VIEW_CONTROLLER_GLOBAL] });
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('ignores a command it does not know', async () => {
    const page = fakePage();
    const query = vi.spyOn(fakeBrowser.tabs, 'query');
    await handleCommand('_execute_action', tab(7));
    await handleCommand('toggle-reader', tab(7));

    expect(page.spy).not.toHaveBeenCalled();
    expect(query).not.toHaveBeenCalled();
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('falls back to the popup on a browser page at once, without trying to script it', async () => {
    const page = fakePage();
    const handled = handleCommand(TOGGLE_READER_VIEW, tab(7, 'chrome://settings'));
    // Before anything is awaited: Firefox only opens the popup while the key press is being handled.
    expect(openPopup).toHaveBeenCalledTimes(1);
    await handled;

    expect(describeCalls(page.calls)).toEqual([]);
    expect(page.optionsSeen).toEqual([]);
    expect(openPopup).toHaveBeenCalledTimes(1);
  });

  it('falls back to the popup when the page cannot be scripted at all', async () => {
    const spy = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockRejectedValue(new Error('Cannot access contents of the page'));
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(spy).toHaveBeenCalledTimes(1);
    expect(openPopup).toHaveBeenCalledTimes(1);
  });

  it('falls back to the popup when a PDF gives no page to show the view in', async () => {
    const page = fakePage();
    page.spy.mockImplementation((injection) =>
      injection.func
        ? Promise.resolve([{ frameId: 0, result: false }])
        : Promise.reject(new Error('Cannot access contents of url')),
    );
    await handleCommand(TOGGLE_READER_VIEW, tab(7, 'https://news.example/report.pdf'));
    expect(openPopup).toHaveBeenCalledTimes(1);
  });

  it('shows the engine’s refusal in the view rather than the popup (it offers "Show it anyway")', async () => {
    const notArticle: PageResult = { ok: false, reason: 'not-article', message: 'too little text' };
    const page = fakePage({ contentResult: notArticle });
    await handleCommand(TOGGLE_READER_VIEW, tab(7));

    expect(describeCalls(page.calls)).toEqual(OPEN_SEQUENCE);
    expect(page.viewDataSeen).toEqual([{ result: notArticle, forced: false }]);
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('falls back to the popup when the view script cannot be injected', async () => {
    const page = fakePage();
    const pageImpl = page.spy.getMockImplementation()!;
    page.spy.mockImplementation((injection) =>
      injection.files?.[0] === READER_VIEW_FILE ? Promise.reject(new Error('Frame was removed')) : pageImpl(injection),
    );
    await handleCommand(TOGGLE_READER_VIEW, tab(7));
    expect(openPopup).toHaveBeenCalledTimes(1);
  });

  it('does not throw when the popup cannot be opened either', async () => {
    openPopup.mockRejectedValue(new Error('no active browser window'));
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access a chrome:// URL'));
    await expect(handleCommand(TOGGLE_READER_VIEW, tab(7, 'chrome://settings'))).resolves.toBeUndefined();
    expect(openPopup).toHaveBeenCalledTimes(1);
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
    expect(openPopup).toHaveBeenCalledTimes(1);
  });
});

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
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('opens the popup when the click came with no tab', async () => {
    const page = fakePage();
    await handleContextMenuClick(TOGGLE_READER_VIEW, undefined);
    expect(page.spy).not.toHaveBeenCalled();
    expect(openPopup).toHaveBeenCalledTimes(1);
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
    expect(page.optionsSeen).toEqual([{ force: true, keepCaptions: false } satisfies PageOptions]);
    expect(page.viewDataSeen).toEqual([{ result: { ok: true, article: ARTICLE }, forced: true }]);
  });

  it('extracts without force from the popup’s "Open full clean view"', async () => {
    const created = await fakeBrowser.tabs.create({ url: NEWS_URL });
    const page = fakePage();
    await expect(handleOpenRequest(created.id, false)).resolves.toBe(true);
    expect(page.optionsSeen).toEqual([{ force: false, keepCaptions: false }]);
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
  it('toggleReaderView resolves false (popup fallback) when the close check is refused', async () => {
    const spy = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockRejectedValue(new Error('Missing host permission'));
    await expect(toggleReaderView({ id: 3, url: NEWS_URL })).resolves.toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('openReaderView hands the result of a forced extraction to the view', async () => {
    await readerSettingsItem.setValue({ ...DEFAULT_SETTINGS, showCaptions: true });
    const page = fakePage();
    await expect(openReaderView({ id: 5, url: NEWS_URL }, true)).resolves.toBe(true);
    expect(page.optionsSeen).toEqual([{ force: true, keepCaptions: true }]);
    expect(page.viewDataSeen).toEqual([expect.objectContaining({ forced: true })]);
  });
});
