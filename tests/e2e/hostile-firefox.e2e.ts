// A sample of the hostile corpus in real Firefox ESR (MV2 build, puppeteer-core over WebDriver BiDi): each page
// in the popup, then saved and opened in the offline reader page. No payload runs there, the rendered article
// holds nothing that could run or load, the metadata shows as text, and no request leaves for another host (the
// sentinel server saw nothing). The extension pages' CSP is enforced as built.
//
// The pages are served under a CSP of their own (QUIET_CSP, hostile-server.ts) so that their own payloads neither
// run nor load anything in the page: the popup and the reader are extension pages, and what the page does in its
// own tab is not the extension's doing. The CSP does not change the DOM the extension reads. Pages whose own
// <meta http-equiv="refresh"> would navigate the page tab (no CSP stops that) are left to the Chromium test.
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SETTLED } from './expectations.ts';
import {
  EXTENSION_PAGE_ROOT,
  expectCleanView,
  expectStrictPolicy,
  reportScript,
  vectorOfHit,
  type ViewReport,
} from './hostile-checks.ts';
import { startHostileServers, type HostileServers } from './hostile-server.ts';
import { E2E_BUILD, FIREFOX, GECKO_ID } from './paths.ts';
import { VECTORS } from '../hostile/vectors.ts';

const SAMPLE = [
  'img-onerror',
  'img-src-data-svg-script',
  'svg-presentation-url',
  'svg-feimage',
  'mxss-mglyph-style',
  'mxss-noscript-title',
  'iframe-srcdoc',
  'video-poster',
  'clobber-form-input-attributes',
  'title-img',
  'description-img',
  'json-ld-headline',
];
const vectors = SAMPLE.map((id) => VECTORS.find((vector) => vector.id === id)!);

const UUID = randomUUID();
const ORIGIN = `moz-extension://${UUID}`;
const SETTLE_MS = 300;

let servers: HostileServers;
let browser: Browser;
let pageTab: Page;
/** The popup and the offline reader: one background tab each, reused from page to page. */
let popup: Page;
let reader: Page;
/** What the popup and the reader requested, as "popup: <url>". */
const requests: string[] = [];

beforeAll(async () => {
  servers = await startHostileServers();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  expect(await browser.installExtension(E2E_BUILD.firefox)).toBe(GECKO_ID);
  pageTab = (await browser.pages())[0] ?? (await browser.newPage());
  popup = await browser.newPage();
  reader = await browser.newPage();
  await pageTab.bringToFront(); // the popup reads the active tab of its window
  popup.on('request', (request) => requests.push(`popup: ${request.url()}`));
  reader.on('request', (request) => requests.push(`reader: ${request.url()}`));
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
});

/** Polls `probe` in `page` until it returns something (BiDi may fail evaluations while a tab changes document). */
async function until<T>(page: Page, probe: string, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = (await page.evaluate(probe)) as T | null;
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`, { cause: lastError });
}

/**
 * Shows an extension page in `page` and waits for `ready` in it. From an extension page, the page navigates
 * itself; from anything else puppeteer navigates (a moz-extension:// navigation may never resolve there, and
 * evaluations wait meanwhile, so it is started, then polled). The document being replaced is marked first, so the
 * wait can only end in the new one.
 */
async function show(page: Page, url: string, ready: string): Promise<void> {
  const fromExtension = await page
    .evaluate(
      (origin, next) => {
        (window as { __stale?: boolean }).__stale = true;
        if (!location.href.startsWith(origin)) return false;
        location.href = next;
        return true;
      },
      ORIGIN,
      url,
    )
    .catch(() => false);
  if (!fromExtension) page.goto(url).catch(() => undefined);
  const probe = `!window.__stale && location.href === ${JSON.stringify(url)} && !!document.querySelector(${JSON.stringify(ready)})`;
  await until(page, probe, url);
}

const options = () => ({ pageOrigin: servers.pageOrigin, imageHosts: [new URL(servers.hosts.cdn).host] });

describe('Firefox ESR: a sample of the hostile corpus', () => {
  test.each(vectors.map((vector) => [vector.id, vector] as const))(
    '%s: popup and offline reader run nothing and load nothing foreign',
    async (_id, vector) => {
      const url = servers.url(vector, true);
      const summaryShown = vector.where === 'description'; // the summary area loads after the article
      await pageTab.goto(url);
      const firstHit = servers.hits.length;
      const firstRequest = requests.length;

      await show(popup, `${ORIGIN}/popup.html`, SETTLED);
      expect(await popup.evaluate(() => document.querySelector('main')?.getAttribute('data-state'))).toBe('article');
      if (summaryShown) await until(popup, "!!document.querySelector('.publisher-summary')", 'the summary');
      await popup.evaluate(() => document.querySelector<HTMLButtonElement>('button.action-save')?.click());
      await until(
        popup,
        `document.querySelector('button.action-save')?.getAttribute('aria-pressed') === 'true'`,
        'saved',
      );
      const id = await until<string>(
        popup,
        `new Promise((resolve) => {
          const open = indexedDB.open('clear-reader');
          open.onerror = () => resolve(null);
          open.onsuccess = () => {
            const all = open.result.transaction('articles').objectStore('articles').getAll();
            all.onsuccess = () => { open.result.close(); resolve(all.result.find((c) => c.article.url === ${JSON.stringify(url)})?.id ?? null); };
            all.onerror = () => resolve(null);
          };
        })`,
        'the offline copy',
      );

      await show(reader, `${ORIGIN}/reader.html?id=${encodeURIComponent(id)}`, 'main[data-state="article"]');
      if (summaryShown) await until(reader, "!!document.querySelector('.publisher-summary')", 'the summary');
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

      for (const [where, page] of [
        ['popup', popup],
        ['offline reader', reader],
      ] as const) {
        const report = (await page.evaluate(reportScript(EXTENSION_PAGE_ROOT, options()))) as ViewReport;
        expectCleanView(report, vector, servers.hosts, where);
        expect.soft(report.clobbered, `${where}: window.__clobbered`).toBe(false);
      }
      const hosts = new Set([new URL(servers.pageOrigin).host, new URL(servers.hosts.cdn).host]);
      const elsewhere = requests
        .slice(firstRequest)
        .filter((r) => !r.includes(`${ORIGIN}/`) && !hosts.has(new URL(r.slice(r.indexOf(' ') + 1)).host));
      expect.soft(elsewhere, 'requests').toEqual([]);
      const hits = servers.hits.slice(firstHit);
      expect
        .soft(
          hits.filter((hit) => hit.host === 'sentinel').map((hit) => `${hit.method} ${vectorOfHit(hit.path)}`),
          'the sentinel server',
        )
        .toEqual([]);
      expect
        .soft(
          hits.filter((hit) => hit.host === 'cdn' && (hit.method !== 'GET' || !hit.path.startsWith('/img/'))),
          'the CDN',
        )
        .toEqual([]);
    },
  );

  test.each(['popup.html', 'reader.html'])('%s: inline script, handlers and eval are refused', async (file) => {
    const page = file === 'popup.html' ? popup : reader;
    await show(page, `${ORIGIN}/${file}`, 'body');
    const outcome = (await page.evaluate(`new Promise((resolve) => {
      let policy = null;
      document.addEventListener('securitypolicyviolation', (event) => { policy ??= event.originalPolicy; });
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__handlerRan = true');
      img.src = 'data:,not-an-image';
      document.body.append(img);
      setTimeout('window.__evalRan = true', 0);
      setTimeout(() => resolve({
        policy,
        inlineRan: window.__inlineRan === true,
        handlerRan: window.__handlerRan === true,
        evalRan: window.__evalRan === true,
      }), 300);
    })`)) as { policy: string | null; inlineRan: boolean; handlerRan: boolean; evalRan: boolean };
    expect(outcome).toMatchObject({ inlineRan: false, handlerRan: false, evalRan: false });
    expectStrictPolicy(outcome.policy);
  });
});
