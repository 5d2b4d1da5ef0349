import { useState } from 'preact/hooks';
import type { ItemChange, SavedItem } from '../core/reading-list/index.ts';
import type { Translate } from '../contracts/i18n.ts';
import { localeFormat } from '../core/util/index.ts';
import { ItemMenu, type MenuEntry } from './ItemMenu.tsx';
import { Archive, ArchiveRestore, ExternalLink, Icon, Star, Tag, Trash2 } from './icons.tsx';

/** What the item's offline copy knows that the synced list does not keep. */
export interface ItemDetails {
  readingTimeMinutes?: number;
  publishedTime?: string | null;
  siteName?: string | null;
}

export interface ReadingListItemProps {
  item: SavedItem;
  /** The item has an offline copy on this device. */
  offline: boolean;
  details?: ItemDetails;
  /** The item's highlights and notes on this device, when it has any. */
  highlights?: { highlights: number; notes: number };
  t: Translate;
  locale: string;
  /** ms since epoch, for "saved 3 days ago". */
  now: number;
  /** A change, and the sentence that says it happened (for the list's status line). */
  onChange: (change: ItemChange, said: string) => void;
  onOpen: () => void;
  onOpenOriginal: () => void;
}

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

/** The page's own site name, else its host name without "www.". */
export function siteOf(item: SavedItem, details?: ItemDetails): string {
  const named = details?.siteName?.trim() || item.site?.trim();
  if (named) return named;
  try {
    return new URL(item.url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The keys a focused item answers to (letters the same in English and French; the menu shows them). */
const KEYS = { state: 'A', favourite: 'F', tags: 'T', original: 'O' } as const;

/** One saved article: title, site, reading time, dates, progress and tags; its actions in a menu. */
export function ReadingListItem(props: ReadingListItemProps) {
  const { item, details, t, locale } = props;
  const [editing, setEditing] = useState(false);
  const format = localeFormat(locale);
  const title = item.title || item.url;
  const unread = item.state === 'unread';
  const published = details?.publishedTime ? format.date(details.publishedTime) : null;

  const toggleState = () =>
    props.onChange(
      { field: 'state', value: unread ? 'archived' : 'unread' },
      t(unread ? 'listMarkedRead' : 'listMarkedUnread', [title]),
    );
  const toggleFavourite = () =>
    props.onChange(
      { field: 'favourite', value: !item.favourite },
      t(item.favourite ? 'listUnfavourited' : 'listFavourited', [title]),
    );
  const remove = () => props.onChange({ field: 'deleted', value: true }, t('deletedItem', [title]));
  const entries: MenuEntry[] = [
    {
      id: 'state',
      label: t(unread ? 'markRead' : 'markUnread'),
      icon: unread ? Archive : ArchiveRestore,
      shortcut: KEYS.state,
      onSelect: toggleState,
    },
    {
      id: 'favourite',
      label: t('favourite'),
      icon: Star,
      checked: item.favourite,
      shortcut: KEYS.favourite,
      onSelect: toggleFavourite,
    },
    { id: 'tags', label: t('menuEditTags'), icon: Tag, shortcut: KEYS.tags, onSelect: () => setEditing(true) },
    {
      id: 'original',
      label: t('menuOpenOriginal'),
      icon: ExternalLink,
      shortcut: KEYS.original,
      onSelect: props.onOpenOriginal,
    },
    { id: 'delete', label: t('delete'), icon: Trash2, shortcut: t('keyDelete'), keys: 'Delete', onSelect: remove },
  ];

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
    const action: Record<string, () => void> = {
      [KEYS.state]: toggleState,
      [KEYS.favourite]: toggleFavourite,
      [KEYS.tags]: () => setEditing(true),
      [KEYS.original]: props.onOpenOriginal,
      Delete: remove,
    };
    const run = action[key];
    if (!run) return;
    event.preventDefault();
    run();
  };

  return (
    <li class="item" data-id={item.id} data-state={item.state} data-favourite={item.favourite}>
      <div class="item-main">
        <a
          class="item-title"
          href={item.url}
          onKeyDown={onKeyDown}
          title={t(props.offline ? 'openCopyHint' : 'openOriginalHint')}
          onClick={(event) => {
            event.preventDefault();
            props.onOpen();
          }}
        >
          {title}
        </a>
        <p class="item-site">
          {item.favourite && (
            <span class="favourite-mark" title={t('favourite')}>
              <Icon icon={Star} size={12} />
            </span>
          )}
          <span class="site">{siteOf(item, details)}</span>
          {details?.readingTimeMinutes !== undefined && (
            <span class="reading-time">{t('readingTime', [format.minutes(details.readingTimeMinutes)])}</span>
          )}
        </p>
        <p class="item-meta">
          <span class="saved-at">{t('savedAgo', [format.relative(item.addedAt, props.now)])}</span>
          {published && <span class="published">{t('publishedOn', [published])}</span>}
          {item.progress > 0 && <span class="progress-text">{t('progress', [format.percent(item.progress)])}</span>}
          {props.highlights && (
            <span class="highlight-count">
              {t('listHighlightCount', [format.integer(props.highlights.highlights)])}
              {props.highlights.notes > 0 && `, ${t('listNoteCount', [format.integer(props.highlights.notes)])}`}
            </span>
          )}
          {!props.offline && <span class="not-offline">{t('notOffline')}</span>}
          {item.localOnly && (
            <span class="local-only" title={t('localOnlyHint')}>
              {t('localOnly')}
            </span>
          )}
        </p>
        {item.progress > 0 && (
          <div class="item-progress" aria-hidden="true">
            <div style={{ width: `${Math.round(item.progress * 100)}%` }} />
          </div>
        )}
        {item.tags.length > 0 && !editing && (
          <ul class="tags" aria-label={t('tagsHeading')}>
            {item.tags.map((tag) => (
              <li key={tag} class="tag">
                {tag}
              </li>
            ))}
          </ul>
        )}
        {editing && (
          <form
            class="tag-editor"
            onSubmit={(event) => {
              event.preventDefault();
              const input = event.currentTarget.elements.namedItem('tags') as HTMLInputElement;
              const tags = tagsFrom(input.value);
              props.onChange(
                { field: 'tags', value: tags },
                tags.length ? t('listTagsSaved', [title, tags.join(', ')]) : t('listTagsCleared', [title]),
              );
              setEditing(false);
            }}
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              event.preventDefault();
              event.stopPropagation();
              setEditing(false);
            }}
          >
            <label class="tag-field">
              <span>{t('tagsHeading')}</span>
              <input
                name="tags"
                aria-describedby={`tag-hint-${item.id}`}
                defaultValue={item.tags.join(', ')}
                placeholder={t('tagsPlaceholder')}
                autoFocus
              />
            </label>
            <p class="tag-hint" id={`tag-hint-${item.id}`}>
              {t('tagsHint')}
            </p>
            <div class="tag-buttons">
              <button type="submit" class="tags-save">
                {t('done')}
              </button>
              <button type="button" class="tags-cancel" onClick={() => setEditing(false)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
      <ItemMenu label={t('itemActions', [title])} entries={entries} />
    </li>
  );
}
