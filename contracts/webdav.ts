// The reader's WebDAV settings and sync status as stored (platform/storage.ts) and shown (the options page).
import type { SyncProblem, WebDavProblem, WebDavProblemCode } from '../core/reading-list/index.ts';

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

export const WEBDAV_DEFAULTS: Readonly<WebDavSettings> = Object.freeze({
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

export interface WebDavStatus {
  lastSyncAt: number | null;
  /** What went wrong at the last sync, as data (never credentials); null after a success. */
  lastError: WebDavProblem | null;
  /** Failures in a row, for the backoff. */
  failures: number;
  /** Files and offline copies the last sync skipped, and why. */
  problems: SyncProblem[];
}

const PROBLEM_TEXT = ['location', 'detail', 'file', 'title', 'host'] as const;
const PROBLEM_COUNT = ['status', 'retryAfterSeconds', 'bytes', 'seconds', 'count'] as const;

/** A stored problem, field by field; an older version's sentence (a string) becomes a 'failed' with it as detail. */
function readProblem(value: unknown): WebDavProblem | null {
  if (typeof value === 'string') return { code: 'failed', detail: value };
  if (!isRecord(value) || typeof value.code !== 'string') return null;
  const problem: WebDavProblem = { code: value.code as WebDavProblemCode };
  for (const key of PROBLEM_TEXT) if (typeof value[key] === 'string') problem[key] = value[key];
  for (const key of PROBLEM_COUNT) {
    const n = value[key];
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0) problem[key] = n;
  }
  return problem;
}

/** The stored sync status, usable whatever storage holds (it is rewritten by the next sync). */
export function normalizeWebDavStatus(value: unknown): WebDavStatus {
  const v = isRecord(value) ? value : {};
  return {
    lastSyncAt: typeof v.lastSyncAt === 'number' && Number.isFinite(v.lastSyncAt) ? v.lastSyncAt : null,
    lastError: readProblem(v.lastError),
    failures: Number.isSafeInteger(v.failures) && (v.failures as number) >= 0 ? (v.failures as number) : 0,
    problems: Array.isArray(v.problems)
      ? v.problems.flatMap((p: unknown) => {
          const problem = readProblem(p);
          return problem ? [{ ...problem, file: problem.file ?? '' }] : [];
        })
      : [],
  };
}
