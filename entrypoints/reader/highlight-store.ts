// The offline reader's highlights, kept by the background (platform/highlight-store.ts) and reached by messages.
import type { HighlightStore } from '../../components/highlights/useArticleHighlights.ts';
import { watchArrivedHighlights } from '../../platform/storage.ts';
import { sendMessage } from '../../platform/messaging.ts';

export const highlightStore: HighlightStore = {
  list: (item) => sendMessage('listHighlights', { item }),
  add: (request) => sendMessage('addHighlight', request),
  change: (id, change) => sendMessage('changeHighlight', { id, change }),
  watch: watchArrivedHighlights,
};

/** The highlight the address asks for (reader.html?id=…#hl-<id>, from the Highlights view). */
export const focusedHighlight = (hash: string) => (hash.startsWith('#hl-') ? hash.slice(4) : null);
