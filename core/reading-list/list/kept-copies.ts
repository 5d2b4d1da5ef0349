// Data this version cannot read is never written over without a copy kept on the device (LocalStore.keep): a shard
// of sync storage that is damaged, and records or bookkeeping of the local store that cannot be read, or a whole
// store written by a newer version. The copies are counted for the reader (status().keptCopies).
import {
  LOCAL_VERSION,
  MAX_KEPT_COPIES,
  migrateLocal,
  type KeptCopy,
  type KeptCopyInfo,
  type LocalSnapshot,
  type LocalStore,
  type MigratedLocal,
} from '../local-store.ts';
import { errorMessage } from '../../util/index.ts';

export interface KeptCopies {
  /**
   * Reads the local store's snapshot, after keeping aside what this version cannot read of it. Rejects, having
   * written nothing, when such data cannot be kept.
   */
  load(snapshot: LocalSnapshot): Promise<MigratedLocal>;
  /** True once a copy is kept (now or earlier); false when the store cannot keep copies. Rejects when keeping failed. */
  keep(copy: Omit<KeptCopy, 'at'>): Promise<boolean>;
  /** Copies kept after `since` (ms since 1970). */
  keptSince(since: number): number;
  /** Records of the local store that could not be read, or not in full, at load. */
  unreadableLocal(): number;
  /** The local store was written by a newer version, or its version is unreadable. */
  localFromOtherVersion(): boolean;
}

export function createKeptCopies(options: { store: LocalStore; now: () => number; notify: () => void }): KeptCopies {
  const { store, now, notify } = options;
  let kept: KeptCopyInfo[] = [];
  /** Values kept by this instance (source and JSON): each is kept once. */
  const keptValues = new Set<string>();
  let unreadableLocal = 0;
  let localFromOtherVersion = false;

  async function keep(copy: Omit<KeptCopy, 'at'>): Promise<boolean> {
    const identity = `${copy.source}\n${JSON.stringify(copy.value)}`;
    if (keptValues.has(identity)) return true;
    if (!store.keep) return false;
    const at = now();
    const added = await store.keep({ ...copy, at });
    keptValues.add(identity);
    if (added) {
      kept = [...kept, { source: copy.source, reason: copy.reason, at, message: copy.message }].slice(-MAX_KEPT_COPIES);
      notify();
    }
    return true;
  }

  /** What of the snapshot is to be kept aside before anything is written. */
  function unreadableParts(snapshot: LocalSnapshot, migrated: MigratedLocal): Omit<KeptCopy, 'at'>[] {
    const { kept: _kept, ...stored } = snapshot;
    if (migrated.foreignVersion !== null) {
      const newer = migrated.foreignVersion > LOCAL_VERSION;
      return [
        {
          source: 'local:all',
          reason: newer ? 'newer' : 'corrupt',
          message: newer
            ? `stored by a newer version (${migrated.foreignVersion})`
            : `stored with an unreadable version (${String(migrated.foreignVersion)})`,
          value: stored,
        },
      ];
    }
    const copies: Omit<KeptCopy, 'at'>[] = [];
    if (migrated.skipped.length) {
      copies.push({
        source: 'local:records',
        reason: 'corrupt',
        message: `${migrated.skipped.length} record(s) this version cannot read in full`,
        value: migrated.skipped,
      });
    }
    if (migrated.stateDamaged) {
      copies.push({ source: 'local:state', reason: 'corrupt', message: 'unreadable bookkeeping', value: stored.state });
    }
    return copies;
  }

  return {
    async load(snapshot) {
      kept = [...(snapshot.kept ?? [])];
      const migrated = migrateLocal(snapshot);
      for (const copy of unreadableParts(snapshot, migrated)) {
        let done: boolean;
        try {
          done = await keep(copy);
        } catch (error) {
          throw new Error(
            `The reading list on this device cannot be read, and no copy of it could be kept (${errorMessage(error)}): nothing was changed.`,
            { cause: error },
          );
        }
        if (!done)
          throw new Error(
            'The reading list on this device cannot be read, and this store cannot keep a copy of it: nothing was changed.',
          );
      }
      unreadableLocal = migrated.skipped.length;
      localFromOtherVersion = migrated.foreignVersion !== null;
      return migrated;
    },
    keep,
    keptSince: (since) => kept.filter((k) => k.at > since).length,
    unreadableLocal: () => unreadableLocal,
    localFromOtherVersion: () => localFromOtherVersion,
  };
}
