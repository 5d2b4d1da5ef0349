// One sync of the reading list through a WebDAV folder. No locking is needed: each browser writes only its own
// files (`<folder>/<deviceId>.json`, split into `<deviceId>.<n>.json` parts when large: parts.ts; every record it
// knows, full registers, tombstones included) and reads the others'; the registers merge the same way whatever the
// order (core/reading-list/crdt.ts).
//
// Order of a sync: list the folder (creating it only when missing), read the other devices' files that changed
// since the last sync (memo.ts; a file that cannot be used is reported and skipped), write those of our parts whose
// content changed, with the merge of ours and theirs, and only then merge their records into the list. So any
// failure (server unreachable or gone mid-sync, full, wrong passphrase, the sync's deadline) leaves the list as it
// was, and a garbage file never removes anything: the merge only ever adds newer registers.
import { mergeRecords, type ItemRecord } from '../crdt.ts';
import { hash64Base36 } from '../hash.ts';
import { mergeListenPlaces, type ListenPlaces } from '../listen-places.ts';
import { absorbRuleRecords, type SiteRuleRecord } from '../site-rules/records.ts';
import type { ReadingList } from '../reading-list.ts';
import type { WebDavClient } from './client.ts';
import { createKeyCache, decodeDeviceFile, encodeDeviceFile, type KeyCache } from './file.ts';
import { ARTICLES_FOLDER, type ArticleCopyStore } from './articles.ts';
import { syncArticleCopies, type ArticleSyncResult } from './article-transfers.ts';
import { MEMO_VERSION, memoScope, readMemo, type WebDavSyncMemo } from './memo.ts';
import { readOtherFiles } from './other-files.ts';
import { isOwnFile, PART_BYTES, splitRecords } from './parts.ts';
import { writeParts } from './part-writer.ts';
import {
  HIGHLIGHTS_PASS,
  readHighlightFiles,
  writeHighlightFiles,
  type HighlightsRead,
  type HighlightsSyncResult,
  type HighlightSyncStore,
} from './highlight-sync.ts';
import type { HighlightRecord } from '../highlights/model.ts';
import { errorMessage } from '../../util/index.ts';
import { WebDavError, problemOf, type SyncProblem, type WebDavProblem } from './problems.ts';

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
  /** The memo the last successful sync returned, as stored (ignored when damaged or made for other settings). */
  memo?: unknown;
  /** The whole sync's deadline: once aborted, no request is sent and nothing is taken into the list. */
  signal?: AbortSignal;
  /** Largest list file to write (bytes). Default PART_BYTES. */
  partBytes?: number;
  /** The reader's site rules: carried in our first part, merged from the others' (file.ts). */
  siteRules?: {
    records(): readonly SiteRuleRecord[] | Promise<readonly SiteRuleRecord[]>;
    absorb(records: readonly SiteRuleRecord[]): Promise<unknown>;
  };
  /** Where Listen stopped per article: the same. */
  listenPlaces?: {
    get(): ListenPlaces | Promise<ListenPlaces>;
    absorb(places: ListenPlaces): Promise<unknown>;
  };
  /** Also sync highlights and notes (highlight-sync.ts): this device's store of them. */
  highlights?: HighlightSyncStore;
}

export type WebDavSyncResult =
  | {
      ok: true;
      /** Items of the list changed by the other devices' files. */
      merged: number;
      /** Other devices' files read (not counting those known unchanged). */
      filesRead: number;
      /** Bytes of our own files written (0 when nothing changed). */
      wroteBytes: number;
      /** What the offline copies' pass did, when asked for. */
      articles?: Omit<ArticleSyncResult, 'problems' | 'memo'>;
      /** What the highlights' pass did, when asked for and this device's highlights could be read. */
      highlights?: HighlightsSyncResult;
      /** Files and copies skipped (garbage, newer version, damaged, refused…). */
      problems: SyncProblem[];
      /** What the next sync needs to skip what did not change: store it and pass it back. */
      memo: WebDavSyncMemo;
    }
  | { ok: false; problem: WebDavProblem; problems: SyncProblem[] };

export { deviceFileName } from './parts.ts';

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
  const passphrase = options.keys?.passphrase ?? (options.passphrase || undefined);
  const keys =
    options.keys ??
    (passphrase !== undefined ? createKeyCache(passphrase, { iterations: options.iterations }) : undefined);
  const scope = memoScope(client.identity, options.deviceId, passphrase);
  const memo = readMemo(options.memo, scope);
  const next: WebDavSyncMemo = { version: MEMO_VERSION, scope, read: {}, written: {}, parts: 1 };
  const problems: SyncProblem[] = [];
  const checkDeadline = () => {
    if (options.signal?.aborted) throw new WebDavError({ code: 'abandoned' });
  };
  try {
    // One PROPFIND; the folder is created only when it is not there.
    let listing = await client.listFolder();
    if (!listing) {
      await client.ensureFolder();
      listing = { files: [], folders: [], serverTime: null };
    }

    // Their site rules and Listen places come with their list files (first parts), taken when a file is.
    const theirRules: SiteRuleRecord[] = [];
    const theirPlaces: ListenPlaces[] = [];
    const others = await readOtherFiles<ItemRecord>({
      client,
      listed: listing.files,
      serverTime: listing.serverTime,
      theirs: (name) => name.endsWith('.json') && !isOwnFile(options.deviceId, name),
      decode: async (text) => {
        const read = await decodeDeviceFile(text, keys);
        if (!read.ok) return read;
        if (read.file.siteRules) theirRules.push(...read.file.siteRules);
        if (read.file.listenPlaces) theirPlaces.push(read.file.listenPlaces);
        return { ok: true, records: read.file.records, invalidRecords: read.invalidRecords };
      },
      known: memo?.read,
      problems,
      checkDeadline,
    });
    if (!others.ok) return { ok: false, problem: others.problem, problems };
    const { records: theirs, filesRead, changed: othersChanged } = others;
    next.read = others.read;

    // Highlights are read before anything is written too; a store that cannot be read skips them (reported).
    const highlightsContext = { client, deviceId: options.deviceId, keys, clock, checkDeadline, problems };
    let highlights: { ours: HighlightRecord[]; read: Extract<HighlightsRead, { ok: true }> } | null = null;
    if (options.highlights) {
      const ours = await options.highlights.records().catch((error: unknown) => {
        problems.push({ code: 'failed', file: HIGHLIGHTS_PASS, detail: errorMessage(error) });
        return null;
      });
      if (ours) {
        const read = await readHighlightFiles(highlightsContext, listing.files, listing.serverTime, memo?.highlights);
        if (!read.ok) return { ok: false, problem: read.problem, problems };
        highlights = { ours, read };
      }
    }

    // Ours merged with theirs: what we will know once absorbed (written first, so a failure changes nothing).
    const union = new Map<string, ItemRecord>();
    for (const r of [...list.records(), ...theirs]) {
      const had = union.get(r.id);
      union.set(r.id, had ? mergeRecords(had, r) : r);
    }
    const extras = await ourExtras(theirRules, theirPlaces);
    let wroteBytes = await writeOwnParts([...union.values()], extras, listing.files, memo, next);
    let highlightsWritten = 0;
    if (highlights) {
      const { ours, read } = highlights;
      const partBytes = Math.min(options.partBytes ?? PART_BYTES, next.partBytes ?? Infinity);
      const wrote = await writeHighlightFiles(
        highlightsContext,
        ours,
        read.theirs,
        listing.files,
        memo?.highlights,
        read.next,
        partBytes,
      );
      if (wrote.partBytes !== undefined) next.partBytes = Math.min(next.partBytes ?? Infinity, wrote.partBytes);
      highlightsWritten = wrote.bytes;
      wroteBytes += wrote.bytes;
    }

    checkDeadline();
    const merged = await list.absorbRecords(theirs);
    if (theirRules.length) await options.siteRules?.absorb(theirRules);
    for (const places of theirPlaces) await options.listenPlaces?.absorb(places);
    let highlightsResult: HighlightsSyncResult | undefined;
    if (highlights) {
      const { read } = highlights;
      const store = options.highlights!;
      try {
        const changed = await store.absorb(read.theirs);
        const byId = new Map(read.theirs.map((r) => [r.id, r.item]));
        const items = [...new Set(changed.map((id) => byId.get(id)).filter((i): i is string => i !== undefined))];
        highlightsResult = { merged: changed.length, items, filesRead: read.filesRead, wroteBytes: highlightsWritten };
        next.highlights = read.next;
      } catch (error) {
        // Not remembered as read: the next sync reads their files again.
        problems.push({ code: 'failed', file: HIGHLIGHTS_PASS, detail: errorMessage(error) });
      }
    }
    const withHighlights = highlightsResult ? { highlights: highlightsResult } : {};
    if (!options.articles) return { ok: true, merged, filesRead, wroteBytes, ...withHighlights, problems, memo: next };
    // After the list: its items (and deletions) decide which copies move.
    const {
      problems: articleProblems,
      memo: articlesMemo,
      ...articles
    } = await syncArticleCopies(list, options.articles.client, options.articles.store, {
      keys,
      memo: memo?.articles,
      folderExists: listing.folders.some((f) => f.name === ARTICLES_FOLDER),
      othersChanged,
      signal: options.signal,
      now: clock,
    });
    next.articles = articlesMemo;
    return {
      ok: true,
      merged,
      filesRead,
      wroteBytes,
      ...withHighlights,
      articles,
      problems: [...problems, ...articleProblems],
      memo: next,
    };
  } catch (error) {
    const problem: WebDavProblem = options.signal?.aborted ? { code: 'abandoned' } : problemOf(error);
    return { ok: false, problem, problems };
  }

  /** What our first part carries beside the records: ours merged with theirs, as the list's records are. */
  async function ourExtras(
    theirRules: SiteRuleRecord[],
    theirPlaces: ListenPlaces[],
  ): Promise<{ siteRules?: SiteRuleRecord[]; listenPlaces?: ListenPlaces; hash: string }> {
    const out: { siteRules?: SiteRuleRecord[]; listenPlaces?: ListenPlaces } = {};
    if (options.siteRules) {
      const rules = new Map<string, SiteRuleRecord>();
      absorbRuleRecords(rules, await options.siteRules.records());
      absorbRuleRecords(rules, theirRules);
      out.siteRules = [...rules.values()].sort((a, b) => (a.rule.id < b.rule.id ? -1 : 1));
    }
    if (options.listenPlaces) {
      let places = await options.listenPlaces.get();
      for (const p of theirPlaces) places = mergeListenPlaces(places, p).places;
      out.listenPlaces = Object.fromEntries(Object.entries(places).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    // Part of the first part's hash: a new rule or place is written even when no item changed.
    const hash = out.siteRules || out.listenPlaces ? hash64Base36(JSON.stringify(out)) : '';
    return { ...out, hash };
  }

  /** Writes our list's parts whose content changed (part-writer.ts). */
  async function writeOwnParts(
    records: ItemRecord[],
    extras: { siteRules?: SiteRuleRecord[]; listenPlaces?: ListenPlaces; hash: string },
    listed: { name: string; size: number | null }[],
    memo: WebDavSyncMemo | null,
    next: WebDavSyncMemo,
  ): Promise<number> {
    const onServer = new Map(listed.filter((f) => isOwnFile(options.deviceId, f.name)).map((f) => [f.name, f.size]));
    if (memo?.partBytes !== undefined) next.partBytes = memo.partBytes;
    const result = await writeParts({
      client,
      records,
      onServer,
      before: memo,
      partBytes: Math.min(options.partBytes ?? PART_BYTES, memo?.partBytes ?? Infinity),
      split: async (all, partBytes, previousCount) => {
        const parts = await splitRecords(options.deviceId, all, {
          partBytes,
          previousCount,
          sealed: keys !== undefined,
        });
        // The first part carries the extras: part of its hash, so a new rule or place is written.
        if (parts[0] && extras.hash) parts[0].hash += `+${extras.hash}`;
        return parts;
      },
      encode: (part) =>
        encodeDeviceFile(
          {
            deviceId: options.deviceId,
            writtenAt: clock(),
            records: part.records,
            ...(part.count > 1 ? { part: { index: part.index, count: part.count } } : {}),
            ...(part.index === 0 && extras.siteRules ? { siteRules: extras.siteRules } : {}),
            ...(part.index === 0 && extras.listenPlaces ? { listenPlaces: extras.listenPlaces } : {}),
          },
          keys,
        ),
      checkDeadline,
    });
    next.written = result.written;
    next.parts = result.parts;
    if (result.partBytes !== undefined) next.partBytes = result.partBytes;
    return result.bytes;
  }
}
