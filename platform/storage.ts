// Every storage item the extension keeps, in one place: key, area, default and version.
import { storage } from '@wxt-dev/storage';
import { DEFAULT_SETTINGS, normalizeSettings, type ReaderSettings, type SettingsStore } from '../core/settings.ts';

/** Reader settings follow the reader to other devices (storage.sync), as Chrome and Firefox sync them. */
export const readerSettingsItem = storage.defineItem<ReaderSettings>('sync:readerSettings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The stored settings, repaired if another version or device wrote something this one cannot use. */
export async function loadSettings(): Promise<ReaderSettings> {
  return normalizeSettings(await readerSettingsItem.getValue());
}

/** Stores the settings; rejects (quota, sync write limits) so the caller can tell the reader. */
export async function saveSettings(settings: ReaderSettings): Promise<void> {
  await readerSettingsItem.setValue(normalizeSettings(settings));
}

/** Calls back with the new settings whenever they change, here or on another device. */
export function watchSettings(callback: (settings: ReaderSettings) => void): () => void {
  return readerSettingsItem.watch((value) => callback(normalizeSettings(value)));
}

/** The settings as the reader surfaces use them (components/useReaderSettings.ts). */
export const settingsStore: SettingsStore = { load: loadSettings, save: saveSettings, watch: watchSettings };

/** This browser profile's id in the reading list's sync data (never synced itself). */
export const deviceIdItem = storage.defineItem<string | null>('local:deviceId', { fallback: null });

// The reading list's own keys (storage.local "rl-*", storage.sync "rl:*") are written by its engine through
// the adapters in platform/reading-list.ts; article bodies live in IndexedDB (platform/offline-store.ts).

/** The reader's WebDAV server for sync between browsers. Credentials stay in storage.local: never synced. */
export interface WebDavSettings {
  enabled: boolean;
  baseUrl: string;
  user: string;
  /** Password or app token. */
  password: string;
  folder: string;
  /** End-to-end encryption passphrase; empty: files are not encrypted. */
  passphrase: string;
  /** Also sync offline copies, one file per article (more room on the server); absent in older settings. */
  syncArticles?: boolean;
}

export const webDavSettingsItem = storage.defineItem<WebDavSettings>('local:webdavSettings', {
  fallback: { enabled: false, baseUrl: '', user: '', password: '', folder: 'ClearReader', passphrase: '' },
});

export interface WebDavStatus {
  lastSyncAt: number | null;
  /** The last failure in plain words (never credentials); null after a success. */
  lastError: string | null;
  /** Failures in a row, for the backoff. */
  failures: number;
  /** Files of other devices that could not be read at the last sync. */
  problems: string[];
}

export const webDavStatusItem = storage.defineItem<WebDavStatus>('local:webdavStatus', {
  fallback: { lastSyncAt: null, lastError: null, failures: 0, problems: [] },
});
