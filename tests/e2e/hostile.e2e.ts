// The hostile corpus (tests/hostile/) in real Chromium (every vector) and Firefox ESR (a sample: a run there
// costs several times more): every page is opened in the popup, in the in-page clean view, and, saved from the
// popup, in the offline reader page. After each page: no payload ran in any of the three (the sentinel global is
// unset), the rendered article holds nothing that could run or load, the metadata shows as plain text, and no
// request went anywhere but to the article's own images (the sentinel server saw nothing). And the extension
// pages' CSP, as built and as the browsers enforce it, allows no inline or eval'd script.
//
// The article's page itself is hostile, and its own scripts are part of it: that they run in the page is not the
// extension's doing. In Chromium the page loads with script execution turned off (DevTools' Emulation domain,
// which leaves the extension's isolated world alone) and with its requests to the sentinel and CDN hosts answered
// by the test itself (204). Script stays off while the popup reads the page and saves it. Then the page is
// "armed": script is turned back on (a probe handler checks that it runs), its sentinel global is known to be
// unset, its requests go through to the servers, and the in-page view opens (the offline reader opens meanwhile,
// in its own tab). The view lives in the page's own DOM, where an event handler that survived sanitizing would run
// in the page's main world: turning script back on first is what lets such a leak show. WebDriver BiDi cannot
// turn a page's scripts off, so in Firefox the pages come under a CSP of their own (QUIET_CSP, hostile-server.ts)
// that keeps their payloads from running or loading anything; there, what the in-page view rendered is checked
// in its DOM, and pages whose own <meta http-equiv="refresh"> would navigate the tab (no CSP stops that) are left
// to Chromium. The page's tab stays the active one throughout, so that focus never moves in the page (which would
// run the page's own focus handlers: its business, not ours). The popup and the offline reader are extension
// pages, watched from the start; their CSP would also stop an inline handler, so there the check of the rendered
// DOM is what counts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DRIVERS, within, type Driver, type DriverEntry } from '../support/driver/index.ts';
import { CSP_PROBE, SETTLE_MARKER_PATH, expectStrictPolicy, type CspOutcome } from '../support/hostile-checks.ts';
import { SETTLED } from './expectations.ts';
import { startHostileServers, type HostileServers } from './hostile-server.ts';
import { E2E_BUILD, SHIPPED } from './paths.ts';
import { HostileRun } from './scenarios/hostile-visit.ts';
import { inView } from './scenarios/session.ts';
import { payloadOf } from '../hostile/page.ts';
import { VECTORS, type Vector } from '../hostile/vectors.ts';

/** Firefox's sample: vectors that broke sanitizers or browsers before, then the first of every other category. */
const FIREFOX_FIRST = [
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
const refreshes = (vector: Vector) => /http-equiv=["']?refresh/i.test(vector.payload);

function firefoxSample(): Vector[] {
  const sample = FIREFOX_FIRST.map((id) => VECTORS.find((vector) => vector.id === id)!);
  for (const vector of VECTORS) {
    if (refreshes(vector) || sample.some((taken) => taken.category === vector.category)) continue;
    sample.push(vector);
  }
  return sample;
}

const VECTORS_BY_BROWSER: Record<DriverEntry['name'], readonly Vector[]> = {
  chromium: VECTORS,
  firefox: firefoxSample(),
};

describe.each(DRIVERS)('$name: the hostile corpus', (entry) => {
  const vectors = VECTORS_BY_BROWSER[entry.name];
  let servers: HostileServers;
  let driver: Driver;
  let run: HostileRun;

  beforeAll(async () => {
    servers = await startHostileServers();
    driver = await entry.launch();
    run = new HostileRun(driver, servers);
    await run.openTabs();
  });

  afterAll(async () => {
    await driver?.close();
    await servers?.close();
  });

  test.each(vectors.map((vector) => [vector.id, vector] as const))(
    '%s: popup, in-page view and offline reader run nothing and load nothing foreign',
    async (_id, vector) => {
      try {
        await run.visit(vector);
      } catch (error) {
        // A view that never came (a hung page, say) fails this vector only: the next one gets fresh tabs.
        await run.closeTabs();
        await run.openTabs();
        throw error;
      }
    },
  );

  test('the reading list shows the hostile titles as text', async () => {
    const { popup } = run.tabs;
    await driver.openExtensionPage('popup.html', popup);
    await popup.waitFor(SETTLED);
    await popup.evaluate(() => document.querySelector<HTMLButtonElement>('.action-tab-list')?.click(), null);
    await popup.waitFor('.reading-list .item');
    const titles = await popup.evaluate(
      () =>
        Array.from(document.querySelectorAll('.reading-list .item-title'), (a) => ({
          text: a.textContent ?? '',
          elements: a.children.length,
        })),
      null,
    );
    // A page of the list, newest first: the metadata vectors come last in the corpus and the sample, so they are
    // on it.
    expect(titles.length).toBeGreaterThanOrEqual(Math.min(40, vectors.length));
    for (const title of titles) expect(title.elements, title.text).toBe(0);
    const hostile = vectors.filter((v) => v.where === 'title').map((v) => payloadOf(v, servers.hosts).trim());
    expect(hostile.length).toBeGreaterThan(0);
    for (const text of hostile) expect(titles.map((t) => t.text)).toContain(text);
    expect(await popup.evaluateExpression('typeof window.__pwned')).toBe('undefined');
  });

  test('with images turned off, the popup, the in-page view and the offline reader request no image', async () => {
    const vector = VECTORS.find((v) => v.id === 'img-foreign-src')!; // a photo on the page's origin, one on a CDN
    const { page, popup, reader } = run.tabs;
    const url = run.urlOf(vector);
    // Counted where they arrive, whichever tab or browser asked (Firefox does not report an extension page's
    // requests).
    const photosSince = (first: number) =>
      servers.hits
        .slice(first)
        .filter((hit) => hit.host !== 'sentinel' && hit.path.startsWith('/img/'))
        .filter((hit) => !hit.path.startsWith(SETTLE_MARKER_PATH))
        .map((hit) => `${hit.host}: ${hit.path} (referer: ${hit.headers.referer ?? 'none'})`);

    // First, images off. (Before the control below, not after: Firefox revalidates, even for a hidden lazy image,
    // a photo an extension page showed moments before, and the check is of what the setting itself does.)
    await driver.inExtension(({ api }) => api.storage.sync.set({ readerSettings: { showImages: false } }), null);
    try {
      await run.loadQuietly(vector);
      const firstRequest = run.requests.length;
      const firstHit = servers.hits.length;
      await driver.openExtensionPage('popup.html', popup);
      await popup.waitFor('.reader[data-images="hidden"] main[data-state="article"]');
      const id = await run.saveFromPopup(url);
      await driver.openExtensionPage(`reader.html?id=${encodeURIComponent(id)}`, reader);
      await reader.waitFor('.reader[data-images="hidden"] main[data-state="article"]');
      // Each extension page in front for a moment, where the browser would load what it may.
      for (const view of ['popup', 'reader'] as const) {
        await run.tabs[view].bringToFront();
        await run.settle([view]);
      }
      await page.bringToFront();
      await run.arm();
      await driver.command('toggle-reader-view', url);
      await page.waitFor(inView('.reader[data-images="hidden"] main[data-state="article"]'));
      await run.settle(['page']);
      expect(photosSince(firstHit)).toEqual([]);
      const images = run.requests
        .slice(firstRequest)
        .filter((r) => r.type === 'image' && (r.from !== 'page' || r.armed) && !r.url.startsWith(driver.origin))
        .filter((r) => !r.url.includes(SETTLE_MARKER_PATH));
      expect(images.map((r) => `${r.from}: ${r.url}`)).toEqual([]);
    } finally {
      await driver.inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
    }

    // Control: with images on (the default), the same popup does fetch the article's lead photo.
    await page.goto(url);
    const beforeControl = servers.hits.length;
    await driver.openExtensionPage('popup.html', popup);
    await popup.waitFor('.reader[data-images="shown"] main[data-state="article"] img');
    await popup.bringToFront(); // Firefox loads no lazy image in a background tab
    await expect.poll(() => photosSince(beforeControl).some((hit) => hit.includes('/lead.svg '))).toBe(true);
    await page.bringToFront();
  });

  test.each(['popup.html', 'reader.html', 'options.html'])(
    '%s: the browser enforces the CSP (inline script, handlers and eval refused, the policy as delivered)',
    async (file) => {
      const tab = await driver.openExtensionPage(file);
      const outcome = await within(tab.evaluateExpression<CspOutcome>(CSP_PROBE), 10_000, 'a CSP violation');
      expect(outcome).toMatchObject({ inlineRan: false, evalRan: false, handlerRan: false });
      expectStrictPolicy(outcome.policy);
      await tab.close();
    },
  );
});

describe('the extension pages’ Content Security Policy, as built', () => {
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
});
