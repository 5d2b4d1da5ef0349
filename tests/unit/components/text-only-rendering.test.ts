// @vitest-environment jsdom
// Titles, bylines, site names, summaries, list items, addresses and messages come from pages, files and servers,
// and are only ever inserted as text: every payload of the hostile corpus (tests/hostile/) is rendered through the
// real components in each such place, and the DOM they build has the very shape it has for plain words (the same
// elements, with the same attributes), with the payload among its text. The one place that renders HTML, the
// sanitized article body, is checked by the hostile corpus itself (hostile-corpus.test.ts, hostile.e2e.ts).
import { h, type ComponentChild } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { Highlight, ImportSummary, SavedItem } from '../../../core/reading-list/index.ts';
import { ArticleView, type ArticleViewProps } from '../../../components/ArticleView.tsx';
import {
  ImportExportView,
  type ImportExportViewProps,
  type ImportState,
} from '../../../components/ImportExportView.tsx';
import { ReaderShell } from '../../../components/ReaderShell.tsx';
import { ReadingListView, type ReadingListViewProps } from '../../../components/ReadingListView.tsx';
import { WebDavSyncView, type WebDavSyncViewProps } from '../../../components/WebDavSyncView.tsx';
import { HighlightsView } from '../../../components/HighlightsView.tsx';
import { HighlightSection } from '../../../components/highlights/HighlightSection.tsx';
import { DEFAULT_SETTINGS } from '../../../core/reader/index.ts';
import { MissingCopy } from '../../../entrypoints/reader/MissingCopy.tsx';
import { WEBDAV_DEFAULTS } from '../../../contracts/webdav.ts';
import { sampleArticle } from '../../support/article.ts';
import { useRoot } from '../../support/preact.ts';
import { t } from '../../support/translate.ts';
import { payloadOf, type Hosts } from '../../hostile/page.ts';
import { VECTORS } from '../../hostile/vectors.ts';

const HOSTS: Hosts = { sentinel: 'http://127.0.0.2:9', cdn: 'http://127.0.0.3:9' };
/** Every payload of the corpus, markup, scripts, URLs and all. */
const HOSTILE = VECTORS.map((vector) => payloadOf(vector, HOSTS));
/** Plain words in their place: the shape the DOM must keep. */
const PLAIN = 'Budget vote';

const { mount, rerender } = useRoot();
// Hundreds of renders a test, on a shared machine.
vi.setConfig({ testTimeout: 60_000 });

/** Every element under `root`, in order, as its name and the names of its attributes. */
function shapeOf(root: Element): string[] {
  return Array.from(root.querySelectorAll('*'), (el) => {
    const names = Array.from(el.attributes, (attribute) => attribute.name).sort();
    return `${el.localName}[${names.join(' ')}]`;
  });
}

/**
 * Renders `render(PLAIN)` and then `render(payload)` for every payload: each must build the plain shape, and show
 * the payload as the characters it is made of (`shownAs`: where it shows, when it is not the text). Returns the
 * payloads that did not, with what went wrong.
 */
async function textOnly(
  render: (text: string) => ComponentChild,
  shownAs: (root: Element, text: string) => boolean = (root, text) => root.textContent?.includes(text) ?? false,
): Promise<string[]> {
  const plain = shapeOf(await mount(render(PLAIN))); // the parts that load on demand are loaded from here on
  const problems: string[] = [];
  for (const payload of HOSTILE) {
    const root = await rerender(render(payload));
    const shape = shapeOf(root);
    if (JSON.stringify(shape) !== JSON.stringify(plain)) {
      const extra = shape.filter((el) => !plain.includes(el));
      problems.push(`${payload}: built ${extra.join(', ') || 'another shape'}`);
    } else if (!shownAs(root, payload)) {
      problems.push(`${payload}: not shown as text`);
    }
  }
  return problems;
}

const articleViewProps = (overrides: Partial<ArticleViewProps>): ArticleViewProps => ({
  state: { kind: 'loading' },
  t,
  locale: 'en',
  onShowAnyway: vi.fn(),
  onRetry: vi.fn(),
  onOpenLink: vi.fn(),
  ...overrides,
});

describe('the clean view (ArticleView, SummarySection): page metadata is text', () => {
  it('title, byline, site name and lede', async () => {
    const problems = await textOnly(
      (text) =>
        h(ArticleView, {
          ...articleViewProps({}),
          state: {
            kind: 'article',
            article: sampleArticle({ title: text, byline: text, siteName: text, lede: text }),
          },
        }),
      (root, text) =>
        ['.title', '.byline', '.site', '.publisher-summary .lede'].every(
          (slot) => root.querySelector(slot)?.textContent === text,
        ),
    );
    expect(problems).toEqual([]);
  });

  it('the date: a page’s date, whatever it holds, is at most a <time> with the date as its text', async () => {
    for (const payload of HOSTILE) {
      const article = sampleArticle({ publishedTime: payload });
      const root = await rerender(h(ArticleView, { ...articleViewProps({}), state: { kind: 'article', article } }));
      const header = root.querySelector('article > header')!;
      const dates = header.querySelectorAll('time');
      expect(dates.length, payload).toBeLessThanOrEqual(1);
      expect(dates[0]?.children.length ?? 0, payload).toBe(0);
      if (dates[0]) expect(dates[0].getAttribute('datetime'), payload).toBe(payload);
      const others = Array.from(header.querySelectorAll('*'), (el) => el.localName).filter((name) => name !== 'time');
      expect(others.sort(), payload).toEqual(['h1', 'p', 'span', 'span', 'span']);
    }
  });

  it('the publisher’s summary, point by point, and key points with and without their passage', async () => {
    const problems = await textOnly(
      (text) =>
        h(ArticleView, {
          ...articleViewProps({
            summary: {
              status: 'ready',
              method: 'local',
              sentences: [
                { text, paragraph: 0 },
                { text, paragraph: null },
              ],
            },
          }),
          state: { kind: 'article', article: sampleArticle({ publisherSummary: [text, `${text} (2)`] }) },
        }),
      (root, text) =>
        JSON.stringify(Array.from(root.querySelectorAll('.publisher-summary li'), (li) => li.textContent)) ===
          JSON.stringify([text, `${text} (2)`]) &&
        Array.from(root.querySelectorAll('.key-points li'), (li) => li.textContent).every((point) => point === text),
    );
    expect(problems).toEqual([]);
  });

  it('the detail of a failure (kept in an attribute, never shown as markup)', async () => {
    const problems = await textOnly(
      (text) => h(ArticleView, articleViewProps({ state: { kind: 'failure', reason: 'error', detail: text } })),
      (root, text) => root.querySelector('[role="alert"]')?.getAttribute('data-detail') === text,
    );
    expect(problems).toEqual([]);
  });

  it('the error of a settings save (ReaderShell), kept in an attribute for support', async () => {
    const problems = await textOnly(
      (text) =>
        h(ReaderShell, {
          settings: DEFAULT_SETTINGS,
          t,
          locale: 'en',
          actions: [],
          settingsOpen: true,
          settingsError: text,
          onSettingsChange: vi.fn(),
          children: null,
        }),
      (root, text) => root.querySelector('[role="alert"]')?.getAttribute('data-detail') === text,
    );
    expect(problems).toEqual([]);
  });
});

const item = (text: string): SavedItem => ({
  id: 'abc123',
  url: 'https://news.example/2024/budget.html',
  title: text,
  site: text,
  lang: 'en',
  excerpt: text,
  addedAt: Date.UTC(2024, 2, 15),
  updatedAt: Date.UTC(2024, 2, 15),
  state: 'unread',
  favourite: false,
  tags: [text],
  progress: 0,
  deleted: false,
  localOnly: false,
});

describe('the reading list (ReadingListView): items and notices are text', () => {
  it('titles, sites and tags, in the list and in the tag filter; the undo line; notices', async () => {
    const props = (text: string): ReadingListViewProps => ({
      shown: [item(text)],
      total: 1,
      tags: [text],
      filter: { query: text, state: 'all', favourites: false, tag: null },
      offline: new Set(),
      t,
      locale: 'en',
      notices: [text],
      undoable: item(text),
      onFilter: vi.fn(),
      onChange: vi.fn(),
      onUndo: vi.fn(),
      onOpenOffline: vi.fn(),
      onOpenOriginal: vi.fn(),
    });
    const shown = (root: Element, text: string) =>
      root.querySelector('.item-title')?.textContent === text &&
      root.querySelector('.tag')?.textContent === text &&
      root.querySelector('.notice')?.textContent === text &&
      !!root.querySelector('.list-status .undo')?.textContent?.includes(text) &&
      root.querySelector('.filter-tag option:last-child')?.textContent === text;
    expect(await textOnly((text) => h(ReadingListView, props(text)), shown)).toEqual([]);
  });
});

describe('highlights (HighlightSection, HighlightsView): quotes, notes and titles are text', () => {
  const highlight = (text: string, id: string): Highlight => ({
    id,
    itemId: 'a1',
    color: 'yellow',
    note: text,
    quote: { exact: text, prefix: '', suffix: '' },
    position: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    deleted: false,
  });
  it('the article’s highlights and those not found, with their notes', async () => {
    const problems = await textOnly(
      (text) =>
        h(HighlightSection, {
          placed: [{ ...highlight(text, 'h1'), start: 0, end: text.length, text }],
          orphans: [highlight(text, 'h2')],
          unreadable: 0,
          article: { title: text, url: 'https://news.example/a' },
          t,
          locale: 'en',
          onShow: vi.fn(),
          onChange: vi.fn(),
        }),
      (root, text) =>
        ['.hl-show q', '.hl-orphan blockquote', '.hl-item-note'].every(
          (slot) => root.querySelector(slot)?.textContent === text,
        ),
    );
    expect(problems).toEqual([]);
  });

  it('every highlight across the list, with its article’s title', async () => {
    const problems = await textOnly(
      (text) =>
        h(HighlightsView, {
          highlights: [highlight(text, 'h1')],
          items: new Map([
            ['a1', { id: 'a1', title: text, url: 'https://news.example/a', deleted: false } as SavedItem],
          ]),
          notices: [],
          t,
          locale: 'en',
          onOpen: vi.fn(),
          onBack: vi.fn(),
        }),
      (root, text) =>
        ['.highlight-quote', '.highlight-note', '.highlight-link'].every(
          (slot) => root.querySelector(slot)?.textContent === text,
        ),
    );
    expect(problems).toEqual([]);
  });
});

describe('the offline reader without its copy (MissingCopy): the address is text', () => {
  it('an address that is not a web page, and the detail', async () => {
    const problems = await textOnly(
      (text) => h(MissingCopy, { kind: 'missing', url: text, detail: text, t, onOpenOriginal: vi.fn() }),
      (root, text) =>
        root.querySelector('[role="alert"]')?.getAttribute('data-detail') === text &&
        !!root.textContent?.includes(text),
    );
    // A payload that is itself a web address is a link to it: the shape of a link, checked below.
    const links = HOSTILE.filter((payload) => /^https?:\/\//i.test(payload));
    expect(problems.filter((problem) => !links.some((link) => problem.startsWith(`${link}:`)))).toEqual([]);
  });

  it('a web address: a link to it, its text the address', async () => {
    const url = 'https://news.example/a?x=<img src=x onerror=alert(1)>';
    const root = await mount(h(MissingCopy, { kind: 'missing', url, detail: '', t, onOpenOriginal: vi.fn() }));
    const link = root.querySelector('.original-link a');
    expect(link?.textContent).toBe(url);
    expect(link?.children).toHaveLength(0);
    expect(link?.getAttribute('href')).toBe(url);
  });
});

describe('the options page (WebDavSyncView, ImportExportView): what servers and files say is text', () => {
  const syncProps = (text: string): WebDavSyncViewProps => ({
    t,
    locale: 'en',
    webdav: { ...WEBDAV_DEFAULTS, enabled: true, baseUrl: text, user: text, folder: text },
    // Every text a server or a file can put in a problem: a redirect's address, a detail, a host, a file, a title.
    status: {
      lastSyncAt: Date.UTC(2024, 2, 15),
      lastError: { code: 'failed', detail: text },
      failures: 1,
      problems: [
        { code: 'unusable-copy', file: text, title: text },
        { code: 'garbage', file: text, detail: text },
      ],
    },
    testResult: { ok: false, problem: { code: 'redirect', status: 302, location: text } },
    busy: false,
    onWebDavChange: vi.fn(),
    onWebDavSave: vi.fn(),
    onWebDavTest: vi.fn(),
    onSyncNow: vi.fn(),
  });
  const transferProps = (text: string, importState: ImportState): ImportExportViewProps => ({
    t,
    locale: 'en',
    importState,
    onPickFile: vi.fn(),
    onImport: vi.fn(),
    onExport: vi.fn(),
    exportError: text,
    exportLeftOut: 0,
  });

  it('the sync status and its problems, the connection test', async () => {
    expect(await textOnly((text) => h(WebDavSyncView, syncProps(text)))).toEqual([]);
  });

  it('an export error, an import preview', async () => {
    const preview = (text: string): ImportState => ({
      kind: 'preview',
      fileName: text,
      format: text,
      count: 2,
      rejected: [{ line: 3, reason: text, file: text }],
    });
    expect(await textOnly((text) => h(ImportExportView, transferProps(text, preview(text))))).toEqual([]);
  });

  it('an import that failed, and one that refused items', async () => {
    expect(
      await textOnly((text) => h(ImportExportView, transferProps(text, { kind: 'error', message: text }))),
    ).toEqual([]);
    const summary = (text: string): ImportSummary => ({
      added: 1,
      updated: 0,
      unchanged: 0,
      failed: [{ url: text, reason: text }],
      highlights: 0,
    });
    // The refused items are counted, not listed: their text must not show, nor build anything.
    const root = await mount(h(ImportExportView, transferProps(PLAIN, { kind: 'done', summary: summary(PLAIN) })));
    const plain = shapeOf(root);
    for (const payload of HOSTILE) {
      const shown = await rerender(
        h(ImportExportView, transferProps(PLAIN, { kind: 'done', summary: summary(payload) })),
      );
      expect(shapeOf(shown), payload).toEqual(plain);
    }
  });

  it('the fields show what the settings hold, as values', async () => {
    for (const payload of HOSTILE.slice(0, 20)) {
      const root = await rerender(h(WebDavSyncView, syncProps(payload)));
      const value = (name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value;
      expect([value('baseUrl'), value('user'), value('folder')]).toEqual([payload, payload, payload]);
    }
  });
});
