/** Command names: the manifest's `commands` keys (wxt.config.ts) and the context menu's ids. */
export const TOGGLE_READER_VIEW = 'toggle-reader-view';
export const SAVE_FOR_LATER = 'save-for-later';
