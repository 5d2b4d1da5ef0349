import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { Article } from '../core/reader/index.ts';
import type { Translate } from '../contracts/i18n.ts';
import { describeError } from '../contracts/error-reasons.ts';
import { localeFormat } from '../core/util/index.ts';
import { useBuiltInSummary } from './useBuiltInSummary.ts';
import type { BuiltInSummarizer, SummaryState } from './useSummary.ts';

const fold = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const BLOCKS = 'p, li, blockquote, h2, h3, h4, h5, h6, dd, dt, td, th, pre, figcaption';

/** The block of the clean view a summary sentence comes from (found by its text: robust to markup). */
function blockOf(content: HTMLElement, sentence: string): HTMLElement | null {
  const wanted = fold(sentence).slice(0, 80);
  for (const block of content.querySelectorAll<HTMLElement>(BLOCKS)) {
    if (fold(block.textContent ?? '').includes(wanted)) return block;
  }
  return null;
}

export interface SummarySectionProps {
  article: Article;
  /** The rendered article content, where a key point's passage is found. */
  content: RefObject<HTMLDivElement | null>;
  summary?: SummaryState;
  builtInSummarizer?: BuiltInSummarizer;
  t: Translate;
  /** The interface's language, for numbers. */
  locale: string;
  onCopy?: (text: string) => void;
}

/** Scrolls the clean view to the passage a key point comes from, and marks it for a moment. */
function jumpTo(content: HTMLElement | null, sentence: string): void {
  const block = content && blockOf(content, sentence);
  if (!block) return;
  block.scrollIntoView({ block: 'center', behavior: 'smooth' });
  block.classList.add('jumped-to');
  setTimeout(() => block.classList.remove('jumped-to'), 2_000);
}

/** The publisher's summary and the generated key points, each linked to its passage. Presentational. */
export function SummarySection(props: SummarySectionProps) {
  const { article, t } = props;
  const {
    summary,
    offer: builtIn,
    useBuiltIn,
  } = useBuiltInSummary(article, props.summary ?? { status: 'none' }, props.builtInSummarizer);
  const [copied, setCopied] = useState(false);
  const publisher = article.publisherSummary?.length ? article.publisherSummary : article.lede ? [article.lede] : [];
  const ready = summary.status === 'ready' ? summary : null;
  if (!publisher.length && summary.status === 'none') return null;
  return (
    <div class="summary-parts">
      {publisher.length > 0 && (
        <div class="publisher-summary">
          <h2>{t('summaryFromPublisher')}</h2>
          {publisher.length === 1 ? (
            <p class="lede">{publisher[0]}</p>
          ) : (
            <ul>
              {publisher.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {summary.status !== 'none' && (
        <div class="key-points" data-method={ready?.method} aria-busy={summary.status === 'loading'}>
          <h2>{t('keyPoints')}</h2>
          {ready ? (
            <ol>
              {ready.sentences.map((sentence, i) => (
                <li key={i}>
                  {sentence.paragraph === null ? (
                    sentence.text
                  ) : (
                    <button
                      type="button"
                      class="key-point"
                      title={t('jumpToParagraph')}
                      onClick={() => jumpTo(props.content.current, sentence.text)}
                    >
                      {sentence.text}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          ) : (
            <p class="status">{t('summaryLoading')}</p>
          )}
          {ready && (
            <p class="summary-source">
              <span>{t(ready.method === 'local' ? 'summaryByLocal' : 'summaryByBuiltIn')}</span>{' '}
              {props.onCopy && (
                <button
                  type="button"
                  class="copy-summary"
                  onClick={() => {
                    props.onCopy?.(ready.sentences.map((s) => `• ${s.text}`).join('\n'));
                    setCopied(true);
                    setTimeout(() => setCopied(false), 1_500);
                  }}
                >
                  {t(copied ? 'summaryCopied' : 'copySummary')}
                </button>
              )}
            </p>
          )}
          {builtIn && ready?.method !== 'built-in' && (
            <p class="builtin-offer">
              <button type="button" class="use-builtin" disabled={builtIn.running} onClick={useBuiltIn}>
                {t(builtIn.availability === 'available' ? 'useBuiltIn' : 'downloadBuiltIn')}
              </button>
              {builtIn.progress !== null && builtIn.running && (
                <span class="progress">
                  {' '}
                  {t('downloading', [localeFormat(props.locale).percent(builtIn.progress)])}
                </span>
              )}
              {builtIn.error && <span class="error"> {describeError(t, builtIn.error)}</span>}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
