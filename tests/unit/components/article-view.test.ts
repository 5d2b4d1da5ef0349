// @vitest-environment jsdom
import { h, render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article, ReaderSettings } from '../../../core/reader/index.ts';
import { DEFAULT_SETTINGS, RANGES } from '../../../core/reader/index.ts';
import { ArticleView, type ArticleViewProps, type ViewState } from '../../../components/ArticleView.tsx';
import { ReaderShell, type ReaderShellProps } from '../../../components/ReaderShell.tsx';
import { SettingsPanel } from '../../../components/SettingsPanel.tsx';
import type { Translate } from '../../../contracts/i18n.ts';
import type { PageFailureReason } from '../../../contracts/page.ts';

/** Shows which message was asked for, and with what: "readingTime:4". */
const t: Translate = (key, substitutions) => (substitutions ? `${key}:${substitutions.join(',')}` : key);

const ARTICLE: Article = {
  url: 'https://news.example/2024/budget.html',
  canonicalUrl: null,
  title: 'Budget vote',
  byline: 'Ana Ruiz',
  siteName: 'City News',
  lang: 'en',
  dir: 'ltr',
  publishedTime: '2024-03-15T12:00:00Z',
  lede: null,
  contentHtml:
    '<p>The council <em>approved</em> it. <a href="https://other.example/story?id=1">Read more</a></p>' +
    '<p><a href="/2024/follow-up.html"><strong>Follow-up</strong></a> <a href="mailto:desk@news.example">Write</a> ' +
    '<a href="javascript:void(0)">Script</a> <a name="anchor">No href</a></p>',
  text: 'The council approved it.',
  wordCount: 900,
  readingTimeMinutes: 4,
  removed: [],
};

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
});

async function mount(vnode: ComponentChild) {
  await act(() => {
    render(vnode, root);
  });
  // Parts load on demand (the summary area, the settings panel): let them arrive and render.
  await vi.dynamicImportSettled();
  await act(() => Promise.resolve());
}

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

const $ = (selector: string) => root.querySelector(selector);

/**
 * A real click: bubbles from the element and can be cancelled. Returns whether the view prevented the default
 * (seen once the event has bubbled out of the view); the default is then prevented anyway, so that jsdom does
 * not try to follow the link.
 */
function click(element: Element | null): boolean {
  if (!element) throw new Error('nothing to click');
  let prevented: boolean | undefined;
  const after = (event: Event) => {
    prevented = event.defaultPrevented;
    event.preventDefault();
  };
  root.addEventListener('click', after);
  try {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  } finally {
    root.removeEventListener('click', after);
  }
  if (prevented === undefined) throw new Error('the click did not bubble out of the view');
  return prevented;
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
    expect(root.textContent).not.toContain('chrome://');
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

  const CASES: [PageFailureReason, string, 'show-anyway' | 'retry' | null][] = [
    ['not-article', 'failureNotArticle', 'show-anyway'],
    ['loading', 'failureLoading', 'retry'],
    ['error', 'failureError', 'retry'],
    ['restricted', 'failureRestricted', null],
    ['not-html', 'failureNotHtml', null],
    ['too-large', 'failureTooLarge', null],
    ['too-slow', 'failureTooSlow', 'retry'],
    ['empty', 'failureEmpty', null],
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

    const buttons = root.querySelectorAll('button');
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
});

const SETTINGS: ReaderSettings = {
  font: 'sans-serif',
  fontSize: 22,
  lineWidth: 80,
  lineHeight: 1.8,
  theme: 'sepia',
  showImages: false,
  showCaptions: true,
};

describe('ReaderShell', () => {
  function shell(overrides: Partial<ReaderShellProps> = {}) {
    const props: ReaderShellProps = {
      settings: SETTINGS,
      t,
      locale: 'en',
      actions: [],
      settingsOpen: false,
      settingsError: null,
      onSettingsChange: vi.fn(),
      children: h('p', { class: 'child' }, 'the view'),
      ...overrides,
    };
    return { props, mounted: mount(h(ReaderShell, props)) };
  }

  it('gives .reader the theme, the font, the images switch and the sizes', async () => {
    await shell().mounted;
    const reader = $('.reader') as HTMLElement;
    expect(reader.getAttribute('data-theme')).toBe('sepia');
    expect(reader.getAttribute('data-font')).toBe('sans-serif');
    expect(reader.getAttribute('data-images')).toBe('hidden');
    expect(reader.style.getPropertyValue('--reader-font-size')).toBe('22px');
    expect(reader.style.getPropertyValue('--reader-line-width')).toBe('80ch');
    expect(reader.style.getPropertyValue('--reader-line-height')).toBe('1.8');
    expect(reader.querySelector('.child')?.textContent).toBe('the view');
  });

  it('follows new settings', async () => {
    await shell().mounted;
    await shell({ settings: { ...DEFAULT_SETTINGS, theme: 'dark' } }).mounted;
    const reader = $('.reader') as HTMLElement;
    expect(reader.getAttribute('data-theme')).toBe('dark');
    expect(reader.getAttribute('data-font')).toBe('serif');
    expect(reader.getAttribute('data-images')).toBe('shown');
    expect(reader.style.getPropertyValue('--reader-font-size')).toBe('18px');
    expect(reader.style.getPropertyValue('--reader-line-height')).toBe('1.6');
  });

  it('renders the toolbar actions', async () => {
    const onClick = vi.fn();
    await shell({ actions: [{ id: 'settings', label: 'Settings', onClick, pressed: false, hint: 'Alt+S' }] }).mounted;
    expect($('[role="toolbar"]')?.getAttribute('aria-label')).toBe('toolbarLabel');
    const button = $('.action-settings');
    expect(button?.getAttribute('aria-pressed')).toBe('false');
    expect(button?.getAttribute('title')).toBe('Alt+S');
    click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('shows the settings panel only when it is open, with the save error', async () => {
    await shell({ settingsOpen: false, settingsError: 'quota' }).mounted;
    expect($('form.settings')).toBeNull();
    expect($('[role="alert"]')).toBeNull();

    const { props, mounted } = shell({ settingsOpen: true, settingsError: 'quota' });
    await mounted;
    expect($('form.settings')).not.toBeNull();
    expect($('[role="alert"]')?.textContent).toBe('settingsNotSaved:reasonQuota');
    click($('.setting-fontSize .increase'));
    expect(props.onSettingsChange).toHaveBeenCalledWith({ ...SETTINGS, fontSize: 23 });
  });
});

describe('SettingsPanel', () => {
  function panel(settings: ReaderSettings = SETTINGS, error?: string | null, locale = 'en') {
    const onChange = vi.fn<(next: ReaderSettings) => void>();
    return { onChange, mounted: mount(h(SettingsPanel, { settings, t, locale, onChange, error })) };
  }

  it('checks the current choices', async () => {
    await panel().mounted;
    expect(($('input[name="theme"][value="sepia"]') as HTMLInputElement).checked).toBe(true);
    expect(($('input[name="theme"][value="dark"]') as HTMLInputElement).checked).toBe(false);
    expect(($('input[name="font"][value="sans-serif"]') as HTMLInputElement).checked).toBe(true);
    expect(($('input[name="showImages"]') as HTMLInputElement).checked).toBe(false);
    expect(($('input[name="showCaptions"]') as HTMLInputElement).checked).toBe(true);
    expect($('.setting-fontSize .value')?.textContent).toBe('valuePixels:22');
    expect($('.setting-lineWidth .value')?.textContent).toBe('valueCharacters:80');
    expect($('.setting-lineHeight .value')?.textContent).toBe('1.8');
  });

  it('writes numbers the French way in French: a decimal comma, the width in characters', async () => {
    await panel({ ...SETTINGS, lineHeight: 1.6, lineWidth: 70 }, null, 'fr').mounted;
    expect($('.setting-lineHeight .value')?.textContent).toBe('1,6');
    expect($('.setting-lineWidth .value')?.textContent).toBe('valueCharacters:70');
  });

  it('names each stepper button after its setting, through a message (no hard-coded colon)', async () => {
    await panel().mounted;
    expect($('.setting-lineWidth .decrease')?.getAttribute('aria-label')).toBe('settingDecrease:settingLineWidth');
  });

  it('switches to the dark theme', async () => {
    const { onChange, mounted } = panel();
    await mounted;
    await act(() => ($('input[name="theme"][value="dark"]') as HTMLInputElement).click());
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ ...SETTINGS, theme: 'dark' });
  });

  it('switches the font', async () => {
    const { onChange, mounted } = panel();
    await mounted;
    await act(() => ($('input[name="font"][value="serif"]') as HTMLInputElement).click());
    expect(onChange).toHaveBeenCalledWith({ ...SETTINGS, font: 'serif' });
  });

  it('makes the text one step larger or smaller', async () => {
    const { onChange, mounted } = panel();
    await mounted;
    const increase = $('.setting-fontSize .increase') as HTMLButtonElement;
    expect(increase.getAttribute('aria-label')).toBe('settingIncrease:settingTextSize');
    expect(increase.disabled).toBe(false);
    increase.click();
    expect(onChange).toHaveBeenLastCalledWith({ ...SETTINGS, fontSize: 23 });
    ($('.setting-fontSize .decrease') as HTMLButtonElement).click();
    expect(onChange).toHaveBeenLastCalledWith({ ...SETTINGS, fontSize: 21 });
  });

  it('cannot make the text larger than the largest size, nor smaller than the smallest', async () => {
    const { onChange, mounted } = panel({ ...SETTINGS, fontSize: RANGES.fontSize.max });
    await mounted;
    const increase = $('.setting-fontSize .increase') as HTMLButtonElement;
    expect(increase.disabled).toBe(true);
    increase.click();
    expect(onChange).not.toHaveBeenCalled();
    expect(($('.setting-fontSize .decrease') as HTMLButtonElement).disabled).toBe(false);

    await panel({ ...SETTINGS, fontSize: RANGES.fontSize.min }).mounted;
    expect(($('.setting-fontSize .decrease') as HTMLButtonElement).disabled).toBe(true);
    expect(($('.setting-fontSize .increase') as HTMLButtonElement).disabled).toBe(false);
  });

  it('steps the line spacing without floating-point noise', async () => {
    const { onChange, mounted } = panel({ ...SETTINGS, lineHeight: 1.6 });
    await mounted;
    ($('.setting-lineHeight .increase') as HTMLButtonElement).click();
    expect(onChange).toHaveBeenCalledWith({ ...SETTINGS, lineHeight: 1.7 });
  });

  it('turns captions off', async () => {
    const { onChange, mounted } = panel({ ...SETTINGS, showCaptions: true });
    await mounted;
    await act(() => ($('input[name="showCaptions"]') as HTMLInputElement).click());
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ ...SETTINGS, showCaptions: false });
  });

  it('turns images on', async () => {
    const { onChange, mounted } = panel({ ...SETTINGS, showImages: false });
    await mounted;
    await act(() => ($('input[name="showImages"]') as HTMLInputElement).click());
    expect(onChange).toHaveBeenCalledWith({ ...SETTINGS, showImages: true });
  });

  it('says when the settings could not be saved', async () => {
    await panel(SETTINGS, null).mounted;
    expect($('[role="alert"]')).toBeNull();
    await panel(SETTINGS, 'QUOTA_BYTES_PER_ITEM quota exceeded').mounted;
    expect($('[role="alert"]')?.textContent).toBe('settingsNotSaved:reasonQuota');
  });

  it('never submits the form (Enter in a field would reload the view)', async () => {
    await panel().mounted;
    const event = new Event('submit', { bubbles: true, cancelable: true });
    $('form.settings')?.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });
});

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
    expect([...root.querySelectorAll('.publisher-summary li')].map((li) => li.textContent)).toEqual(
      LONG.publisherSummary,
    );
    expect($('.key-points')?.getAttribute('data-method')).toBe('local');
    expect($('.summary-source')?.textContent).toContain('summaryByLocal');

    const target = [...root.querySelectorAll('.content p')][1] as HTMLElement;
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
    await showArticle(LONG, {
      summary: { status: 'ready', method: 'local', sentences: [{ text: 'Schools get more money.', paragraph: 1 }] },
      builtIn: { availability: () => Promise.resolve('unavailable'), summarize: vi.fn() },
    });
    await new Promise((resolve) => setTimeout(resolve, 150)); // past Preact's effect timing
    expect($('.key-points')).not.toBeNull();
    expect($('.use-builtin')).toBeNull();
  });
});
