// Firefox's build of extractTab (platform/extract-tab.ts): the probe brings back the page's snapshot and the
// engine runs in the extension (the background page, else the calling page), never the script in the page. The
// module is loaded again with `import.meta.env.FIREFOX` set, as in that build; jsdom stands in for DOMParser.
import { JSDOM } from 'jsdom';
import { type MockInstance, afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as FakeBrowserModule from 'wxt/testing/fake-browser';
import type { PageSnapshot } from '../../../core/reader/index.ts';
import type * as ExtractTab from '../../../platform/extract-tab.ts';
import type * as Messaging from '../../../platform/messaging.ts';
import { WARM_UP_SNAPSHOT } from '../../../platform/extract-snapshot.ts';

type ExtractTabModule = typeof ExtractTab;
type MessagingModule = typeof Messaging;
type FakeBrowser = typeof FakeBrowserModule.fakeBrowser;

let extractTab: ExtractTabModule['extractTab'];
let serveSnapshotExtraction: ExtractTabModule['serveSnapshotExtraction'];
let onMessage: MessagingModule['onMessage'];
let fakeBrowser: FakeBrowser;

beforeAll(async () => {
  const { window } = new JSDOM('', { url: 'moz-extension://0b1c/popup.html' });
  vi.stubGlobal('window', window);
  vi.stubGlobal('DOMParser', window.DOMParser);
  vi.stubGlobal('requestIdleCallback', () => 0); // no warm-up here
  vi.stubEnv('FIREFOX', 'true');
  vi.resetModules();
  ({ extractTab, serveSnapshotExtraction } = await import('../../../platform/extract-tab.ts'));
  ({ onMessage } = await import('../../../platform/messaging.ts'));
  ({ fakeBrowser } = await import('wxt/testing/fake-browser'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("extractTab in Firefox's build", () => {
  const calls: { args?: unknown[]; files?: string[] }[] = [];
  /** The tab answers the probe with `probeResult` and the extraction script with an article titled "in the page". */
  const tabAnswers = (probeResult: unknown) => {
    calls.length = 0;
    (vi.spyOn(fakeBrowser.scripting, 'executeScript') as unknown as MockInstance<(i: unknown) => Promise<unknown>>)
      .mockReset()
      .mockImplementation((injection) => {
        const call = injection as { args?: unknown[]; files?: string[] };
        calls.push(call);
        const article = { title: 'in the page', contentHtml: '<p>x</p>', text: 'x', lang: 'en', removed: [] };
        return Promise.resolve([{ frameId: 0, result: call.files ? { ok: true, article } : probeResult }]);
      });
  };
  const snapshot: PageSnapshot = {
    ...WARM_UP_SNAPSHOT,
    url: 'https://news.example/a',
    baseUrl: 'https://news.example/a',
  };
  const probed = (page: unknown) => ({ readyState: 'complete', partial: false, snapshot: page });

  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ status: 'complete' } as never);
  });

  it('asks the probe for the snapshot and runs the engine here when the background does not answer', async () => {
    tabAnswers(probed(snapshot));
    const result = await extractTab(3, { keepCaptions: true }, 'https://news.example/a');
    expect(result).toMatchObject({ ok: true, article: { title: 'Library hours extended' } });
    expect(calls).toHaveLength(1); // no script in the page
    expect(calls[0]?.args?.[2]).toBe(true);
  });

  it('hands the snapshot to the background page when it answers', async () => {
    tabAnswers(probed(snapshot));
    const asked: unknown[] = [];
    const stop = onMessage('extractSnapshot', ({ data }) => {
      asked.push(data);
      return { ok: false, reason: 'not-article', message: 'from the background' };
    });
    try {
      const result = await extractTab(3, { force: false }, 'https://news.example/a');
      expect(result).toEqual({ ok: false, reason: 'not-article', message: 'from the background' });
      // The site rules: the background's own, for the tab's address.
      expect(asked).toEqual([
        { snapshot, options: { force: false, partial: false }, rulesOf: 'https://news.example/a' },
      ]);
    } finally {
      stop();
    }
  });

  it('a page still loading is "loading" unless its parser is past the article', async () => {
    const loading = { ...snapshot, readyState: 'loading' };
    tabAnswers({ ...probed(loading), readyState: 'loading' });
    await expect(extractTab(3, {}, 'https://news.example/a')).resolves.toMatchObject({ reason: 'loading' });
    tabAnswers({ ...probed(loading), readyState: 'loading', partial: true });
    await expect(extractTab(3, {}, 'https://news.example/a')).resolves.toMatchObject({ ok: true });
  });

  it('XHTML, other documents and malformed snapshots go to the extraction script in the page', async () => {
    for (const answer of ['complete', probed({ ...snapshot, html: 42 }), probed({ ...snapshot, quirks: 'no' })]) {
      tabAnswers(answer);
      await expect(extractTab(3, {}, 'https://news.example/a')).resolves.toMatchObject({
        article: { title: 'in the page' },
      });
      expect(calls.map((c) => c.files?.[0] ?? 'probe')).toEqual(['probe', '/extract.js']);
    }
  });

  it('a snapshot as deep as the parser nests goes to the extraction script, which sees how deep the page is', async () => {
    // 600 nested divs in the markup: over the 511 levels the engine takes from a snapshot.
    const deep = { ...snapshot, html: `<html><body>${'<div>'.repeat(600)}Deep${'</div>'.repeat(600)}</body></html>` };
    tabAnswers(probed(deep));
    await expect(extractTab(3, { force: true }, 'https://news.example/a')).resolves.toMatchObject({
      article: { title: 'in the page' },
    });
    expect(calls.map((c) => c.files?.[0] ?? 'probe')).toEqual(['probe', '/extract.js']);
  });

  it('in the background page itself, the engine runs there', async () => {
    serveSnapshotExtraction();
    tabAnswers(probed(snapshot));
    await expect(extractTab(3, {}, 'https://news.example/a')).resolves.toMatchObject({ ok: true });
    expect(calls).toHaveLength(1);
  });
});
