// @vitest-environment jsdom
// The summary area of the clean view: the publisher's summary, the key points and the browser's summarizer.
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../core/reader/index.ts';
import { ArticleView, type ArticleViewProps } from '../../../components/ArticleView.tsx';
import { sampleArticle } from '../../support/article.ts';
import { click as clickIn, useRoot } from '../../support/preact.ts';
import { t } from '../../support/translate.ts';

const { root, mount } = useRoot();
const $ = (selector: string) => root().querySelector(selector);
const click = (element: Element | null) => clickIn(element, root());

async function showArticle(article: Partial<Article>, overrides: Partial<ArticleViewProps>) {
  const props: ArticleViewProps = {
    state: { kind: 'article', article: sampleArticle(article) },
    t,
    locale: 'en',
    onShowAnyway: vi.fn(),
    onRetry: vi.fn(),
    onOpenLink: vi.fn(),
    ...overrides,
  };
  await mount(h(ArticleView, props));
  return props;
}

describe('ArticleView: the summary', () => {
  const LONG = {
    contentHtml: '<p>The council voted the budget on Tuesday night.</p><p>Schools get more money than last year.</p>',
    publisherSummary: ['The city will spend more on schools.', 'Taxes do not rise.'],
  };

  it('lists the publisher’s summary points and the key points, each key point leading to its passage', async () => {
    const onCopy = vi.fn<(text: string) => void>();
    await showArticle(LONG, {
      summary: {
        status: 'ready',
        method: 'local',
        sentences: [{ text: 'Schools get more money than last year.', paragraph: 1 }],
      },
      onCopy,
    });
    expect([...root().querySelectorAll('.publisher-summary li')].map((li) => li.textContent)).toEqual(
      LONG.publisherSummary,
    );
    expect($('.key-points')?.getAttribute('data-method')).toBe('local');
    expect($('.summary-source')?.textContent).toContain('summaryByLocal');

    const target = [...root().querySelectorAll('.content p')][1] as HTMLElement;
    const scrolled = vi.fn();
    target.scrollIntoView = scrolled;
    click($('.key-point'));
    expect(scrolled).toHaveBeenCalledTimes(1);
    expect(target.classList.contains('jumped-to')).toBe(true);

    click($('.copy-summary'));
    expect(onCopy).toHaveBeenCalledWith('• Schools get more money than last year.');
  });

  it('says it is summarizing, and shows nothing for an article too short to summarize', async () => {
    await showArticle({ lede: null }, { summary: { status: 'loading' } });
    expect($('.key-points')?.getAttribute('aria-busy')).toBe('true');
    await showArticle({ lede: null }, { summary: { status: 'none' } });
    expect($('.key-points')).toBeNull();
  });

  it('offers the browser’s built-in summarizer where available, and says which one summarized', async () => {
    let finish: (lines: string[]) => void = () => undefined;
    const summarize = vi.fn(() => new Promise<string[]>((resolve) => (finish = resolve)));
    await showArticle(LONG, {
      summary: { status: 'ready', method: 'local', sentences: [{ text: 'Schools get more money.', paragraph: 1 }] },
      builtIn: { availability: () => Promise.resolve('downloadable'), summarize },
    });
    // The summary area loads on demand, then asks the browser: wait for the offer.
    await vi.waitFor(() => expect($('.use-builtin')?.textContent).toBe('downloadBuiltIn'));
    expect(summarize).not.toHaveBeenCalled(); // no download before the click
    click($('.use-builtin'));
    expect(summarize).toHaveBeenCalledTimes(1);
    finish(['More for schools.']);
    await vi.waitFor(() => expect($('.summary-source')?.textContent).toContain('summaryByBuiltIn'));
    expect($('.key-points li')?.textContent).toBe('More for schools.');
    expect($('.key-point')).toBeNull(); // its points are not sentences of the article: nothing to jump to
    expect($('.use-builtin')).toBeNull();
  });

  it('makes no offer where the browser cannot summarize', async () => {
    let answered: Promise<'unavailable'> | undefined;
    const availability = vi.fn(() => (answered = Promise.resolve('unavailable' as const)));
    await showArticle(LONG, {
      summary: { status: 'ready', method: 'local', sentences: [{ text: 'Schools get more money.', paragraph: 1 }] },
      builtIn: { availability, summarize: vi.fn() },
    });
    // The summary area asked the browser, and its answer has reached the view (what it set is rendered).
    await vi.waitFor(() => expect(availability).toHaveBeenCalledWith('en'));
    await act(async () => {
      await answered;
    });
    expect($('.key-points')).not.toBeNull();
    expect($('.use-builtin')).toBeNull();
  });
});
