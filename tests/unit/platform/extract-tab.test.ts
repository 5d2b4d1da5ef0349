import { type MockInstance, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  EXTRACT_SCRIPT_FILE,
  EXTRACT_TRACED_FILE,
  PROBE_TIMEOUT_MS,
  classifyInjectionError,
  classifyUrl,
  extractTab,
} from '../../../platform/extract-tab.ts';
import { extractArticle, extractPageArticle, type PageExtractResult } from '../../../core/reader/index.ts';
import { articlePage, page } from '../../support/dom.ts';

describe('classifyUrl', () => {
  it.each([
    'chrome://settings/',
    'about:addons',
    'view-source:https://news.example/',
    'chrome-extension://abc/popup.html',
    'https://chromewebstore.google.com/detail/x',
    'https://chrome.google.com/webstore/detail/x',
    'https://addons.mozilla.org/fr/firefox/',
  ])('refuses %s before trying', (url) => {
    expect(classifyUrl(url)).toMatchObject({ ok: false, reason: 'restricted' });
  });

  it.each(['https://news.example/a', 'http://127.0.0.1:8080/x', 'file:///home/me/page.html', undefined])(
    'lets %s through',
    (url) => expect(classifyUrl(url)).toBeNull(),
  );
});

describe('classifyInjectionError', () => {
  it('says a PDF is not a web page', () => {
    expect(classifyInjectionError(new Error('Cannot access contents of url'), 'https://x.example/a.pdf')).toMatchObject(
      {
        reason: 'not-html',
      },
    );
  });

  it('recognises both browsers’ wording for pages extensions may not script', () => {
    expect(classifyInjectionError(new Error('Cannot access a chrome:// URL'), undefined).reason).toBe('restricted');
    expect(classifyInjectionError(new Error('Missing host permission for the tab'), undefined).reason).toBe(
      'restricted',
    );
    expect(classifyInjectionError(new Error('Frame with ID 0 was removed.'), undefined).reason).toBe('error');
  });
});

describe('extractTab', () => {
  // executeScript's overloads include a callback form returning void; the promise form is the one used.
  const executeScript = () =>
    vi.spyOn(fakeBrowser.scripting, 'executeScript') as unknown as MockInstance<
      (injection: unknown) => Promise<unknown>
    >;
  beforeEach(() => fakeBrowser.reset());

  // What the extraction script returns from the page, and what extractTab gives: with the figures it adds.
  const fromPage = { title: 'T', contentHtml: '<p>x</p>', text: 'x', lang: 'en', removed: [] };
  const article = { ...fromPage, wordCount: 1, readingTimeMinutes: 1 };

  it('passes the options, runs the content script and returns its result', async () => {
    const calls: unknown[] = [];
    executeScript().mockImplementation((injection: unknown) => {
      calls.push(injection);
      const files = (injection as { files?: string[] }).files;
      const result = files ? { ok: true, article: fromPage } : null;
      return Promise.resolve([{ frameId: 0, result }]);
    });
    await expect(extractTab(7, { force: true }, 'https://news.example/a')).resolves.toEqual({ ok: true, article });
    expect(calls[0]).toMatchObject({
      target: { tabId: 7 },
      // false: no snapshot of the page (Chromium's build; Firefox's reads the page's markup, see extract-snapshot.ts)
      args: [expect.any(String), { force: true, keepCaptions: false, partial: false }, false],
      injectImmediately: true,
    });
    expect(calls[1]).toMatchObject({ target: { tabId: 7 }, files: [EXTRACT_SCRIPT_FILE] });
  });

  it.each([
    ['declares its language', { lang: 'fr' }, 'fr'],
    ['declares none (the language is guessed from the text)', { lang: '' }, 'en'],
  ])(
    'gives the engine’s article when the page %s: the script’s, with the figures it leaves out',
    async (_, o, lang) => {
      const url = 'https://news.example/2024/article.html';
      const html = articlePage('<p>Read more: 5 min</p>', { paragraphs: 6 }).replace(' lang="en"', ` lang="${o.lang}"`);
      // What the extraction script returns: plain JSON, as it crosses from the page.
      const fromScript = JSON.parse(JSON.stringify(extractPageArticle(page(html, url), url))) as PageExtractResult;
      expect(fromScript).toMatchObject({ ok: true, article: { lang: o.lang } });
      expect(fromScript.ok && fromScript.article).not.toHaveProperty('wordCount');
      executeScript().mockImplementation((injection: unknown) => {
        const files = (injection as { files?: string[] }).files;
        return Promise.resolve([{ frameId: 0, result: files ? fromScript : 'complete' }]);
      });
      const engine = extractArticle(page(html, url), url);
      expect(engine).toMatchObject({ ok: true, article: { lang, wordCount: expect.any(Number) as number } });
      await expect(extractTab(7, {}, url)).resolves.toEqual(engine);
    },
  );

  it('hands the page its site’s rules only, and runs the traced script when provenance is asked', async () => {
    const { addSiteRule } = await import('../../../platform/site-rule-store.ts');
    const mine = { id: 'site:a', site: 'news.example', created: '', selector: 'div.promo', stage: 'page' as const };
    await addSiteRule(mine);
    await addSiteRule({ ...mine, id: 'site:b', site: 'other.example' });
    const calls: unknown[] = [];
    executeScript().mockImplementation((injection: unknown) => {
      calls.push(injection);
      const files = (injection as { files?: string[] }).files;
      const result = files ? { ok: true, article: fromPage } : null;
      return Promise.resolve([{ frameId: 0, result }]);
    });
    await extractTab(7, { provenance: true }, 'https://www.news.example/a');
    // The rules load while the probe runs, and join the options it left in the page before the script reads them.
    expect(calls[0]).toMatchObject({
      args: [expect.any(String), { force: false, keepCaptions: false, partial: false }, false],
    });
    expect(calls[1]).toMatchObject({ args: [expect.any(String), [mine]], injectImmediately: true });
    expect(calls[2]).toMatchObject({ files: [EXTRACT_TRACED_FILE] });
    await extractTab(7, {}, 'https://elsewhere.example/a');
    expect((calls[3] as { args: unknown[] }).args[1]).toEqual({ force: false, keepCaptions: false, partial: false });
    expect(calls[4]).toMatchObject({ files: [EXTRACT_SCRIPT_FILE] });
    expect(calls).toHaveLength(5);
  });

  it('two extractions of one tab at once each run with their own options (they share the page’s global)', async () => {
    const world: Record<string, unknown> = {};
    executeScript().mockImplementation((injection: unknown) => {
      const { args, files } = injection as { args?: unknown[]; files?: string[] };
      // Answers arrive later than asked, as from a real page: the second probe could come before the first file.
      const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));
      // The probe sets the options; the site rules (left by an earlier test's store) join them.
      if (args?.length === 3) {
        world.options = args[1];
        return later([{ frameId: 0, result: 'complete' }]);
      }
      if (args) return later([{ frameId: 0, result: null }]);
      const seen = world.options as { keepCaptions: boolean } | undefined;
      delete world.options;
      return later(
        files ? [{ frameId: 0, result: { ok: true, article: { ...fromPage, title: `${seen?.keepCaptions}` } } }] : [],
      );
    });
    const url = 'https://news.example/a';
    const [without, withCaptions] = await Promise.all([
      extractTab(7, { keepCaptions: false }, url),
      extractTab(7, { keepCaptions: true }, url),
    ]);
    expect(without).toMatchObject({ ok: true, article: { title: 'false' } });
    expect(withCaptions).toMatchObject({ ok: true, article: { title: 'true' } });
  });

  it('never throws: a refused injection becomes a typed failure', async () => {
    executeScript().mockRejectedValue(new Error('Cannot access contents of the page'));
    await expect(extractTab(1, {}, 'https://news.example/a')).resolves.toMatchObject({
      ok: false,
      reason: 'restricted',
    });
  });

  it('does not trust a malformed answer from the page', async () => {
    executeScript().mockResolvedValue([{ frameId: 0, result: { ok: true, article: 42 } }]);
    await expect(extractTab(1)).resolves.toMatchObject({ ok: false, reason: 'error' });
  });

  describe('a page that does not answer', () => {
    const tabsGet = (tab: object) =>
      (vi.spyOn(fakeBrowser.tabs, 'get') as unknown as MockInstance<() => Promise<unknown>>).mockResolvedValue(tab);

    it('a document that never runs the first injection: "not responding", after the probe’s timeout only', async () => {
      vi.useFakeTimers();
      try {
        tabsGet({ id: 1, status: 'complete' });
        const spy = executeScript().mockReturnValue(new Promise(() => undefined));
        const result = extractTab(1, {}, 'https://news.example/a');
        await vi.advanceTimersByTimeAsync(PROBE_TIMEOUT_MS);
        await expect(result).resolves.toMatchObject({ ok: false, reason: 'unresponsive' });
        expect(spy).toHaveBeenCalledTimes(1); // the content script itself never went in
        expect(spy.mock.calls[0]?.[0]).toMatchObject({ injectImmediately: true });
      } finally {
        vi.useRealTimers();
      }
    });

    it.each([
      { browser: 'Chrome', tab: { status: 'loading', pendingUrl: 'https://news.example/b' }, readyState: 'loading' },
      { browser: 'Firefox', tab: { status: 'loading' }, readyState: 'complete' },
    ])('a tab still waiting for the site ($browser): "not sent yet", within the probe’s time', async (c) => {
      vi.useFakeTimers();
      try {
        tabsGet({ id: 1, ...c.tab });
        const spy = executeScript().mockResolvedValue([{ frameId: 0, result: c.readyState }]);
        const result = extractTab(1, {}, 'https://news.example/a');
        await vi.advanceTimersByTimeAsync(PROBE_TIMEOUT_MS);
        await expect(result).resolves.toMatchObject({ ok: false, reason: 'no-response' });
        expect(spy.mock.calls.every(([injection]) => !(injection as { files?: unknown }).files)).toBe(true);
      } finally {
        vi.useRealTimers();
      }
    });

    it('a tab waiting for the site whose last probe runs out of time (a busy machine): still "not sent yet"', async () => {
      vi.useFakeTimers();
      try {
        tabsGet({ id: 1, status: 'loading' });
        const spy = executeScript()
          .mockResolvedValueOnce([{ frameId: 0, result: 'complete' }])
          .mockReturnValue(new Promise(() => undefined));
        const result = extractTab(1, {}, 'https://news.example/a');
        await vi.advanceTimersByTimeAsync(PROBE_TIMEOUT_MS);
        await expect(result).resolves.toMatchObject({ ok: false, reason: 'no-response' });
        expect(spy).toHaveBeenCalledTimes(2);
      } finally {
        vi.useRealTimers();
      }
    });

    it('a page that arrives while the popup waits is read', async () => {
      const get = tabsGet({ id: 1, status: 'loading', pendingUrl: 'https://news.example/b' });
      executeScript().mockImplementation((injection: unknown) => {
        const files = (injection as { files?: string[] }).files;
        get.mockResolvedValue({ id: 1, status: 'loading' });
        return Promise.resolve([{ frameId: 0, result: files ? { ok: true, article: fromPage } : 'loading' }]);
      });
      await expect(extractTab(1, {}, 'https://news.example/b')).resolves.toEqual({ ok: true, article });
    });
  });

  it('does not inject into a restricted page at all', async () => {
    const spy = executeScript();
    await expect(extractTab(1, {}, 'chrome://extensions/')).resolves.toMatchObject({ reason: 'restricted' });
    expect(spy).not.toHaveBeenCalled();
  });
});
