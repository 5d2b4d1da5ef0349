import { useId, useRef, useState } from 'preact/hooks';
import type { Article } from '../core/reader/index.ts';
import type { BuiltInSummarizer, SummaryState } from './useSummary.ts';
import { lazyComponent } from './lazy.tsx';
import type { MessageKey, Translate } from '../contracts/i18n.ts';
import type { PageFailureReason } from '../contracts/page.ts';
import { describeError } from '../contracts/error-reasons.ts';
import { localeFormat } from '../core/util/index.ts';
import { ChevronDown, Headphones, Icon } from './icons.tsx';

export type ViewState =
  /** `title`: the tab's own title, shown where the article's will be while the page is read. */
  | { kind: 'loading'; title?: string }
  /** `article.contentHtml` must already be sanitized: it is rendered as HTML. */
  | { kind: 'article'; article: Article }
  | { kind: 'failure'; reason: PageFailureReason; detail: string };

const FAILURE_MESSAGES: Record<PageFailureReason, MessageKey> = {
  'not-article': 'failureNotArticle',
  'too-large': 'failureTooLarge',
  'too-slow': 'failureTooSlow',
  empty: 'failureEmpty',
  error: 'failureError',
  restricted: 'failureRestricted',
  'not-html': 'failureNotHtml',
  loading: 'failureLoading',
  unresponsive: 'failureUnresponsive',
  'no-response': 'failureNoResponse',
  'not-offline': 'readerNoCopy',
};

export interface ArticleViewProps {
  state: ViewState;
  t: Translate;
  /** The UI language, for dates. */
  locale: string;
  /** Extract again without the "is it an article" check. */
  onShowAnyway: () => void;
  /** Extract again (the page was still loading, or something failed). */
  onRetry: () => void;
  /** Read a still-loading page as far as it has come; no such button when absent. */
  onReadPartial?: () => void;
  /** A link of the article was clicked (http/https only). */
  onOpenLink: (url: string) => void;
  /** The generated summary; none shown when absent. */
  summary?: SummaryState;
  /** The browser's built-in summarizer, offered where it can summarize the article's language. */
  builtIn?: BuiltInSummarizer;
  /** Copies text to the clipboard (the summary's copy button). */
  onCopy?: (text: string) => void;
  /** The summary unfolded (the reader's setting); folded and remembered only here when absent. */
  summaryOpen?: boolean;
  onSummaryToggle?: (open: boolean) => void;
  /** The popup's Listen (it opens the in-page view, which reads): in the meta line, the popup's header is full. */
  onListen?: () => void;
}

// The summary area (and the summarizer it shows) loads after the article: the popup opens with less code.
const LazySummarySection = lazyComponent(() => import('./SummarySection.tsx').then((m) => m.SummarySection));

/** Loading, the article, or why there is none. Presentational: no browser API. */
export function ArticleView(props: ArticleViewProps) {
  const { state, t, locale, onShowAnyway, onRetry, onOpenLink } = props;
  const content = useRef<HTMLDivElement>(null);
  const [openHere, setOpenHere] = useState(false);
  const summaryId = useId();
  if (state.kind === 'loading') {
    return (
      <main class="view" data-state="loading" aria-busy="true">
        {/* Where the article's title comes: it takes this one's place without moving. */}
        {state.title && (
          <article dir="auto">
            <header>
              <h1 class="title">{state.title}</h1>
            </header>
          </article>
        )}
        <p class="status" role="status">
          {t('popupLoading')}
        </p>
      </main>
    );
  }

  if (state.kind === 'failure') {
    return (
      <main class="view" data-state="failure" data-reason={state.reason}>
        {/* The browser's own wording stays out of sight (data-detail, for support); the tooltip says its kind. */}
        <p class="status failure" role="alert" title={describeError(t, state.detail)} data-detail={state.detail}>
          {t(FAILURE_MESSAGES[state.reason])}
        </p>
        {state.reason === 'not-article' && (
          <button type="button" class="show-anyway" onClick={onShowAnyway}>
            {t('showAnyway')}
          </button>
        )}
        {state.reason === 'loading' && props.onReadPartial && (
          <button type="button" class="read-partial" onClick={props.onReadPartial}>
            {t('readPartial')}
          </button>
        )}
        {/* A page that did not answer gets no retry: it would only wait again. */}
        {(state.reason === 'loading' || state.reason === 'error' || state.reason === 'too-slow') && (
          <button type="button" class="retry" onClick={onRetry}>
            {t('tryAgain')}
          </button>
        )}
      </main>
    );
  }

  const { article } = state;
  const format = localeFormat(locale);
  const summaryOpen = props.summaryOpen ?? openHere;
  const toggleSummary = props.onSummaryToggle ?? setOpenHere;
  const summary = props.summary ?? { status: 'none' };
  const publisher = article.publisherSummary?.length ? article.publisherSummary : article.lede ? [article.lede] : [];
  const hasSummary = publisher.length > 0 || summary.status !== 'none';
  // One line under the folded heading: the publisher's summary, else the first key point.
  const teaser =
    publisher[0] ?? (summary.status === 'ready' ? (summary.sentences[0]?.text ?? '') : t('summaryLoading'));
  const date = article.publishedTime ? format.date(article.publishedTime) : null;
  // Links would otherwise navigate the reader's view itself: open them in a tab.
  const onContentClick = (event: MouseEvent) => {
    const link = (event.target as Element | null)?.closest?.('a[href]');
    if (!link || !('protocol' in link) || !/^https?:$/.test(String(link.protocol))) return;
    event.preventDefault();
    onOpenLink((link as HTMLAnchorElement).href);
  };
  return (
    <main class="view" data-state="article">
      <article lang={article.lang || undefined} dir={article.dir ?? 'auto'}>
        <header>
          <h1 class="title">{article.title}</h1>
          <p class="meta">
            {article.siteName && <span class="site">{article.siteName}</span>}
            {article.byline && <span class="byline">{article.byline}</span>}
            {date && (
              <time class="date" dateTime={article.publishedTime ?? undefined}>
                {date}
              </time>
            )}
            <span class="reading-time">{t('readingTime', [format.minutes(article.readingTimeMinutes)])}</span>
            {props.onListen && (
              <button type="button" class="action-listen" title={t('listenInViewHint')} onClick={props.onListen}>
                <Icon icon={Headphones} size={14} />
                {t('listenPlay')}
              </button>
            )}
          </p>
        </header>
        {hasSummary && (
          <section class="summary" data-open={summaryOpen} aria-label={t('summary')}>
            {/* Drawn with the article, at its full height: nothing moves when the summary arrives. */}
            <button
              type="button"
              class="summary-toggle"
              aria-expanded={summaryOpen}
              aria-controls={summaryId}
              title={t(summaryOpen ? 'summaryHide' : 'summaryShow')}
              onClick={() => toggleSummary(!summaryOpen)}
            >
              <Icon icon={ChevronDown} size={16} />
              <span class="summary-heading">{t('summaryHeading')}</span>
              {!summaryOpen && <span class="summary-teaser">{teaser}</span>}
            </button>
            <div id={summaryId} class="summary-body" hidden={!summaryOpen}>
              <LazySummarySection
                content={content}
                article={article}
                summary={props.summary}
                builtInSummarizer={props.builtIn}
                t={t}
                locale={locale}
                onCopy={props.onCopy}
              />
            </div>
          </section>
        )}
        <div
          class="content"
          ref={content}
          onClick={onContentClick}
          dangerouslySetInnerHTML={{ __html: article.contentHtml }}
        />
      </article>
    </main>
  );
}
