import { normalizeSettings, type ReaderSettings } from '../core/reader/index.ts';

// The reader's settings as the extension's own pages last saw them, in the extension's localStorage (read at once,
// where storage.sync takes 30 ms in Chromium and up to 100 ms in Firefox). Storage stays the source of truth: the
// pages open with this copy and take the stored settings when they arrive. Never used inside a web page (the
// in-page view's localStorage would be the site's).
const KEY = 'clear-reader:lastSettings';
/** Where earlier versions kept the captions setting alone. */
const OLD_CAPTIONS_KEY = 'clear-reader:showCaptions';

/** The copy as stored, not checked: for the popup's first script, which only styles a loading screen with it. */
export function lastSettingsStored(): Partial<ReaderSettings> | null {
  try {
    const stored: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null');
    return stored && typeof stored === 'object' ? stored : null;
  } catch {
    return null;
  }
}

export function lastSettingsSeen(): ReaderSettings | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (raw) return normalizeSettings(JSON.parse(raw));
    const captions = globalThis.localStorage?.getItem(OLD_CAPTIONS_KEY);
    return captions === null || captions === undefined
      ? null
      : normalizeSettings({ showCaptions: captions === 'true' });
  } catch {
    return null; // storage turned off, or a copy this version cannot read: the pages wait for storage, as before
  }
}

export function rememberSettings(settings: ReaderSettings): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(settings));
    globalThis.localStorage?.removeItem(OLD_CAPTIONS_KEY);
  } catch {
    // Nothing lost: the next open shows the default settings until storage answers.
  }
}
