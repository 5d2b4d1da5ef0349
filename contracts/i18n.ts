// The interface's messages as types: components take a Translate, platform/i18n.ts gives the browser's.
import type en from '../public/_locales/en/messages.json';

/** A message of public/_locales/en/messages.json (tests/unit/components/locales.test.ts checks fr has them all). */
export type MessageKey = keyof typeof en;

export type Translate = (key: MessageKey, substitutions?: string[]) => string;
