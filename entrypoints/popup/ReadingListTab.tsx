import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { countHighlights, filterItems } from '../../core/reading-list/index.ts';
import type { ItemChange, SavedItem } from '../../core/reading-list/index.ts';
import { HighlightsView } from '../../components/HighlightsView.tsx';
import { useListHighlights } from './use-list-highlights.ts';
import { PAGE_SIZE, ReadingListView, listNotices, type ListFilter } from '../../components/ReadingListView.tsx';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { LIST_STATUS_OK, type ListStatus } from '../../contracts/messages.ts';
import { sendMessage } from '../../platform/messaging.ts';
import { allSearchTexts, offlineDetails, offlineIds, type OfflineDetails } from '../../platform/offline-store.ts';
import { openInNewTab, openOfflineCopy } from '../../platform/tabs.ts';
import { watchAllStorage } from '../../platform/storage.ts';
import { describeError } from '../../contracts/error-reasons.ts';
import '../../components/reading-list.css';
import { errorMessage } from '../../core/util/index.ts';

const NO_FILTER: ListFilter = { query: '', state: 'all', favourites: false, tag: null };

/** The popup's reading list: the background owns the list; this asks it, and follows its changes. */
export function ReadingListTab({ saveShortcut }: { saveShortcut: string }) {
  const [items, setItems] = useState<SavedItem[]>([]);
  const [status, setStatus] = useState<ListStatus>(LIST_STATUS_OK);
  const [offline, setOffline] = useState<ReadonlySet<string>>(new Set());
  /** Offline copies cannot be read here (no IndexedDB, as in some private windows): the list works without them. */
  const [offlineUnavailable, setOfflineUnavailable] = useState(false);
  const [texts, setTexts] = useState<ReadonlyMap<string, string> | null>(null);
  const [filter, setFilter] = useState<ListFilter>(NO_FILTER);
  const [undoable, setUndoable] = useState<SavedItem | null>(null);
  /** Why the list could not be loaded, and why the reader's last change failed (English details). */
  const [failure, setFailure] = useState<string | null>(null);
  const [changeFailure, setChangeFailure] = useState<string | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** This device's highlights (counts, search, the Highlights view); `view` shows them all. */
  const highlights = useListHighlights();
  const [view, setView] = useState<'items' | 'highlights'>('items');

  const refresh = async () => {
    // Offline copies cannot be read in some windows (no IndexedDB): then null, and the list works without them.
    const ids = offlineIds().catch(() => null);
    const showIds = (found: Set<string> | null) => {
      setOffline(found ?? new Set());
      setOfflineUnavailable(found === null);
    };
    try {
      // Together: an item never shows "not on this device" for a moment before its copy's id arrives.
      const [list, found] = await Promise.all([sendMessage('listItems', undefined), ids]);
      setItems(list.items);
      setStatus(list.status);
      setFailure(null);
      showIds(found);
      void highlights.refresh();
    } catch (error) {
      setFailure(errorMessage(error));
      showIds(await ids);
    }
  };

  useEffect(() => {
    void refresh();
    // Changes from the background (a save by shortcut) or another device arrive through storage.
    const onChanged = () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => void refresh(), 150);
    };
    return watchAllStorage(onChanged);
  }, []);

  // The saved texts are only needed once the reader searches.
  useEffect(() => {
    if (filter.query.trim() && !texts) void allSearchTexts().then(setTexts, () => setTexts(new Map()));
  }, [filter.query, texts]);

  const counts = useMemo(() => countHighlights(highlights.records), [highlights.records]);
  const shown = useMemo(() => {
    const found = filterItems(
      items,
      { query: filter.query, state: filter.state, favourite: filter.favourites || undefined, tag: filter.tag },
      // The saved text, then what the reader highlighted and wrote in notes.
      (id) => `${texts?.get(id) ?? ''} ${highlights.searchText.get(id) ?? ''}`,
    );
    return filter.highlights ? found.filter((item) => counts.has(item.id)) : found;
  }, [items, filter, texts, highlights.searchText, counts]);
  // Reading time, publication date and site name live in the offline copies: read for the first items shown.
  const [details, setDetails] = useState<ReadonlyMap<string, OfflineDetails>>(new Map());
  const wanted = shown
    .slice(0, PAGE_SIZE * 4)
    .filter((item) => offline.has(item.id) && !details.has(item.id))
    .map((item) => item.id);
  const wantedKey = wanted.join(' ');
  useEffect(() => {
    if (!wanted.length) return;
    void offlineDetails(wanted).then(
      (found) => setDetails((known) => new Map([...known, ...found])),
      () => undefined, // the list shows without them
    );
  }, [wantedKey]);
  const tags = useMemo(() => [...new Set(items.flatMap((item) => item.tags))].sort(), [items]);

  const change = async (id: string, itemChange: ItemChange) => {
    if (itemChange.field === 'deleted' && itemChange.value) setUndoable(items.find((i) => i.id === id) ?? null);
    try {
      await sendMessage('changeItem', { id, change: itemChange });
      setChangeFailure(null);
    } catch (error) {
      setChangeFailure(errorMessage(error));
    }
    await refresh();
  };

  const notices = [
    ...highlights.notices,
    ...(changeFailure ? [t('saveFailed', [describeError(t, changeFailure)])] : []),
    ...listNotices(status, t, uiLanguage(), { failure, offlineUnavailable }),
  ];

  if (view === 'highlights') {
    return (
      <HighlightsView
        highlights={highlights.live}
        items={new Map(items.map((item) => [item.id, item]))}
        notices={highlights.notices}
        t={t}
        locale={uiLanguage()}
        onOpen={(itemId, highlightId) => void openOfflineCopy(itemId, highlightId)}
        onBack={() => setView('items')}
      />
    );
  }

  return (
    <ReadingListView
      shown={shown}
      total={items.length}
      tags={tags}
      filter={filter}
      offline={offline}
      details={details}
      highlightCounts={counts}
      onShowHighlights={() => setView('highlights')}
      t={t}
      locale={uiLanguage()}
      saveShortcut={saveShortcut}
      notices={notices}
      failed={failure !== null}
      undoable={undoable}
      onFilter={setFilter}
      onChange={(id, itemChange) => void change(id, itemChange)}
      onUndo={() => {
        if (undoable) void change(undoable.id, { field: 'deleted', value: false });
        setUndoable(null);
      }}
      onOpenOffline={(id) => void openOfflineCopy(id)}
      onOpenOriginal={(url) => void openInNewTab(url)}
    />
  );
}
