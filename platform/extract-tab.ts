import { browser } from 'wxt/browser';
import type { PageSnapshot, SiteRule } from '../core/reader/index.ts';
import type * as SnapshotEngine from './extract-snapshot.ts';
import type * as Finisher from '../core/reader/finish-article.ts';
import type * as RulesReader from './site-rules-read.ts';
import {
  OPTIONS_GLOBAL,
  isPageResult,
  pageFailure,
  type PageFailure,
  type PageOptions,
  type PageResult,
  type PageScriptResult,
} from '../contracts/page.ts';
import { errorMessage } from '../core/util/index.ts';
import { classifyInjectionError, classifyUrl } from './page-access.ts';
import { withTimeout } from './with-timeout.ts';

export type { PageFailure, PageFailureReason, PageOptions, PageResult } from '../contracts/page.ts';
export { classifyInjectionError, classifyUrl } from './page-access.ts';

/**
 * Firefox reads the page's markup and runs the engine in the extension page (platform/extract-snapshot.ts): its
 * content scripts reach the page's nodes through Xray wrappers, which made the engine several times slower there
 * than on a document of the extension's own. Chromium runs it in the page, where it takes a few milliseconds (and
 * its background is a service worker, which cannot parse HTML).
 */
const SNAPSHOTS = String(import.meta.env.FIREFOX) === 'true'; // a boolean in the build, a string under Vitest

let snapshotEngine: Promise<typeof SnapshotEngine> | undefined;
/** The engine's chunk, fetched once. */
const loadSnapshotEngine = () => (snapshotEngine ??= import('./extract-snapshot.ts'));

let finisher: Promise<typeof Finisher> | undefined;
/**
 * What adds the article's language guess, word count and reading time to the extraction script's result: out of
 * the page's bundle and the popup's first one, fetched while the page is read.
 */
const loadFinisher = () => (finisher ??= import('../core/reader/finish-article.ts'));

// Messaging is loaded on demand: Chromium's popup never needs it to read a page (its first paint stays small).
const messaging = () => import('./messaging.ts');

let rulesReader: Promise<typeof RulesReader> | undefined;
/** The site rules' reader: its chunk weighs 5 KB (the rules' parser comes with the engine's cleanup code). */
const loadRulesReader = () =>
  (rulesReader ??= import('./site-rules-read.ts').catch((error: unknown) => {
    rulesReader = undefined; // tried again next time
    throw error;
  }));

/**
 * Starts fetching what reading a page will need, for a page about to read one (the popup, as its bundle starts):
 * each chunk fetched on the way costs Chromium's popup about 20 ms.
 */
export function prepareExtraction(): void {
  // Firefox's popup hands the page to the background, which has the rules: it needs messaging only.
  const loads: Promise<unknown>[] = SNAPSHOTS ? [messaging()] : [loadRulesReader(), loadFinisher()];
  for (const load of loads) load.catch(() => undefined); // tried again where it is needed
}

/** Whether this page is the one that runs the engine on snapshots (the background page). */
let engineHere = false;

/**
 * Makes this page (Firefox's background page, persistent) run the engine for the other extension pages. The
 * popup is a new document each time it opens, where the engine's code would run cold (about 75 ms on the seed
 * page against 10 to 30 once warm); here it stays warm.
 */
export function serveSnapshotExtraction(): void {
  if (!SNAPSHOTS) return;
  engineHere = true;
  void messaging().then(({ onMessage }) =>
    onMessage('extractSnapshot', async ({ data }) => {
      const siteRules = data.rulesOf ? await rulesFor(data.rulesOf) : [];
      return (await loadSnapshotEngine()).extractSnapshot(data.snapshot, withRules(data.options, siteRules));
    }),
  );
  // The site rules too: the popup leaves them to this page, which keeps them loaded (and current).
  requestIdleCallback(() => void import('./site-rule-store.ts').then((m) => m.siteRuleStore()).catch(() => undefined), {
    timeout: 10_000,
  });
  // When the browser has nothing else to do, a few runs on a made-up page: the reader's first article then meets
  // the engine warm (its first run takes several times longer than its third).
  const warm = (runs: number) =>
    requestIdleCallback(
      () =>
        void loadSnapshotEngine().then((engine) => {
          engine.warmUp();
          if (runs > 1) warm(runs - 1);
        }),
      { timeout: 10_000 },
    );
  warm(WARM_UP_RUNS);
}

const WARM_UP_RUNS = 3;

const withRules = (options: PageOptions, siteRules: readonly SiteRule[]): PageOptions =>
  siteRules.length ? { ...options, siteRules: [...siteRules] } : options;

/**
 * The engine on a snapshot: in the background page, with the site rules of `url` it looks up there; else here (or
 * here if the background does not answer), with `rules` when this page has started loading them.
 */
async function extractPageSnapshot(
  snapshot: PageSnapshot,
  options: PageOptions,
  url: string | undefined,
  rules: Promise<SiteRule[]> | null,
): Promise<PageResult> {
  if (!engineHere) {
    try {
      const { sendMessage } = await messaging();
      const answer: unknown = await sendMessage('extractSnapshot', { snapshot, options, rulesOf: url });
      if (isPageResult(answer)) return answer;
    } catch {
      // the background page is not there (restarting): run the engine here
    }
  }
  const siteRules = await (rules ?? rulesFor(url));
  return (await loadSnapshotEngine()).extractSnapshot(snapshot, withRules(options, siteRules));
}

/** Path of the built extraction script (entrypoints/extract.ts), the same in the Chrome and Firefox builds. */
export const EXTRACT_SCRIPT_FILE = '/extract.js';
/** The same plus each block's provenance (entrypoints/extract-traced.ts): for the in-page view's "Hide a block". */
export const EXTRACT_TRACED_FILE = '/extract-traced.js';

/**
 * How long the first, tiny injection may take. It runs as soon as the document exists (`injectImmediately`), so
 * only a page whose own scripts block it, or a site that has not sent the page yet, takes longer: the reader is
 * told so within seconds instead of waiting for a load that may never end.
 */
export const PROBE_TIMEOUT_MS = 3_000;
/** The extraction itself: the extraction script's time budget (5 s) plus the transfer back. */
const EXTRACTION_TIMEOUT_MS = 10_000;

function pageOptions(options: PageOptions): PageOptions {
  return {
    force: options.force === true,
    keepCaptions: options.keepCaptions === true,
    partial: options.partial === true,
    ...(options.siteRules?.length ? { siteRules: options.siteRules } : {}),
  };
}

/**
 * The reader's rules for the page's site; none when they cannot be read (the article matters more). Firefox's
 * background keeps the store loaded (and current); the other pages read one tab's rules from storage once, without
 * the store's chunk and its writes.
 */
async function rulesFor(url: string | undefined): Promise<SiteRule[]> {
  if (!url) return [];
  try {
    if (!engineHere) return await (await loadRulesReader()).readSiteRules(url);
    const { loadSiteRules } = await import('./site-rule-store.ts');
    return await loadSiteRules(url);
  } catch {
    return [];
  }
}

/**
 * Extracts the article of a tab's top frame: injects the content script (built from entrypoints/extract.ts) and
 * returns what it returned. Never throws: restricted and non-HTML pages, closed tabs and crashes all come back as
 * a typed failure.
 */
export async function extractTab(tabId: number, options: PageOptions = {}, url?: string): Promise<PageResult> {
  const early = classifyUrl(url);
  if (early) return early;
  if (SNAPSHOTS && !engineHere) void messaging().catch(() => undefined); // while the page answers
  try {
    return await oneAtATime(tabId, () => inject(tabId, options, url));
  } catch (error) {
    return classifyInjectionError(error, url);
  }
}

/** The extraction running or queued last in each tab. */
const lastInTab = new Map<number, Promise<unknown>>();

/**
 * Runs `task` after the tab's earlier extractions: the options travel through one global of the page's isolated
 * world, so two extractions at once (the popup reading again with another captions setting) would swap them.
 */
function oneAtATime<T>(tabId: number, task: () => Promise<T>): Promise<T> {
  const run = (lastInTab.get(tabId) ?? Promise.resolve()).catch(() => undefined).then(task);
  lastInTab.set(tabId, run);
  void run
    .catch(() => undefined)
    .finally(() => {
      if (lastInTab.get(tabId) === run) lastInTab.delete(tabId);
    });
  return run;
}

/** A pause between two looks at a tab whose new page has not arrived. */
const PROBE_AGAIN_MS = 150;

/**
 * Whether the tab is still waiting for its new page: Chrome says so (`pendingUrl`); Firefox keeps the old
 * document, complete, in a tab that says "loading".
 */
async function awaitingPage(tabState: Promise<unknown>, readyState: unknown): Promise<boolean> {
  const tab = (await tabState) as { pendingUrl?: string; status?: string } | undefined;
  return !!tab?.pendingUrl || (tab?.status === 'loading' && readyState === 'complete');
}

/** What the probe learned: the page's state, and its snapshot when the engine runs in the extension. */
interface ProbeAnswer {
  readyState: unknown;
  /** The page's parser is past its article, or the reader asked to read what has loaded. */
  partial: boolean;
  snapshot?: PageSnapshot;
}

/** The probe's answer, checked field by field (a snapshot with a missing field is no snapshot). */
function readProbe(result: unknown): ProbeAnswer {
  if (typeof result !== 'object' || result === null) return { readyState: result, partial: false };
  const { readyState, partial, snapshot } = result as { readyState?: unknown; partial?: unknown; snapshot?: unknown };
  const page = (snapshot ?? {}) as Partial<Record<keyof PageSnapshot, unknown>>;
  const texts = [page.html, page.url, page.baseUrl, page.readyState, page.contentType];
  const valid = texts.every((text) => typeof text === 'string') && typeof page.quirks === 'boolean';
  return { readyState, partial: partial === true, snapshot: valid ? (page as PageSnapshot) : undefined };
}

const notSent = () => pageFailure('no-response', `the site did not send the page within ${PROBE_TIMEOUT_MS / 1000} s`);

/**
 * Hands the options to the tab's document as soon as it exists, and takes the page's snapshot when asked. A
 * failure when the document does not answer in time (its scripts block it), or when the tab is still waiting for
 * the site to send the page.
 */
async function probe(tabId: number, options: PageOptions, snapshot: boolean): Promise<PageFailure | ProbeAnswer> {
  const deadline = Date.now() + PROBE_TIMEOUT_MS;
  // Once a probe has found the tab waiting for the site, a later probe that runs out of time (the last one has
  // little left, and a busy machine answers slowly) still means the site has not sent the page.
  let awaitingSite = false;
  for (;;) {
    // Asked with the probe, not after it: the tab's state as the probe runs, without a round trip more (Firefox's
    // answer comes tens of milliseconds late while its popup opens).
    const tabState = browser.tabs.get(tabId);
    tabState.catch(() => undefined); // awaited once the probe has answered
    const injected = browser.scripting.executeScript({
      target: { tabId },
      injectImmediately: true,
      func: (name: string, value: PageOptions, takeSnapshot: boolean) => {
        // While the HTML still streams in, the article is complete once the parser has gone past it: the page has
        // an article or main element, and the element being parsed (the last one) is outside all of them.
        const containers = 'article, main, [role="main"], [itemprop="articleBody"]';
        let last: Element = document.documentElement;
        while (last.lastElementChild) last = last.lastElementChild;
        if (document.querySelector(containers) && !last.closest(containers)) value.partial = true;
        // The prototypes' own getters: the page's elements cannot shadow them (a <form name="readyState">).
        const get = (proto: object, key: string, node: unknown): unknown =>
          Object.getOwnPropertyDescriptor(proto, key)?.get?.call(node);
        const contentType = get(Document.prototype, 'contentType', document) as string;
        // Read in the page (by the extraction script, which takes the options from this global) unless it is HTML.
        if (!takeSnapshot || contentType !== 'text/html') {
          (globalThis as Record<string, unknown>)[name] = value;
          return document.readyState;
        }
        const root = get(Document.prototype, 'documentElement', document) as Element | null;
        const readyState = get(Document.prototype, 'readyState', document) as DocumentReadyState;
        const page: PageSnapshot = {
          html: root ? (get(Element.prototype, 'outerHTML', root) as string) : '',
          url: location.href,
          // A <base> counts in the head only: on the engine's copy of the live page, one in the body changes
          // nothing in either browser (a hostile page's <base> in the article must not move its photos).
          baseUrl:
            document.head?.querySelector('base[href]') === document.querySelector('base[href]')
              ? (get(Node.prototype, 'baseURI', document) as string)
              : location.href,
          quirks: get(Document.prototype, 'compatMode', document) === 'BackCompat',
          readyState,
          contentType,
        };
        return { readyState, partial: value.partial === true, snapshot: page };
      },
      args: [OPTIONS_GLOBAL, pageOptions(options), snapshot],
    });
    let answer: unknown;
    try {
      answer = await withTimeout(injected, Math.max(deadline - Date.now(), 1), 'the page did not answer');
    } catch (error) {
      if (!/did not answer/.test(errorMessage(error))) throw error;
      if (awaitingSite) return notSent();
      return pageFailure('unresponsive', `the page did not answer within ${PROBE_TIMEOUT_MS / 1000} s`);
    }
    const probed = readProbe((Array.isArray(answer) ? (answer as { result?: unknown }[]) : [])[0]?.result);
    if (!(await awaitingPage(tabState, probed.readyState))) {
      return probed;
    }
    awaitingSite = true;
    if (Date.now() + PROBE_AGAIN_MS > deadline) return notSent();
    await new Promise((resolve) => setTimeout(resolve, PROBE_AGAIN_MS));
  }
}

/** Adds the site rules to the options the probe left in the page, for the extraction script. */
async function passRules(tabId: number, siteRules: SiteRule[]): Promise<void> {
  const passed = browser.scripting.executeScript({
    target: { tabId },
    injectImmediately: true,
    func: (name: string, rules: SiteRule[]) => {
      const given = (globalThis as Record<string, unknown>)[name] as PageOptions | undefined;
      if (given) given.siteRules = rules;
    },
    args: [OPTIONS_GLOBAL, siteRules],
  });
  await withTimeout(passed, PROBE_TIMEOUT_MS, 'the page did not answer');
}

async function inject(tabId: number, options: PageOptions, url: string | undefined): Promise<PageResult> {
  // The reader's rules for the site load while the page answers (the probe does not need them), except where the
  // background page runs the engine: it has them loaded already.
  const rules = SNAPSHOTS && !engineHere ? null : rulesFor(url);
  // `files` cannot take arguments, so the options travel through a global of the extension's isolated world,
  // set by a tiny `func` injected just before (`args` are structured-cloned, the page's own scripts cannot see
  // that world). Simpler and sturdier than a message: no listener to register in the page, no race between the
  // script's start and the message, and the content script still runs once and leaves nothing behind. Both
  // injections go to the same frame (the top one), one after the other, so the script reads what was just set.
  // Both run as soon as the document exists: a page still streaming its HTML is read as far as it has come (the
  // content script says when that is not enough), instead of waiting for a load that may take forever.
  const probed = await probe(tabId, options, SNAPSHOTS);
  if ('ok' in probed) return probed;
  // Firefox, an HTML page: its markup came back with the probe. Anything else (XHTML, whose markup would be parsed
  // again as XML, where any slip loses the page; not HTML at all) is left to the extraction script in the page.
  const page = probed.snapshot;
  if (SNAPSHOTS && page) {
    const result = await withTimeout(
      extractPageSnapshot(
        page,
        { ...options, partial: options.partial === true || probed.partial === true },
        url,
        rules,
      ),
      EXTRACTION_TIMEOUT_MS,
      `the page was not read within ${EXTRACTION_TIMEOUT_MS / 1000} s`,
    );
    // As deep as the parser nests: the page itself may be deeper (built by a script); it says so in the page.
    const tooDeep =
      !result.ok && result.reason === 'too-large' && (await loadSnapshotEngine()).TOO_DEEP.test(result.message);
    if (!tooDeep) return result;
  }
  const target = { tabId };
  const finishing = loadFinisher();
  finishing.catch(() => undefined); // awaited below, unless the injection fails first
  const siteRules = await (rules ?? rulesFor(url));
  if (siteRules.length) await passRules(tabId, siteRules);
  const results: unknown = await withTimeout(
    browser.scripting.executeScript({
      target,
      injectImmediately: true,
      files: [options.provenance ? EXTRACT_TRACED_FILE : EXTRACT_SCRIPT_FILE],
    }),
    EXTRACTION_TIMEOUT_MS,
    `the page did not answer within ${EXTRACTION_TIMEOUT_MS / 1000} s`,
  );
  // Firefox resolves (instead of rejecting) with holes for privileged pages such as about:robots.
  const injections = (Array.isArray(results) ? results : []).filter(
    (r): r is { frameId?: number; result?: unknown } => typeof r === 'object' && r !== null,
  );
  if (injections.length === 0) return pageFailure('restricted', 'the browser ran no script in this page');
  const value = (injections.find((r) => r.frameId === 0) ?? injections[0])?.result;
  if (!isPageResult(value)) return pageFailure('error', 'the content script returned no result');
  // The script leaves the figures read from the article's text alone to the extension: added here, once.
  const read = value as PageScriptResult;
  return read.ok ? { ok: true, article: (await finishing).finishArticle(read.article) } : read;
}
