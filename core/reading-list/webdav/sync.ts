// One sync of the reading list through a WebDAV folder. No locking is needed: each browser writes only its own
// file (`<folder>/<deviceId>.json`, every record it knows, full registers, tombstones included) and reads the
// others'; the registers merge the same way whatever the order (core/reading-list/crdt.ts).
//
// Order of a sync: make sure the folder exists, list it, read every other device's file (a file that cannot be
// used is reported and skipped), write our own file with the merge of ours and theirs, and only then merge their
// records into the list. So any failure (server unreachable or gone mid-sync, full, wrong passphrase) leaves the
// list as it was, and a garbage file never removes anything: the merge only ever adds newer registers.
import { mergeRecords, type ItemRecord } from '../crdt.ts';
import type { ReadingList } from '../reading-list.ts';
import { WebDavError, type WebDavClient, type WebDavErrorKind } from './client.ts';
import { createKeyCache, decodeDeviceFile, encodeDeviceFile, type KeyCache, type SyncProblem } from './file.ts';
import { syncArticleCopies, type ArticleCopyStore, type ArticleSyncResult } from './articles.ts';
import { errorMessage } from '../../util/index.ts';

export interface WebDavSyncOptions {
  /** This browser profile's stable id (the engine's deviceId); its file is `<deviceId>.json`. */
  deviceId: string;
  /** End-to-end encryption: files are written sealed with it, and sealed files read with it. */
  passphrase?: string;
  /**
   * Keys derived from the passphrase (reuse one across syncs to derive once per salt; its passphrase wins).
   * Default: a new cache for this sync.
   */
  keys?: KeyCache;
  /** PBKDF2 iterations for files this device writes (tests lower it). Default 600,000. */
  iterations?: number;
  /** Clock, ms since 1970. */
  now?: () => number;
  /**
   * Also sync offline copies (articles.ts), once the list is synced: `client` is rooted at the articles
   * sub-folder, `store` this device's copies.
   */
  articles?: { client: WebDavClient; store: ArticleCopyStore };
}

export type WebDavSyncFailureKind = WebDavErrorKind | 'wrong-passphrase' | 'passphrase-needed';

export type WebDavSyncResult =
  | {
      ok: true;
      /** Items of the list changed by the other devices' files. */
      merged: number;
      /** Other devices' files read. */
      filesRead: number;
      wroteBytes: number;
      /** What the offline copies' pass did, when asked for. */
      articles?: Omit<ArticleSyncResult, 'problems'>;
      /** Files skipped (garbage, newer version, damaged records…), in plain words. */
      problems: SyncProblem[];
    }
  | { ok: false; kind: WebDavSyncFailureKind; message: string; problems: SyncProblem[] };

/** The file name of a device: its id, with anything but letters, digits, "-" and "_" replaced. */
export function deviceFileName(deviceId: string): string {
  const safe = deviceId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
  return `${safe || 'device'}.json`;
}

/** Wait before the next attempt after `failures` failures in a row: 1 min, 2, 4… up to 1 hour. */
export function nextSyncDelay(failures: number, options: { baseMs?: number; maxMs?: number } = {}): number {
  const base = options.baseMs ?? 60_000;
  const max = options.maxMs ?? 3_600_000;
  if (!Number.isFinite(failures) || failures <= 0) return base;
  return Math.min(max, base * 2 ** Math.min(failures - 1, 30));
}

export async function syncWithWebDav(
  list: ReadingList,
  client: WebDavClient,
  options: WebDavSyncOptions,
): Promise<WebDavSyncResult> {
  const clock = options.now ?? Date.now;
  const own = deviceFileName(options.deviceId);
  const keys =
    options.keys ??
    (options.passphrase !== undefined && options.passphrase !== ''
      ? createKeyCache(options.passphrase, { iterations: options.iterations })
      : undefined);
  const problems: SyncProblem[] = [];
  try {
    await client.ensureFolder();
    const files = await client.listFiles();
    const theirs: ItemRecord[] = [];
    let filesRead = 0;
    for (const file of files) {
      if (file.name === own || !file.name.endsWith('.json')) continue;
      const text = await client.get(file.name);
      if (text === null) continue; // gone since the listing
      const read = await decodeDeviceFile(text, keys);
      if (!read.ok) {
        if (read.reason === 'wrong-passphrase' || read.reason === 'passphrase-needed') {
          // Writing our file now would lock the other devices out (or leave ours readable): stop here.
          return {
            ok: false,
            kind: read.reason,
            message:
              read.reason === 'wrong-passphrase'
                ? `The sync passphrase does not open ${file.name}: check it matches the one set on the other browsers.`
                : `${file.name} is encrypted: enter the sync passphrase set on the other browsers.`,
            problems,
          };
        }
        problems.push({ file: file.name, reason: read.message });
        continue;
      }
      filesRead++;
      if (read.invalidRecords) {
        problems.push({ file: file.name, reason: `${read.invalidRecords} damaged item(s) skipped` });
      }
      theirs.push(...read.file.records);
    }
    // Ours merged with theirs: what we will know once absorbed (written first, so a failure changes nothing).
    const union = new Map<string, ItemRecord>();
    for (const r of [...list.records(), ...theirs]) {
      const known = union.get(r.id);
      union.set(r.id, known ? mergeRecords(known, r) : r);
    }
    const body = await encodeDeviceFile(
      { deviceId: options.deviceId, writtenAt: clock(), records: [...union.values()] },
      keys,
    );
    await client.put(own, body);
    const merged = await list.absorbRecords(theirs);
    const wroteBytes = new TextEncoder().encode(body).length;
    if (!options.articles) return { ok: true, merged, filesRead, wroteBytes, problems };
    // After the list: its items (and deletions) decide which copies move.
    const { problems: articleProblems, ...articles } = await syncArticleCopies(
      list,
      options.articles.client,
      options.articles.store,
      { keys },
    );
    return { ok: true, merged, filesRead, wroteBytes, articles, problems: [...problems, ...articleProblems] };
  } catch (error) {
    if (error instanceof WebDavError) return { ok: false, kind: error.kind, message: error.message, problems };
    return {
      ok: false,
      kind: 'server-error',
      message: `Sync failed: ${errorMessage(error)}`,
      problems,
    };
  }
}
