// A keyboard shortcut as the browser itself writes it in its shortcut settings, in the reader's language.
//
// Chromium's commands.getAll() already returns the text of its own shortcut page (ui::Accelerator's
// GetShortcutText: "Alt+Maj+S" in French): it is shown as it is. Firefox's returns the manifest's form
// ("Alt+Shift+S") whatever the language; its about:addons shortcut page writes the modifiers with its
// platformKeys strings, in its own order (Ctrl, Shift, Alt, then the Mac Control key), and the key as it is:
// "Maj+Alt+S" in French, "Shift+Alt+S" in English, "⇧⌥⌘S" on a Mac.

export interface ShortcutStyle {
  browser: 'chromium' | 'firefox';
  /** The browser's UI language, e.g. "fr-FR". */
  language: string;
  mac?: boolean;
}

type Modifier = 'accel' | 'shift' | 'alt' | 'control';

/** Firefox's manifest modifiers and what its ShortcutUtils calls them. */
const FIREFOX_MODIFIERS: Record<string, Modifier> = {
  Ctrl: 'accel',
  Command: 'accel',
  Shift: 'shift',
  Alt: 'alt',
  MacCtrl: 'control',
};
const FIREFOX_ORDER: readonly Modifier[] = ['accel', 'shift', 'alt', 'control'];

/** Firefox's platformKeys.properties (Linux and Windows) for the languages of our interface. */
const FIREFOX_KEY_NAMES: Record<string, Record<'shift' | 'alt' | 'ctrl', string>> = {
  en: { shift: 'Shift', alt: 'Alt', ctrl: 'Ctrl' },
  fr: { shift: 'Maj', alt: 'Alt', ctrl: 'Ctrl' },
};
/** Firefox's macOS platformKeys: glyphs, no separator; the Command key (accel) comes last. */
const FIREFOX_MAC_GLYPHS: Record<Modifier, string> = { shift: '⇧', alt: '⌥', control: '⌃', accel: '⌘' };

function firefoxText(shortcut: string, language: string, mac: boolean): string {
  const parts = shortcut.split('+').map((part) => part.trim());
  const key = parts.pop() ?? '';
  const modifiers = new Set(parts.map((part) => FIREFOX_MODIFIERS[part]));
  if (modifiers.has(undefined)) return shortcut; // not the manifest's form: show what the browser gave
  const held = FIREFOX_ORDER.filter((modifier) => modifiers.has(modifier));
  if (mac) {
    const order: readonly Modifier[] = ['shift', 'alt', 'control', 'accel'];
    return (
      order
        .filter((modifier) => held.includes(modifier))
        .map((m) => FIREFOX_MAC_GLYPHS[m])
        .join('') + key
    );
  }
  const names = FIREFOX_KEY_NAMES[language.toLowerCase().split(/[-_]/)[0] ?? ''] ?? FIREFOX_KEY_NAMES.en!;
  const name = (modifier: Modifier) => (modifier === 'accel' || modifier === 'control' ? names.ctrl : names[modifier]);
  return [...held.map(name), key].join('+');
}

/** The shortcut's text as `style`'s browser shows it, or '' when no shortcut is set. */
export function shortcutText(shortcut: string | undefined, style: ShortcutStyle): string {
  const value = shortcut?.trim() ?? '';
  if (!value || style.browser === 'chromium') return value;
  return firefoxText(value, style.language, style.mac === true);
}
