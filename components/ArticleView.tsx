import type { Article } from '../core/index.ts';
import type { MessageKey, Translate } from '../platform/i18n.ts';
import type { PageFailureReason } from '../platform/protocol.ts';

export type ViewState =
  | { kind: 'loading' }
  /** `article.contentHtml` must already be sanitized: it is rendered as HTML. */
  | { kind: 'article'; article: Article }
  | { kind: 'failure'; reason: PageFailureReason; detail: string };

const FAILURE_MESSAGES: Record<PageFailureReason, MessageKey> = {
  'not-article': 'failureNotArticle',
  'too-large': 'failureTooLarge',
  empty: 'failureEmpty',
  error: 'failureError',
  restricted: 'failureRestricted',
  'not-html': 'failureNotHtml',
};

export interface ArticleViewProps {
  state: ViewState;
  t: Translate;
  /** Extract again without the "is it an article" check. */
  onShowAnyway: () => void;
  /** A link of the article was clicked (http/https only). */
  onOpenLink: (url: string) => void;
}

/** The popup's body: loading, the article, or why there is none. Presentational: no browser API. */
export function ArticleView({ state, t, onShowAnyway, onOpenLink }: ArticleViewProps) {
  if (state.kind === 'loading') {
    return (
      <main class="view" data-state="loading" aria-busy="true">
        <p class="status" role="status">
          {t('popupLoading')}
        </p>
      </main>
    );
  }

  if (state.kind === 'failure') {
    return (
      <main class="view" data-state="failure" data-reason={state.reason}>
        <p class="status failure" role="alert" title={state.detail}>
          {t(FAILURE_MESSAGES[state.reason])}
        </p>
        {state.reason === 'not-article' && (
          <button type="button" class="show-anyway" onClick={onShowAnyway}>
            {t('showAnyway')}
          </button>
        )}
      </main>
    );
  }

  const { article } = state;
  // Links would otherwise navigate the popup itself: open them in a tab.
  const onContentClick = (event: MouseEvent) => {
    const link = (event.target as Element | null)?.closest?.('a[href]');
    if (!(link instanceof HTMLAnchorElement) || !/^https?:$/.test(link.protocol)) return;
    event.preventDefault();
    onOpenLink(link.href);
  };
  return (
    <main class="view" data-state="article">
      <article lang={article.lang || undefined} dir={article.dir ?? undefined}>
        <header>
          <h1 class="title">{article.title}</h1>
          <p class="meta">
            {article.siteName && <span class="site">{article.siteName}</span>}
            {article.byline && <span class="byline">{article.byline}</span>}
            <span class="reading-time">{t('readingTime', [String(article.readingTimeMinutes)])}</span>
          </p>
        </header>
        <div class="content" onClick={onContentClick} dangerouslySetInnerHTML={{ __html: article.contentHtml }} />
      </article>
    </main>
  );
}
