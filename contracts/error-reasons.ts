// The reader's words for each kind of error (core/util/error-reason.ts sorts them): a browser's or a server's
// own English message is never shown.
import { errorReason, type ErrorReason } from '../core/util/index.ts';
import type { MessageKey, Translate } from './i18n.ts';

export const ERROR_REASON_MESSAGES: Record<ErrorReason, MessageKey> = {
  restricted: 'reasonRestricted',
  'tab-closed': 'reasonTabClosed',
  timeout: 'reasonTimeout',
  'write-rate': 'reasonWriteRate',
  quota: 'reasonQuota',
  'offline-unavailable': 'reasonOfflineUnavailable',
  'extension-restarted': 'reasonExtensionRestarted',
  auth: 'reasonAuth',
  'not-webdav': 'reasonNotWebDav',
  'bad-address': 'reasonBadAddress',
  unreachable: 'reasonUnreachable',
  server: 'reasonServer',
  unknown: 'reasonUnknown',
};

/** Why `error` happened, in the reader's language (a phrase to put inside a sentence, e.g. after a colon). */
export function describeError(t: Translate, error: unknown): string {
  return t(ERROR_REASON_MESSAGES[errorReason(error)]);
}
