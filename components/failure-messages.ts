// The interface's words for each reason a page gave no article (the views, the options page's rule test).
import type { MessageKey } from '../contracts/i18n.ts';
import type { PageFailureReason } from '../contracts/page.ts';

export const FAILURE_MESSAGES: Record<PageFailureReason, MessageKey> = {
  'not-article': 'failureNotArticle',
  'too-large': 'failureTooLarge',
  'too-slow': 'failureTooSlow',
  empty: 'failureEmpty',
  error: 'failureError',
  restricted: 'failureRestricted',
  'not-html': 'failureNotHtml',
  loading: 'failureLoading',
  unresponsive: 'failureUnresponsive',
  'no-response': 'failureNoResponse',
  'not-offline': 'readerNoCopy',
};
