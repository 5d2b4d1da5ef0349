// What can go wrong with a WebDAV server, as data: a code and the facts the reader needs (the HTTP status, the
// address a redirect names, how long to wait, a size). The words are the interface's, in the reader's language
// (public/_locales, components/webdav-problem-text.ts); nothing here holds a credential.

export type WebDavProblemCode =
  // The server's answers.
  | 'auth' // 401
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'not-webdav' // 405 or 501 to a WebDAV method, a web page instead of a multistatus
  | 'conflict' // 409: a folder on the way is missing
  | 'precondition' // 412
  | 'too-large' // 413
  | 'locked' // 423
  | 'rate-limited' // 429 (retryAfterSeconds when the server says)
  | 'server-error' // 500 and other 5xx
  | 'unavailable' // 502, 503, 504
  | 'full' // 507 Insufficient Storage
  | 'redirect' // 3xx (location when the runtime lets us read it)
  | 'unexpected' // any other status
  // The way there.
  | 'timeout'
  | 'unreachable'
  | 'dns'
  | 'tls'
  | 'connection-broke'
  // The settings.
  | 'credentials-in-address'
  | 'bad-address'
  | 'insecure-address' // http:// to another computer: the password and the list would travel in clear
  | 'permission'
  // The sync as a whole.
  | 'abandoned'
  | 'wrong-passphrase'
  | 'passphrase-needed'
  | 'failed' // anything else (detail: a technical English text, e.g. a storage error)
  // One file or one offline copy.
  | 'garbage'
  | 'newer'
  | 'damaged-items'
  | 'unusable-copy'
  | 'copy-too-large';

export interface WebDavProblem {
  code: WebDavProblemCode;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Where a redirect leads (absolute). */
  location?: string;
  /** How long the server asks to wait (429, 503). */
  retryAfterSeconds?: number;
  /** The size concerned (too large), in bytes. */
  bytes?: number;
  /** The time limit that passed (timeout, abandoned), in seconds. */
  seconds?: number;
  /** The host name (dns, tls). */
  host?: string;
  /** How many (damaged items). */
  count?: number;
  /** A technical detail in English (failed, garbage), for the curious; never a credential. */
  detail?: string;
  /** The file concerned, relative to the sync folder ("articles/<id>.json" for an offline copy). */
  file?: string;
  /** The article's title, for an offline copy of an item in the list. */
  title?: string;
}

/** A problem with one file of the sync folder or one offline copy; the rest of the sync went on. */
export interface SyncProblem extends WebDavProblem {
  /** "" for a whole pass (the offline copies' pass stopped). */
  file: string;
}

/** A failed request or sync step, with what went wrong as data. */
export class WebDavError extends Error {
  override readonly name = 'WebDavError';
  constructor(readonly problem: WebDavProblem) {
    super(`WebDAV: ${problem.code}${problem.status ? ` (HTTP ${problem.status})` : ''}`);
  }
  get code(): WebDavProblemCode {
    return this.problem.code;
  }
}

/** Seconds from a Retry-After header (delay in seconds, or an HTTP date); undefined when absent or unusable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 86_400);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.min(Math.max(0, Math.ceil((at - now) / 1000)), 86_400) : undefined;
}

/** What an HTTP status means, for any request (PROPFIND callers turn 405/501 and 2xx into not-webdav). */
export function problemFromStatus(status: number, headers?: Headers, base?: URL): WebDavProblem {
  const code = statusCode(status);
  const problem: WebDavProblem = { code, status };
  if (code === 'redirect') {
    const location = headers?.get('location');
    if (location) {
      try {
        problem.location = new URL(location, base).href;
      } catch {
        problem.location = location;
      }
    }
  }
  if (status === 429 || status === 503) {
    const wait = retryAfterSeconds(headers?.get('retry-after') ?? null);
    if (wait !== undefined) problem.retryAfterSeconds = wait;
  }
  return problem;
}

function statusCode(status: number): WebDavProblemCode {
  switch (status) {
    case 401:
      return 'auth';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'not-found';
    case 405:
    case 501:
      return 'not-webdav';
    case 409:
      return 'conflict';
    case 412:
      return 'precondition';
    case 413:
      return 'too-large';
    case 423:
      return 'locked';
    case 429:
      return 'rate-limited';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    case 507:
      return 'full';
  }
  if (status >= 300 && status < 400) return 'redirect';
  if (status >= 500) return 'server-error';
  return 'unexpected';
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA']);
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/i;

/**
 * What a failed fetch means. Node (and the tests) tell the cause (error.cause.code); browsers only say "failed to
 * fetch", so there an https address's certificate stays among the possible causes the message lists.
 */
export function problemFromNetworkError(error: unknown, url: URL): WebDavProblem {
  const host = url.hostname;
  for (let cause: unknown = error, depth = 0; cause && depth < 4; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    const text = `${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''}`;
    if (typeof code === 'string' && DNS_CODES.has(code)) return { code: 'dns', host };
    if (/ERR_NAME_NOT_RESOLVED/.test(text)) return { code: 'dns', host };
    if (TLS_CODE.test(text) || /ERR_CERT_|SEC_ERROR_|SSL_ERROR_/.test(text)) return { code: 'tls', host };
    cause = (cause as { cause?: unknown }).cause;
  }
  return { code: 'unreachable', host };
}

/** The problem of anything thrown during a sync: a WebDavError's, else 'failed' with the error's text. */
export function problemOf(error: unknown): WebDavProblem {
  if (error instanceof WebDavError) return error.problem;
  return { code: 'failed', detail: error instanceof Error ? error.message : String(error) };
}
