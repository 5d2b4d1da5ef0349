// The in-page view's actions on the page's item in the reading list: Save / Saved (a toggle that takes it out
// again, with undo), mark read or unread, favourite. On a page not saved yet, mark read and favourite save it
// first. Each says what it did in the view's status line. The background owns the list: everything is a message.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Article } from '../../core/reader/index.ts';
import type { ItemChange, SavedItem } from '../../core/reading-list/index.ts';
import type { MessageKey } from '../../contracts/i18n.ts';
import { describeError } from '../../contracts/error-reasons.ts';
import { errorMessage } from '../../core/util/index.ts';
import { sendMessage } from '../../platform/messaging.ts';
import { watchAllStorage } from '../../platform/storage.ts';
import { t } from '../../platform/i18n.ts';

export interface PageItem {
  /** The page's item, while it is in the list. */
  item: SavedItem | null;
  /** A message is on its way: the buttons wait for it. */
  busy: boolean;
  /** What the last action did, or why it failed (for the status line). */
  said: string;
  /** Just taken out of the list, while Undo can put it back. */
  removed: SavedItem | null;
  toggleSave: () => void;
  toggleRead: () => void;
  toggleFavourite: () => void;
  undo: () => void;
  /** Says something else in the status line (what another action did); Undo is no longer offered. */
  say: (text: string) => void;
  /**
   * Saves the page when it is not in the list yet (a highlight on it saves it first): null when it was saved
   * already, '' when saved now, else the warning to say (saved without its offline copy). Rejects when not saved.
   */
  saveFirst: () => Promise<string | null>;
}

export function usePageItem(article: Article | null): PageItem {
  const [item, setItem] = useState<SavedItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const [removed, setRemoved] = useState<SavedItem | null>(null);
  const busyRef = useRef(false);

  // Saved already? Asked again when the list changes elsewhere (the save shortcut, the list page, a sync).
  useEffect(() => {
    setItem(null);
    setRemoved(null);
    if (!article) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { url, canonicalUrl } = article;
    const find = () => {
      if (busyRef.current) return;
      void sendMessage('findSaved', { url, canonicalUrl })
        .then((found) => live && !busyRef.current && setItem(found))
        .catch(() => undefined);
    };
    find();
    const stop = watchAllStorage(() => {
      clearTimeout(timer);
      timer = setTimeout(find, 150);
    });
    return () => {
      live = false;
      clearTimeout(timer);
      stop();
    };
  }, [article]);

  /** Runs one action at a time; its sentence, or the reason it failed, goes to the status line. */
  const run = async (action: () => Promise<string>) => {
    if (busyRef.current || !article) return;
    busyRef.current = true;
    setBusy(true);
    try {
      setSaid(await action());
    } catch (error) {
      setSaid(t('saveFailed', [describeError(t, errorMessage(error))]));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const save = async (current: Article): Promise<{ saved: SavedItem; note: string; warned: boolean }> => {
    const result = await sendMessage('saveArticle', { article: current });
    if (!result.ok) throw new Error(result.error);
    setItem(result.item);
    setRemoved(null);
    const note = result.warning
      ? t(result.copyFailure === 'quota' ? 'savedNoCopyQuota' : 'savedNoCopyUnavailable')
      : t('viewSaved');
    return { saved: result.item, note, warned: !!result.warning };
  };

  /**
   * Applies `change` to the page's item as the buttons show it, saving the page first when it is not in the list
   * yet (then it is unread and no favourite, whatever a copy deleted earlier said).
   */
  type Shown = Pick<SavedItem, 'state' | 'favourite'>;
  const changeSaving = (change: (shown: Shown) => ItemChange, done: (shown: Shown) => MessageKey) =>
    run(async () => {
      const shown: Shown = item ?? { state: 'unread', favourite: false };
      const first = item ? null : await save(article!);
      const id = item?.id ?? first!.saved.id;
      await sendMessage('changeItem', { id, change: change(shown) });
      setItem(await sendMessage('getItem', { id }));
      return first ? `${first.note} ${t(done(shown))}` : t(done(shown));
    });

  return {
    item,
    busy,
    said,
    removed,
    toggleSave: () =>
      void run(async () => {
        if (!item) return (await save(article!)).note;
        await sendMessage('changeItem', { id: item.id, change: { field: 'deleted', value: true } });
        setItem(null);
        setRemoved(item);
        return t('unsavedItem', [item.title || item.url]);
      }),
    toggleRead: () =>
      void changeSaving(
        (shown) => ({ field: 'state', value: shown.state === 'unread' ? 'archived' : 'unread' }),
        (shown) => (shown.state === 'unread' ? 'readerMarkedRead' : 'readerMarkedUnread'),
      ),
    toggleFavourite: () =>
      void changeSaving(
        (shown) => ({ field: 'favourite', value: !shown.favourite }),
        (shown) => (shown.favourite ? 'readerUnfavourited' : 'readerFavourited'),
      ),
    undo: () =>
      void run(async () => {
        if (!removed) return '';
        await sendMessage('changeItem', { id: removed.id, change: { field: 'deleted', value: false } });
        setItem(await sendMessage('getItem', { id: removed.id }));
        setRemoved(null);
        return t('readerRestored');
      }),
    say: (text) => {
      setRemoved(null);
      setSaid(text);
    },
    saveFirst: async () => {
      if (item || !article) return null;
      // The list's watcher waits while this runs (it would show the page as not saved for a moment).
      busyRef.current = true;
      setBusy(true);
      try {
        const { note, warned } = await save(article);
        return warned ? note : '';
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
  };
}
