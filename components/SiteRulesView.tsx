import { plural, type Translate } from '../contracts/i18n.ts';
import type { SiteRule } from '../core/reader/index.ts';
import type { RulesSyncInfo } from '../core/reading-list/index.ts';
import { localeFormat } from '../core/util/index.ts';
import { ruleTestLine, ruleTestSummary, type RuleTestState } from './site-rule-test-text.ts';

export interface SiteRulesViewProps {
  t: Translate;
  locale: string;
  /** Live rules, oldest first. */
  rules: SiteRule[];
  /** How many fit in browser sync; null until known. */
  info: RulesSyncInfo | null;
  /** The rule just deleted, for Undo; null when none. */
  deleted: SiteRule | null;
  onDelete: (rule: SiteRule) => void;
  onUndo: () => void;
  /** "Test on the current page", per site: running or done; absent when not asked. */
  tests: Readonly<Record<string, RuleTestState>>;
  onTest: (site: string) => void;
}

/** What a rule hides, in words (its selector, or its text shape). */
export function describeRule(t: Translate, rule: SiteRule): string {
  if (rule.selector) return t('siteRuleSelector', [rule.selector]);
  const start = rule.text?.startsWith ?? '';
  return t(rule.text?.singleLink ? 'siteRuleTextLink' : 'siteRuleTextStart', [start]);
}

/**
 * The options page's list of the reader's site rules, per site, with delete and Undo, and "Test on the current
 * page" (what each rule does on the open page of its site). Presentational.
 */
export function SiteRulesView(props: SiteRulesViewProps) {
  const { t, rules, info } = props;
  const format = localeFormat(props.locale);
  const n = (value: number) => format.integer(value);
  const bySite = new Map<string, SiteRule[]>();
  for (const rule of rules) bySite.set(rule.site, [...(bySite.get(rule.site) ?? []), rule]);
  const sites = [...bySite.keys()].sort((a, b) => a.localeCompare(b));
  return (
    // id: the in-page view's "Review" of a refused rule links to options.html#site-rules.
    <section id="site-rules" class="site-rules" aria-labelledby="site-rules-heading">
      <h2 id="site-rules-heading">{t('siteRulesHeading')}</h2>
      <p class="hint">{t('siteRulesIntro')}</p>
      {info && info.total > 0 && (
        <p class="hint site-rules-fit">
          {info.newer
            ? t('siteRulesNewer')
            : plural(t, props.locale, 'siteRulesFit', info.total, n(info.fit), n(Math.max(info.capacity, info.fit)))}
          {!info.newer && info.fit < info.total && <> {t('siteRulesBeyond')}</>}
        </p>
      )}
      {info?.error && <p class="error">{t('siteRulesSyncError', [info.error])}</p>}
      {props.deleted && (
        <p class="result site-rule-deleted" role="status">
          {t('siteRuleDeleted', [props.deleted.site])}{' '}
          <button type="button" onClick={props.onUndo}>
            {t('undo')}
          </button>
        </p>
      )}
      {rules.length === 0 ? (
        <p class="site-rules-none">{t('siteRulesNone')}</p>
      ) : (
        sites.map((site) => {
          const test = props.tests[site];
          return (
            <div class="site-rules-site" key={site} data-site={site}>
              <h3>{site}</h3>
              <ul>
                {bySite.get(site)!.map((rule) => (
                  <li key={rule.id} class="site-rule" data-rule={rule.id}>
                    <span class="site-rule-what">{describeRule(t, rule)}</span>
                    <span class="hint site-rule-made">{t('siteRuleMade', [format.date(rule.created) ?? '?'])}</span>
                    <button
                      type="button"
                      aria-label={t('siteRuleDeleteLabel', [site])}
                      title={t('siteRuleDeleteLabel', [site])}
                      onClick={() => props.onDelete(rule)}
                    >
                      {t('siteRuleDelete')}
                    </button>
                    {/* Live regions, there from the start: what a test finds is announced as it comes. */}
                    <span class="site-rule-test" role="status">
                      {test && ruleTestLine(t, props.locale, test, rule.id)}
                    </span>
                  </li>
                ))}
              </ul>
              <p class="site-rules-test">
                <button
                  type="button"
                  class="site-rules-test-run"
                  aria-label={t('siteRuleTestLabel', [site])}
                  title={t('siteRuleTestLabel', [site])}
                  // Not `disabled`: the focus stays on the button while its test runs.
                  aria-disabled={test?.kind === 'testing'}
                  onClick={() => test?.kind !== 'testing' && props.onTest(site)}
                >
                  {t('siteRuleTest')}
                </button>{' '}
                <span class="site-rules-test-summary" role="status">
                  {test && ruleTestSummary(t, props.locale, site, test)}
                </span>
              </p>
            </div>
          );
        })
      )}
    </section>
  );
}
