// The hostile corpus (tests/hostile/) in real Chromium: every page is opened in the popup, in the in-page clean
// view, and, saved from the popup, in the offline reader page. After each page: no payload ran in any of the three
// (the sentinel global is unset), the rendered article holds nothing that could run or load, the metadata shows as
// plain text, and no request went anywhere but to the article's own images (the sentinel server saw nothing).
// And the extension pages' CSP, as built and as the browser enforces it, allows no inline or eval'd script.
//
// The article's page itself is hostile, and its own scripts are part of it: that they run in the page is not
// the extension's doing. So the page loads with script execution turned off (DevTools' Emulation domain, which
// leaves the extension's isolated world alone) and with its requests to the sentinel and CDN hosts answered by
// the test itself (204) rather than the servers. Script stays off while the popup reads the page and saves it.
// Then the page is "armed": script is turned back on (a probe handler checks that it runs), its sentinel global is
// known to be unset, its requests go through to the servers, and the in-page view opens (the offline reader opens
// meanwhile, in its own tab). The view lives in the page's own DOM, where an event handler that survived
// sanitizing would run in the page's main world: turning script back on first is what lets such a leak show. The
// page's tab stays the active one throughout, so that focus never moves in the page (which would run the page's
// own focus handlers: its business, not ours). The popup and the offline reader are extension pages, watched from
// the start; their CSP would also stop an inline handler, so there the check of the rendered DOM is what counts.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, type Page, type Request, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './chromium-launch.ts';
import { SETTLED } from './expectations.ts';
import {
  EXTENSION_PAGE_ROOT,
  IN_PAGE_ROOT,
  expectCleanView,
  expectStrictPolicy,
  forbiddenRequests,
  reportScript,
  vectorOfHit,
  type SeenRequest,
  type ViewReport,
} from './hostile-checks.ts';
import { startHostileServers, type HostileServers } from './hostile-server.ts';
import { E2E_BUILD, SHIPPED } from './paths.ts';
import { payloadOf } from '../hostile/page.ts';
import { VECTORS, type Vector } from '../hostile/vectors.ts';

declare const chrome: {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  storage: { sync: { set(items: object): Promise<void>; remove(key: string): Promise<void> } };
};

/** How long a view is left to run whatever it might, after it has rendered. */
const SETTLE_MS = 200;

let servers: HostileServers;
let context: BrowserContext;
let userDataDir: string;
let worker: Worker;
let extensionOrigin: string;
let pageTab: Page;
/** The popup and the offline reader, one tab each (see visit). */
let popup: Page;
let reader: Page;
let cdp: CDPSession;
/** Whether the article's tab is being watched (see the top of the file). */
let armed = false;
const requests: SeenRequest[] = [];

function describeRequest(request: Request): SeenRequest {
  let from = 'service-worker';
  if (!request.serviceWorker()) {
    const page = request.frame().page();
    const url = page.url();
    from =
      page === pageTab ? 'page' : url.includes('/popup.html') ? 'popup' : url.includes('/reader.html') ? 'reader' : url;
  }
  return { url: request.url(), type: request.resourceType(), from, armed };
}

/** New tabs for the article, the popup and the reader, the article's in front (also after a tab hung). */
async function openTabs(): Promise<void> {
  pageTab = await context.newPage();
  popup = await context.newPage();
  reader = await context.newPage();
  await pageTab.bringToFront();
  cdp = await context.newCDPSession(pageTab);
  const watched = new Set([new URL(servers.hosts.sentinel).host, new URL(servers.hosts.cdn).host]);
  await pageTab.route(
    (url) => watched.has(url.host),
    (route) => (armed ? route.continue() : route.fulfill({ status: 204 })),
  );
}

/** Closes the three tabs without waiting for them: one may be stuck in an endless script. */
async function closeTabs(): Promise<void> {
  const closing = [pageTab, popup, reader].map((page) => page.close({ runBeforeUnload: false }).catch(() => {}));
  await Promise.race([Promise.all(closing), new Promise((resolve) => setTimeout(resolve, 5_000))]);
}

beforeAll(async () => {
  servers = await startHostileServers();
  userDataDir = mkdtempSync(join(tmpdir(), 'clear-reader-hostile-'));
  ({ context, worker } = await launchChromium(userDataDir));
  context.setDefaultTimeout(10_000); // a view that does not show fails in seconds, not at the test's timeout
  context.on('request', (request) => requests.push(describeRequest(request)));
  extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
  await openTabs();
});

afterAll(async () => {
  await context?.close();
  await servers?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function report(page: Page, root: string): Promise<ViewReport> {
  const options = { pageOrigin: servers.pageOrigin, imageHosts: [new URL(servers.hosts.cdn).host] };
  return page.evaluate<ViewReport>(reportScript(root, options));
}

/** The reading list id of the saved copy of `url`, read from the offline store (IndexedDB) by an extension page. */
function savedId(extensionPage: Page, url: string): Promise<string | null> {
  return extensionPage.evaluate(
    (url) =>
      new Promise<string | null>((resolve, reject) => {
        const open = indexedDB.open('clear-reader');
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const all = open.result.transaction('articles').objectStore('articles').getAll();
          all.onerror = () => reject(all.error ?? new Error('getAll failed'));
          all.onsuccess = () => {
            const found = (all.result as { id: string; article: { url: string } }[]).find((c) => c.article.url === url);
            open.result.close();
            resolve(found?.id ?? null);
          };
        };
      }),
    url,
  );
}

/** Runs the background's shortcut handler for the tab showing `url` (no automation can press a shortcut). */
async function openInPageView(url: string): Promise<void> {
  await worker.evaluate(async (url) => {
    const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
    if (!tab) throw new Error(`no tab shows ${url}`);
    const hook = (globalThis as unknown as { clearReader: { handleCommand: (c: string, t: unknown) => Promise<void> } })
      .clearReader;
    await hook.handleCommand('toggle-reader-view', tab);
  }, url);
}

const settle = (page: Page) => page.waitForTimeout(SETTLE_MS);

/**
 * Popup, save, offline reader, in-page view: then every check. The popup and the reader are one tab each, reused
 * from page to page (a new document each time), in the article tab's window, which stays the active tab: the
 * popup reads the active tab of its window, as when the reader clicks the toolbar button.
 */
async function visit(vector: Vector): Promise<void> {
  const url = servers.url(vector);
  const summaryShown = vector.where === 'description'; // the summary area loads after the article
  armed = false;
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await pageTab.goto(url, { waitUntil: 'load' });
  const firstRequest = requests.length;
  const firstHit = servers.hits.length;

  await popup.goto(`${extensionOrigin}/popup.html`);
  await popup.locator(SETTLED).waitFor();
  expect(await popup.locator('main').getAttribute('data-state'), 'popup').toBe('article');
  if (summaryShown) await popup.locator('.publisher-summary').waitFor();
  await popup.locator('.action-save').dispatchEvent('click'); // a background tab: no need to bring it forward
  await popup.locator('.action-save[aria-pressed="true"]').waitFor();
  const id = await savedId(popup, url);
  expect(id, 'the offline copy').not.toBeNull();

  // The offline reader and the in-page view open together (two tabs, two documents).
  const openReader = async () => {
    await reader.goto(`${extensionOrigin}/reader.html?id=${encodeURIComponent(id!)}`);
    await reader.locator('main[data-state="article"]').waitFor();
    if (summaryShown) await reader.locator('.publisher-summary').waitFor();
  };
  const openView = async () => {
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
    // Calibration: an inline handler does run in the page now, so one that reached the view would too.
    const handlerRuns = await pageTab.evaluate(() => {
      // Through the prototypes: the page's own <img name="createElement"> and the like clobber `document`.
      const probe = Document.prototype.createElement.call(document, 'b');
      Element.prototype.setAttribute.call(probe, 'onclick', 'window.__calibration = 1');
      HTMLElement.prototype.click.call(probe);
      const flags = window as unknown as Record<string, unknown>;
      const ran = flags.__calibration === 1;
      delete flags.__calibration;
      return ran;
    });
    expect(handlerRuns, 'inline handlers run in the page again').toBe(true);
    expect(await pageTab.evaluate(() => typeof (window as { __pwned?: unknown }).__pwned)).toBe('undefined');
    armed = true;
    await openInPageView(url);
    await pageTab.locator('clear-reader-view main[data-state="article"]').waitFor();
    if (summaryShown) await pageTab.locator('clear-reader-view .publisher-summary').waitFor();
  };
  await Promise.all([openReader(), openView()]);
  await settle(pageTab);

  const hosts = servers.hosts;
  const popupReport = await report(popup, EXTENSION_PAGE_ROOT);
  expectCleanView(popupReport, vector, hosts, 'popup');
  expect.soft(popupReport.clobbered, 'popup: window.__clobbered').toBe(false);
  const readerReport = await report(reader, EXTENSION_PAGE_ROOT);
  expectCleanView(readerReport, vector, hosts, 'offline reader');
  expect.soft(readerReport.clobbered, 'offline reader: window.__clobbered').toBe(false);
  // The page's own DOM may define __clobbered (the payload is in the page): only the view is looked at.
  expectCleanView(await report(pageTab, IN_PAGE_ROOT), vector, hosts, 'in-page view');
  // The offline reader's tab title is the article's title, as text.
  if (vector.where === 'title') expect.soft(await reader.title()).toBe(payloadOf(vector, hosts).trim());

  const seen = requests.slice(firstRequest);
  expect
    .soft(forbiddenRequests(seen, { pageOrigin: servers.pageOrigin, hosts, extensionOrigin }), 'requests')
    .toEqual([]);
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
}

describe('Chromium: the hostile corpus', () => {
  test.each(VECTORS.map((vector) => [vector.id, vector] as const))(
    '%s: popup, in-page view and offline reader run nothing and load nothing foreign',
    async (_id, vector) => {
      try {
        await visit(vector);
      } catch (error) {
        // A view that never came (a hung page, say) fails this vector only: the next one gets fresh tabs.
        await closeTabs();
        await openTabs();
        throw error;
      }
    },
  );

  test('the reading list shows the hostile titles as text', async () => {
    await popup.goto(`${extensionOrigin}/popup.html`);
    await popup.locator(SETTLED).waitFor();
    await popup.locator('.action-tab-list').dispatchEvent('click');
    await popup.locator('.reading-list .item').first().waitFor();
    const titles = await popup
      .locator('.reading-list .item-title')
      .evaluateAll((links) => links.map((a) => ({ text: a.textContent ?? '', elements: a.children.length })));
    // A page of the list, newest first: the metadata vectors come last in the corpus, so they are on it.
    expect(titles.length).toBeGreaterThanOrEqual(40);
    for (const title of titles) expect(title.elements, title.text).toBe(0);
    const hostile = VECTORS.filter((v) => v.where === 'title').map((v) => payloadOf(v, servers.hosts).trim());
    for (const text of hostile) expect(titles.map((t) => t.text)).toContain(text);
    expect(await popup.evaluate(() => typeof (window as { __pwned?: unknown }).__pwned)).toBe('undefined');
  });
});

describe('Chromium: images the reader chose not to show', () => {
  test('with images turned off, the popup, the in-page view and the offline reader request no image', async () => {
    const vector = VECTORS.find((v) => v.id === 'img-foreign-src')!; // a photo on the page's origin, one on a CDN
    const url = servers.url(vector);
    // Control: with images on (the default), the popup does fetch the article's lead photo.
    await pageTab.goto(url, { waitUntil: 'load' });
    const before = requests.length;
    await popup.goto(`${extensionOrigin}/popup.html`);
    await popup.locator('.reader[data-images="shown"] main[data-state="article"] img').first().waitFor();
    await expect
      .poll(() => requests.slice(before).some((r) => r.from === 'popup' && r.url.endsWith('/lead.svg')))
      .toBe(true);

    await worker.evaluate(() => chrome.storage.sync.set({ readerSettings: { showImages: false } }));
    try {
      armed = false;
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
      await pageTab.goto(url, { waitUntil: 'load' });
      const firstRequest = requests.length;
      await popup.goto(`${extensionOrigin}/popup.html`);
      await popup.locator('.reader[data-images="hidden"] main[data-state="article"]').waitFor();
      await popup.locator('.action-save').dispatchEvent('click');
      await popup.locator('.action-save[aria-pressed="true"]').waitFor();
      const id = await savedId(popup, url);
      await reader.goto(`${extensionOrigin}/reader.html?id=${encodeURIComponent(id!)}`);
      await reader.locator('.reader[data-images="hidden"] main[data-state="article"]').waitFor();
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
      armed = true;
      await openInPageView(url);
      await pageTab.locator('clear-reader-view .reader[data-images="hidden"] main[data-state="article"]').waitFor();
      await settle(pageTab);
      const images = requests
        .slice(firstRequest)
        .filter((r) => r.type === 'image' && (r.from !== 'page' || r.armed) && !r.url.startsWith(extensionOrigin));
      expect(images.map((r) => `${r.from}: ${r.url}`)).toEqual([]);
    } finally {
      await worker.evaluate(() => chrome.storage.sync.remove('readerSettings'));
    }
  });
});

describe('Chromium: the extension pages’ Content Security Policy', () => {
  type Manifest = { manifest_version: number; content_security_policy?: string | { extension_pages?: string } };
  const policyOf = (manifest: Manifest) =>
    typeof manifest.content_security_policy === 'string'
      ? manifest.content_security_policy
      : manifest.content_security_policy?.extension_pages;

  test.each([
    ['shipped Chrome', SHIPPED.chrome],
    ['shipped Firefox', SHIPPED.firefox],
    ['E2E Chrome', E2E_BUILD.chrome],
    ['E2E Firefox', E2E_BUILD.firefox],
  ])('the %s manifest: script-src self, object-src none, nothing unsafe', (_name, dir) => {
    expectStrictPolicy(policyOf(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest));
  });

  test.each(['popup.html', 'reader.html', 'options.html'])(
    '%s: the browser enforces it (inline script and eval refused, the policy as delivered)',
    async (file) => {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/${file}`);
      const outcome = await page.evaluate(
        () =>
          new Promise<{ policy: string | null; inlineRan: boolean; evalRan: boolean; handlerRan: boolean }>(
            (resolve) => {
              const flags = window as unknown as Record<string, unknown>;
              let policy: string | null = null;
              document.addEventListener('securitypolicyviolation', (event) => {
                policy ??= event.originalPolicy;
              });
              const script = document.createElement('script');
              script.textContent = 'window.__inlineRan = true';
              document.head.append(script);
              const img = document.createElement('img');
              img.setAttribute('onerror', 'window.__handlerRan = true');
              img.src = 'data:,not-an-image';
              document.body.append(img);
              // A string timer is eval: run from the page's own task, not from DevTools (whose evaluations may eval).
              // eslint-disable-next-line @typescript-eslint/no-implied-eval
              setTimeout('window.__evalRan = true', 0);
              setTimeout(
                () =>
                  resolve({
                    policy,
                    inlineRan: flags.__inlineRan === true,
                    evalRan: flags.__evalRan === true,
                    handlerRan: flags.__handlerRan === true,
                  }),
                300,
              );
            },
          ),
      );
      expect(outcome).toMatchObject({ inlineRan: false, evalRan: false, handlerRan: false });
      expectStrictPolicy(outcome.policy);
      await page.close();
    },
  );
});
