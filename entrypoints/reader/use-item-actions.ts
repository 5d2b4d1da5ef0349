// The offline reader's actions on its saved item: mark read, favourite, delete (with undo), each said in the
// status line. The background owns the list: every change is a message.
import { useState } from 'preact/hooks';
import type { ItemChange, SavedItem } from '../../core/reading-list/index.ts';
import type { MessageKey } from '../../contracts/i18n.ts';
import { describeError } from '../../contracts/error-reasons.ts';
import { errorMessage } from '../../core/util/index.ts';
import { sendMessage } from '../../platform/messaging.ts';
import { t } from '../../platform/i18n.ts';

export function useItemActions(id: string) {
  const [item, setItem] = useState<SavedItem | null>(null);
  /** What the last action did, or why it failed. */
  const [said, setSaid] = useState('');
  const [deleted, setDeleted] = useState(false);

  const change = async (itemChange: ItemChange, done: MessageKey) => {
    try {
      await sendMessage('changeItem', { id, change: itemChange });
      setItem(await sendMessage('getItem', { id }).catch(() => item));
      setSaid(t(done));
      if (itemChange.field === 'deleted') setDeleted(itemChange.value);
    } catch (error) {
      setSaid(t('saveFailed', [describeError(t, errorMessage(error))]));
    }
  };

  return {
    item,
    setItem,
    said,
    deleted,
    toggleRead: () =>
      item &&
      void change(
        { field: 'state', value: item.state === 'unread' ? 'archived' : 'unread' },
        item.state === 'unread' ? 'readerMarkedRead' : 'readerMarkedUnread',
      ),
    toggleFavourite: () =>
      item &&
      void change(
        { field: 'favourite', value: !item.favourite },
        item.favourite ? 'readerUnfavourited' : 'readerFavourited',
      ),
    remove: () => void change({ field: 'deleted', value: true }, 'readerDeleted'),
    undoRemove: () => void change({ field: 'deleted', value: false }, 'readerRestored'),
  };
}
