import { browser } from 'wxt/browser';

/** Keys of public/_locales/en/messages.json used by the extension pages. */
export type MessageKey =
  | 'extName'
  | 'popupLoading'
  | 'failureNotArticle'
  | 'failureTooLarge'
  | 'failureEmpty'
  | 'failureError'
  | 'failureRestricted'
  | 'failureNotHtml'
  | 'showAnyway'
  | 'readingTime';

export type Translate = (key: MessageKey, substitutions?: string[]) => string;

/** The localized message, or the key itself if it is missing (never an empty string in the UI). */
export const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;

/** The browser's UI language, e.g. "fr" or "en-US". */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}
