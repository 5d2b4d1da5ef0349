// @vitest-environment jsdom
// Titles, bylines, site names and summaries come from the page and are only ever inserted as text. The one place
// that renders HTML is the article body, and only sanitized HTML reaches it.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../core/reader/index.ts';
import { ArticleView } from '../../../components/ArticleView.tsx';
import type { Translate } from '../../../contracts/i18n.ts';

const ROOT = join(import.meta.dirname, '../../..');

/** Every way to turn a string into markup in a page. */
const HTML_SINKS =
  /dangerouslySetInnerHTML|\.innerHTML\s*\+?=(?!=)|\.outerHTML\s*=(?!=)|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|setHTMLUnsafe|parseHTMLUnsafe|srcdoc/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:tsx?|jsx?|html)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('where HTML is rendered', () => {
  it('components/, entrypoints/ and platform/ have one HTML sink: the article body in ArticleView', () => {
    const sinks: string[] = [];
    for (const file of ['components', 'entrypoints', 'platform'].flatMap(sourceFiles)) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const match of line.matchAll(HTML_SINKS)) sinks.push(`${file}:${i + 1}: ${match[0]}`);
        });
    }
    expect(sinks).toEqual([expect.stringMatching(/^components\/ArticleView\.tsx:\d+: dangerouslySetInnerHTML$/)]);
    const view = readFileSync(join(ROOT, 'components/ArticleView.tsx'), 'utf8');
    expect(view).toContain('dangerouslySetInnerHTML={{ __html: article.contentHtml }}');
  });

  it('the popup and the offline reader sanitize the article body again before rendering it', () => {
    // The in-page view renders what the engine sanitized moments before in the same isolated world; the popup
    // gets its article from the page's process, the offline reader from storage: both sanitize it themselves.
    for (const file of ['entrypoints/popup/main.tsx', 'entrypoints/reader/main.tsx']) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      expect(source, file).toMatch(/contentHtml = [^;]*sanitizeHtml\([^;]*\.article\.contentHtml/);
      expect(source, file).toMatch(/article: \{ \.\.\.[^}]*contentHtml[^}]*\}/);
    }
  });
});

const t: Translate = (key, substitutions) => (substitutions ? `${key}:${substitutions.join(',')}` : key);
const MARKUP = {
  title: '<img src=x onerror="top.__pwned=1">Budget vote',
  byline: '<a href="javascript:top.__pwned=1">Ana</a> Ruiz',
  siteName: '<svg onload=top.__pwned=1>City News',
  lede: '<iframe srcdoc="<script>top.__pwned=1</script>"></iframe> The council voted.',
  summary: ['<b onmouseover=top.__pwned=1>First</b> point', '<style>*{background:url(//x)}</style>Second point'],
};
const ARTICLE: Article = {
  url: 'https://news.example/2024/budget.html',
  canonicalUrl: null,
  title: MARKUP.title,
  byline: MARKUP.byline,
  siteName: MARKUP.siteName,
  lang: 'en',
  dir: null,
  publishedTime: '2024-03-15T12:00:00Z<img src=x onerror=top.__pwned=1>',
  lede: MARKUP.lede,
  publisherSummary: MARKUP.summary,
  contentHtml: '<p>The council approved it.</p>',
  text: 'The council approved it.',
  wordCount: 900,
  readingTimeMinutes: 4,
  removed: [],
};

let root: HTMLElement | null = null;
afterEach(async () => {
  if (root) await act(() => render(null, root!));
  root?.remove();
  root = null;
});

async function show(article: Article): Promise<HTMLElement> {
  root = document.createElement('div');
  document.body.append(root);
  const props = { t, locale: 'en', onShowAnyway: vi.fn(), onRetry: vi.fn(), onOpenLink: vi.fn() };
  await act(() => render(h(ArticleView, { ...props, state: { kind: 'article', article } }), root!));
  await vi.dynamicImportSettled(); // the summary area loads on demand
  await act(() => Promise.resolve());
  return root;
}

describe('ArticleView: page metadata is text', () => {
  it('shows a title, byline and site name full of markup as the characters they are', async () => {
    const view = await show(ARTICLE);
    const slots = { title: '.title', byline: '.byline', siteName: '.site' } as const;
    for (const [field, selector] of Object.entries(slots)) {
      const el = view.querySelector(selector);
      expect(el?.textContent, field).toBe(MARKUP[field as keyof typeof slots]);
      expect(el?.children.length, field).toBe(0);
    }
  });

  it('shows the publisher’s summary as text, point by point', async () => {
    const view = await show(ARTICLE);
    const points = [...view.querySelectorAll('.publisher-summary li')];
    expect(points.map((li) => li.textContent)).toEqual(MARKUP.summary);
    expect(points.every((li) => li.children.length === 0)).toBe(true);
    const lede = await show({ ...ARTICLE, publisherSummary: null });
    expect(lede.querySelector('.publisher-summary .lede')?.textContent).toBe(MARKUP.lede);
  });

  it('creates no element out of the metadata anywhere in the view', async () => {
    const view = await show(ARTICLE);
    const header = view.querySelector('article > header')!;
    expect([...header.querySelectorAll('*')].map((el) => el.localName).sort()).toEqual(
      ['h1', 'p', 'span', 'span', 'span'].sort(), // title; meta line: site, byline, reading time (no valid date)
    );
    expect(view.querySelectorAll('img, svg, iframe, style, script, a[href^="javascript"], b').length).toBe(0);
  });
});
