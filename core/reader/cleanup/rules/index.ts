import type { CleanupRule } from '../rule.ts';
import adLabel from './ad-label.ts';
import authorContact from './author-contact.ts';
import callToAction from './call-to-action.ts';
import dateline from './dateline.ts';
import pageEcho from './page-echo.ts';
import siteChrome from './site-chrome.ts';
import breadcrumbs from './breadcrumbs.ts';
import caption from './caption.ts';
import commentForm from './comment-form.ts';
import duplicateCaption from './duplicate-caption.ts';
import newsletterPromo from './newsletter-promo.ts';
import orphanLabel from './orphan-label.ts';
import photoCredit from './photo-credit.ts';
import playerFallback from './player-fallback.ts';
import readingTime from './reading-time.ts';
import relatedLinks from './related-links.ts';
import repeatedBlock from './repeated-block.ts';
import socialShare from './social-share.ts';
import strayImageLabel from './stray-image-label.ts';
import tagLabels from './tag-labels.ts';
import voteCounter from './vote-counter.ts';
import trailingChrome from './trailing-chrome.ts';
import closingPromo from './closing-promo.ts';
import trailingBox from './trailing-box.ts';
import leadingChrome from './leading-chrome.ts';
import leadingMenu from './leading-menu.ts';

/** Every cleanup rule, in the order they are tried on each block. */
export const RULES: readonly CleanupRule[] = [
  readingTime,
  dateline,
  siteChrome,
  playerFallback,
  voteCounter,
  pageEcho,
  authorContact,
  callToAction,
  breadcrumbs,
  trailingBox, // before comment-form, which takes the "Comments" heading alone
  commentForm,
  newsletterPromo,
  socialShare,
  relatedLinks,
  tagLabels,
  adLabel,
  photoCredit,
  caption,
  duplicateCaption,
  strayImageLabel,
  repeatedBlock,
  leadingChrome,
  leadingMenu,
  trailingChrome,
  closingPromo,
  orphanLabel,
];
