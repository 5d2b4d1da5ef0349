import { describe, expect, it } from 'vitest';
import { shortcutText } from '../../../core/util/index.ts';

describe('shortcutText', () => {
  it("shows Chromium's own text as it is: Chromium already writes it in its language", () => {
    // commands.getAll() in Chromium returns ui::Accelerator::GetShortcutText(): localized modifier names.
    expect(shortcutText('Alt+Maj+S', { browser: 'chromium', language: 'fr' })).toBe('Alt+Maj+S');
    expect(shortcutText('Alt+Shift+S', { browser: 'chromium', language: 'en-US' })).toBe('Alt+Shift+S');
    expect(shortcutText('⌥⇧S', { browser: 'chromium', language: 'en', mac: true })).toBe('⌥⇧S');
  });

  it("writes Firefox's manifest form as its shortcut page does: its key names, its modifier order", () => {
    // Firefox's platformKeys: Maj in French; ShortcutUtils puts Shift before Alt.
    expect(shortcutText('Alt+Shift+S', { browser: 'firefox', language: 'fr' })).toBe('Maj+Alt+S');
    expect(shortcutText('Alt+Shift+S', { browser: 'firefox', language: 'fr-FR' })).toBe('Maj+Alt+S');
    expect(shortcutText('Alt+Shift+S', { browser: 'firefox', language: 'en-US' })).toBe('Shift+Alt+S');
    expect(shortcutText('Ctrl+Shift+Y', { browser: 'firefox', language: 'fr' })).toBe('Ctrl+Maj+Y');
    expect(shortcutText('Alt+Y', { browser: 'firefox', language: 'fr' })).toBe('Alt+Y');
    // The key itself is shown as the manifest names it, as Firefox's page does.
    expect(shortcutText('Ctrl+Alt+Comma', { browser: 'firefox', language: 'en' })).toBe('Ctrl+Alt+Comma');
  });

  it('uses English key names for a language Firefox names we do not know', () => {
    expect(shortcutText('Alt+Shift+S', { browser: 'firefox', language: 'pt-BR' })).toBe('Shift+Alt+S');
  });

  it("writes macOS glyphs without separators, Command last, as Firefox's Mac page does", () => {
    expect(shortcutText('Command+Shift+S', { browser: 'firefox', language: 'fr', mac: true })).toBe('⇧⌘S');
    expect(shortcutText('MacCtrl+Alt+S', { browser: 'firefox', language: 'en', mac: true })).toBe('⌥⌃S');
  });

  it('says nothing when no shortcut is set, and keeps a form it does not know', () => {
    expect(shortcutText('', { browser: 'firefox', language: 'fr' })).toBe('');
    expect(shortcutText(undefined, { browser: 'chromium', language: 'fr' })).toBe('');
    expect(shortcutText('Hyper+S', { browser: 'firefox', language: 'fr' })).toBe('Hyper+S');
  });
});
