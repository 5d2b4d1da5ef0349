// The words of "Test on the current page" (the options page's site rules): what the test found, per site and
// per rule. Pure, for the view and its unit tests.
import { plural, type MessageKey, type Translate } from '../contracts/i18n.ts';
import { RULE_TEST_TIMEOUT_MS, type SiteRuleTest } from '../contracts/site-rule-test.ts';
import type { PageFailureReason } from '../contracts/page.ts';
import { localeFormat } from '../core/util/index.ts';

/** A test running, or its result, for one site. */
export type RuleTestState = { kind: 'testing' } | { kind: 'done'; test: SiteRuleTest };

/**
 * The view's words for a page that gave no article (ArticleView's map, for the reasons a test reports as
 * unreadable). Not imported from there: a module the popup shares with this page becomes a chunk of its own in the
 * popup's first paint, which has no room to spare.
 */
const UNREADABLE: Partial<Record<PageFailureReason, MessageKey>> = {
  'not-article': 'failureNotArticle',
  'too-large': 'failureTooLarge',
  'too-slow': 'failureTooSlow',
  empty: 'failureEmpty',
  'not-html': 'failureNotHtml',
};

/** How many hidden blocks' texts a rule's line quotes (the count says the rest). */
const QUOTED_MAX = 3;

/** The site's line: the page tested and what the article keeps, or why nothing was tested. */
export function ruleTestSummary(t: Translate, locale: string, site: string, state: RuleTestState): string {
  if (state.kind === 'testing') return t('siteRuleTesting', [site]);
  const { test } = state;
  if (test.ok) {
    const title = test.page.title || test.page.url;
    return plural(t, locale, 'siteRuleTestPage', test.paragraphs, title);
  }
  switch (test.reason) {
    case 'no-tab':
      return t('siteRuleTestNoTab', [site]);
    case 'timeout':
      return t('siteRuleTestTimeout', [site, localeFormat(locale).duration(RULE_TEST_TIMEOUT_MS / 1000)]);
    case 'loading':
      return t('siteRuleTestLoading', [site]);
    case 'unreadable':
      return t('siteRuleTestUnreadable', [site, t(UNREADABLE[test.pageReason ?? 'error'] ?? 'failureError')]);
    default:
      return t('siteRuleTestFailed', [test.message]);
  }
}

/** One rule's line under it: what it hides on the page tested, or that it was not applied there; null if none. */
export function ruleTestLine(t: Translate, locale: string, state: RuleTestState, ruleId: string): string | null {
  if (state.kind !== 'done' || !state.test.ok) return null;
  const rule = state.test.rules.find((r) => r.id === ruleId);
  if (!rule) return null;
  if (rule.refused) {
    return rule.refused.reason === 'first-paragraph'
      ? t('siteRuleTestRefusedFirst')
      : t('siteRuleTestRefusedMost', [localeFormat(locale).percent(rule.refused.share)]);
  }
  if (!rule.hidden.length) return t('siteRuleTestNothing');
  const quoted = rule.hidden.slice(0, QUOTED_MAX).map((text) => t('siteRuleTestQuoted', [text]));
  if (rule.hidden.length > QUOTED_MAX) quoted.push('…');
  return plural(t, locale, 'siteRuleTestHides', rule.hidden.length, quoted.join(', '));
}
