import { browser } from 'wxt/browser';

import type en from '../public/_locales/en/messages.json';

/** A message of public/_locales/en/messages.json (tests/unit/locales.test.ts checks fr has them all). */
export type MessageKey = keyof typeof en;

export type Translate = (key: MessageKey, substitutions?: string[]) => string;

/** The localized message, or the key itself if it is missing (never an empty string in the UI). */
export const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;

/** The browser's UI language, e.g. "fr" or "en-US". */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}
