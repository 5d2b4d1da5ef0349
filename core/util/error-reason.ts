// What went wrong, in categories a reader can be told in their language. Browser, storage and network errors
// come as English text worded differently by each browser; the UI never shows that text, only the category's
// message (contracts/error-reasons.ts). Order matters: the first pattern that matches wins.
import { errorMessage } from './errors.ts';

export type ErrorReason =
  | 'restricted'
  | 'tab-closed'
  | 'timeout'
  | 'write-rate'
  | 'quota'
  | 'offline-unavailable'
  | 'extension-restarted'
  | 'auth'
  | 'not-webdav'
  | 'bad-address'
  | 'unreachable'
  | 'server'
  | 'unknown';

const PATTERNS: readonly (readonly [ErrorReason, RegExp])[] = [
  // Chrome: "Cannot access a chrome:// URL", "Cannot access contents of url …", "The extensions gallery cannot be
  // scripted."; Firefox: "Missing host permission for the tab", "… permission to access …".
  ['restricted', /cannot access|cannot be scripted|missing host permission|permission to access|no permission for/i],
  ['tab-closed', /no tab with id|invalid tab id|tab was closed|frame with id \d+ was removed|no frame with id/i],
  ['timeout', /did not answer within|timed? ?out|timeout/i],
  // Chrome names the sync limit it hit: MAX_WRITE_OPERATIONS_PER_MINUTE / _PER_HOUR.
  ['write-rate', /MAX_WRITE_OPERATIONS/],
  ['quota', /quota|QUOTA_BYTES|MAX_ITEMS|storage is full|no space|disk is full|insufficient storage|\b507\b/i],
  ['offline-unavailable', /indexeddb|offline copies are unavailable|database/i],
  [
    'extension-restarted',
    /context invalidated|receiving end does not exist|could not establish connection|port closed/i,
  ],
  ['auth', /\b40[13]\b|unauthori[sz]ed|forbidden|credentials|user name or password|refused access/i],
  ['not-webdav', /speak webdav|not webdav|no such folder|\b40[459]\b|not found/i],
  ['bad-address', /invalid url|not a url|valid http|another server|redirect/i],
  [
    'unreachable',
    /failed to fetch|networkerror|network error|unreachable|cannot be reached|connection broke|no connection|\boffline\b|econnrefused/i,
  ],
  ['server', /\b5\d\d\b|server error|internal error/i],
];

/** The category of an error (an Error, a browser's message, a storage failure's text). */
export function errorReason(error: unknown): ErrorReason {
  const message = errorMessage(error);
  return PATTERNS.find(([, pattern]) => pattern.test(message))?.[0] ?? 'unknown';
}
