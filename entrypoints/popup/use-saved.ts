// The popup's "Save for later" / "Saved" toggle: whether the article is in the reading list, saving it, taking it
// out again (with undo), and what went wrong. The list lives in the background: everything goes by message.
import { useEffect, useState } from 'preact/hooks';
import type { Article } from '../../core/reader/index.ts';
import type { SavedItem } from '../../core/reading-list/index.ts';
import { errorMessage } from '../../core/util/index.ts';

const messaging = () => import('../../platform/messaging.ts');

export interface SavedState {
  status: 'idle' | 'saving' | 'saved';
  /** Just taken out of the list, while it can still be put back. */
  unsaved: SavedItem | null;
  /** Why the last save or removal failed (the browser's words: shown through describeError). */
  error: string | null;
  /** Saved to the list, but its offline copy could not be kept (storage full, or unavailable here). */
  copyFailure: 'quota' | 'unavailable' | null;
  /** Saves the article, or takes it out of the list when it is saved. */
  toggle: () => void;
  /** Puts back what was just taken out. */
  undo: () => void;
}

export function useSaved(article: Article | null): SavedState {
  const [status, setStatus] = useState<SavedState['status']>('idle');
  const [item, setItem] = useState<SavedItem | null>(null);
  const [unsaved, setUnsaved] = useState<SavedItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copyFailure, setCopyFailure] = useState<SavedState['copyFailure']>(null);

  // Already in the reading list? Then the button says so from the start.
  useEffect(() => {
    setStatus('idle');
    setItem(null);
    setUnsaved(null);
    if (!article) return;
    let live = true;
    const { url, canonicalUrl } = article;
    void messaging()
      .then(({ sendMessage }) => sendMessage('findSaved', { url, canonicalUrl }))
      .then((found) => {
        if (!live || !found) return;
        setItem(found);
        setStatus('saved');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [article]);

  const save = async (current: Article) => {
    setStatus('saving');
    setError(null);
    setCopyFailure(null);
    setUnsaved(null);
    try {
      const { sendMessage } = await messaging();
      const result = await sendMessage('saveArticle', { article: current });
      if (!result.ok) throw new Error(result.error);
      setItem(result.item);
      setStatus('saved');
      if (result.warning) setCopyFailure(result.copyFailure ?? 'unavailable');
    } catch (failure) {
      setStatus('idle');
      setError(errorMessage(failure));
    }
  };

  /** Takes `target` out of the list (`deleted`: true), or puts it back (false). */
  const setDeleted = async (target: SavedItem, deleted: boolean) => {
    setError(null);
    try {
      const { sendMessage } = await messaging();
      await sendMessage('changeItem', { id: target.id, change: { field: 'deleted', value: deleted } });
      setStatus(deleted ? 'idle' : 'saved');
      setUnsaved(deleted ? target : null);
      setCopyFailure(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return {
    status,
    unsaved,
    error,
    copyFailure,
    toggle: () => {
      if (status === 'saving' || !article) return;
      if (status === 'saved' && item) void setDeleted(item, true);
      else void save(article);
    },
    undo: () => {
      if (unsaved) void setDeleted(unsaved, false);
    },
  };
}
