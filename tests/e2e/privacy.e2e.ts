// Zero network from the extension: real Chromium with the extension, sync off (no WebDAV server set), every
// feature used once (the popup's article and summary, the in-page view, settings, saving from the popup and by
// shortcut, the reading list and its search, the offline reader, the options page's import and export), while
// every request the browser makes goes through a recording proxy, loopback included. The only requests allowed
// are the test pages' own: their HTML, what they load themselves, and their article images the clean view shows.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SEED_PARAGRAPHS, SETTLED, enMessage } from './expectations.ts';
import { ROOT } from './paths.ts';
import { launchChromium } from './chromium-launch.ts';
import { PATHS, startServer, type TestServer } from './server.ts';

declare const chrome: { tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> } };

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
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  // HTTPS (and WebSocket) through a proxy starts with CONNECT: record it, never tunnel.
  proxy.on('connect', (req, socket) => {
    log.push({ method: 'CONNECT', url: req.url ?? '' });
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

let server: TestServer;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let context: BrowserContext;
let profile: string;
let worker: Worker;
let base: string;
let pageTab: Page;

beforeAll(async () => {
  server = await startServer();
  proxy = await startRecordingProxy(new URL(server.origin).host);
  profile = mkdtempSync(join(tmpdir(), 'clear-reader-privacy-'));
  ({ context, worker, base } = await launchChromium(profile, [
    `--proxy-server=http://127.0.0.1:${proxy.port}`,
    '--proxy-bypass-list=<-loopback>', // loopback through the proxy too: nothing goes unrecorded
    // More of the browser's own background traffic (not the extension's) off, so that the log is the extension's.
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--no-pings',
    '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication',
  ]));
  pageTab = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await proxy?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function command(url: string, name: string): Promise<void> {
  await worker.evaluate(
    async ({ url, name }) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
      if (!tab) throw new Error(`no tab shows ${url}`);
      const hook = (globalThis as unknown as { clearReader: { handleCommand(c: string, t: unknown): Promise<void> } })
        .clearReader;
      await hook.handleCommand(name, tab);
    },
    { url, name },
  );
}

async function openPopupOn(url: string): Promise<Page> {
  const popup = await context.newPage();
  await pageTab.bringToFront();
  await pageTab.goto(url);
  await popup.goto(`${base}/popup.html`);
  await popup.locator(SETTLED).waitFor();
  return popup;
}

describe('Chromium, sync off: the extension makes no request of its own', () => {
  test('every feature used once; the only requests are the test page and what it loads itself', async () => {
    const article = server.url(PATHS.article);
    const english = server.url(PATHS.english);
    const pageLoads = new Set<string>();
    // What the pages load by themselves, recorded with the extension's work left out (nothing runs before).
    for (const url of [article, english, server.url(PATHS.notArticle)]) {
      const before = proxy.log.length;
      await pageTab.goto(url, { waitUntil: 'networkidle' });
      for (const r of proxy.log.slice(before)) pageLoads.add(r.url);
    }
    expect(pageLoads.size).toBeGreaterThan(3); // the proxy really sees the page and its images
    const mark = proxy.log.length;

    // Popup: article, summary, settings.
    let popup = await openPopupOn(article);
    await popup.locator('main[data-state="article"]').waitFor();
    expect(await popup.locator('.content p').first().innerText()).toContain(SEED_PARAGRAPHS[0]!);
    await popup.locator('.key-points li').first().waitFor();
    await popup.bringToFront();
    await popup.getByRole('button', { name: enMessage('settings') }).click();
    await popup.getByRole('radio', { name: enMessage('themeDark') }).check();
    // Save it, then open the list, search it and read the offline copy.
    await popup.getByRole('button', { name: enMessage('saveForLater') }).click();
    await popup.getByRole('button', { name: enMessage('savedForLater') }).waitFor();
    await popup.getByRole('button', { name: enMessage('tabReadingList') }).click();
    const item = popup.locator('.reading-list .item').first();
    await item.waitFor();
    await popup.getByRole('searchbox').fill('hammouchi');
    await item.waitFor();
    const [reader] = await Promise.all([context.waitForEvent('page'), item.locator('.item-title').click()]);
    await reader.locator('main[data-state="article"]').waitFor();
    await reader.mouse.wheel(0, 800);
    await reader.waitForTimeout(1_500); // reading progress is reported
    await reader.close();
    await popup.close();

    // The in-page view and the save shortcut, on the English article.
    await pageTab.bringToFront();
    await pageTab.goto(english);
    await command(english, 'toggle-reader-view');
    await pageTab.locator('clear-reader-view main[data-state="article"]').waitFor();
    await pageTab.keyboard.press('Escape');
    await command(english, 'save-for-later');
    popup = await openPopupOn(server.url(PATHS.notArticle));
    await popup.bringToFront();
    await popup.getByRole('button', { name: enMessage('tabReadingList') }).click();
    await popup.locator('.reading-list .item').nth(1).waitFor();
    await popup.close();

    // The options page: import, export.
    const options = await context.newPage();
    await options.goto(`${base}/options.html`);
    await options.locator('input[type="file"]').setInputFiles(join(ROOT, 'tests/fixtures-transfer/instapaper.csv'));
    await options.locator('.import-go').click();
    await options.locator('.import-done').waitFor();
    await Promise.all([options.waitForEvent('download'), options.locator('.export-json').click()]);
    await Promise.all([options.waitForEvent('download'), options.locator('.export-zip').click()]);
    await options.close();
    await pageTab.waitForTimeout(1_000); // anything the background would still send

    const after = proxy.log.slice(mark);
    expect(after.length).toBeGreaterThan(0); // the pages were loaded again through the proxy
    // Allowed besides: the articles' own images, which the clean view shows (lazy ones the page had not loaded).
    const images = new Set<string>();
    for (const url of [article, english]) {
      const html = await (await fetch(url)).text();
      for (const [, src] of html.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/g)) images.add(new URL(src!, url).href);
    }
    const unexpected = after.filter((r) => !pageLoads.has(r.url) && !(r.method === 'GET' && images.has(r.url)));
    expect(unexpected).toEqual([]);
  });
});
