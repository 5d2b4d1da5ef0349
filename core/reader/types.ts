import type { CleanupRule } from './cleanup/rule.ts';
import type { BlockProvenance, RefusedRule, SiteRule } from './site-rules/types.ts';
import type { ProvenanceRecorder } from './site-rules/provenance.ts';

export interface RemovedBlock {
  /** Id of the cleanup rule that removed it. */
  rule: string;
  /** The removed text, shortened: for transparency and debugging. */
  text: string;
}

export interface Article {
  url: string;
  /** The page's declared canonical address (`<link rel="canonical">`, else og:url), absolute; null if none. */
  canonicalUrl: string | null;
  title: string;
  /** Null when it only repeats the site's name. */
  byline: string | null;
  /** The page's own name for its site, else its host name ("bbc.co.uk"); null for a page without a web address. */
  siteName: string | null;
  /** BCP 47 tag, lower-case primary subtag at least ("fr", "en-gb"); "" when unknown. */
  lang: string;
  dir: 'ltr' | 'rtl' | null;
  /** ISO 8601 when the page says it. */
  publishedTime: string | null;
  /** The page's own standfirst / lede, plain text. */
  lede: string | null;
  /**
   * The page's own summary, as points: a summary box in the article ("L'essentiel", "Key points",
   * "TL;DR"…), else the lede, else the JSON-LD description; null when the page has none.
   * Optional: articles saved before it existed lack it.
   */
  publisherSummary?: string[] | null;
  /** Sanitized HTML: safe to render. */
  contentHtml: string;
  /** Plain text, blank line between blocks. */
  text: string;
  wordCount: number;
  readingTimeMinutes: number;
  removed: RemovedBlock[];
  /** The reader's site rules for this page that were not applied, and why (present when any were given). */
  refusedRules?: RefusedRule[];
  /** Where each direct block came from in the original markup (`articleBlocks` order); only when asked. */
  provenance?: BlockProvenance[];
}

/**
 * 'too-large': over the element or nesting limit, found before any work; 'too-slow': the time budget ran out
 * (a big page on a slow or busy machine: trying again may work).
 */
export type ExtractFailureReason = 'not-article' | 'too-large' | 'too-slow' | 'empty' | 'error';

export interface ExtractFailure {
  ok: false;
  reason: ExtractFailureReason;
  message: string;
}

export type ExtractResult = { ok: true; article: Article } | ExtractFailure;

/**
 * The article as the extraction script returns it from the page (`extractPageArticle`): without the figures read
 * from its text alone, which `finishArticle` adds where the result arrives. `lang` is the page's, or "".
 */
export type PageArticle = Omit<Article, 'wordCount' | 'readingTimeMinutes'>;

export type PageExtractResult = { ok: true; article: PageArticle } | ExtractFailure;

export interface ExtractOptions {
  /** Skip the "does this look like an article" check. */
  force?: boolean;
  /** Keep figures with their captions (credit lines are still dropped). */
  keepCaptions?: boolean;
  /** Give up on pages with more elements than this (100,000 by default). */
  maxElements?: number;
  /** Give up on pages whose elements nest deeper than this (512 levels by default). */
  maxDepth?: number;
  /**
   * Give up ('too-slow') once the extraction has taken longer than this, in milliseconds (10 s by default). Checked
   * between stages and inside the cleanup; Readability and DOMPurify each run in one go, so the overrun is noticed
   * after them.
   */
  timeBudgetMs?: number;
  /** The clock the time budget reads, in ms (performance.now by default; tests pass their own). */
  clock?: () => number;
  /** The cleanup rules to run; all of them by default. `[]` gives plain Readability plus sanitizing; tests drop one rule to prove it is needed. */
  rules?: readonly CleanupRule[];
  /** The reader's own rules (any site's: only this page's site's apply). */
  siteRules?: readonly SiteRule[];
  /**
   * Record each output block's provenance (for learning a site rule): `RECORD_PROVENANCE`. Off on the normal path
   * (it costs a walk), and an object rather than a flag so that scripts that never record it do not bundle it.
   */
  provenance?: ProvenanceRecorder;
  /**
   * The page's base address when `doc` is not the page itself but its markup parsed again elsewhere
   * (core/reader/snapshot.ts): that document's own address is the extension page's, the page's is `url`.
   */
  baseUrl?: string;
}
