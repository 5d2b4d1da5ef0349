// A WebDAV problem (core/reading-list/webdav/problems.ts) in the reader's words: what happened and what to do,
// with sizes and times written the reader's way ("1.2 MB", "1,2 Mo"; "5 min").
import { plural, type Translate } from '../contracts/i18n.ts';
import { HIGHLIGHTS_PASS, MAX_COPY_BYTES, type SyncProblem, type WebDavProblem } from '../core/reading-list/index.ts';
import { localeFormat } from '../core/util/index.ts';

/** What went wrong, in a sentence or two of the reader's language. */
export function webDavProblemText(problem: WebDavProblem, t: Translate, locale: string): string {
  const status = String(problem.status ?? '');
  const host = problem.host ?? '';
  const format = localeFormat(locale);
  switch (problem.code) {
    case 'auth':
      return t('webdavProblemAuth');
    case 'forbidden':
      return t('webdavProblemForbidden');
    case 'not-found':
      return t('webdavProblemNotFound');
    case 'not-webdav':
      return t('webdavProblemNotWebdav', [status || '405']);
    case 'conflict':
      return t('webdavProblemConflict');
    case 'precondition':
      return t('webdavProblemPrecondition');
    case 'too-large':
      return problem.bytes
        ? t('webdavProblemTooLarge', [format.bytes(problem.bytes)])
        : t('webdavProblemTooLargeNoSize');
    case 'locked':
      return t('webdavProblemLocked');
    case 'rate-limited':
      return problem.retryAfterSeconds
        ? t('webdavProblemRateLimited', [format.duration(problem.retryAfterSeconds)])
        : t('webdavProblemRateLimitedNoWait');
    case 'server-error':
      return t('webdavProblemServerError', [status || '500']);
    case 'unavailable':
      return t('webdavProblemUnavailable', [status || '503']);
    case 'full':
      return t('webdavProblemFull');
    case 'redirect':
      return problem.location ? t('webdavProblemRedirect', [problem.location]) : t('webdavProblemRedirectHidden');
    case 'unexpected':
      return t('webdavProblemUnexpected', [status || '?']);
    case 'timeout':
      return t('webdavProblemTimeout', [format.duration(problem.seconds ?? 20)]);
    case 'unreachable':
      return t('webdavProblemUnreachable');
    case 'dns':
      return t('webdavProblemDns', [host]);
    case 'tls':
      return t('webdavProblemTls', [host]);
    case 'connection-broke':
      return t('webdavProblemConnectionBroke');
    case 'credentials-in-address':
      return t('webdavProblemCredentialsInAddress');
    case 'bad-address':
      return t('webdavBadUrl');
    case 'insecure-address':
      return t('webdavProblemInsecureAddress', [host]);
    case 'permission':
      return t('webdavPermissionDenied');
    case 'abandoned':
      return t('webdavProblemAbandoned', [format.duration(problem.seconds ?? 300)]);
    case 'wrong-passphrase':
      return t('webdavProblemWrongPassphrase', [problem.file ?? '']);
    case 'passphrase-needed':
      return t('webdavProblemPassphraseNeeded', [problem.file ?? '']);
    case 'garbage':
      return t('webdavProblemGarbage');
    case 'newer':
      return t('webdavProblemNewer');
    case 'damaged-items':
      return plural(t, locale, 'webdavProblemDamagedItems', problem.count ?? 0);
    case 'unusable-copy':
      return t('webdavProblemUnusableCopy');
    case 'copy-too-large':
      return t('webdavProblemCopyTooLarge', [format.bytes(problem.bytes ?? 0), format.bytes(MAX_COPY_BYTES)]);
    default:
      // 'failed', and codes of a newer version read from storage.
      return t('webdavProblemFailed', [problem.detail ?? problem.code]);
  }
}

/** A file's or an offline copy's problem, introduced by the article's title or the file's name. */
export function syncProblemText(problem: SyncProblem, t: Translate, locale: string): string {
  const copy = problem.file.includes('/');
  const text =
    copy && problem.code === 'too-large'
      ? t('webdavProblemCopyRefused', [localeFormat(locale).bytes(problem.bytes ?? 0)])
      : webDavProblemText(problem, t, locale);
  if (!problem.file) return t('webdavProblemInCopies', [text]);
  if (problem.file === HIGHLIGHTS_PASS) return t('webdavProblemInHighlights', [text]);
  if (problem.title) return t('webdavProblemInArticle', [problem.title, text]);
  return t('webdavProblemInFile', [problem.file, text]);
}
