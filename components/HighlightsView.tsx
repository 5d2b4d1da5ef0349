// Every highlight across the reading list, newest first, each leading to its place in the article's offline
// copy. Presentational: the highlights, the items' titles and the callbacks come in as props.
import { isUnplaced, type Highlight, type SavedItem } from '../core/reading-list/index.ts';
import { localeFormat } from '../core/util/index.ts';
import type { Translate } from '../contracts/i18n.ts';
import { ArrowLeft, Icon } from './icons.tsx';

export interface HighlightsViewProps {
  /** Live highlights of items in the list (any order: shown newest first). */
  highlights: readonly Highlight[];
  /** The list's items by id (a highlight whose item is not there is not shown: it was deleted). */
  items: ReadonlyMap<string, SavedItem>;
  /** Lines about trouble reading highlights, if any. */
  notices: readonly string[];
  t: Translate;
  locale: string;
  onOpen: (itemId: string, highlightId: string) => void;
  onBack: () => void;
}

export function HighlightsView(props: HighlightsViewProps) {
  const { t } = props;
  const format = localeFormat(props.locale);
  const shown = props.highlights
    .filter((h) => props.items.get(h.itemId)?.deleted === false)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  return (
    <main class="view reading-list highlights-view" data-state="highlights">
      <div class="list-controls">
        <button type="button" class="highlights-back" onClick={props.onBack}>
          <Icon icon={ArrowLeft} size={14} />
          {t('backToList')}
        </button>
        <h2 class="highlights-heading">{t('hlViewTitle')}</h2>
      </div>
      {props.notices.map((notice) => (
        <p key={notice} class="notice" role="status">
          {notice}
        </p>
      ))}
      {shown.length === 0 ? (
        <p class="status empty">{t('hlViewEmpty')}</p>
      ) : (
        <ul class="items highlight-entries">
          {shown.map((h) => {
            const item = props.items.get(h.itemId)!;
            return (
              <li key={h.id} class="highlight-entry" data-color={h.color}>
                <blockquote class="highlight-quote">{h.quote.exact}</blockquote>
                {isUnplaced(h) && (
                  // Imported with its quote alone: placed once the article is saved with its offline copy.
                  <p class="highlight-unplaced" title={t('hlNotPlacedHelp')}>
                    {t('hlNotPlaced')}
                  </p>
                )}
                {h.note && <p class="highlight-note">{h.note}</p>}
                <p class="item-meta">
                  <a
                    class="highlight-link"
                    href={`#hl-${h.id}`}
                    title={t('hlViewOpen')}
                    onClick={(event) => {
                      event.preventDefault();
                      props.onOpen(h.itemId, h.id);
                    }}
                  >
                    {item.title || item.url}
                  </a>
                  <span class="highlight-date">{t('hlViewDate', [format.date(h.createdAt) ?? ''])}</span>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
