// The extension's keyboard shortcuts as the reader set them (they can change them in the browser's settings),
// written the way the browser writes them in its own language.
import { browser } from 'wxt/browser';
import { shortcutText } from '../core/util/index.ts';
import { SAVE_FOR_LATER, TOGGLE_READER_VIEW } from './command-names.ts';

import type { Shortcuts } from '../contracts/page.ts';

export type { Shortcuts } from '../contracts/page.ts';

const NONE: Shortcuts = { save: '', toggleView: '' };

/** The current shortcuts; none (never an error) where the browser cannot say. */
export async function loadShortcuts(): Promise<Shortcuts> {
  try {
    const commands = await browser.commands.getAll();
    const style = {
      browser: import.meta.env.FIREFOX ? ('firefox' as const) : ('chromium' as const),
      language: browser.i18n.getUILanguage(),
      mac: /\bMac/.test(globalThis.navigator?.platform ?? ''),
    };
    const text = (name: string) => shortcutText(commands.find((command) => command.name === name)?.shortcut, style);
    return { save: text(SAVE_FOR_LATER), toggleView: text(TOGGLE_READER_VIEW) };
  } catch {
    return NONE;
  }
}
