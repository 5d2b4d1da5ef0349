// Below the article: how to highlight (the keys), the article's highlights in reading order (each can be shown
// in the text), those not found in the current text (quote and note kept, never dropped), and the Markdown
// export of them all.
import { highlightsMarkdown, type Highlight, type HighlightChange } from '../../core/reading-list/index.ts';
import { plural, type Translate } from '../../contracts/i18n.ts';
import { Icon, Trash2 } from '../icons.tsx';
import type { PlacedHighlight } from './useArticleHighlights.ts';

export interface HighlightSectionProps {
  /** The article's highlights are loaded and placed (tests wait for it). */
  ready?: boolean;
  placed: PlacedHighlight[];
  orphans: Highlight[];
  /** Stored highlights this version could not read (kept as they are). */
  unreadable: number;
  article: { title: string; url: string };
  t: Translate;
  locale: string;
  onShow: (h: PlacedHighlight) => void;
  onChange: (id: string, change: HighlightChange) => void;
}

/** A file name from the article's title: letters, digits and dashes. */
export function markdownFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'article'}-highlights.md`;
}

function downloadText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function HighlightSection(props: HighlightSectionProps) {
  const { placed, orphans, t } = props;
  // Exported as the article says it now; those not found, as they were.
  const all = [...placed.map((h) => ({ ...h, quote: { ...h.quote, exact: h.text } })), ...orphans];
  return (
    <section class="hl-section" aria-labelledby="hl-section-title" data-ready={props.ready === true}>
      <h2 id="hl-section-title">{t('hlSectionTitle')}</h2>
      <p class="hl-help">{t('hlHelp')}</p>
      {props.unreadable > 0 && <p class="notice">{plural(t, props.locale, 'hlUnreadable', props.unreadable)}</p>}
      {placed.length > 0 && (
        <ul class="hl-items">
          {placed.map((h) => (
            <li key={h.id} class="hl-item" data-color={h.color}>
              <button type="button" class="hl-show" onClick={() => props.onShow(h)}>
                <span class={`hl-dot hl-${h.color}`} aria-hidden="true" />
                <q>{h.text}</q>
              </button>
              {h.note && <p class="hl-item-note">{h.note}</p>}
            </li>
          ))}
        </ul>
      )}
      {orphans.length > 0 && (
        <div class="hl-orphans">
          <h3>{t('hlNotFoundTitle')}</h3>
          <p class="hl-help">{t('hlNotFoundHelp')}</p>
          <ul class="hl-items">
            {orphans.map((h) => (
              <li key={h.id} class="hl-item hl-orphan" data-color={h.color}>
                <blockquote>{h.quote.exact}</blockquote>
                {h.note && <p class="hl-item-note">{h.note}</p>}
                <button
                  type="button"
                  class="hl-delete"
                  title={t('hlDelete')}
                  aria-label={t('hlDelete')}
                  onClick={() => props.onChange(h.id, { field: 'deleted', value: true })}
                >
                  <Icon icon={Trash2} size={14} />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {all.length > 0 && (
        <button
          type="button"
          class="hl-export"
          onClick={() => downloadText(highlightsMarkdown(props.article, all), markdownFileName(props.article.title))}
        >
          {t('hlExportMarkdown')}
        </button>
      )}
    </section>
  );
}
