// @vitest-environment jsdom
// The popup's first script (entrypoints/popup-early.ts): it draws the loading screen and the tab's title before the
// popup's bundle runs, and the bundle's first render (ReaderShell + ArticleView's loading state) takes that markup
// over as it stands: the same elements, nothing drawn twice, nothing left behind.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { type MockInstance, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArticleView } from '../../../components/ArticleView.tsx';
import { ReaderShell } from '../../../components/ReaderShell.tsx';
import { POPUP_MARKS } from '../../../contracts/page.ts';
import { DEFAULT_SETTINGS, type ReaderSettings } from '../../../core/reader/index.ts';
import { rememberSettings } from '../../../platform/settings-mirror.ts';
import { t } from '../../support/translate.ts';

const TITLE = 'Le Maroc et l’Espagne renforcent leur coopération';

/** A tab query answered when the test says so. */
function fakeBrowser() {
  type Tab = { id?: number; url?: string; title?: string };
  let answer!: (tabs: Tab[]) => void;
  const asked = new Promise<Tab[]>((resolve) => (answer = resolve));
  const api = {
    tabs: { query: vi.fn(() => asked) },
    i18n: { getMessage: (key: string) => (key === 'popupLoading' ? 'Cleaning up this page…' : `[${key}]`) },
  };
  return { api, answer };
}

async function runEarlyScript() {
  vi.resetModules(); // the script reads the browser's namespace as it loads
  const { default: script } = await import('../../../entrypoints/popup-early.ts');
  await script.main();
}

function popupFirstRender(settings: ReaderSettings, title: string | undefined) {
  const app = document.getElementById('app')!;
  return act(() => {
    render(
      h(
        ReaderShell,
        {
          settings,
          t,
          locale: 'en',
          actions: [{ id: 'tab-article', label: 'Article', onClick: () => undefined }],
          settingsOpen: false,
          settingsError: null,
          onSettingsChange: () => undefined,
          children: null,
        },
        h(ArticleView, {
          state: { kind: 'loading', title },
          t,
          locale: 'en',
          onShowAnyway: () => undefined,
          onRetry: () => undefined,
          onOpenLink: () => undefined,
        }),
      ),
      app,
    );
  });
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

// The test setup's fake browser (WxtVitest) stands where Firefox's `browser` is: replaced by one whose answers the
// tests time, and put back after.
const original = (globalThis as { browser?: unknown }).browser;

describe('the popup’s first script', () => {
  let browser: ReturnType<typeof fakeBrowser>;
  beforeEach(() => {
    document.body.innerHTML = '<div id="app"></div>';
    localStorage.clear();
    performance.clearMarks();
    browser = fakeBrowser();
    (globalThis as { browser?: unknown }).browser = browser.api;
  });
  afterEach(async () => {
    await act(() => render(null, document.getElementById('app')!));
    (globalThis as { browser?: unknown }).browser = original;
  });

  it('draws the loading screen in the reader’s last theme, then the tab’s title, marked for the speed benchmark', async () => {
    rememberSettings({ ...DEFAULT_SETTINGS, theme: 'dark', fontSize: 22 });
    await runEarlyScript();
    const reader = document.querySelector<HTMLElement>('#app > .reader')!;
    expect(reader.dataset.theme).toBe('dark');
    expect(reader.style.getPropertyValue('--reader-font-size')).toBe('22px');
    expect(document.querySelector('main.view[data-state="loading"] .status')?.textContent).toBe(
      'Cleaning up this page…',
    );
    expect(document.querySelector('.reader-toolbar[role="toolbar"]')).not.toBeNull();
    expect(document.querySelector('h1.title')).toBeNull();

    browser.answer([{ id: 3, url: 'https://news.example/a', title: TITLE }]);
    await flush();
    expect(document.querySelector('main.view > article > header > h1.title')?.textContent).toBe(TITLE);
    expect(performance.getEntriesByName(POPUP_MARKS.title)).toHaveLength(1);
  });

  it('run from the head, before #app is parsed: asks for the tab at once and draws once #app is there', async () => {
    document.body.innerHTML = '';
    await runEarlyScript();
    expect(browser.api.tabs.query).toHaveBeenCalledTimes(1);
    expect(document.querySelector('.reader')).toBeNull();
    document.body.innerHTML = '<div id="app"></div>';
    await vi.waitFor(() => expect(document.querySelector('#app > .reader .status')).not.toBeNull());
    browser.answer([{ id: 3, url: 'https://news.example/a', title: TITLE }]);
    await vi.waitFor(() => expect(document.querySelector('h1.title')?.textContent).toBe(TITLE));
    // Drawn once: the observer is gone.
    document.body.append(document.createElement('p'));
    await flush();
    expect(document.querySelectorAll('.reader')).toHaveLength(1);
  });

  it('the first render takes its elements over as they are: one reader, the same title element, no early marker', async () => {
    await runEarlyScript();
    browser.answer([{ id: 3, url: 'https://news.example/a', title: TITLE }]);
    await flush();
    const title = document.querySelector('h1.title');
    const status = document.querySelector('.status');

    await popupFirstRender(DEFAULT_SETTINGS, TITLE);
    expect(document.querySelectorAll('.reader')).toHaveLength(1);
    expect(document.querySelectorAll('main')).toHaveLength(1);
    expect(document.querySelector('h1.title')).toBe(title);
    expect(document.querySelector('.status')).toBe(status);
    expect(document.querySelector('[data-early]')).toBeNull();
    expect(document.querySelector('.reader-toolbar button')?.textContent).toContain('Article');
  });

  it('an answer that comes after the first render changes nothing (the popup shows the title itself)', async () => {
    await runEarlyScript();
    await popupFirstRender(DEFAULT_SETTINGS, undefined);
    browser.answer([{ id: 3, url: 'https://news.example/a', title: TITLE }]);
    await flush();
    expect(document.querySelector('h1.title')).toBeNull();
    expect(performance.getEntriesByName(POPUP_MARKS.title)).toHaveLength(0);
  });

  it('leaves its answer to the bundle, which does not ask again; one it lacks, the bundle asks for itself', async () => {
    await runEarlyScript();
    const { firstActiveTab } = await import('../../../platform/tabs.ts');
    const first = firstActiveTab();
    browser.answer([{ id: 3, url: 'https://news.example/a', title: TITLE }]);
    await expect(first).resolves.toEqual({ id: 3, url: 'https://news.example/a', title: TITLE });
    expect(browser.api.tabs.query).toHaveBeenCalledTimes(1);

    // The query refused: the bundle's own (the polyfill's, here the test setup's fake browser) says why.
    (globalThis as { browser?: unknown }).browser = {
      ...browser.api,
      tabs: { query: () => Promise.reject(new Error('No tab with id')) },
    };
    await runEarlyScript();
    (globalThis as { browser?: unknown }).browser = original;
    const { fakeBrowser: wxtFake } = await import('wxt/testing/fake-browser');
    const own = (
      vi.spyOn(wxtFake.tabs, 'query') as unknown as MockInstance<() => Promise<{ id: number; title: string }[]>>
    ).mockResolvedValue([{ id: 5, title: 'Own' }]);
    await expect(firstActiveTab()).resolves.toMatchObject({ id: 5, title: 'Own' });
    expect(own).toHaveBeenCalledTimes(1);
  });

  it('a tab it may not know (no title, or the query refused) leaves the loading screen as it is', async () => {
    (globalThis as { browser?: unknown }).browser = {
      ...browser.api,
      tabs: { query: () => Promise.reject(new Error('No tab with id')) },
    };
    await runEarlyScript();
    await flush();
    expect(document.querySelector('.status')).not.toBeNull();
    expect(document.querySelector('h1.title')).toBeNull();
  });
});
