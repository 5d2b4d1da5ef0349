// Every storage item the extension keeps, in one place: key, area, default and version.
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import {
  DEFAULT_SETTINGS,
  normalizeSettings,
  settingsToStore,
  type ReaderSettings,
  type SettingsStore,
} from '../core/settings.ts';

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

const WEBDAV_DEFAULTS: Readonly<WebDavSettings> = Object.freeze({
  enabled: false,
  baseUrl: '',
  user: '',
  password: '',
  folder: 'ClearReader',
  passphrase: '',
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Stored WebDAV settings, usable whatever storage holds: a field of the wrong type gets its default, and settings
 * that could not be read in full are not enabled (never sync with half-read credentials). `damaged` tells the
 * options page to say so; the stored value itself is only replaced when the reader saves.
 */
export function normalizeWebDavSettings(value: unknown): { settings: WebDavSettings; damaged: boolean } {
  if (value === null || value === undefined) return { settings: { ...WEBDAV_DEFAULTS }, damaged: false };
  if (!isRecord(value)) return { settings: { ...WEBDAV_DEFAULTS }, damaged: true };
  let damaged = false;
  const field = <K extends keyof WebDavSettings>(key: K): WebDavSettings[K] => {
    const v = value[key];
    if (typeof v === typeof WEBDAV_DEFAULTS[key]) return v as WebDavSettings[K];
    if (v !== undefined) damaged = true; // missing (an older version's) is not damage
    return WEBDAV_DEFAULTS[key];
  };
  // Fields this version does not know (a newer one's) are kept as they are: saving here must not drop them.
  const settings: WebDavSettings = {
    ...value,
    enabled: field('enabled'),
    baseUrl: field('baseUrl'),
    user: field('user'),
    password: field('password'),
    folder: field('folder'),
    passphrase: field('passphrase'),
  };
  if (value.syncArticles !== undefined && typeof value.syncArticles !== 'boolean') {
    damaged = true;
    delete settings.syncArticles;
  }
  if (damaged) settings.enabled = false;
  return { settings, damaged };
}

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

export interface WebDavStatus {
  lastSyncAt: number | null;
  /** The last failure in plain words (never credentials); null after a success. */
  lastError: string | null;
  /** Failures in a row, for the backoff. */
  failures: number;
  /** Files of other devices that could not be read at the last sync. */
  problems: string[];
}

/** The stored sync status, usable whatever storage holds (it is rewritten by the next sync). */
export function normalizeWebDavStatus(value: unknown): WebDavStatus {
  const v = isRecord(value) ? value : {};
  return {
    lastSyncAt: typeof v.lastSyncAt === 'number' && Number.isFinite(v.lastSyncAt) ? v.lastSyncAt : null,
    lastError: typeof v.lastError === 'string' ? v.lastError : null,
    failures: Number.isSafeInteger(v.failures) && (v.failures as number) >= 0 ? (v.failures as number) : 0,
    problems: Array.isArray(v.problems) ? v.problems.filter((p): p is string => typeof p === 'string') : [],
  };
}

export const webDavStatusItem = normalizedItem(
  storage.defineItem<WebDavStatus>('local:webdavStatus', {
    fallback: { lastSyncAt: null, lastError: null, failures: 0, problems: [] },
  }),
  normalizeWebDavStatus,
);
