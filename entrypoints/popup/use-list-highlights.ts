// The list's view of this device's highlights (the background keeps them): the records, the live ones, each
// item's highlighted text and notes folded for search, and what to tell the reader when they cannot be read.
import { useMemo, useState } from 'preact/hooks';
import { searchTokens, toHighlight, type Highlight, type HighlightRecord } from '../../core/reading-list/index.ts';
import { describeError } from '../../contracts/error-reasons.ts';
import { errorMessage } from '../../core/util/index.ts';
import { plural } from '../../contracts/i18n.ts';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { sendMessage } from '../../platform/messaging.ts';

export function useListHighlights() {
  const [records, setRecords] = useState<HighlightRecord[]>([]);
  const [unreadable, setUnreadable] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = async () => {
    try {
      const found = await sendMessage('listHighlights', {});
      setRecords(found.records);
      setUnreadable(found.unreadable);
      setFailure(null);
    } catch (error) {
      setFailure(errorMessage(error)); // the list works without them; the notice says why
    }
  };

  const live = useMemo(
    () => records.map(toHighlight).filter((h): h is Highlight => h !== null && !h.deleted),
    [records],
  );
  const searchText = useMemo(() => {
    const parts = new Map<string, string[]>();
    for (const h of live) parts.set(h.itemId, [...(parts.get(h.itemId) ?? []), h.quote.exact, h.note]);
    return new Map([...parts].map(([id, texts]) => [id, searchTokens(texts.join('\n'))]));
  }, [live]);
  const notices = [
    ...(failure ? [t('hlLoadFailed', [describeError(t, failure)])] : []),
    ...(unreadable > 0 ? [plural(t, uiLanguage(), 'hlUnreadable', unreadable)] : []),
  ];
  return { records, live, searchText, notices, refresh };
}
