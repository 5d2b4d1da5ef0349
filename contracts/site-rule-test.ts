// "Test on the current page" (the options page's site rules): which tab to test a site's rules on, and what the
// test found there. Pure: the background (platform/site-rule-test.ts) gathers the tabs and runs the extraction.
import { siteOf, type Article, type RefusedRule, type SiteRule } from '../core/reader/index.ts';
import { truncate } from '../core/util/index.ts';
import type { PageFailureReason } from './page.ts';

/** What the background knows of a tab (`tabs.query`): `url` only where the extension may read the tab. */
export interface TabFacts {
  id?: number;
  url?: string;
  title?: string;
  windowId?: number;
  /** ms since 1970 (Chrome 121+, Firefox). */
  lastAccessed?: number;
  active?: boolean;
}

export interface TestCandidate {
  id: number;
  url: string;
  title: string;
}

/**
 * The tabs to test `site`'s rules on, best first: those whose address is on the site (a tab the extension may not
 * read has no address here), in the asking page's window first, then the most recently used. The asking tab
 * itself (the options page) is never one.
 */
export function testCandidates(
  tabs: readonly TabFacts[],
  site: string,
  from: { windowId?: number; tabId?: number } = {},
): TestCandidate[] {
  const used = (tab: TabFacts) => tab.lastAccessed ?? (tab.active ? Number.MAX_SAFE_INTEGER : 0);
  const here = (tab: TabFacts) => (from.windowId !== undefined && tab.windowId === from.windowId ? 1 : 0);
  return tabs
    .filter((tab) => tab.id !== undefined && tab.id !== from.tabId && !!tab.url && siteOf(tab.url) === site)
    .sort((a, b) => here(b) - here(a) || used(b) - used(a))
    .map((tab) => ({ id: tab.id!, url: tab.url!, title: tab.title ?? '' }));
}

/** What one rule did on the tested page. */
export interface RuleOnPage {
  id: string;
  /** The text of each block it removed, shortened. */
  hidden: string[];
  /** Set when the rule was not applied there (it would have eaten the article). */
  refused?: Pick<RefusedRule, 'reason' | 'share'>;
}

export type SiteRuleTestFailure =
  /** No tab of the site that Clear Reader may read (the reader has not used it there since it loaded). */
  | 'no-tab'
  /** The page did not answer within the test's time limit. */
  | 'timeout'
  /** The page is still loading: the article may not be complete yet. */
  | 'loading'
  /** The page was read but gave no article (`pageReason` says why). */
  | 'unreadable'
  | 'error';

export type SiteRuleTest =
  | { ok: true; site: string; page: { url: string; title: string }; paragraphs: number; rules: RuleOnPage[] }
  | {
      ok: false;
      site: string;
      reason: SiteRuleTestFailure;
      page?: { url: string; title: string };
      pageReason?: PageFailureReason;
      /** Technical detail, in English. */
      message: string;
    };

/** The longest text of a hidden block the result keeps. */
export const HIDDEN_TEXT_MAX = 80;

export function shortenText(text: string, max = HIDDEN_TEXT_MAX): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/** Paragraphs of a clean article's HTML (the background has no DOM parser: Chromium's is a service worker). */
export function countParagraphs(html: string): number {
  return (html.match(/<p[\s>]/gi) ?? []).length;
}

/** What `rules` did on the page whose clean article is `article` (extracted with those rules). */
export function ruleTestResult(site: string, article: Article, rules: readonly SiteRule[]): SiteRuleTest {
  return {
    ok: true,
    site,
    page: { url: article.url, title: article.title },
    paragraphs: countParagraphs(article.contentHtml),
    rules: rules.map((rule) => {
      const refused = article.refusedRules?.find((r) => r.rule === rule.id);
      return {
        id: rule.id,
        hidden: article.removed.filter((r) => r.rule === rule.id).map((r) => shortenText(r.text)),
        ...(refused ? { refused: { reason: refused.reason, share: refused.share } } : {}),
      };
    }),
  };
}

/** How long a test may take in all: the page may be loading, or busy (then the reader is told, never left waiting). */
export const RULE_TEST_TIMEOUT_MS = 15_000;
