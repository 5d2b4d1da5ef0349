// @vitest-environment jsdom
// The summary folds above the article: folded by default, its row drawn with the article (so nothing jumps when the
// summary arrives), and the reader's choice handed to the settings.
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../core/reader/index.ts';
import { ArticleView, type ArticleViewProps } from '../../../components/ArticleView.tsx';
import { DEFAULT_SETTINGS } from '../../../core/reader/index.ts';
import { sampleArticle } from '../../support/article.ts';
import { click as clickIn, useRoot } from '../../support/preact.ts';
import { t } from '../../support/translate.ts';

const { root, mount, rerender } = useRoot();
const $ = (selector: string) => root().querySelector<HTMLElement>(selector);

function props(article: Partial<Article>, overrides: Partial<ArticleViewProps> = {}): ArticleViewProps {
  return {
    state: { kind: 'article', article: sampleArticle(article) },
    t,
    locale: 'en',
    onShowAnyway: vi.fn(),
    onRetry: vi.fn(),
    onOpenLink: vi.fn(),
    ...overrides,
  };
}

const WITH_PUBLISHER = { publisherSummary: ['The city will spend more on schools.'] };

describe('ArticleView: the folded summary', () => {
  it('is folded by default in the settings', () => {
    expect(DEFAULT_SETTINGS.summaryOpen).toBe(false);
  });

  it('shows a folded row with the first line of the summary, the key points in the page but hidden', async () => {
    await mount(
      h(
        ArticleView,
        props(WITH_PUBLISHER, {
          summary: { status: 'ready', method: 'local', sentences: [{ text: 'Taxes stay.', paragraph: 0 }] },
          summaryOpen: false,
        }),
      ),
    );
    const toggle = $('.summary-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.title).toBe('summaryShow');
    expect($('.summary-heading')?.textContent).toBe('summaryHeading');
    expect($('.summary-teaser')?.textContent).toBe('The city will spend more on schools.');
    const body = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(body.hidden).toBe(true);
    expect(body.querySelector('.key-points li')?.textContent).toBe('Taxes stay.');
  });

  it('keeps its row while the key points are computed, and says they are coming', async () => {
    await rerender(h(ArticleView, props({ publisherSummary: [], lede: '' }, { summary: { status: 'loading' } })));
    expect($('.summary-toggle')).not.toBeNull();
    expect($('.summary-teaser')?.textContent).toBe('summaryLoading');
  });

  it('unfolds and folds through the callback, which the settings remember', async () => {
    const onSummaryToggle = vi.fn<(open: boolean) => void>();
    await mount(h(ArticleView, props(WITH_PUBLISHER, { summaryOpen: false, onSummaryToggle })));
    clickIn($('.summary-toggle'), root());
    expect(onSummaryToggle).toHaveBeenCalledWith(true);
    await rerender(h(ArticleView, props(WITH_PUBLISHER, { summaryOpen: true, onSummaryToggle })));
    expect($('.summary-toggle')?.getAttribute('aria-expanded')).toBe('true');
    expect($('.summary-body')?.hidden).toBe(false);
    expect($('.summary-teaser')).toBeNull();
    clickIn($('.summary-toggle'), root());
    expect(onSummaryToggle).toHaveBeenLastCalledWith(false);
  });

  it('folds and unfolds on its own where no setting is wired', async () => {
    await mount(h(ArticleView, props(WITH_PUBLISHER)));
    expect($('.summary-body')?.hidden).toBe(true);
    clickIn($('.summary-toggle'), root());
    await rerender(h(ArticleView, props(WITH_PUBLISHER)));
    expect($('.summary-body')?.hidden).toBe(false);
  });

  it('draws no row when there is no summary at all', async () => {
    await mount(h(ArticleView, props({ publisherSummary: [], lede: '' }, { summary: { status: 'none' } })));
    expect($('.summary')).toBeNull();
  });
});
