import { useState } from 'preact/hooks';
import type { ItemChange, SavedItem } from '../core/reading-list/index.ts';
import { ReadingListItem, type ItemDetails } from './ReadingListItem.tsx';
import { Icon, Undo2 } from './icons.tsx';
import { plural, type Translate } from '../contracts/i18n.ts';
import type { ListStatus } from '../contracts/messages.ts';
import { describeError } from '../contracts/error-reasons.ts';
import { localeFormat } from '../core/util/index.ts';

export type StateFilter = 'all' | 'unread' | 'archived';

export interface ListFilter {
  query: string;
  state: StateFilter;
  favourites: boolean;
  tag: string | null;
  /** Only items with highlights. */
  highlights?: boolean;
}

export interface ReadingListViewProps {
  /** The items matching the filter, newest first. */
  shown: SavedItem[];
  /** How many items the list holds in all (for "no matches" versus "nothing saved yet"). */
  total: number;
  /** Every tag in the list, for the tag filter. */
  tags: string[];
  filter: ListFilter;
  /** Items with an offline copy on this device. */
  offline: ReadonlySet<string>;
  /** What the offline copies add (reading time, publication date, site name), by id, for the items shown. */
  details?: ReadonlyMap<string, ItemDetails>;
  /** Highlights and notes per item id (those with any). */
  highlightCounts?: ReadonlyMap<string, { highlights: number; notes: number }>;
  /** Shows every highlight across articles (the Highlights view); the button is left out without it. */
  onShowHighlights?: () => void;
  /** ms since epoch, for "saved 3 days ago" (a prop: tests pin it). */
  now?: number;
  t: Translate;
  locale: string;
  /** The save shortcut as the browser writes it ('' when none is set), for the empty list's hint. */
  saveShortcut?: string;
  /** Lines about sync or storage trouble, if any (quota full, sync unreachable, data that could not be read). */
  notices: readonly string[];
  /** The last deleted item, while it can still be brought back. */
  undoable: SavedItem | null;
  /** The list could not be loaded (a notice says why): an empty list is then not "nothing saved yet". */
  failed?: boolean;
  onFilter: (filter: ListFilter) => void;
  onChange: (id: string, change: ItemChange) => void;
  onUndo: () => void;
  onOpenOffline: (id: string) => void;
  onOpenOriginal: (url: string) => void;
}

/**
 * What the reader is told about the list's storage, most pressing first: the list could not be loaded, changes not
 * stored yet, sync failing, data this version could not read (and that a copy was kept), offline copies missing.
 */
export function listNotices(
  status: ListStatus,
  t: Translate,
  locale: string,
  extra: { failure?: string | null; offlineUnavailable?: boolean } = {},
): string[] {
  // Storage and sync errors come in the browser's English: the reader is told their kind.
  const why = (error: string) => [describeError(t, error)];
  const notices: string[] = [];
  if (extra.failure) notices.push(t('listLoadFailed', why(extra.failure)));
  if (status.localStoreError) notices.push(t('listLocalWriteFailed', why(status.localStoreError)));
  else if (status.lastError) notices.push(t('syncError', why(status.lastError)));
  const unreadable = [
    status.localFromOtherVersion ? t('listLocalOtherVersion') : null,
    status.unreadableLocal > 0 ? plural(t, locale, 'listLocalUnreadable', status.unreadableLocal) : null,
    status.damagedKeys > 0 ? plural(t, locale, 'listSyncDamaged', status.damagedKeys) : null,
    status.newerKeys > 0 ? plural(t, locale, 'listSyncNewer', status.newerKeys) : null,
  ].filter((notice) => notice !== null);
  notices.push(...unreadable);
  // Once damaged data is replaced, the reader is still told for a while that a copy of it was kept.
  if (!unreadable.length && status.keptCopies > 0) notices.push(plural(t, locale, 'listCopiesKept', status.keptCopies));
  if (status.localOnlyCount > 0) notices.push(plural(t, locale, 'syncQuotaFull', status.localOnlyCount));
  if (extra.offlineUnavailable) notices.push(t('offlineUnavailable'));
  return notices;
}

/** Rendering thousands of rows would make typing lag: show a page at a time. */
export const PAGE_SIZE = 50;

/** The saved-for-later list: search, filters, and what can be done to each item. Presentational. */
export function ReadingListView(props: ReadingListViewProps) {
  const { shown, total, tags, filter, offline, t, locale, notices, undoable } = props;
  const [limit, setLimit] = useState(PAGE_SIZE);
  /** What the reader's last action did, said in the status line. */
  const [said, setSaid] = useState('');
  const format = localeFormat(locale);
  const now = props.now ?? Date.now();
  const setFilter = (patch: Partial<ListFilter>) => {
    setLimit(PAGE_SIZE);
    props.onFilter({ ...filter, ...patch });
  };

  return (
    <main class="view reading-list" data-state="list">
      <div class="list-controls">
        <input
          type="search"
          class="search"
          aria-label={t('searchList')}
          placeholder={t('searchList')}
          value={filter.query}
          onInput={(event) => setFilter({ query: event.currentTarget.value })}
        />
        <div class="filters" role="group" aria-label={t('filterLabel')}>
          {(['all', 'unread', 'archived'] as const).map((state) => (
            <button
              key={state}
              type="button"
              class={`filter-${state}`}
              aria-pressed={filter.state === state}
              onClick={() => setFilter({ state })}
            >
              {t(state === 'all' ? 'filterAll' : state === 'unread' ? 'filterUnread' : 'filterArchived')}
            </button>
          ))}
          <button
            type="button"
            class="filter-favourites"
            aria-pressed={filter.favourites}
            onClick={() => setFilter({ favourites: !filter.favourites })}
          >
            {t('filterFavourites')}
          </button>
          <button
            type="button"
            class="filter-highlights"
            aria-pressed={filter.highlights === true}
            onClick={() => setFilter({ highlights: !filter.highlights })}
          >
            {t('filterHighlights')}
          </button>
          {props.onShowHighlights && (
            <button type="button" class="view-highlights" onClick={props.onShowHighlights}>
              {t('viewHighlights')}
            </button>
          )}
          {tags.length > 0 && (
            <select
              class="filter-tag"
              aria-label={t('filterTag')}
              value={filter.tag ?? ''}
              onChange={(event) => setFilter({ tag: event.currentTarget.value || null })}
            >
              <option value="">{t('filterAnyTag')}</option>
              {tags.map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          )}
        </div>
      </div>

      {notices.map((notice) => (
        <p key={notice} class="notice" role="status">
          {notice}
        </p>
      ))}
      {shown.length === 0 ? (
        !(props.failed && total === 0) && (
          <p class="status empty">
            {total > 0
              ? t('listNoMatches')
              : props.saveShortcut
                ? t('listEmptyWithShortcut', [props.saveShortcut])
                : t('listEmpty')}
          </p>
        )
      ) : (
        <ul class="items">
          {shown.slice(0, limit).map((item) => (
            <ReadingListItem
              key={item.id}
              item={item}
              offline={offline.has(item.id)}
              details={props.details?.get(item.id)}
              highlights={props.highlightCounts?.get(item.id)}
              t={t}
              locale={locale}
              now={now}
              onChange={(change, sentence) => {
                setSaid(change.field === 'deleted' ? '' : sentence);
                props.onChange(item.id, change);
              }}
              onOpen={() => {
                if (offline.has(item.id)) {
                  setSaid(t('listOpenedCopy'));
                  props.onOpenOffline(item.id);
                } else {
                  setSaid(t('listOpenedOriginal'));
                  props.onOpenOriginal(item.url);
                }
              }}
              onOpenOriginal={() => {
                setSaid(t('listOpenedOriginal'));
                props.onOpenOriginal(item.url);
              }}
            />
          ))}
        </ul>
      )}
      {shown.length > limit && (
        <button type="button" class="show-more" onClick={() => setLimit(limit + PAGE_SIZE)}>
          {t('showMore', [format.integer(shown.length - limit)])}
        </button>
      )}
      {/* Every action says what it did, here (a live region, always in the page so screen readers follow it). */}
      <p class="list-status" role="status" data-empty={!undoable && !said}>
        {undoable ? (
          <>
            <span class="undo">{t('deletedItem', [undoable.title])}</span>
            <button type="button" class="action-undo" onClick={props.onUndo}>
              <Icon icon={Undo2} size={14} />
              {t('undo')}
            </button>
          </>
        ) : (
          said
        )}
      </p>
    </main>
  );
}
