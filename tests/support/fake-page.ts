// A page for the command and view code of platform/ (commands.ts, reader-view.ts) under WXT's fake browser.
//
// fakeBrowser (@webext-core/fake-browser 2) implements tabs, storage and the action's badge/title, but
// scripting.executeScript, action.openPopup, contextMenus.* and i18n.getMessage throw "not implemented":
// every test stubs the ones it reaches.
import { type MockInstance, afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { EXTRACT_SCRIPT_FILE, EXTRACT_TRACED_FILE } from '../../platform/extract-tab.ts';
import {
  OPTIONS_GLOBAL,
  READER_VIEW_FILE,
  VIEW_CONTROLLER_GLOBAL,
  VIEW_DATA_GLOBAL,
  type PageScriptResult,
  type ViewController,
} from '../../contracts/page.ts';
import { canonicalUrl, itemId } from '../../core/reading-list/index.ts';
import { finishArticle } from '../../core/reader/index.ts';
import { pageArticle, sampleArticle } from './article.ts';

export interface Injection {
  target: { tabId: number };
  func?: (...args: unknown[]) => unknown;
  args?: unknown[];
  files?: string[];
}

export type InjectionResult = { frameId?: number; result?: unknown }[];

export const NEWS_URL = 'https://news.example/a';
/** The article as the extension has it: the extraction script's (PAGE_ARTICLE) with the figures extractTab adds. */
export const ARTICLE = finishArticle(
  pageArticle(sampleArticle({ url: NEWS_URL, byline: null, siteName: 'News', publishedTime: null })),
);
export const PAGE_ARTICLE = pageArticle(ARTICLE);
/** The reading list's id of ARTICLE, which the background hands the in-page view. */
export const ARTICLE_ITEM_ID = itemId(canonicalUrl(ARTICLE.url, ARTICLE.canonicalUrl));

type Globals = Record<string, unknown>;
const world = globalThis as Globals;

/**
 * A page for `scripting.executeScript`: `func` injections really run (in this test's global scope, standing in for
 * the extension's isolated world of the page); the two built scripts are played by what they do with the globals.
 */
export function fakePage({
  open = false,
  contentResult = { ok: true, article: PAGE_ARTICLE },
}: { open?: boolean; contentResult?: PageScriptResult } = {}) {
  const calls: Injection[] = [];
  const optionsSeen: unknown[] = [];
  const viewDataSeen: unknown[] = [];
  const close = vi.fn(() => {
    open = false;
  });
  const controller: ViewController = { root: {} as ShadowRoot, isOpen: () => open, close };
  world[VIEW_CONTROLLER_GLOBAL] = controller;
  const spy = stubExecuteScript().mockImplementation((injection) => {
    calls.push(injection);
    // The probe that hands over the options reads the page's DOM (none here): played by what it does.
    if (injection.args?.[0] === OPTIONS_GLOBAL) {
      world[OPTIONS_GLOBAL] = injection.args[1];
      return Promise.resolve([{ frameId: 0, result: 'complete' }]);
    }
    if (injection.func) {
      return Promise.resolve([{ frameId: 0, result: injection.func(...(injection.args ?? [])) ?? null }]);
    }
    const [file] = injection.files ?? [];
    if (file === EXTRACT_SCRIPT_FILE || file === EXTRACT_TRACED_FILE) {
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

/** scripting.executeScript, typed as the code under test calls it. */
export function stubExecuteScript() {
  return vi.spyOn(fakeBrowser.scripting, 'executeScript') as unknown as MockInstance<
    (injection: Injection) => Promise<InjectionResult>
  >;
}

/** What each injection was: the close check, a global being set (by name), or a file. */
export function describeCalls(calls: Injection[]): string[] {
  return calls.map((call) => {
    if (call.files) return `file:${call.files.join(',')}`;
    const [name] = call.args ?? [];
    return name === VIEW_CONTROLLER_GLOBAL ? 'close-check' : `set:${String(name)}`;
  });
}

export const OPEN_SEQUENCE = [
  'close-check',
  `set:${OPTIONS_GLOBAL}`,
  `file:${EXTRACT_TRACED_FILE}`, // the view's extraction records provenance ("Hide a block")
  `set:${VIEW_DATA_GLOBAL}`,
  `file:${READER_VIEW_FILE}`,
];

/** tabs.query's overloads include a callback form returning void; the promise form is the one used. */
export function stubQuery() {
  return vi.spyOn(fakeBrowser.tabs, 'query') as unknown as MockInstance<
    (query: Browser.tabs.QueryInfo) => Promise<Browser.tabs.Tab[]>
  >;
}

export function tab(id: number, url: string | undefined = NEWS_URL): Browser.tabs.Tab {
  return { id, url } as Browser.tabs.Tab;
}

/**
 * A fresh fake browser for each test, action.openPopup stubbed, the page's globals cleaned up after. Returns the
 * openPopup stub of the current test.
 */
export function useFakeBrowser(): () => MockInstance<() => Promise<void>> {
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
  return () => openPopup;
}
