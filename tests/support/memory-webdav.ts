// A WebDAV folder in memory for property tests (thousands of syncs: a real server is too slow for that). It keeps
// every version of every file, and a client can be given a view that lists an older version of another device's
// file, or none yet: deliveries late and out of order, as a lagging replica or a slow server would make them.
// The real servers are exercised by webdav-sync.test.ts and webdav-servers.test.ts.
import {
  mergeHighlightRecords,
  type FolderListing,
  type HighlightRecord,
  type HighlightSyncStore,
  type WebDavClient,
} from '../../core/reading-list/index.ts';

interface Version {
  body: string;
  etag: string;
}

/** Which version of a file a listing shows: its index in the file's history, or null to leave it out. */
export type View = (name: string, versions: number) => number | null;

export const latest: View = (_, versions) => versions - 1;

export function memoryDav() {
  const files = new Map<string, Version[]>();
  let counter = 0;
  let exists = false;

  function client(view: () => View = () => latest): WebDavClient {
    // What the last listing showed: get() returns that version, as a replica that lags would.
    let shown = new Map<string, Version>();
    return {
      origin: 'memory://dav',
      identity: 'memory://dav/folder',
      testConnection: () => Promise.resolve({ ok: true }),
      ensureFolder: () => {
        exists = true;
        return Promise.resolve();
      },
      listFolder(): Promise<FolderListing | null> {
        if (!exists) return Promise.resolve(null);
        const pick = view();
        shown = new Map();
        for (const [name, versions] of files) {
          const index = pick(name, versions.length);
          if (index !== null && versions[index]) shown.set(name, versions[index]);
        }
        const entries = [...shown].map(([name, v]) => ({ name, size: v.body.length, modified: null, etag: v.etag }));
        return Promise.resolve({ files: entries, folders: [], serverTime: null });
      },
      listFiles: () => Promise.resolve([]),
      get: (name) => Promise.resolve((shown.get(name) ?? files.get(name)?.at(-1))?.body ?? null),
      put(name, body) {
        const versions = files.get(name) ?? [];
        versions.push({ body, etag: `v${++counter}` });
        files.set(name, versions);
        return Promise.resolve();
      },
      remove(name) {
        files.delete(name);
        return Promise.resolve();
      },
    };
  }

  return { files, client };
}

/** A device's highlights store in memory (IndexedDB's place), merging as platform/highlight-store.ts does. */
export function memoryHighlights(): HighlightSyncStore & { map: Map<string, HighlightRecord> } {
  const map = new Map<string, HighlightRecord>();
  return {
    map,
    records: () => Promise.resolve([...map.values()]),
    absorb(incoming) {
      const changed = new Set<string>();
      for (const record of incoming) {
        const current = map.get(record.id);
        const merged = current ? mergeHighlightRecords(current, record) : record;
        if (merged !== current) {
          map.set(record.id, merged);
          changed.add(record.id);
        }
      }
      return Promise.resolve([...changed]);
    },
  };
}
