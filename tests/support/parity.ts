// The browser gives what Node gives: the same page, extracted in a real browser tab as a click does
// (platform/extract-tab.ts through the background) and in jsdom as the CLI and the benchmarks do (cli/load.ts),
// compared field by field. Shared by tests/e2e/parity.e2e.ts (the repository's fixture pages, in `npm test`) and
// bench/parity.ts (corpus pages).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extractArticle, type Article } from '../../core/reader/index.ts';
import { parseHtml } from '../../cli/load.ts';
import type { Driver } from './driver/index.ts';

/** What both sides return: an article, or why there is none. */
export type Extraction = { ok: true; article: Article } | { ok: false; reason: string; message: string };

/** The fields a reader sees, compared one by one. */
export const COMPARED_FIELDS = [
  'title',
  'byline',
  'siteName',
  'lang',
  'dir',
  'publishedTime',
  'lede',
  'publisherSummary',
  'canonicalUrl',
  'text',
  'wordCount',
  'removed',
] as const satisfies readonly (keyof Article)[];

export interface Difference {
  field: (typeof COMPARED_FIELDS)[number] | 'ok';
  browser: string;
  node: string;
}

/**
 * Serves each page's bytes as they are, without a charset (the browser finds it as jsdom's loader does: BOM,
 * then <meta>) and under a CSP that loads nothing: none of the page's scripts run, so both sides read the
 * document as parsed from the same bytes (on the live web, page scripts change the document before a click: that
 * is the page, not the engine), and no image or style sheet of a saved page reaches for the network. Inline
 * styles stay allowed: a policy without them empties every element's `style` in the browser, not in jsdom.
 */
export async function servePages(
  pages: ReadonlyMap<string, Uint8Array>,
  /** Pages served with the headers given instead (a test of one of them). */
  special: ReadonlyMap<string, { body: string; headers: Record<string, string> }> = new Map(),
): Promise<{ url(path: string): string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const own = special.get(path);
    if (own) {
      response.writeHead(200, own.headers).end(own.body);
      return;
    }
    const body = pages.get(path);
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response
      .writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Loads `url` in the driver's page tab and extracts it as a click does (forced, captions as given). */
export async function extractInBrowser(driver: Driver, url: string, keepCaptions = false): Promise<Extraction> {
  await driver.pageTab.goto(url);
  return driver.inExtension(
    async ({ api, background }, { url, keepCaptions }) => {
      const tab = (await api.tabs.query({})).find((t) => t.url === url); // Firefox's patterns reject ports
      if (tab?.id === undefined) throw new Error(`no tab shows ${url}`);
      return (await background.clearReader.extractTab(tab.id, { force: true, keepCaptions }, url)) as Extraction;
    },
    { url, keepCaptions },
  );
}

/** The same bytes, at the same address, through jsdom and the engine. */
export function extractInNode(bytes: Uint8Array, url: string, keepCaptions = false): Extraction {
  const result = extractArticle(parseHtml(bytes, url), url, {
    force: true,
    keepCaptions,
    // The browser's budget is 5 s on a free thread; here the run must not turn a busy machine into a difference.
    timeBudgetMs: Number.POSITIVE_INFINITY,
  });
  return result.ok
    ? { ok: true, article: result.article }
    : { ok: false, reason: result.reason, message: result.message };
}

const show = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));

/** The first line where two texts part, with its neighbours, to read a difference at a glance. */
function firstParting(a: string, b: string): { browser: string; node: string } {
  const la = a.split('\n');
  const lb = b.split('\n');
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  const around = (lines: string[]) =>
    `line ${i + 1}: ${lines
      .slice(i, i + 2)
      .join(' / ')
      .slice(0, 300)}`;
  return { browser: around(la), node: around(lb) };
}

/** Where the two extractions differ, field by field (empty when they agree). */
export function compareExtractions(browser: Extraction, node: Extraction): Difference[] {
  if (!browser.ok || !node.ok) {
    const say = (e: Extraction) => (e.ok ? 'an article' : `${e.reason}: ${e.message}`);
    return browser.ok === node.ok && !browser.ok && !node.ok && browser.reason === node.reason
      ? []
      : [{ field: 'ok', browser: say(browser), node: say(node) }];
  }
  const differences: Difference[] = [];
  for (const field of COMPARED_FIELDS) {
    const b = field === 'removed' ? browser.article.removed.map((r) => r.rule) : browser.article[field];
    const n = field === 'removed' ? node.article.removed.map((r) => r.rule) : node.article[field];
    if (show(b) === show(n)) continue;
    differences.push(
      field === 'text'
        ? { field, ...firstParting(browser.article.text, node.article.text) }
        : { field, browser: show(b).slice(0, 300), node: show(n).slice(0, 300) },
    );
  }
  return differences;
}
