// Zero network from the extension: real Chromium and Firefox ESR with the extension, sync off (no WebDAV server set), every
// feature used once (the popup's article and summary, the in-page view and its Hide a block, settings, saving from the popup and by
// shortcut, the reading list and its search, the offline reader, the options page's import and export), while
// every request the browser makes goes through a recording proxy, loopback included. The only requests allowed
// are the test pages' own: their HTML, what they load themselves, and their article images the clean view shows.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DRIVERS, type Driver } from '../support/driver/index.ts';
import { SEED_PARAGRAPHS, enMessage } from './expectations.ts';
import { ROOT } from './paths.ts';
import { inView, openPopupOn } from './scenarios/session.ts';
import { PATHS, startServer, type TestServer } from './server.ts';

interface Recorded {
  method: string;
  url: string;
}

/** An HTTP proxy that records every request; it forwards to the test server only and refuses the rest. */
async function startRecordingProxy(
  allowedHost: string,
): Promise<{ port: number; log: Recorded[]; close(): Promise<void> }> {
  const log: Recorded[] = [];
  const proxy: Server = createServer((req, res) => {
    const url = req.url ?? '';
    log.push({ method: req.method ?? '', url });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (target.host !== allowedHost) {
      res.writeHead(502).end('refused by the test proxy');
      return;
    }
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('error', () => res.destroy());
        answer.pipe(res);
      },
    );
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
  // HTTPS (and WebSocket) through a proxy starts with CONNECT: record it, never tunnel.
  proxy.on('connect', (req, socket) => {
    log.push({ method: 'CONNECT', url: req.url ?? '' });
    // Out of the HTTP server's hands now: a browser that drops it (ECONNRESET) must not crash the run.
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 502 Refused\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

/** The end of a run: a request the test makes after every feature, through the same proxy. */
const END_MARKER = '/__end-of-run__';

describe.each(DRIVERS)('$name, sync off: the extension makes no request of its own', (entry) => {
  let server: TestServer;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let driver: Driver;

  beforeAll(async () => {
    server = await startServer();
    proxy = await startRecordingProxy(new URL(server.origin).host);
    driver = await entry.launch({ proxy: { port: proxy.port } });
  });

  afterAll(async () => {
    await driver?.close();
    await proxy?.close();
    await server?.close();
  });

  test('every feature used once; the only requests are the test page and what it loads itself', async () => {
    const { pageTab } = driver;
    const article = server.url(PATHS.article);
    const english = server.url(PATHS.english);
    const pageLoads = new Set<string>();
    // What the pages load by themselves, recorded with the extension's work left out (nothing runs before).
    for (const url of [article, english, server.url(PATHS.notArticle)]) {
      const before = proxy.log.length;
      await pageTab.goto(url, { idle: true });
      for (const r of proxy.log.slice(before)) pageLoads.add(r.url);
    }
    expect(pageLoads.size).toBeGreaterThan(3); // the proxy really sees the page and its images
    const mark = proxy.log.length;

    // Popup: article, summary, settings.
    let popup = await openPopupOn(driver, article);
    await popup.waitFor('main[data-state="article"]');
    expect(await popup.text('.content p')).toContain(SEED_PARAGRAPHS[0]!);
    await popup.waitFor('.key-points li');
    await popup.bringToFront();
    await popup.click(`role=button[name="${enMessage('settings')}"]`);
    await popup.click(`role=radio[name="${enMessage('themeDark')}"]`);
    // Save it, then open the list, search it and read the offline copy.
    await popup.click(`role=button[name="${enMessage('saveForLater')}"]`);
    await popup.waitFor(`role=button[name="${enMessage('savedForLater')}"]`);
    await popup.click(`role=button[name="${enMessage('tabReadingList')}"]`);
    await popup.waitFor('.reading-list .item');
    await popup.fill('input.search', 'hammouchi');
    await popup.waitFor('.reading-list .item');
    const reader = await driver.nextTab(() => popup.click('.reading-list .item .item-title'));
    await reader.waitFor('main[data-state="article"]');
    await reader.wheel(800);
    // The reading progress is reported: the popup's list, which follows the list's changes, shows it.
    const progress = `^${enMessage('progress').replace('$PERCENT$', '\\d+%')}$`; // "40% read"
    await popup.waitUntil(
      (pattern) =>
        Array.from(document.querySelectorAll('.reading-list .item .item-meta span'), (span) => span.textContent).some(
          (text) => new RegExp(pattern).test(text ?? ''),
        ),
      progress,
    );
    await reader.close();
    await popup.close();

    // The in-page view and the save shortcut, on the English article.
    await pageTab.bringToFront();
    await pageTab.goto(english);
    await driver.command('toggle-reader-view', english);
    await pageTab.waitFor(inView('main[data-state="article"]'));
    // Hide a block (its code loaded on demand): the last block, on every page of the site (a learned rule).
    await pageTab.press('x');
    await pageTab.waitFor(inView('[data-pick-current]'));
    await pageTab.press('End');
    await pageTab.press('Enter');
    await pageTab.waitFor(inView('.pick-site'));
    await pageTab.press('Tab');
    await pageTab.press('Enter');
    await pageTab.waitFor(inView('.pick-bar'), { state: 'detached' });
    await pageTab.press('Escape');
    await driver.command('save-for-later', english);
    popup = await openPopupOn(driver, server.url(PATHS.notArticle));
    await popup.bringToFront();
    await popup.click(`role=button[name="${enMessage('tabReadingList')}"]`);
    await popup.waitUntil(() => document.querySelectorAll('.reading-list .item').length >= 2, null);
    await popup.close();

    // The options page: import, export.
    const options = await driver.openExtensionPage('options.html');
    await options.bringToFront();
    await options.chooseFile('input[type="file"]', join(ROOT, 'tests/fixtures-transfer/instapaper.csv'));
    await options.click('.import-go');
    await options.waitFor('.import-done');
    await options.download('.export-json');
    await options.download('.export-zip');
    await options.close();
    // Every feature has had its answer; one more request, after all of them, marks the end of the run.
    await driver.inExtension(() => true, null);
    await pageTab.goto(server.url(END_MARKER));
    const end = proxy.log.findIndex((r, i) => i >= mark && r.url.endsWith(END_MARKER));
    expect(end).toBeGreaterThan(mark);

    const after = proxy.log.slice(mark, end);
    expect(after.length).toBeGreaterThan(0); // the pages were loaded again through the proxy
    // Allowed besides: the articles' own images, which the clean view shows (lazy ones the page had not loaded).
    const images = new Set<string>();
    for (const url of [article, english]) {
      const html = await (await fetch(url)).text();
      for (const [, src] of html.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/g)) images.add(new URL(src!, url).href);
    }
    const unexpected = after.filter((r) => !pageLoads.has(r.url) && !(r.method === 'GET' && images.has(r.url)));
    expect(unexpected).toEqual([]);
    // Nor after the end: nothing arrived late.
    expect(proxy.log.slice(end + 1).filter((r) => !pageLoads.has(r.url))).toEqual([]);
  });
});
