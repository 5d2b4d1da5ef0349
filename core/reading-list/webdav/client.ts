// A minimal WebDAV client for the reading list's cross-browser sync: a folder of small JSON files on a server the
// reader owns (Nextcloud, ownCloud, Apache mod_dav, nginx dav-ext…). It runs wherever `fetch` does (service
// worker, page, Node): no DOM.
//
// Every request has one deadline for its headers and its body together, enforced by an AbortController given to
// fetch and raced against the body read; an outer signal (the whole sync's) aborts it too. Credentials go only to
// the configured origin: every address is built from the base URL and checked against its origin, redirects are
// not followed (reported instead, with their target when the runtime shows it), and nothing here logs or puts
// the password in an error.
import { utf8Base64 } from './base64.ts';
import { hrefSegments, parseMultistatus } from './multistatus.ts';
import { WebDavError, problemFromNetworkError, problemFromStatus, type WebDavProblem } from './problems.ts';

export interface WebDavConfig {
  /** The server's WebDAV address, e.g. https://cloud.example.org/remote.php/dav/files/alice/ */
  baseUrl: string;
  user: string;
  /** Password or app token. */
  password: string;
  /** Folder under baseUrl for the sync files, e.g. "ClearReader" (nested folders with "/"). */
  folder: string;
}

export interface WebDavClientOptions {
  /** Default: globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  /** Deadline of one request, headers and body together (ms), plus TRANSFER_MS_PER_KB for its known size. */
  timeoutMs?: number;
  /** Aborts every request, running or to come (the whole sync's deadline). */
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/** Time allowed per KB moved, on top of timeoutMs: 5 MB at a slow 50 KB/s still fits. */
export const TRANSFER_MS_PER_KB = 20;

export type ConnectionResult = { ok: true } | { ok: false; problem: WebDavProblem };

export interface RemoteEntry {
  /** Name inside the folder (decoded). */
  name: string;
  size: number | null;
  /** ms since 1970, when the server says. */
  modified: number | null;
  etag: string | null;
}

export type RemoteFile = RemoteEntry;

export interface FolderListing {
  files: RemoteEntry[];
  /** Sub-folders. */
  folders: RemoteEntry[];
  /** The server's clock when it answered (its Date header), ms since 1970; null when it did not say. */
  serverTime: number | null;
}

export interface WebDavClient {
  readonly origin: string;
  /** The folder's address and the user (no secret): what a sync's memo belongs to. */
  readonly identity: string;
  testConnection(): Promise<ConnectionResult>;
  /** Creates the folder and any missing parent (MKCOL; an existing one is fine). */
  ensureFolder(): Promise<void>;
  /** The folder's files and sub-folders (one PROPFIND); null when the folder does not exist. */
  listFolder(): Promise<FolderListing | null>;
  /** The files (not sub-folders) in the folder; a missing folder is a not-found error. */
  listFiles(): Promise<RemoteFile[]>;
  /** A file's text; null when it does not exist. `size` (when listed) extends the deadline for a large file. */
  get(name: string, size?: number | null): Promise<string | null>;
  /** Writes a file (replacing it). */
  put(name: string, body: string, contentType?: string): Promise<void>;
  /** Deletes a file; one already gone is no error. */
  remove(name: string): Promise<void>;
}

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<d:propfind xmlns:d="DAV:"><d:prop>' +
  '<d:resourcetype/><d:getcontentlength/><d:getlastmodified/><d:getetag/>' +
  '</d:prop></d:propfind>';

/** Folder path segments, without empty or dot segments. */
function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** The base address, or the problem with it: not http(s), or credentials typed into it. */
function parseBase(baseUrl: string): URL | WebDavProblem {
  let base: URL;
  try {
    base = new URL(baseUrl.trim().endsWith('/') ? baseUrl.trim() : baseUrl.trim() + '/');
  } catch {
    return { code: 'bad-address' };
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return { code: 'bad-address' };
  // fetch refuses such an address outright ("cannot be reached" would be a lie), and it would leak in logs.
  if (base.username || base.password) return { code: 'credentials-in-address' };
  return base;
}

/** Hosts on this computer: plain http never leaves it (a local server, the tests' servers). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The problem with a server address as typed, or null when it can be used (for the options page, before asking):
 * https only, except for a server on this computer (the password and the list must not cross a network in clear).
 */
export function addressProblem(baseUrl: string): WebDavProblem | null {
  const base = parseBase(baseUrl);
  if (!(base instanceof URL)) return base;
  if (base.protocol === 'http:' && !LOOPBACK.has(base.hostname)) {
    return { code: 'insecure-address', host: base.hostname };
  }
  return null;
}

export function createWebDavClient(config: WebDavConfig, options: WebDavClientOptions = {}): WebDavClient {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outer = options.signal;
  const parsed = parseBase(config.baseUrl);
  const base = parsed instanceof URL ? parsed : null;
  const origin = base?.origin ?? '';
  const folderParts = segments(config.folder);
  const authorization = 'Basic ' + utf8Base64(`${config.user}:${config.password}`);

  function folderUrl(parts = folderParts): URL {
    if (!base) throw new WebDavError(parsed as WebDavProblem);
    return new URL(parts.map((p) => encodeURIComponent(p) + '/').join(''), base);
  }

  function fileUrl(name: string): URL {
    if (!name || name.includes('/') || name === '.' || name === '..') {
      throw new WebDavError({ code: 'failed', detail: `invalid file name ${JSON.stringify(name)}` });
    }
    return new URL(encodeURIComponent(name), folderUrl());
  }

  /** One request under one deadline, its body read (or dropped) within it. */
  async function exchange(
    method: string,
    url: URL,
    init: { headers?: Record<string, string>; body?: string; bytes?: number; read?: boolean } = {},
  ): Promise<Answer> {
    if (url.origin !== origin) throw new WebDavError({ code: 'failed', detail: 'refusing another origin' });
    if (outer?.aborted) throw new WebDavError({ code: 'abandoned' });
    const limit = timeoutMs + Math.ceil(((init.bytes ?? 0) / 1024) * TRANSFER_MS_PER_KB);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limit);
    const onOuterAbort = () => controller.abort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    // Settles when the deadline (or the sync's) passes, whatever fetch or the body stream does with the signal.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
    aborted.catch(() => undefined);
    let answered = false;
    try {
      const response = await Promise.race([
        doFetch(url, {
          method,
          headers: { Authorization: authorization, ...init.headers },
          body: init.body,
          redirect: 'manual',
          signal: controller.signal,
          credentials: 'omit',
          cache: 'no-store',
        }),
        aborted,
      ]);
      answered = true;
      if (response.type === 'opaqueredirect') {
        // A browser hides a manual redirect's status and target.
        throw new WebDavError({ code: 'redirect' });
      }
      const reading = init.read ? response.text() : (response.body?.cancel() ?? Promise.resolve()).then(() => '');
      reading.catch(() => undefined);
      const text = await Promise.race([reading, aborted]);
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (error instanceof WebDavError) throw error;
      if (timedOut) throw new WebDavError({ code: 'timeout', seconds: Math.ceil(limit / 1000) });
      if (outer?.aborted) throw new WebDavError({ code: 'abandoned' });
      if (answered) throw new WebDavError({ code: 'connection-broke' });
      throw new WebDavError(problemFromNetworkError(error, url));
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
      // Whatever is still flowing (a body we raced away from) stops now.
      controller.abort();
    }
  }

  function fail(answer: Answer, url: URL): never {
    throw new WebDavError(problemFromStatus(answer.status, answer.headers, url));
  }

  /** A PROPFIND's entries; null on 404. */
  async function propfind(
    url: URL,
    depth: '0' | '1',
  ): Promise<{ entries: ReturnType<typeof parseMultistatus>; serverTime: number | null } | null> {
    const answer = await exchange('PROPFIND', url, {
      headers: { Depth: depth, 'Content-Type': 'application/xml; charset=utf-8' },
      body: PROPFIND_BODY,
      read: true,
    });
    if (answer.status === 404) return null;
    if (answer.status !== 207) {
      // A plain web server answers 200 (a page), 405 or 501 to PROPFIND.
      if ((answer.status >= 200 && answer.status < 300) || answer.status === 405 || answer.status === 501) {
        throw new WebDavError({ code: 'not-webdav', status: answer.status });
      }
      fail(answer, url);
    }
    if (!/multistatus/i.test(answer.text)) throw new WebDavError({ code: 'not-webdav', status: 207 });
    const date = Date.parse(answer.headers.get('date') ?? '');
    return { entries: parseMultistatus(answer.text), serverTime: Number.isFinite(date) ? date : null };
  }

  async function listFolder(): Promise<FolderListing | null> {
    const url = folderUrl();
    const found = await propfind(url, '1');
    if (!found) return null;
    const own = hrefSegments(url.pathname);
    const listing: FolderListing = { files: [], folders: [], serverTime: found.serverTime };
    for (const entry of found.entries) {
      const path = hrefSegments(entry.href);
      // Only the folder's own children: not the folder itself, nor anything a server lists deeper.
      if (path.length !== own.length + 1 || own.some((s, i) => path[i] !== s)) continue;
      const item: RemoteEntry = {
        name: path[own.length]!,
        size: entry.size,
        modified: entry.modified,
        etag: entry.etag,
      };
      (entry.collection ? listing.folders : listing.files).push(item);
    }
    return listing;
  }

  return {
    origin,
    identity: base ? `${config.user} ${folderUrl().href}` : '',

    async testConnection() {
      try {
        if (!base) return { ok: false, problem: parsed as WebDavProblem };
        const found = await propfind(base, '0');
        return found ? { ok: true } : { ok: false, problem: { code: 'not-found', status: 404 } };
      } catch (error) {
        return { ok: false, problem: error instanceof WebDavError ? error.problem : { code: 'failed' } };
      }
    },

    async ensureFolder() {
      for (let i = 1; i <= folderParts.length; i++) {
        const url = folderUrl(folderParts.slice(0, i));
        const answer = await exchange('MKCOL', url);
        // 201: created; 405: already there (RFC 4918), as Apache, nginx and sabre/dav answer.
        if (answer.status === 201 || answer.status === 405 || (answer.status >= 200 && answer.status < 300)) continue;
        fail(answer, url);
      }
    },

    listFolder,

    async listFiles() {
      const listing = await listFolder();
      if (!listing) throw new WebDavError({ code: 'not-found', status: 404 });
      return listing.files;
    },

    async get(name, size) {
      const url = fileUrl(name);
      const answer = await exchange('GET', url, { read: true, bytes: size ?? 0 });
      if (answer.status === 404 || answer.status === 410) return null;
      if (answer.status < 200 || answer.status >= 300) fail(answer, url);
      return answer.text;
    },

    async put(name, body, contentType = 'application/json') {
      const url = fileUrl(name);
      const bytes = new TextEncoder().encode(body);
      const answer = await exchange('PUT', url, {
        headers: { 'Content-Type': contentType },
        body,
        bytes: bytes.length,
      });
      if (answer.status < 200 || answer.status >= 300) {
        const problem = problemFromStatus(answer.status, answer.headers, url);
        if (problem.code === 'too-large') problem.bytes = bytes.length;
        throw new WebDavError(problem);
      }
    },

    async remove(name) {
      const url = fileUrl(name);
      const answer = await exchange('DELETE', url);
      if ((answer.status < 200 || answer.status >= 300) && answer.status !== 404) fail(answer, url);
    },
  };
}
