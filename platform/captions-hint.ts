// The popup starts extracting before the settings arrive from storage (30 ms in Chromium, up to 100 ms in
// Firefox): it uses the captions setting it saw last time, kept in the extension's own localStorage (read at
// once), and extracts again only if the stored setting turns out different.
const KEY = 'clear-reader:showCaptions';

export function lastCaptionsSetting(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'true';
  } catch {
    return false; // storage turned off: the usual default
  }
}

export function rememberCaptionsSetting(showCaptions: boolean): void {
  try {
    globalThis.localStorage?.setItem(KEY, String(showCaptions));
  } catch {
    // Nothing lost: the next open waits for the settings, as before.
  }
}
