import { useState } from 'preact/hooks';
import type { ItemChange, SavedItem } from '../core/reading-list/index.ts';
import type { Translate } from '../contracts/i18n.ts';
import type { ListStatus } from '../contracts/messages.ts';
import { describeError } from '../contracts/error-reasons.ts';
import { localeFormat } from '../core/util/index.ts';

export type StateFilter = 'all' | 'unread' | 'archived';

export interface ListFilter {
  query: string;
  state: StateFilter;
  favourites: boolean;
  tag: string | null;
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
  const count = (n: number) => [localeFormat(locale).integer(n)];
  // Storage and sync errors come in the browser's English: the reader is told their kind.
  const why = (error: string) => [describeError(t, error)];
  const notices: string[] = [];
  if (extra.failure) notices.push(t('listLoadFailed', why(extra.failure)));
  if (status.localStoreError) notices.push(t('listLocalWriteFailed', why(status.localStoreError)));
  else if (status.lastError) notices.push(t('syncError', why(status.lastError)));
  const unreadable = [
    status.localFromOtherVersion ? t('listLocalOtherVersion') : null,
    status.unreadableLocal > 0 ? t('listLocalUnreadable', count(status.unreadableLocal)) : null,
    status.damagedKeys > 0 ? t('listSyncDamaged', count(status.damagedKeys)) : null,
    status.newerKeys > 0 ? t('listSyncNewer', count(status.newerKeys)) : null,
  ].filter((notice) => notice !== null);
  notices.push(...unreadable);
  // Once damaged data is replaced, the reader is still told for a while that a copy of it was kept.
  if (!unreadable.length && status.keptCopies > 0) notices.push(t('listCopiesKept', count(status.keptCopies)));
  if (status.localOnlyCount > 0) notices.push(t('syncQuotaFull', count(status.localOnlyCount)));
  if (extra.offlineUnavailable) notices.push(t('offlineUnavailable'));
  return notices;
}

/** Rendering thousands of rows would make typing lag: show a page at a time. */
export const PAGE_SIZE = 50;

function tagsFrom(input: string): string[] {
  return [
    ...new Set(
      input
        .split(',')
        .map((tag) => tag.trim().toLowerCase())
        .filter(Boolean),
    ),
  ].sort();
}

/** The saved-for-later list: search, filters, and what can be done to each item. Presentational. */
export function ReadingListView(props: ReadingListViewProps) {
  const { shown, total, tags, filter, offline, t, locale, notices, undoable } = props;
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [editingTags, setEditingTags] = useState<string | null>(null);
  const format = localeFormat(locale);
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
      {undoable && (
        <p class="undo" role="status">
          {t('deletedItem', [undoable.title])}{' '}
          <button type="button" class="action-undo" onClick={props.onUndo}>
            {t('undo')}
          </button>
        </p>
      )}

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
            <li key={item.id} class="item" data-id={item.id} data-state={item.state}>
              <a
                class="item-title"
                href={item.url}
                onClick={(event) => {
                  event.preventDefault();
                  if (offline.has(item.id)) props.onOpenOffline(item.id);
                  else props.onOpenOriginal(item.url);
                }}
              >
                {item.title || item.url}
              </a>
              <p class="item-meta">
                {item.site && <span>{item.site}</span>}
                <span>{format.date(item.addedAt, 'medium')}</span>
                {item.progress > 0 && <span>{t('progress', [format.percent(item.progress)])}</span>}
                {!offline.has(item.id) && <span class="not-offline">{t('notOffline')}</span>}
                {item.localOnly && (
                  <span class="local-only" title={t('localOnlyHint')}>
                    {t('localOnly')}
                  </span>
                )}
                {item.tags.map((tag) => (
                  <span key={tag} class="tag">
                    #{tag}
                  </span>
                ))}
              </p>
              {editingTags === item.id ? (
                <form
                  class="tag-editor"
                  onSubmit={(event) => {
                    event.preventDefault();
                    const input = event.currentTarget.elements.namedItem('tags') as HTMLInputElement;
                    props.onChange(item.id, { field: 'tags', value: tagsFrom(input.value) });
                    setEditingTags(null);
                  }}
                >
                  <input name="tags" aria-label={t('tagsLabel')} defaultValue={item.tags.join(', ')} autoFocus />
                  <button type="submit">{t('done')}</button>
                </form>
              ) : (
                <div class="item-actions">
                  <button
                    type="button"
                    class="action-state"
                    onClick={() =>
                      props.onChange(item.id, {
                        field: 'state',
                        value: item.state === 'unread' ? 'archived' : 'unread',
                      })
                    }
                  >
                    {t(item.state === 'unread' ? 'markRead' : 'markUnread')}
                  </button>
                  <button
                    type="button"
                    class="action-favourite"
                    aria-pressed={item.favourite}
                    onClick={() => props.onChange(item.id, { field: 'favourite', value: !item.favourite })}
                  >
                    {t('favourite')}
                  </button>
                  <button type="button" class="action-tags" onClick={() => setEditingTags(item.id)}>
                    {t('editTags')}
                  </button>
                  <button type="button" class="action-original" onClick={() => props.onOpenOriginal(item.url)}>
                    {t('openOriginal')}
                  </button>
                  <button
                    type="button"
                    class="action-delete"
                    onClick={() => props.onChange(item.id, { field: 'deleted', value: true })}
                  >
                    {t('delete')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {shown.length > limit && (
        <button type="button" class="show-more" onClick={() => setLimit(limit + PAGE_SIZE)}>
          {t('showMore', [format.integer(shown.length - limit)])}
        </button>
      )}
    </main>
  );
}
