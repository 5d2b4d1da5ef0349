// What a successful sync learned about the server, so the next one asks only for what changed: the version of
// each other device's file it absorbed, what it wrote of its own, where the offline copies stand. With it, a sync
// where nothing changed on either side costs one PROPFIND. It is a cache: lost, damaged, or made for other settings
// (server, user, folder, passphrase, device), it is ignored and the next sync reads everything again.
import { hash64Base36 } from '../hash.ts';
import type { RemoteEntry } from './client.ts';
import type { WebDavProblem } from './problems.ts';

export const MEMO_VERSION = 1;

export interface ArticlesMemo {
  /** Item ids with a copy on the server → that file's version ('' when unknown). */
  remote: Record<string, string>;
  /** When the articles folder was last listed (ms). */
  listedAt: number;
  /** Transfers were left for the next sync. */
  pending: boolean;
  /** Copies the server refused as too large (413), by id: not sent again until the retry time. */
  refused: Record<string, { bytes: number; at: number }>;
  /** Server copies that could not be used, by id, with the file version they had (not fetched again meanwhile). */
  unusable: Record<string, { version: string; problem: WebDavProblem }>;
}

export interface WebDavSyncMemo {
  version: typeof MEMO_VERSION;
  /** Which settings and device it belongs to (see memoScope). */
  scope: string;
  /**
   * Other devices' files as last read, by name: their version, and what was wrong with them (an unusable file is
   * reported again, not fetched again, until it changes).
   */
  read: Record<string, { version: string; problem?: WebDavProblem }>;
  /** This device's files as last written: name → hash of their content and size in bytes. */
  written: Record<string, { hash: string; bytes: number }>;
  /** Files the list was split into last time. */
  parts: number;
  /** Largest list file to write, once the server refused a larger one (413). */
  partBytes?: number;
  articles?: ArticlesMemo;
  /** The same for the highlights' files (highlight-sync.ts), once a sync has carried them. */
  highlights?: HighlightsMemo;
}

export interface HighlightsMemo {
  read: Record<string, { version: string; problem?: WebDavProblem }>;
  written: Record<string, { hash: string; bytes: number }>;
  parts: number;
}

/** A key for the settings a memo is valid for; the passphrase only as a hash (it sits in the same storage anyway). */
export function memoScope(identity: string, deviceId: string, passphrase: string | undefined): string {
  return hash64Base36(`${identity}\n${deviceId}\n${passphrase ? hash64Base36(passphrase) : ''}`);
}

/**
 * A listed file's version: its ETag, else its size and date. A date has one-second steps, so a file changed in the
 * last two seconds before the listing has no trustworthy version yet (it could change again without showing it).
 */
export function entryVersion(entry: RemoteEntry, serverTime: number | null): string | null {
  if (entry.etag) return `e${entry.etag}`;
  if (entry.size === null || entry.modified === null || serverTime === null) return null;
  if (entry.modified > serverTime - 2_000) return null;
  return `m${entry.size}@${entry.modified}`;
}

// Reading a stored memo: anything unexpected makes the whole memo unusable (a full sync is always correct).
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function recordOf<T>(value: unknown, read: (v: unknown) => T | null): Record<string, T> | null {
  if (!isRecord(value)) return null;
  const out: Record<string, T> = {};
  for (const [key, v] of Object.entries(value)) {
    const item = read(v);
    if (item === null) return null;
    out[key] = item;
  }
  return out;
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);

function problem(v: unknown): WebDavProblem | null {
  if (!isRecord(v) || typeof v.code !== 'string') return null;
  return { ...v, code: v.code } as WebDavProblem;
}

function versioned(v: unknown): { version: string; problem: WebDavProblem } | null {
  if (!isRecord(v) || typeof v.version !== 'string') return null;
  const p = problem(v.problem);
  return p ? { version: v.version, problem: p } : null;
}

function readEntry(v: unknown): { version: string; problem?: WebDavProblem } | null {
  if (!isRecord(v) || typeof v.version !== 'string') return null;
  if (v.problem === undefined) return { version: v.version };
  return versioned(v);
}

function articlesMemo(v: unknown): ArticlesMemo | null {
  if (!isRecord(v) || !isCount(v.listedAt) || typeof v.pending !== 'boolean') return null;
  const remote = recordOf(v.remote, text);
  const refused = recordOf(v.refused, (r) =>
    isRecord(r) && isCount(r.bytes) && isCount(r.at) ? { bytes: r.bytes, at: r.at } : null,
  );
  const unusable = recordOf(v.unusable, versioned);
  if (!remote || !refused || !unusable) return null;
  return { remote, listedAt: v.listedAt, pending: v.pending, refused, unusable };
}

function writtenOf(value: unknown): Record<string, { hash: string; bytes: number }> | null {
  return recordOf(value, (w) =>
    isRecord(w) && typeof w.hash === 'string' && isCount(w.bytes) ? { hash: w.hash, bytes: w.bytes } : null,
  );
}

function highlightsMemo(v: unknown): HighlightsMemo | null {
  if (!isRecord(v) || !isCount(v.parts) || v.parts < 1) return null;
  const read = recordOf(v.read, readEntry);
  const written = writtenOf(v.written);
  return read && written ? { read, written, parts: v.parts } : null;
}

/** A stored memo if it is whole and for this scope, else null. */
export function readMemo(value: unknown, scope: string): WebDavSyncMemo | null {
  if (!isRecord(value) || value.version !== MEMO_VERSION || value.scope !== scope) return null;
  const read = recordOf(value.read, readEntry);
  const written = writtenOf(value.written);
  if (!read || !written || !isCount(value.parts) || value.parts < 1) return null;
  const memo: WebDavSyncMemo = { version: MEMO_VERSION, scope, read, written, parts: value.parts };
  if (value.partBytes !== undefined) {
    if (!isCount(value.partBytes)) return null;
    memo.partBytes = value.partBytes;
  }
  if (value.articles !== undefined) {
    const articles = articlesMemo(value.articles);
    if (!articles) return null;
    memo.articles = articles;
  }
  if (value.highlights !== undefined) {
    const highlights = highlightsMemo(value.highlights);
    if (!highlights) return null;
    memo.highlights = highlights;
  }
  return memo;
}
