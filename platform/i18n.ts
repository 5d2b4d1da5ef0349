import { browser } from 'wxt/browser';
import type { Translate } from '../contracts/i18n.ts';
import { interfaceLocale } from '../core/util/index.ts';

/** The localized message, or the key itself if it is missing (never an empty string in the UI). */
export const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;

/**
 * The language the interface is shown in, e.g. "fr-CA" or "en": the browser's UI language when our messages
 * exist in it, else the language of the messages the browser falls back to. Numbers and dates use it too.
 */
export function uiLanguage(): string {
  return interfaceLocale(browser.i18n.getUILanguage(), browser.i18n.getMessage('messagesLocale'));
}
