import { browser } from 'wxt/browser';
import type { Translate } from '../contracts/i18n.ts';

/** The localized message, or the key itself if it is missing (never an empty string in the UI). */
export const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;

/** The browser's UI language, e.g. "fr" or "en-US". */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}
