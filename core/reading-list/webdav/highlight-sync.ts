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
import type { HighlightsMemo } from './memo.ts';
import { readOtherFiles } from './other-files.ts';
import { writeParts } from './part-writer.ts';
import { splitRecords } from './parts.ts';
import type { SyncProblem, WebDavProblem } from './problems.ts';

/** The `file` of a problem that kept the highlights out of a sync (the list synced): no file is named so. */
export const HIGHLIGHTS_PASS = '*highlights';

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

/** Reads the other devices' highlights files that changed since the last sync (other-files.ts). */
export async function readHighlightFiles(
  context: HighlightsContext,
  listed: RemoteEntry[],
  serverTime: number | null,
  memo: HighlightsMemo | undefined,
): Promise<HighlightsRead> {
  const others = await readOtherFiles<HighlightRecord>({
    client: context.client,
    listed,
    serverTime,
    theirs: (name) => isHighlightsFile(name) && !isOwnHighlightsFile(context.deviceId, name),
    decode: async (text) => {
      const read = await decodeHighlightsFile(text, context.keys);
      return read.ok ? { ok: true, records: read.file.records, invalidRecords: read.invalidRecords } : read;
    },
    known: memo?.read,
    problems: context.problems,
    checkDeadline: context.checkDeadline,
  });
  if (!others.ok) return others;
  return {
    ok: true,
    theirs: others.records,
    filesRead: others.filesRead,
    next: { read: others.read, written: {}, parts: 1 },
  };
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
