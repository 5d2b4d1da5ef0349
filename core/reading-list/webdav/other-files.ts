// Reading the other devices' files of one kind (the list's, the highlights'), for the list and the highlights
// alike: only those whose version changed since the last successful sync (memo.ts); a file that cannot be used is
// reported and skipped, and not fetched again until it changes; a wrong or missing passphrase stops the sync
// before anything is written (writing ours then would lock the other devices out, or leave ours readable).
import type { RemoteEntry, WebDavClient } from './client.ts';
import type { FileFailure } from './file.ts';
import { entryVersion } from './memo.ts';
import type { SyncProblem, WebDavProblem } from './problems.ts';

export type ReadVersions = Record<string, { version: string; problem?: WebDavProblem }>;

export type DecodedFile<R> = { ok: true; records: R[]; invalidRecords: number } | FileFailure;

export type OtherFiles<R> =
  | {
      ok: true;
      records: R[];
      /** Files read (not counting those known unchanged). */
      filesRead: number;
      /** Some file was new or changed since the last sync (read or not). */
      changed: boolean;
      /** What the next sync's memo keeps. */
      read: ReadVersions;
    }
  | { ok: false; problem: WebDavProblem };

export async function readOtherFiles<R>(options: {
  client: WebDavClient;
  listed: RemoteEntry[];
  serverTime: number | null;
  /** The files of this kind written by other devices. */
  theirs: (name: string) => boolean;
  decode: (text: string) => Promise<DecodedFile<R>>;
  /** The versions the last successful sync read. */
  known: ReadVersions | undefined;
  problems: SyncProblem[];
  checkDeadline: () => void;
}): Promise<OtherFiles<R>> {
  const { problems } = options;
  const records: R[] = [];
  const read: ReadVersions = {};
  let filesRead = 0;
  let changed = false;
  for (const file of options.listed) {
    if (!options.theirs(file.name)) continue;
    const version = entryVersion(file, options.serverTime);
    const known = version !== null ? options.known?.[file.name] : undefined;
    if (known && known.version === version) {
      read[file.name] = known;
      if (known.problem) problems.push({ ...known.problem, file: file.name });
      continue;
    }
    changed = true;
    options.checkDeadline();
    const text = await options.client.get(file.name, file.size);
    if (text === null) continue; // gone since the listing
    const decoded = await options.decode(text);
    if (!decoded.ok) {
      if (decoded.reason === 'wrong-passphrase' || decoded.reason === 'passphrase-needed') {
        return { ok: false, problem: { code: decoded.reason, file: file.name } };
      }
      const problem: WebDavProblem = { code: decoded.reason, ...(decoded.detail ? { detail: decoded.detail } : {}) };
      problems.push({ ...problem, file: file.name });
      if (version !== null) read[file.name] = { version, problem };
      continue;
    }
    filesRead++;
    const damaged: WebDavProblem | undefined = decoded.invalidRecords
      ? { code: 'damaged-items', count: decoded.invalidRecords }
      : undefined;
    if (damaged) problems.push({ ...damaged, file: file.name });
    records.push(...decoded.records);
    if (version !== null) read[file.name] = damaged ? { version, problem: damaged } : { version };
  }
  return { ok: true, records, filesRead, changed, read };
}
