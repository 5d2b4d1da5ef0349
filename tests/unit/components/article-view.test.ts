// @vitest-environment jsdom
// The clean view of an article (ArticleView): what it shows, its links, and what it says while loading or failing.
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../core/reader/index.ts';
import { ArticleView, type ArticleViewProps, type ViewState } from '../../../components/ArticleView.tsx';
import type { PageFailureReason } from '../../../contracts/page.ts';
import { sampleArticle } from '../../support/article.ts';
import { click as clickIn, useRoot } from '../../support/preact.ts';
import { t } from '../../support/translate.ts';

const ARTICLE = sampleArticle({
  contentHtml:
    '<p>The council <em>approved</em> it. <a href="https://other.example/story?id=1">Read more</a></p>' +
    '<p><a href="/2024/follow-up.html"><strong>Follow-up</strong></a> <a href="mailto:desk@news.example">Write</a> ' +
    '<a href="javascript:void(0)">Script</a> <a name="anchor">No href</a></p>',
});

const { root, mount } = useRoot();
const $ = (selector: string) => root().querySelector(selector);
const click = (element: Element | null) => clickIn(element, root());

function view(state: ViewState, overrides: Partial<ArticleViewProps> = {}) {
  const props: ArticleViewProps = {
    state,
    t,
    locale: 'en',
    onShowAnyway: vi.fn(),
    onRetry: vi.fn(),
    onOpenLink: vi.fn(),
    ...overrides,
  };
  return { props, mounted: mount(h(ArticleView, props)) };
}

async function showArticle(article: Partial<Article> = {}, overrides: Partial<ArticleViewProps> = {}) {
  const { props, mounted } = view({ kind: 'article', article: { ...ARTICLE, ...article } }, overrides);
  await mounted;
  return props;
}

describe('ArticleView: an article', () => {
  it('shows the title, the site, the byline and the reading time', async () => {
    await showArticle();
    expect($('h1.title')?.textContent).toBe('Budget vote');
    expect($('.meta .site')?.textContent).toBe('City News');
    expect($('.meta .byline')?.textContent).toBe('Ana Ruiz');
    expect($('.meta .reading-time')?.textContent).toBe('readingTime:4 min');
    expect($('main')?.getAttribute('data-state')).toBe('article');
    expect($('main')?.hasAttribute('aria-busy')).toBe(false);
  });

  it('leaves out the site and byline it does not know', async () => {
    await showArticle({ siteName: null, byline: null });
    expect($('.meta .site')).toBeNull();
    expect($('.meta .byline')).toBeNull();
    expect($('.meta .reading-time')).not.toBeNull();
  });

  it('dates the article in the UI language, with a machine-readable datetime', async () => {
    await showArticle({}, { locale: 'en' });
    const time = $('time.date');
    expect(time?.getAttribute('datetime')).toBe('2024-03-15T12:00:00Z');
    // Noon UTC: the 15th in (nearly) every time zone the tests may run in.
    expect(time?.textContent).toMatch(/^March 1[56], 2024$/);
    expect(time?.textContent).not.toMatch(/mars/);

    await showArticle({}, { locale: 'fr' });
    expect($('time.date')?.textContent).toMatch(/^1[56] mars 2024$/);
    expect($('time.date')?.textContent).not.toMatch(/March/);
  });

  it('shows a date without a time as that day in every time zone', async () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'Pacific/Honolulu', 'Asia/Tokyo']) {
        process.env.TZ = tz;
        await showArticle({ publishedTime: '2024-03-15' }, { locale: 'en' });
        expect($('time.date')?.textContent, tz).toBe('March 15, 2024');
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('shows no date when there is none or it is not a date', async () => {
    await showArticle({ publishedTime: null });
    expect($('time')).toBeNull();
    await showArticle({ publishedTime: 'last Tuesday' });
    expect($('time')).toBeNull();
  });

  it('still dates the article with a locale Intl does not accept (in English)', async () => {
    await showArticle({}, { locale: 'not a locale!' });
    expect($('time.date')?.textContent).toBe('March 15, 2024');
  });

  it('writes the date and the reading time in the interface language', async () => {
    await showArticle({ publishedTime: '2024-03-15' }, { locale: 'fr' });
    expect($('time.date')?.textContent).toBe('15 mars 2024');
    expect($('.meta .reading-time')?.textContent).toBe('readingTime:4\u00a0min');
  });

  it("says why in the reader's words, never the browser's own message", async () => {
    const { mounted } = view({ kind: 'failure', reason: 'restricted', detail: 'Cannot access a chrome:// URL' });
    await mounted;
    const alert = $('[role="alert"]');
    expect(alert?.getAttribute('title')).toBe('reasonRestricted');
    expect(alert?.textContent).toBe('failureRestricted');
    expect(root().textContent).not.toContain('chrome://');
  });

  it('shows the publisher’s summary only when the page has one', async () => {
    await showArticle({ lede: null });
    expect($('section.summary')).toBeNull();

    await showArticle({ lede: 'The city will spend more on schools.' });
    const summary = $('section.summary');
    expect(summary?.querySelector('h2')?.textContent).toBe('summaryFromPublisher');
    expect(summary?.querySelector('.lede')?.textContent).toBe('The city will spend more on schools.');
    expect(summary?.getAttribute('aria-label')).toBe('summary');
  });

  it('gives the article its language and direction', async () => {
    await showArticle({ lang: 'fr', dir: 'ltr' });
    expect($('article')?.getAttribute('lang')).toBe('fr');
    expect($('article')?.getAttribute('dir')).toBe('ltr');

    await showArticle({ lang: 'ar', dir: 'rtl' });
    expect($('article')?.getAttribute('lang')).toBe('ar');
    expect($('article')?.getAttribute('dir')).toBe('rtl');
  });

  it('lets the browser guess the direction and sets no language when they are unknown', async () => {
    await showArticle({ lang: '', dir: null });
    expect($('article')?.getAttribute('dir')).toBe('auto');
    expect($('article')?.hasAttribute('lang')).toBe(false);
  });

  it('renders the (already sanitized) content as HTML', async () => {
    await showArticle();
    const content = $('article .content');
    expect(content?.innerHTML).toBe(ARTICLE.contentHtml);
    expect(content?.querySelector('em')?.textContent).toBe('approved');
  });
});

describe('ArticleView: links of the article', () => {
  it('opens an http(s) link in a tab instead of navigating the view', async () => {
    const props = await showArticle();
    const prevented = click($('a[href^="https://other.example"]'));
    expect(prevented).toBe(true);
    expect(props.onOpenLink).toHaveBeenCalledTimes(1);
    expect(props.onOpenLink).toHaveBeenCalledWith('https://other.example/story?id=1');
  });

  it('passes a relative link as an absolute URL, also when the click lands inside the link', async () => {
    const props = await showArticle();
    const prevented = click($('a[href="/2024/follow-up.html"] strong'));
    expect(prevented).toBe(true);
    expect(props.onOpenLink).toHaveBeenCalledWith(new URL('/2024/follow-up.html', document.baseURI).href);
  });

  it.each(['mailto:desk@news.example', 'javascript:void(0)'])('leaves a %s link alone', async (href) => {
    const props = await showArticle();
    expect(click($(`a[href="${href}"]`))).toBe(false);
    expect(props.onOpenLink).not.toHaveBeenCalled();
  });

  it('ignores clicks outside links and on anchors without href', async () => {
    const props = await showArticle();
    expect(click($('.content em'))).toBe(false);
    expect(click($('a[name="anchor"]'))).toBe(false);
    expect(props.onOpenLink).not.toHaveBeenCalled();
  });
});

describe('ArticleView: loading and failures', () => {
  it('says it is busy while loading', async () => {
    await view({ kind: 'loading' }).mounted;
    expect($('main')?.getAttribute('aria-busy')).toBe('true');
    expect($('[role="status"]')?.textContent).toBe('popupLoading');
    expect($('button')).toBeNull();
  });

  it('shows the tab’s title where the article’s will be while loading', async () => {
    await view({ kind: 'loading', title: 'The tab’s title' }).mounted;
    expect($('main[data-state="loading"] article header h1.title')?.textContent).toBe('The tab’s title');
    expect($('[role="status"]')?.textContent).toBe('popupLoading');
  });

  const CASES: [PageFailureReason, string, 'show-anyway' | 'retry' | null][] = [
    ['not-article', 'failureNotArticle', 'show-anyway'],
    ['loading', 'failureLoading', 'retry'],
    ['error', 'failureError', 'retry'],
    ['restricted', 'failureRestricted', null],
    ['not-html', 'failureNotHtml', null],
    ['too-large', 'failureTooLarge', null],
    ['too-slow', 'failureTooSlow', 'retry'],
    ['empty', 'failureEmpty', null],
    // A page that did not answer: retrying would only wait again.
    ['unresponsive', 'failureUnresponsive', null],
    ['no-response', 'failureNoResponse', null],
  ];

  it.each(CASES)('%s: says why (%s) and offers %s', async (reason, message, button) => {
    const { props, mounted } = view({ kind: 'failure', reason, detail: `detail of ${reason}` });
    await mounted;
    const alert = $('[role="alert"]');
    expect(alert?.textContent).toBe(message);
    // The detail is the browser's English: kept out of sight, its kind in the tooltip.
    expect(alert?.getAttribute('title')).toBe('reasonUnknown');
    expect(alert?.getAttribute('data-detail')).toBe(`detail of ${reason}`);
    expect($('main')?.getAttribute('data-reason')).toBe(reason);
    expect($('main')?.hasAttribute('aria-busy')).toBe(false);

    const buttons = root().querySelectorAll('button');
    expect(buttons).toHaveLength(button ? 1 : 0);
    if (button === 'show-anyway') {
      expect(buttons[0]?.className).toBe('show-anyway');
      expect(buttons[0]?.textContent).toBe('showAnyway');
      click(buttons[0]!);
      expect(props.onShowAnyway).toHaveBeenCalledTimes(1);
      expect(props.onRetry).not.toHaveBeenCalled();
    } else if (button === 'retry') {
      expect(buttons[0]?.className).toBe('retry');
      expect(buttons[0]?.textContent).toBe('tryAgain');
      click(buttons[0]!);
      expect(props.onRetry).toHaveBeenCalledTimes(1);
      expect(props.onShowAnyway).not.toHaveBeenCalled();
    }
  });

  it('a page still loading: "Read what has loaded" before "Try again", where the caller can read part of it', async () => {
    const onReadPartial = vi.fn();
    const { props, mounted } = view({ kind: 'failure', reason: 'loading', detail: 'x' }, { onReadPartial });
    await mounted;
    const buttons = [...root().querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['readPartial', 'tryAgain']);
    click(buttons[0]!);
    expect(onReadPartial).toHaveBeenCalledTimes(1);
    expect(props.onRetry).not.toHaveBeenCalled();
  });
});
