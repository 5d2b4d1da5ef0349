// A minimal WebDAV client for the reading list's cross-browser sync: a folder of small JSON files on a server the
// reader owns (Nextcloud, ownCloud, Apache mod_dav…). It runs wherever `fetch` does (service worker, page, Node):
// no DOM, so the multistatus XML is read with a small, tolerant parser below.
//
// Credentials go only to the configured origin: every address is built from the base URL and checked against
// its origin, redirects are not followed (a redirect is reported instead), and nothing here logs or puts the
// password in an error message.
import { utf8Base64 } from './base64.ts';

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
  /** Per request (ms). Default 20,000. */
  timeoutMs?: number;
}

export type WebDavErrorKind = 'auth' | 'not-found' | 'unreachable' | 'not-webdav' | 'server-error' | 'full' | 'config';

/** A failed request, with its kind and a message in plain words (never the credentials). */
export class WebDavError extends Error {
  override readonly name = 'WebDavError';
  constructor(
    readonly kind: WebDavErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type ConnectionResult = { ok: true; message: string } | { ok: false; kind: WebDavErrorKind; message: string };

export interface RemoteFile {
  /** File name inside the folder (decoded). */
  name: string;
  size: number | null;
  /** ms since 1970, when the server says. */
  modified: number | null;
}

export interface WebDavClient {
  readonly origin: string;
  testConnection(): Promise<ConnectionResult>;
  /** Creates the folder (and its parents) if missing. */
  ensureFolder(): Promise<void>;
  /** The files (not sub-folders) in the folder. */
  listFiles(): Promise<RemoteFile[]>;
  /** A file's text; null when it does not exist. */
  get(name: string): Promise<string | null>;
  /** Writes a file (replacing it). */
  put(name: string, body: string, contentType?: string): Promise<void>;
  /** Deletes a file; one already gone is no error. */
  remove(name: string): Promise<void>;
}

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getcontentlength/><d:getlastmodified/></d:prop></d:propfind>';

function describeStatus(status: number, what: string): WebDavError {
  if (status === 401 || status === 403) {
    return new WebDavError(
      'auth',
      status === 401
        ? 'The server refused the user name or password (check them, or use an app password).'
        : 'The server refused access to this folder for this user.',
      status,
    );
  }
  if (status === 404 || status === 409) {
    return new WebDavError('not-found', `${what}: the server has no such folder (check the address).`, status);
  }
  if (status === 507) return new WebDavError('full', 'The server is out of space (507 Insufficient Storage).', status);
  if (status >= 300 && status < 400) {
    return new WebDavError(
      'not-webdav',
      'The server redirected to another address: use the address it redirects to (https, trailing slash).',
      status,
    );
  }
  if (status >= 500) return new WebDavError('server-error', `${what}: the server failed (HTTP ${status}).`, status);
  if (status === 405 || status === 501) {
    return new WebDavError('not-webdav', 'This address does not speak WebDAV (check the address).', status);
  }
  return new WebDavError('server-error', `${what}: unexpected answer from the server (HTTP ${status}).`, status);
}

/** Folder path segments, without empty or dot segments. */
function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (all, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** The text of the first element with this local name (any namespace prefix), or null. */
function elementText(xml: string, local: string): string | null {
  const match = new RegExp(`<(?:[\\w.-]+:)?${local}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${local}\\s*>`, 'i').exec(
    xml,
  );
  return match ? decodeEntities(match[1]!.trim()) : null;
}

export interface MultistatusEntry {
  href: string;
  collection: boolean;
  size: number | null;
  modified: number | null;
}

/** The entries of a PROPFIND multistatus answer; tolerant of namespace prefixes, CDATA-less servers, odd spacing. */
export function parseMultistatus(xml: string): MultistatusEntry[] {
  const out: MultistatusEntry[] = [];
  const response = /<(?:[\w.-]+:)?response(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?response\s*>/gi;
  for (const match of xml.matchAll(response)) {
    const body = match[1]!;
    const href = elementText(body, 'href');
    if (!href) continue;
    const size = Number(elementText(body, 'getcontentlength') ?? NaN);
    const modified = Date.parse(elementText(body, 'getlastmodified') ?? '');
    out.push({
      href,
      collection: /<(?:[\w.-]+:)?collection\s*\/?>/i.test(body),
      size: Number.isFinite(size) ? size : null,
      modified: Number.isFinite(modified) ? modified : null,
    });
  }
  return out;
}

export function createWebDavClient(config: WebDavConfig, options: WebDavClientOptions = {}): WebDavClient {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 20_000;
  let base: URL;
  try {
    base = new URL(config.baseUrl.endsWith('/') ? config.baseUrl : config.baseUrl + '/');
  } catch {
    base = new URL('invalid:');
  }
  const validBase = base.protocol === 'https:' || base.protocol === 'http:';
  const origin = validBase ? base.origin : '';
  const folderParts = segments(config.folder);
  const authorization = 'Basic ' + utf8Base64(`${config.user}:${config.password}`);

  function folderUrl(parts = folderParts): URL {
    return new URL(parts.map((p) => encodeURIComponent(p) + '/').join(''), base);
  }

  function fileUrl(name: string): URL {
    if (!name || name.includes('/') || name === '.' || name === '..') {
      throw new WebDavError('config', 'Invalid file name.');
    }
    return new URL(encodeURIComponent(name), folderUrl());
  }

  async function request(
    method: string,
    url: URL,
    what: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<Response> {
    if (!validBase) throw new WebDavError('config', 'The server address is not a valid http(s) address.');
    // Only ever to the configured origin.
    if (url.origin !== origin) throw new WebDavError('config', 'Refusing to send credentials to another server.');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: { Authorization: authorization, ...init.headers },
        body: init.body,
        redirect: 'manual',
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      const timedOut = controller.signal.aborted;
      throw new WebDavError(
        'unreachable',
        timedOut
          ? `${what}: the server did not answer within ${Math.round(timeoutMs / 1000)} s.`
          : `${what}: the server cannot be reached (offline, wrong address, or blocked).`,
        undefined,
      );
    } finally {
      clearTimeout(timer);
    }
    if (response.type === 'opaqueredirect') {
      throw new WebDavError(
        'not-webdav',
        'The server redirected to another address: use the address it redirects to (https, trailing slash).',
      );
    }
    return response;
  }

  async function propfind(url: URL, depth: '0' | '1', what: string): Promise<MultistatusEntry[]> {
    const response = await request('PROPFIND', url, what, {
      headers: { Depth: depth, 'Content-Type': 'application/xml; charset=utf-8' },
      body: PROPFIND_BODY,
    });
    const text = await response.text().catch(() => '');
    if (response.status !== 207) {
      // A plain web server answers 200 (a page) or 405 to PROPFIND.
      if (response.status >= 200 && response.status < 300) {
        throw new WebDavError('not-webdav', 'This address does not speak WebDAV (check the address).', response.status);
      }
      throw describeStatus(response.status, what);
    }
    if (!/multistatus/i.test(text)) {
      throw new WebDavError('not-webdav', 'The server gave an answer that is not WebDAV.', response.status);
    }
    return parseMultistatus(text);
  }

  return {
    origin,

    async testConnection() {
      try {
        await propfind(base, '0', 'Connecting');
        return { ok: true, message: 'Connected.' };
      } catch (error) {
        if (error instanceof WebDavError) return { ok: false, kind: error.kind, message: error.message };
        return { ok: false, kind: 'server-error', message: 'Unexpected error while connecting.' };
      }
    },

    async ensureFolder() {
      for (let i = 1; i <= folderParts.length; i++) {
        const url = folderUrl(folderParts.slice(0, i));
        const response = await request('MKCOL', url, 'Creating the folder');
        await response.body?.cancel().catch(() => undefined);
        // 201 created; 405 (or 301 from some servers) already there.
        if (response.status === 201 || response.status === 405 || response.ok) continue;
        throw describeStatus(response.status, 'Creating the folder');
      }
    },

    async listFiles() {
      const url = folderUrl();
      const entries = await propfind(url, '1', 'Listing the folder');
      const files: RemoteFile[] = [];
      for (const entry of entries) {
        if (entry.collection) continue;
        let path: string;
        try {
          path = new URL(entry.href, url).pathname;
        } catch {
          continue;
        }
        const last = path.split('/').filter(Boolean).pop();
        if (!last) continue;
        let name: string;
        try {
          name = decodeURIComponent(last);
        } catch {
          continue;
        }
        files.push({ name, size: entry.size, modified: entry.modified });
      }
      return files;
    },

    async get(name) {
      const response = await request('GET', fileUrl(name), `Reading ${name}`);
      if (response.status === 404) {
        await response.body?.cancel().catch(() => undefined);
        return null;
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw describeStatus(response.status, `Reading ${name}`);
      }
      try {
        return await response.text();
      } catch {
        throw new WebDavError('unreachable', `Reading ${name}: the connection broke.`);
      }
    },

    async put(name, body, contentType = 'application/json') {
      const response = await request('PUT', fileUrl(name), `Writing ${name}`, {
        headers: { 'Content-Type': contentType },
        body,
      });
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) throw describeStatus(response.status, `Writing ${name}`);
    },

    async remove(name) {
      const response = await request('DELETE', fileUrl(name), `Deleting ${name}`);
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok && response.status !== 404) throw describeStatus(response.status, `Deleting ${name}`);
    },
  };
}
