// What the content script and the extension pages exchange. No `browser.*` here: the content script imports it.
import type { Article, ExtractFailure, ExtractFailureReason, PageArticle, SiteRule } from '../core/reader/index.ts';

/** Why a tab gave no article: the engine's reasons plus the ones only the browser side can know. */
export type PageFailureReason =
  | ExtractFailureReason
  | 'restricted'
  | 'not-html'
  | 'loading'
  /** The page's own scripts keep it too busy to answer. */
  | 'unresponsive'
  /** The tab is still waiting for the site to send the page. */
  | 'no-response'
  /** The offline reader: a saved article whose copy is on another device only. */
  | 'not-offline';

export interface PageFailure {
  ok: false;
  reason: PageFailureReason;
  /** Technical detail in English, for logs and tooltips; the UI shows a localized message per reason. */
  message: string;
}

export type PageResult = { ok: true; article: Article } | PageFailure;

/**
 * What the extraction script returns from the page: the article without the figures read from its text alone,
 * which `extractTab` adds (`finishArticle`, core/reader/finish-article.ts) before anyone sees it.
 */
export type PageScriptResult = { ok: true; article: PageArticle } | PageFailure;

/** The engine options a reader can ask for from the extension UI. */
export interface PageOptions {
  force?: boolean;
  keepCaptions?: boolean;
  /**
   * Read a page that is still loading as far as it has come: "Read what has loaded", or set in the page when the
   * parser is past the article.
   */
  partial?: boolean;
  /** The reader's rules for the page's site (platform/site-rule-store.ts), applied by the extraction. */
  siteRules?: SiteRule[];
  /**
   * Record where each block came from (for learning a site rule): the in-page view only, which then runs the
   * traced extraction script (EXTRACT_TRACED_FILE); the popup's script never bundles the recording.
   */
  provenance?: boolean;
}

/**
 * Name of the global (in the extension's isolated world of the page, never the page's own world) through which
 * `extractTab` hands the options to the content script: see `platform/extract-tab.ts`.
 */
export const OPTIONS_GLOBAL = '__clearReaderOptions';

/** Path of the built in-page view script (entrypoints/reader-view), the same in both browsers' builds. */
export const READER_VIEW_FILE = '/reader-view.js';

/** Path of the in-page view's highlights (entrypoints/view-highlights), injected when the view asks. */
export const VIEW_HIGHLIGHTS_FILE = '/view-highlights.js';

/** Where that script leaves its mount function, in the extension's isolated world of the page. */
export const VIEW_HIGHLIGHTS_GLOBAL = '__clearReaderViewHighlights';

/** The in-page view's "Hide a block" code (entrypoints/pick-mode.ts), injected only when the reader uses it. */
export const PICK_MODE_FILE = '/pick-mode.js';

/** What pick-mode.js leaves in the extension's isolated world of the page, for the view to use. */
export const PICK_MODE_GLOBAL = '__clearReaderPickMode';

/** What `openReaderView` hands to the in-page view script (entrypoints/reader-view), like OPTIONS_GLOBAL. */
export const VIEW_DATA_GLOBAL = '__clearReaderViewData';

/** The open in-page view's controller, kept in the extension's isolated world of the page between injections. */
export const VIEW_CONTROLLER_GLOBAL = '__clearReaderViewController';

/** The extension's keyboard shortcuts as the browser writes them ('' when none is set). */
export interface Shortcuts {
  /** Save for later. */
  save: string;
  /** Show or hide the in-page view. */
  toggleView: string;
}

export interface ViewData {
  result: PageResult;
  /** Whether this result was extracted with "Show it anyway". */
  forced: boolean;
  /** Start reading the article aloud at once (the popup's Listen). */
  listen?: boolean;
  /** Read by the background: a page's world has no `commands` API. */
  shortcuts: Shortcuts;
  /**
   * The reading list's id for the article (its highlights' item), worked out by the background: in a Firefox
   * content script a URL's searchParams iterators are Xrays, not iterable, and canonicalUrl threw there.
   */
  itemId?: string;
}

export interface ViewController {
  /** The view's closed shadow root: reachable from the extension's own scripts in the tab, never from the page. */
  readonly root: ShadowRoot;
  isOpen(): boolean;
  close(): void;
}

export const HTML_CONTENT_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml'];

/**
 * The extraction's time budget when reading a tab. Less than the engine's default (meant for jsdom, much slower):
 * the thread it runs on (the page's, or the extension page's) is blocked meanwhile, and a real page takes well
 * under a second.
 */
export const PAGE_TIME_BUDGET_MS = 5_000;

/**
 * The engine's result on a page in the given ready state. Half a page is not "not an article", nor half an
 * article the article: unless the caller takes the page as far as it has come (`partial`), a page still loading
 * is said to be loading, and the reader can read what has loaded or try again.
 */
export function pageOutcome<A>(
  result: { ok: true; article: A } | ExtractFailure,
  readyState: string,
  partial: boolean,
): { ok: true; article: A } | PageFailure {
  const tooBig = !result.ok && (result.reason === 'too-large' || result.reason === 'too-slow');
  if (!partial && !tooBig && readyState === 'loading') {
    return pageFailure('loading', result.ok ? 'article incomplete' : result.message);
  }
  return result;
}

export function pageFailure(reason: PageFailureReason, message: string): PageFailure {
  return { ok: false, reason, message };
}

/** True when `value` has the shape of a `PageResult` (what came back from the page is not trusted blindly). */
export function isPageResult(value: unknown): value is PageResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; article?: unknown; reason?: unknown };
  if (v.ok === true) {
    const a = v.article as { title?: unknown; contentHtml?: unknown } | null | undefined;
    return typeof a === 'object' && a !== null && typeof a.title === 'string' && typeof a.contentHtml === 'string';
  }
  return v.ok === false && typeof v.reason === 'string';
}

/**
 * User Timing marks the popup sets when the article's title and its text are in its document (the real-popup
 * speed test reads them; an extension page's own timeline, never a web page's).
 */
/** Marks the popup's loading screen drawn by its first script (entrypoints/popup-early.ts) until Preact takes it. */
export const POPUP_EARLY_ATTRIBUTE = 'data-early';

/** Where the popup's first script leaves its promise of the active tab, for the bundle to take (one query). */
export const EARLY_TAB_GLOBAL = '__clearReaderEarlyTab';

export const POPUP_MARKS = { title: 'clear-reader:title-shown', article: 'clear-reader:article-shown' } as const;

/** The steps between the popup's start and its article, marked the same way: where the time goes. */
export const POPUP_STAGE_MARKS = {
  /** The popup's first module has evaluated (its imports with it). */
  module: 'clear-reader:module',
  tab: 'clear-reader:tab',
  /** The extraction script's result is back. */
  extracted: 'clear-reader:extracted',
  sanitized: 'clear-reader:sanitized',
  /** The stored settings have arrived. */
  settings: 'clear-reader:settings',
} as const;
