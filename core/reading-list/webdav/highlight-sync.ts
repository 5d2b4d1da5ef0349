// Highlights and notes in a WebDAV sync (docs/sync.md): the same scheme as the list. Each device writes its own
// `<device>.highlights` files (highlight-files.ts) with every highlight record it knows, tombstones included, and
// reads the others'; records merge field by field (highlights/model.ts), so any order of delivery gives the same
// result and nothing needs locking. sync.ts calls the three steps at the list's points: read before anything is
// written, write ours with theirs merged in, and only then merge theirs into the store.
import { mergeHighlightRecords, type HighlightRecord } from '../highlights/model.ts';
import type { RemoteEntry, WebDavClient } from './client.ts';
import type { KeyCache } from './file.ts';
import {
  decodeHighlightsFile,
  encodeHighlightsFile,
  highlightJson,
  highlightsFileName,
  isHighlightsFile,
  isOwnHighlightsFile,
} from './highlight-files.ts';
import { entryVersion, type HighlightsMemo } from './memo.ts';
import { writeParts } from './part-writer.ts';
import { splitRecords } from './parts.ts';
import type { SyncProblem, WebDavProblem } from './problems.ts';

/** This device's highlights as the sync sees them (IndexedDB in the extension, platform/highlight-store.ts). */
export interface HighlightSyncStore {
  /** Every record kept here, tombstones included. */
  records(): Promise<HighlightRecord[]>;
  /** Other devices' records merged into the store; the ids of the highlights that changed. */
  absorb(records: HighlightRecord[]): Promise<string[]>;
}

export interface HighlightsSyncResult {
  /** Highlights changed here by the other devices' files. */
  merged: number;
  /** Ids of the saved items whose highlights changed. */
  items: string[];
  /** Other devices' highlights files read (not counting those known unchanged). */
  filesRead: number;
  wroteBytes: number;
}

export interface HighlightsContext {
  client: WebDavClient;
  deviceId: string;
  keys: KeyCache | undefined;
  clock: () => number;
  checkDeadline: () => void;
  problems: SyncProblem[];
}

export type HighlightsRead =
  | { ok: true; theirs: HighlightRecord[]; filesRead: number; next: HighlightsMemo }
  | { ok: false; problem: WebDavProblem };

/** Reads the other devices' highlights files that changed since the last sync. */
export async function readHighlightFiles(
  context: HighlightsContext,
  listed: RemoteEntry[],
  serverTime: number | null,
  memo: HighlightsMemo | undefined,
): Promise<HighlightsRead> {
  const next: HighlightsMemo = { read: {}, written: {}, parts: 1 };
  const theirs: HighlightRecord[] = [];
  let filesRead = 0;
  for (const file of listed) {
    if (!isHighlightsFile(file.name) || isOwnHighlightsFile(context.deviceId, file.name)) continue;
    const version = entryVersion(file, serverTime);
    const known = version !== null ? memo?.read[file.name] : undefined;
    if (known && known.version === version) {
      next.read[file.name] = known;
      if (known.problem) context.problems.push({ ...known.problem, file: file.name });
      continue;
    }
    context.checkDeadline();
    const text = await context.client.get(file.name, file.size);
    if (text === null) continue; // gone since the listing
    const read = await decodeHighlightsFile(text, context.keys);
    if (!read.ok) {
      if (read.reason === 'wrong-passphrase' || read.reason === 'passphrase-needed') {
        return { ok: false, problem: { code: read.reason, file: file.name } };
      }
      const problem: WebDavProblem = { code: read.reason, ...(read.detail ? { detail: read.detail } : {}) };
      context.problems.push({ ...problem, file: file.name });
      if (version !== null) next.read[file.name] = { version, problem };
      continue;
    }
    filesRead++;
    const damaged: WebDavProblem | undefined = read.invalidRecords
      ? { code: 'damaged-items', count: read.invalidRecords }
      : undefined;
    if (damaged) context.problems.push({ ...damaged, file: file.name });
    theirs.push(...read.file.records);
    if (version !== null) next.read[file.name] = damaged ? { version, problem: damaged } : { version };
  }
  return { ok: true, theirs, filesRead, next };
}

/** Writes our highlights files (ours merged with theirs) where their content changed; bytes written. */
export async function writeHighlightFiles(
  context: HighlightsContext,
  ours: HighlightRecord[],
  theirs: HighlightRecord[],
  listed: RemoteEntry[],
  memo: HighlightsMemo | undefined,
  next: HighlightsMemo,
  partBytes: number,
): Promise<{ bytes: number; partBytes?: number }> {
  const union = new Map<string, HighlightRecord>();
  for (const r of [...ours, ...theirs]) {
    const had = union.get(r.id);
    union.set(r.id, had ? mergeHighlightRecords(had, r) : r);
  }
  const onServer = new Map(
    listed.filter((f) => isOwnHighlightsFile(context.deviceId, f.name)).map((f) => [f.name, f.size]),
  );
  const result = await writeParts({
    client: context.client,
    records: [...union.values()],
    onServer,
    before: memo ?? null,
    partBytes,
    split: (all, bytes, previousCount) =>
      splitRecords(context.deviceId, all, {
        partBytes: bytes,
        previousCount,
        sealed: context.keys !== undefined,
        json: highlightJson,
        name: highlightsFileName,
      }),
    encode: (part) =>
      encodeHighlightsFile(
        {
          deviceId: context.deviceId,
          writtenAt: context.clock(),
          records: part.records,
          ...(part.count > 1 ? { part: { index: part.index, count: part.count } } : {}),
        },
        context.keys,
      ),
    checkDeadline: context.checkDeadline,
  });
  next.written = result.written;
  next.parts = result.parts;
  return { bytes: result.bytes, ...(result.partBytes !== undefined ? { partBytes: result.partBytes } : {}) };
}
