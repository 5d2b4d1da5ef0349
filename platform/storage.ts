// Every storage item the extension keeps, in one place: key, area, default and version.
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import {
  DEFAULT_SETTINGS,
  normalizeSettings,
  settingsToStore,
  type ReaderSettings,
  type SettingsStore,
} from '../core/reader/index.ts';
import {
  WEBDAV_DEFAULTS,
  normalizeWebDavSettings,
  normalizeWebDavStatus,
  type WebDavSettings,
  type WebDavStatus,
} from '../contracts/webdav.ts';
import { lastSettingsSeen, rememberSettings } from './settings-mirror.ts';

/** Reader settings follow the reader to other devices (storage.sync), as Chrome and Firefox sync them. */
export const readerSettingsItem = storage.defineItem<ReaderSettings>('sync:readerSettings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The stored settings, repaired if another version or device wrote something this one cannot use. */
export async function loadSettings(): Promise<ReaderSettings> {
  return normalizeSettings(await readerSettingsItem.getValue());
}

/**
 * Stores the settings; rejects (quota, sync write limits) so the caller can tell the reader. What the stored
 * value holds that this version does not know (another version's settings) is kept (see settingsToStore).
 */
export async function saveSettings(settings: ReaderSettings): Promise<void> {
  const stored: unknown = await readerSettingsItem.getValue();
  await readerSettingsItem.setValue(settingsToStore(stored, normalizeSettings(settings)) as unknown as ReaderSettings);
}

/** Calls back with the new settings whenever they change, here or on another device. */
export function watchSettings(callback: (settings: ReaderSettings) => void): () => void {
  return readerSettingsItem.watch((value) => callback(normalizeSettings(value)));
}

/** The settings as the reader surfaces use them (components/useReaderSettings.ts). */
export const settingsStore: SettingsStore = { load: loadSettings, save: saveSettings, watch: watchSettings };

/** The same, with the last settings seen kept in the extension's own localStorage: for its pages only. */
export const mirroredSettingsStore: SettingsStore = {
  ...settingsStore,
  lastSeen: lastSettingsSeen,
  remember: rememberSettings,
};

/** This browser profile's id in the reading list's sync data (never synced itself). */
export const deviceIdItem = storage.defineItem<string | null>('local:deviceId', { fallback: null });

/** This browser profile's id, made on first use. */
export async function deviceId(): Promise<string> {
  const known = await deviceIdItem.getValue();
  if (known) return known;
  const id = crypto.randomUUID();
  await deviceIdItem.setValue(id);
  return id;
}

// The reading list's own keys (storage.local "rl-*", storage.sync "rl:*") are written by its engine through
// the adapters in platform/reading-list.ts; article bodies live in IndexedDB (platform/offline-store.ts).

/** A storage item whose every read goes through `normalize` (the raw value stays as stored until written). */
function normalizedItem<T>(item: WxtStorageItem<T, Record<string, unknown>>, normalize: (raw: unknown) => T) {
  return {
    ...item,
    getValue: async () => normalize(await item.getValue()),
    watch: (callback: (value: T, old: T) => void) =>
      item.watch((value, old) => callback(normalize(value), normalize(old))),
  } satisfies WxtStorageItem<T, Record<string, unknown>>;
}

const rawWebDavSettingsItem = storage.defineItem<WebDavSettings>('local:webdavSettings', {
  fallback: { ...WEBDAV_DEFAULTS },
});

export const webDavSettingsItem = normalizedItem(rawWebDavSettingsItem, (raw) => normalizeWebDavSettings(raw).settings);

/** True when the stored WebDAV settings could not be read in full (the options page says so). */
export async function webDavSettingsDamaged(): Promise<boolean> {
  return normalizeWebDavSettings(await rawWebDavSettingsItem.getValue()).damaged;
}

export const webDavStatusItem = normalizedItem(
  storage.defineItem<WebDavStatus>('local:webdavStatus', {
    fallback: { lastSyncAt: null, lastError: null, failures: 0, problems: [] },
  }),
  normalizeWebDavStatus,
);

/**
 * What the last successful WebDAV sync learned about the server (core's WebDavSyncMemo, read back through
 * readMemo, which ignores anything damaged or made for other settings); a cache, never synced.
 */
export const webDavMemoItem = storage.defineItem<unknown>('local:webdavSyncMemo', { fallback: null });

/**
 * Bumped when highlights arrive from another device (a WebDAV sync): which saved items they belong to, so an open
 * offline reader reloads its article's highlights. A signal, never read for data.
 */
export const highlightsArrivedItem = storage.defineItem<{ at: number; items: string[] } | null>(
  'local:highlightsArrived',
  { fallback: null },
);

/** Calls back with the items whose highlights arrived from another device; returns the unsubscribe. */
export function watchArrivedHighlights(callback: (items: string[]) => void): () => void {
  return highlightsArrivedItem.watch((value) => {
    if (value) callback(value.items);
  });
}

/** Calls back on any change of the extension's storage (a save by shortcut, another device); returns the unsubscribe. */
export function watchAllStorage(callback: () => void): () => void {
  browser.storage.onChanged.addListener(callback);
  return () => browser.storage.onChanged.removeListener(callback);
}
